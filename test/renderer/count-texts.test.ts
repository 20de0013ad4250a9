import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';

/** The management area's counts as people read them: i18next picks the plural form and formats the number. */

let tDe: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  // The app's own options (renderer/i18n/i18n.ts): nothing else is needed for `{{count, number}}`.
  await i18n.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', fallbackLng: 'de', interpolation: { escapeValue: false } });
  tDe = i18n.getFixedT('de');
  tEn = i18n.getFixedT('en');
});

describe('counts in the management area', () => {
  it('a large count gets the thousands separator of the UI language', () => {
    expect(tDe('reports.moreContacts', { count: 67052 })).toBe('67.052 Kontakte mehr');
    expect(tEn('reports.moreContacts', { count: 67052 })).toBe('67,052 more contacts');
    expect(tDe('reports.comparedTotal', { range: 'März 2026', count: 6143 })).toBe('März 2026: 6.143 Kontakte');
    expect(tDe('audit.withCount', { label: 'Kontakte', count: 12345 })).toBe('Kontakte (12.345)');
  });

  it('one of a thing reads in the singular: "nach 1 Minute", "1 Kontakt weniger", "bei 1 Öffnungsstunde"', () => {
    expect(tDe('management.autoLocked', { count: 1 })).toBe('Der Verwaltungsbereich wurde nach 1 Minute ohne Bedienung gesperrt.');
    expect(tDe('management.autoLock', { count: 10 })).toBe('Sperrt sich nach 10 Minuten ohne Bedienung.');
    expect(tEn('management.autoLock', { count: 1 })).toBe('Locks itself after 1 minute without use.');
    expect(tDe('reports.fewerContacts', { count: 1 })).toBe('1 Kontakt weniger');
    expect(tDe('reports.openHoursDetail', { count: 1 })).toBe('bei 1 Öffnungsstunde');
    expect(tDe('management.retryIn', { count: 1 })).toBe('Zu viele falsche Versuche – wieder möglich in 1 Sekunde.');
    expect(tDe('audit.summary', { count: 1, day: '10.03.2026' })).toBe('1 Eintrag am 10.03.2026');
    expect(tEn('import.moreErrors', { count: 1 })).toBe('… and 1 more error');
  });

  it('German sentences change their verb with the count, and none has its own sentence', () => {
    const merge = (count: number) => tDe('catalog.mergeCount', { count, target: 'Armut/Schulden' });
    expect(merge(0)).toBe('Keine Kontakte betroffen.');
    expect(merge(1)).toBe('1 Kontakt wird „Armut/Schulden“ zugeordnet.');
    expect(merge(1500)).toBe('1.500 Kontakte werden „Armut/Schulden“ zugeordnet.');
    expect(tDe('themeDays.reattribute', { count: 0 })).toBe('Das ordnet keine bisherigen Kontakte neu zu.');
    expect(tDe('themeDays.reattribute', { count: 1 })).toBe('Das ordnet 1 bisherigen Kontakt neu zu.');
    expect(tDe('settings.zoneReattributed', { count: 1 })).toBe('1 Kontakt wird einem anderen Thementag zugeordnet.');
    expect(tDe('catalog.mergeOther', { count: 1 })).toBe('Außerdem wird 1 weiterer Eintrag (Thementag oder Import) umgestellt.');
  });

  it('a sentence with two counts agrees with each: the time-zone preview and the import result', () => {
    const moved = (t: TFunction, count: number, days: number) => t('settings.zoneMoved', { count, days: t('settings.zoneMovedDays', { count: days }) });
    expect(moved(tDe, 2500, 1)).toBe('Bei 2.500 Kontakten ändert sich die Uhrzeit, 1 davon fällt auf einen anderen Tag.');
    expect(moved(tDe, 2, 0)).toBe('Bei 2 Kontakten ändert sich die Uhrzeit, keiner fällt auf einen anderen Tag.');
    expect(moved(tDe, 0, 0)).toBe('Bei keinem Kontakt ändert sich Tag oder Uhrzeit.');
    expect(moved(tEn, 1, 1)).toBe('1 contact changes its time, 1 of them moves to another day.');
    expect(tDe('settings.zoneChanged', { zone: 'Europe/London', count: 1200, days: 1100 })).toBe(
      'Gespeichert. Zeitzone jetzt Europe/London: 1.200 Kontakte verschoben, 1.100 auf einen anderen Tag.',
    );
    const done = (t: TFunction, count: number, rows: number) => t('import.done', { count, rows: t('import.rowCount', { count: rows }), file: 'a.csv' });
    expect(done(tDe, 1, 1)).toMatch(/^1 Kontakt aus 1 Zeile importiert \(a\.csv\)\./);
    expect(done(tDe, 12000, 1500)).toMatch(/^12\.000 Kontakte aus 1\.500 Zeilen importiert/);
    expect(tDe('import.summary', { file: 'a.csv', layout: 'Monatswerte je Thema', count: 1, valid: 1 })).toBe(
      'a.csv: Monatswerte je Thema · 1 Zeile, davon 1 ohne Fehler',
    );
  });
});
