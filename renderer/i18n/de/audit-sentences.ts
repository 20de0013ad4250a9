/**
 * German: each audit entry as one sentence (renderer/audit/audit-sentence.ts). `subject` names what
 * the entry is about ("Kontakt von 10:30", "Thema „Wohnen“"); `details` lists the changed fields.
 */
export const auditSentences = {
  auditSentence: {
    plain: '{{head}}.',
    withDetails: '{{head}} – {{details}}.',
    change: '{{field}}: {{old}} → {{new}}',
    value: '{{field}}: {{value}}',
    actions: {
      create: '{{subject}} angelegt',
      amend: '{{subject}} geändert',
      void: '{{subject}} storniert',
      undo: '{{subject}} rückgängig gemacht',
      retire: '{{subject}} ausgeschieden (am Schalter nicht mehr angeboten)',
      reactivate: '{{subject}} reaktiviert',
      merge: '{{subject}} zusammengeführt',
      pair: '{{subject}} gekoppelt',
      revoke: 'Zugang für {{subject}} entzogen',
      delete: '{{subject}} gelöscht',
    },
    /** An action this version does not know yet (written by a newer one): said without a verb of its own. */
    otherAction: '{{subject}}: Änderung',
    contactCreated: '{{subject}} erfasst',
    themeDayEnded: '{{subject}} beendet',
    imported_one: '{{subject}}: {{count, number}} Kontakt aus {{rows}} importiert ({{layout}}, {{range}})',
    imported_other: '{{subject}}: {{count, number}} Kontakte aus {{rows}} importiert ({{layout}}, {{range}})',
    mergedFrom_one: '{{subject}}: „{{source}}“ hierher zusammengeführt, {{count, number}} Kontakt übernommen',
    mergedFrom_other: '{{subject}}: „{{source}}“ hierher zusammengeführt, {{count, number}} Kontakte übernommen',
    mergedInto: '{{subject}} in „{{target}}“ zusammengeführt und ausgeschieden',
    pinSet: 'Verwaltungs-PIN festgelegt',
    pinChanged: 'Verwaltungs-PIN geändert',
    pinReset: 'Verwaltungs-PIN am PC zurückgesetzt (vergessene PIN); der nächste Besuch der Verwaltung legt eine neue fest',
    setupConfirmed: 'Ersteinrichtung bestätigt (Name, Eröffnungsdatum, Zeitzone und Öffnungszeiten)',
    /** Like the PIN: that it changed, never its value (core/mail/mail-server.ts). */
    mailPasswordSet: 'Passwort des Mailservers gespeichert (nur auf diesem PC)',
    mailPasswordChanged: 'Passwort des Mailservers geändert',
    mailPasswordRemoved: 'Passwort des Mailservers entfernt',
  },
};
