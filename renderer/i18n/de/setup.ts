/** German: the first-visit setup of the management area (renderer/manage/FirstVisitSetup.tsx). */
export const setup = {
  setup: {
    heading: 'Ersteinrichtung: Angaben zur Stelle bestätigen',
    intro:
      'Bitte einmal prüfen und bestätigen: Name, Eröffnungsdatum, Zeitzone und Öffnungszeiten. Bis dahin nennt die Schlagzeile keine Zahl „seit der Eröffnung“. Alles lässt sich später unter „Einstellungen“ ändern.',
    preset:
      'Vorausgefüllt sind die aktuellen Einstellungen; eine neue Datenbank beginnt mit denen der Sozial-Info im Wohnzimmer Leibnitz (eröffnet am 1. Juni 2021). Bitte für Ihre Stelle anpassen.',
    openingDateNote:
      'Der erste Tag, an dem Ihre Stelle geöffnet hatte. Ab diesem Tag zählt die Schlagzeile „Seit der Eröffnung am …: … Kontakte in … Monaten“.',
    openingHoursNote: 'Daraus werden die Kontakte je Öffnungsstunde berechnet.',
    confirm: 'Angaben bestätigen',
    confirmZone: 'Zeitzone ändern und Angaben bestätigen',
    zoneMoves_one: 'Die neue Zeitzone {{zone}} rechnet Tag und Uhrzeit von {{count, number}} schon erfasstem Kontakt neu.',
    zoneMoves_other: 'Die neue Zeitzone {{zone}} rechnet Tag und Uhrzeit von {{count, number}} schon erfassten Kontakten neu.',
    dateProblem: 'Bitte ein Datum ab dem 1. Jänner 2000 eingeben.',
  },
};
