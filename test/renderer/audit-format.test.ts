import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditItem } from '../../core/audit/audit-types';
import { entityText, fieldText, groupEntries, shiftDay, valueText } from '../../renderer/manage/audit/audit-format';
import { auditSentence } from '../../renderer/manage/audit/audit-sentence';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';
import { timeZoneChoices } from '../../renderer/manage/settings/editor-helpers';
import { formatter } from '../../renderer/ui/format';

let tDe: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', interpolation: { escapeValue: false } });
  tDe = i18n.getFixedT('de');
  tEn = i18n.getFixedT('en');
});

const contactEntry = (extra: Partial<AuditItem> = {}): AuditItem => ({
  id: 7,
  at: '2026-03-10T09:31:00.000Z',
  time: '10:31',
  action: 'amend',
  entity: 'contact',
  entityId: 3,
  entityLabel: null,
  contact: { day: '2026-03-10', time: '10:30', entryKind: 'live' },
  changes: [],
  ...extra,
});

describe('the audit view in words', () => {
  it('a topic change reads "Themen: Wohnen → Arbeit" in German and "Topics: Housing → Work" in English', () => {
    const change = {
      field: 'topicIds',
      old: { kind: 'label', label: { de: 'Wohnen', en: 'Housing' } },
      new: { kind: 'label', label: { de: 'Arbeit', en: 'Work' } },
    } as const;
    const entry = contactEntry({ changes: [change] });
    expect(auditSentence(entry, '2026-03-10', tDe, formatter('de'))).toBe('Kontakt von 10:30 geändert – Themen: Wohnen → Arbeit.');
    expect(auditSentence(entry, '2026-03-10', tEn, formatter('en'))).toBe('Contact of 10:30 changed – Topics: Housing → Work.');
  });

  it('codes, numbers, days, hours, local times and opening hours in the UI language', () => {
    const f = formatter('de');
    expect(valueText({ kind: 'code', of: 'channel', code: 'phone' }, tDe, f)).toBe('Telefon');
    expect(valueText({ kind: 'code', of: 'voidReason', code: 'duplicate' }, tDe, f)).toBe('doppelt erfasst');
    expect(valueText({ kind: 'code', of: 'uiLanguage', code: 'en' }, tDe, f)).toBe('English');
    expect(valueText({ kind: 'code', of: 'themeDayKind', code: 'weekly' }, tEn, formatter('en'))).toBe('every week');
    expect(valueText({ kind: 'code', of: 'channel', code: 'fax' }, tDe, f)).toBe('fax');
    expect(valueText({ kind: 'day', day: '2021-06-01' }, tDe, f)).toBe('01.06.2021');
    expect(valueText({ kind: 'hour', hour: 9 }, tDe, f)).toBe('9:00');
    expect(valueText({ kind: 'localTime', day: '2026-03-09', time: '23:30' }, tDe, f)).toBe('09.03.2026 23:30');
    expect(valueText({ kind: 'slots', slots: [{ weekday: 1, startHour: 9, endHour: 12 }] }, tDe, f)).toBe('Mo 9–12');
    expect(valueText({ kind: 'none' }, tDe, f)).toBe('–');
    // An import's rows or contacts, a batch's count: with thousands separators.
    expect(valueText({ kind: 'number', value: 12345 }, tDe, f)).toBe('12.345');
    expect(valueText({ kind: 'number', value: 12345 }, tEn, formatter('en'))).toBe('12,345');
  });

  it('a deleted backup reads "Sicherung gelöscht", with its file, kind, time and size', () => {
    const entry = contactEntry({
      action: 'delete',
      entity: 'backup',
      entityId: 0,
      contact: null,
      changes: [
        { field: 'file', old: { kind: 'text', text: 'kontaktdesk-2026-03-09T223000Z-prerestore.sqlite' }, new: null },
        { field: 'kind', old: { kind: 'code', of: 'backupKind', code: 'prerestore' }, new: null },
        { field: 'takenAt', old: { kind: 'localTime', day: '2026-03-09', time: '23:30' }, new: null },
        { field: 'size', old: { kind: 'number', value: 1_753_088 }, new: null },
      ],
    });
    expect(auditSentence(entry, '2026-03-10', tDe, formatter('de'))).toBe(
      'Sicherung gelöscht – Datei: kontaktdesk-2026-03-09T223000Z-prerestore.sqlite; Art: vor Wiederherstellung; gesichert am: 09.03.2026 23:30; Größe (Bytes): 1.753.088.',
    );
    expect(auditSentence(entry, '2026-03-10', tEn, formatter('en'))).toBe(
      'Backup deleted – File: kontaktdesk-2026-03-09T223000Z-prerestore.sqlite; Kind: before restore; taken at: 9 Mar 2026 23:30; Size (bytes): 1,753,088.',
    );
  });

  it('a field the view does not know yet shows as stored; an action it does not know yet (a newer version wrote it) still reads as a sentence', () => {
    expect(fieldText('colourScheme', tDe)).toBe('colourScheme');
    expect(auditSentence(contactEntry({ action: 'split' }), '2026-03-10', tDe, formatter('de'))).toBe('Kontakt von 10:30: Änderung.');
  });

  it('names what an entry is about: a contact by its time (and date when it happened on another day), a catalog entry by name', () => {
    const f = formatter('de');
    expect(entityText(contactEntry(), '2026-03-10', tDe, f)).toBe('Kontakt von 10:30');
    expect(entityText(contactEntry({ contact: { day: '2026-03-09', time: '23:30', entryKind: 'backdated' } }), '2026-03-10', tDe, f)).toBe(
      'Kontakt von 09.03.2026 23:30',
    );
    expect(entityText(contactEntry({ entity: 'topic', contact: null, entityLabel: { de: 'Wohnen', en: 'Housing' } }), '2026-03-10', tEn, formatter('en'))).toBe(
      'Topic “Housing”',
    );
    expect(entityText(contactEntry({ entity: 'settings', contact: null, entityId: 0 }), '2026-03-10', tDe, f)).toBe('Einstellungen');
    expect(
      auditSentence(contactEntry({ entity: 'theme_day', action: 'void', contact: null, entityLabel: { de: 'StoP', en: 'StoP' } }), '2026-03-10', tDe, f),
    ).toBe('Thementag „StoP“ beendet.');
  });

  it('shows the rows one write made for one thing as one entry, fields in the order written', () => {
    const row = (id: number, field: string, extra: Partial<AuditItem> = {}) =>
      contactEntry({
        id,
        entity: 'topic',
        entityId: 40,
        contact: null,
        action: 'create',
        changes: [{ field, old: null, new: { kind: 'text', text: field } }],
        ...extra,
      });
    // Newest first, as the page lists them: position was written last.
    const grouped = groupEntries([
      row(12, 'position'),
      row(11, 'labelEn'),
      row(10, 'labelDe'),
      row(9, 'labelDe', { entityId: 39 }),
      row(8, 'name', { at: '2026-03-10T09:00:00.000Z' }),
    ]);
    expect(grouped.map((g) => [g.id, g.changes.map((c) => c.field)])).toEqual([
      [12, ['labelDe', 'labelEn', 'position']],
      [9, ['labelDe']],
      [8, ['name']],
    ]);
  });

  it('steps across months and years', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('time-zone choices', () => {
  it('offers the common European zones with their offset, and keeps a current zone that is not among them', () => {
    const winter = new Date('2026-01-15T12:00:00Z');
    const vienna = timeZoneChoices('Europe/Vienna', winter);
    expect(vienna[0]).toEqual({ zone: 'Europe/Vienna', label: 'Europe/Vienna · GMT+1' });
    expect(vienna.map((z) => z.zone)).toContain('Europe/London');
    expect(timeZoneChoices('America/New_York', winter)[0]).toEqual({ zone: 'America/New_York', label: 'America/New_York · GMT-5' });
  });
});
