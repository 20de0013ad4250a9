/** German UI texts shown before the management area opens: the PIN gate, start-up problems and pairing a device. */
export const access = {
  management: {
    heading: 'Verwaltung',
    lockedIntro: 'Auswertung, Katalog, Thementage, Import und Einstellungen sind mit einer PIN geschützt. Der Schalter bleibt ohne PIN bedienbar.',
    setIntro:
      'Noch ist keine PIN festgelegt. Bitte jetzt eine PIN aus 4 bis 12 Ziffern festlegen – sie schützt den Verwaltungsbereich auf diesem Gerät und allen anderen.',
    pin: 'PIN',
    pinRepeat: 'PIN wiederholen',
    pinHint: '4 bis 12 Ziffern',
    unlock: 'Entsperren',
    setPin: 'PIN festlegen',
    lock: 'Sperren',
    wrongPin: 'Falsche PIN.',
    mismatch: 'Die beiden Eingaben stimmen nicht überein.',
    format: 'Eine PIN besteht aus 4 bis 12 Ziffern.',
    retryIn_one: 'Zu viele falsche Versuche – wieder möglich in {{count, number}} Sekunde.',
    retryIn_other: 'Zu viele falsche Versuche – wieder möglich in {{count, number}} Sekunden.',
    autoLock_one: 'Sperrt sich nach {{count, number}} Minute ohne Bedienung.',
    autoLock_other: 'Sperrt sich nach {{count, number}} Minuten ohne Bedienung.',
    autoLocked_one: 'Der Verwaltungsbereich wurde nach {{count, number}} Minute ohne Bedienung gesperrt.',
    autoLocked_other: 'Der Verwaltungsbereich wurde nach {{count, number}} Minuten ohne Bedienung gesperrt.',
    changePin: 'PIN ändern',
    currentPin: 'Aktuelle PIN',
    newPin: 'Neue PIN',
    pinChanged: 'PIN geändert. Andere geöffnete Fenster sind jetzt gesperrt.',
    forgot: 'PIN vergessen? Die IT setzt sie am Rechner mit „npm run reset-pin“ zurück; die Daten bleiben erhalten.',
  },
  startup: {
    damagedTitle: 'Die Datenbank ist beschädigt',
    damagedText: 'Kontaktdesk hat nichts in die beschädigte Datei geschrieben. Sie bleibt unverändert daneben liegen.',
    offer: 'Die neueste gute Sicherung ist vom {{time}}. Kontakte, die danach erfasst wurden, fehlen nach dem Wiederherstellen.',
    restore: 'Sicherung vom {{time}} wiederherstellen',
    noBackup: 'Es gibt keine gute Sicherung. Bitte die IT verständigen.',
    restored: 'Wiederhergestellt: Stand vom {{time}}.',
    continue: 'Weiter zum Schalter',
    lockedTitle: 'Die Datenbank ist gesperrt',
    lockedText:
      'Ein anderes Programm (ein zweites Kontaktdesk?) hält die Datenbank gesperrt. Bitte es schließen und Kontaktdesk neu starten. Es wurde nichts geschrieben.',
    readonlyTitle: 'Die Datenbank ist schreibgeschützt',
    readonlyText:
      'Die Datenbankdatei oder ihr Ordner ist schreibgeschützt. Bitte die IT verständigen und Kontaktdesk danach neu starten. Es wurde nichts geschrieben.',
    detail: 'Technische Angabe: {{detail}}',
  },
  pairing: {
    heading: 'Dieses Gerät koppeln',
    explain:
      'Die Verwaltung schaltet am Hauptrechner unter „Verwaltung → Geräte“ die Freigabe ein und erzeugt einen Kopplungscode. Code und einen Namen für dieses Gerät eingeben – danach öffnet sich der Schalter.',
    code: 'Kopplungscode (6 Ziffern)',
    name: 'Name dieses Geräts',
    namePlaceholder: 'z. B. Tablet Café',
    submit: 'Koppeln',
    wrongCode: 'Der Code stimmt nicht, wurde schon verwendet oder ist abgelaufen. Bitte einen neuen Code erzeugen lassen.',
    codeShape: 'Der Kopplungscode besteht aus 6 Ziffern.',
    nameShape: 'Bitte einen Namen mit höchstens 40 Zeichen eingeben.',
    sharingOff: 'Die Freigabe im lokalen Netzwerk ist am Hauptrechner ausgeschaltet.',
    tooMany: 'Zu viele falsche Codes. {{message}}',
    privacy: 'Das Gerät erhält einen eigenen Zugangsschlüssel, der nur in diesem Browser gespeichert wird. Die Verwaltung kann ihn jederzeit entziehen.',
  },
};

export type AccessMessages = typeof access;
