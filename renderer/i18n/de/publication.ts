/**
 * German UI texts of publication mode's choices on the report and pivot tabs (issue 17). `note` holds the
 * one sentence every published report carries, word for word as core/publication/publication-notes.ts
 * (exports and the HTML page take it from there; test/renderer/publication-texts.test.ts compares them).
 */
export const publication = {
  publication: {
    method: 'Verfahren',
    methods: {
      cellKey: 'Zellschlüssel-Verfahren (empfohlen)',
      suppression: 'Unterdrückung kleiner Zahlen',
    },
    /** The method's plain name: in the saved views' list and the audit log. */
    methodNames: { cellKey: 'Zellschlüssel-Verfahren', suppression: 'Unterdrückung kleiner Zahlen' },
    methodHints: {
      cellKey: 'Jede Zahl wird um höchstens 2 verändert, immer gleich. Filter und Pivot-Tabelle bleiben möglich.',
      suppression: 'Kleine Zahlen werden als · ausgeblendet. Für eine einzelne Tabelle, die nicht weiter aufgeteilt wird: ohne Filter und Pivot-Tabelle.',
    },
    topicGroups: 'Themencluster statt Themen',
    topicGroupsHint: 'Themen eines Clusters in einer Zeile',
    note: {
      cellKey:
        'Zum Schutz der Besucherinnen und Besucher ist jede Zahl um höchstens 2 verändert (nie 1 oder 2); Summen sind eigene Zahlen und können von der Summe ihrer Zeilen um einige abweichen.',
      suppression: 'Zum Schutz der Besucherinnen und Besucher sind kleine Zahlen und was sie verraten würde durch · ersetzt.',
    },
    groupDrill: 'Nach allen Themen des Clusters filtern: {{value}}',
  },
};

export type PublicationMessages = typeof publication;
