/** German UI texts: the closure calendar (public holidays and the site's own closures) and what the report says about closed days. */
export const closures = {
  closures: {
    heading: 'Schließtage',
    explain:
      'An Schließtagen gibt es keine Öffnungsstunden: Sie zählen nicht in „Kontakte je Öffnungsstunde“, nicht als Thementag und nicht als Vergleichstag. Die gesetzlichen Feiertage Österreichs sind eingebaut; eigene Schließzeiten (z. B. eine Weihnachtspause) tragen Sie hier ein.',
    add: 'Schließzeit eintragen',
    addHeading: 'Neue Schließzeit',
    editHeading: 'Schließzeit ändern',
    from: 'Von',
    to: 'Bis (einschließlich)',
    note: 'Anlass',
    notePlaceholder: 'z. B. Weihnachtspause',
    kind: 'Art',
    kinds: { closed: 'geschlossen', open: 'trotzdem geöffnet' },
    kindHelp: '„trotzdem geöffnet“ hebt für diese Tage einen Feiertag oder eine Schließzeit auf: Ihre Öffnungsstunden zählen dann.',
    save: 'Speichern',
    edit: 'Ändern',
    delete: 'Löschen',
    confirmDelete: 'Schließzeit „{{note}}“ löschen?',
    deleteExplain: '{{range}} zählt danach wieder nach den Öffnungszeiten. Das Protokoll behält den Eintrag.',
    saved: 'Gespeichert: {{note}}, {{range}}.',
    deleted: 'Gelöscht: {{note}}, {{range}}.',
    own: 'Eigene Schließzeiten',
    none: 'Noch keine eigenen Schließzeiten eingetragen.',
    length_one: '{{count, number}} Tag',
    length_other: '{{count, number}} Tage',
    col: { days: 'Zeitraum', length: 'Dauer', note: 'Anlass', kind: 'Art' },
    holidays: 'Gesetzliche Feiertage {{year}}',
    holidaysExplain:
      'Eingebaut und für jedes Jahr berechnet (auch Ostern und die davon abhängigen Feiertage). Karfreitag, 24. und 31. Dezember sind keine gesetzlichen Feiertage: Schließt die Einrichtung an diesen Tagen, tragen Sie sie als eigene Schließzeit ein.',
    previousYear: 'Vorjahr',
    nextYear: 'Folgejahr',
    holidayCol: { day: 'Datum', name: 'Feiertag', status: 'An diesem Tag' },
    holidayClosed: 'geschlossen',
    holidayOpened: 'geöffnet laut „{{note}}“',
    problems: {
      from: 'Bitte das erste Datum wählen (2000 bis 2099).',
      to: 'Bitte das letzte Datum wählen (2000 bis 2099).',
      order: 'Das letzte Datum liegt vor dem ersten.',
      length: 'Höchstens {{max}} Tage je Eintrag: Längere Schließzeiten bitte aufteilen.',
      note: 'Bitte den Anlass nennen (1 bis {{max}} Zeichen, eine Zeile).',
    },
    inReport: {
      closedDays_one: 'ohne {{count, number}} Schließtag',
      closedDays_other: 'ohne {{count, number}} Schließtage',
      closedList: 'Nicht als Öffnungsstunden gezählt (geschlossen): {{days}}',
      moreClosed_one: 'und {{count, number}} weiterer',
      moreClosed_other: 'und {{count, number}} weitere',
      openDays: 'Öffnungstage',
      openDaysNote:
        'Die Karte zählt Kontakte, nicht Kontakte je Stunde. „Öffnungstage“: Tage dieses Wochentags mit Öffnungszeiten, an denen offen war (ohne Schließtage).',
    },
  },
};

export type ClosuresMessages = typeof closures;
