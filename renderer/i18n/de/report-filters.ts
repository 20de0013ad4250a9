/** German UI texts of the report's filter bar, its picker and the drill-down from charts and tables (issue 16). */
export const reportFilters = {
  reportFilters: {
    heading: 'Filter',
    none: 'Kein Filter: alle Kontakte.',
    clause: '{{dimension}}:',
    clauseExcluded: '{{dimension}} ohne:',
    or: 'oder',
    removeValue: 'Filter entfernen: {{dimension}} {{value}}',
    removeExcludedValue: 'Filter entfernen: {{dimension}} ohne {{value}}',
    removeAll: 'Alle Filter entfernen',
    add: 'Filter hinzufügen',
    pickerTitle: 'Filter hinzufügen',
    pickDimension: 'Wonach filtern?',
    pickValues: 'Werte (einer oder mehrere)',
    noValues: 'Der Katalog hat dafür keine Einträge.',
    exclude: 'Ausschließen: nur Kontakte ohne diese Werte',
    selected_one: '{{count, number}} Wert gewählt',
    selected_other: '{{count, number}} Werte gewählt',
    apply: 'Filter anwenden',
    cancel: 'Abbrechen',
    noReferral: 'keine Weitervermittlung',
    noThemeDay: 'kein Thementag',
    publication:
      'Bei der Unterdrückung kleiner Zahlen gibt es keine Filter: Wer gefilterte und ungefilterte Berichte vergleicht, könnte ausgeblendete kleine Zahlen ausrechnen. Mit dem Zellschlüssel-Verfahren sind Filter möglich.',
    drillHint: 'Ein Klick auf einen Balken oder auf einen Namen in einer Tabelle filtert danach.',
    drill: 'Danach filtern: {{value}}',
    importedNotIncluded_one:
      'Nicht enthalten: {{count, number}} importierter Kontakt aus Monatswerten. Importierte Monatswerte haben nur Thema und Monat und zählen deshalb nur unter Filtern nach Thema, erstem Thema oder SDG-Ziel.',
    importedNotIncluded_other:
      'Nicht enthalten: {{count, number}} importierte Kontakte aus Monatswerten. Importierte Monatswerte haben nur Thema und Monat und zählen deshalb nur unter Filtern nach Thema, erstem Thema oder SDG-Ziel.',
  },
};

export type ReportFiltersMessages = typeof reportFilters;
