/** German UI texts of the report's SDG section, the daily/weekly series and the referral figures. */
export const reportFigures = {
  sdgReport: {
    section: 'Beitrag zu den SDGs',
    note: 'Ein Kontakt zählt bei jedem UN-Nachhaltigkeitsziel (SDG) einmal, das eines seiner Themen trägt – auch wenn mehrere seiner Themen dasselbe Ziel tragen. Kontakte, deren Themen kein Ziel tragen, zählen nicht. Welche Themen welche Ziele tragen, steht im Katalog.',
    goal: 'SDG-Ziel',
    contacts: 'Kontakte (jeder einmal je Ziel)',
    viaTopics: 'über die Themen',
    rowsTotal: 'Summe der Zeilen (Kontakt-Ziel-Paare)',
    withGoal: 'Kontakte mit mindestens einem Ziel (jeder einmal)',
    chart: 'Kontakte je Ziel',
    none: 'Keinem Thema ist ein SDG-Ziel zugeordnet (Katalog → Themen).',
  },
  series: {
    title: { day: 'Kontakte je Tag', week: 'Kontakte je Kalenderwoche', month: 'Kontakte je Monat' },
    weekNote: 'Kalenderwochen nach ISO 8601, Montag bis Sonntag; die erste und die letzte Woche können am Rand des Zeitraums kürzer sein.',
    importedDay_one: 'Nicht in dieser Reihe: {{count, number}} importierter Kontakt aus Monatswerten (davon importiert, nicht nach Tagen aufteilbar).',
    importedDay_other: 'Nicht in dieser Reihe: {{count, number}} importierte Kontakte aus Monatswerten (davon importiert, nicht nach Tagen aufteilbar).',
    importedWeek_one: 'Nicht in dieser Reihe: {{count, number}} importierter Kontakt aus Monatswerten (davon importiert, nicht nach Wochen aufteilbar).',
    importedWeek_other: 'Nicht in dieser Reihe: {{count, number}} importierte Kontakte aus Monatswerten (davon importiert, nicht nach Wochen aufteilbar).',
    importedHidden: 'Nicht in dieser Reihe: · importierte Kontakte aus Monatswerten (davon importiert, nicht nach Tagen oder Wochen aufteilbar).',
    table: 'Werte als Tabelle',
    day: 'Tag',
    week: 'Kalenderwoche',
    weekLabel: 'KW {{week}}',
    contacts: 'Kontakte',
  },
  referralFigures: {
    countHeading: 'Weitervermittlungen',
    total: 'Summe: Weitervermittlungen',
    contactsWithReferral: 'Kontakte mit Weitervermittlung (jeder einmal)',
    crossNote:
      'Eine Zelle zählt die Kontakte mit diesem Thema und einer Weitervermittlung an diese Stelle. Die Summen zählen Thema-Stelle-Paare: ein Kontakt mit zwei Themen (oder zwei Stellen) steht in zwei Zellen und zählt in der Gesamtsumme zweimal. Deshalb ist sie größer als die Zahl der Weitervermittlungen.',
    crossTotal: 'Summe (Paare)',
  },
  askerChart: 'Kontakte',
};

export type ReportFiguresMessages = typeof reportFigures;
