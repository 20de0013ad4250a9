import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditAction, type AuditEntity, type AuditItem, type BilingualLabel } from '../../core/audit/audit-types';
import { auditChanges, auditLabels } from '../../core/audit/audit-values';
import { EDITABLE_FIELDS } from '../../core/catalog/catalog-store';
import type { Catalog, SiteSettings } from '../../core/catalog/catalog-types';
import { DEFAULT_SETTINGS } from '../../core/settings/site-settings';
import { auditSentence } from '../../renderer/manage/audit/audit-sentence';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';
import { formatter } from '../../renderer/ui/format';

/**
 * Every audit entry the core writes, as `writeAudit` stores it (entity, action, field, old and new
 * value; grep writeAudit), read through the core's value mapping (core/audit/audit-values.ts) and
 * said as a sentence in both languages. No sentence may show a stored key, a code or JSON.
 */

const catalog: Catalog = {
  topics: [
    { id: 1, labelDe: 'Wohnen', labelEn: 'Housing', color: '#8a4a0b', hotkey: '2', position: 1, sdgs: [11], retired: false, mergedInto: null },
    { id: 2, labelDe: 'Arbeit', labelEn: 'Work', color: '#1d5f8a', hotkey: 'c', position: 2, sdgs: [8], retired: false, mergedInto: null },
    { id: 3, labelDe: 'Miete', labelEn: 'Rent', color: '#5b4a99', hotkey: null, position: 3, sdgs: [], retired: true, mergedInto: 1 },
  ],
  organisations: [
    { id: 1, name: 'Caritas', position: 1, retired: false, mergedInto: null },
    { id: 2, name: 'ZEBRA', position: 2, retired: false, mergedInto: null },
  ],
  languages: [
    { id: 1, code: 'de', labelDe: 'Deutsch', labelEn: 'German', position: 1, retired: false, mergedInto: null },
    { id: 2, code: 'en', labelDe: 'Englisch', labelEn: 'English', position: 2, retired: false, mergedInto: null },
  ],
  desks: [
    { id: 1, name: 'Sozial-Info', position: 1, retired: false, mergedInto: null },
    { id: 2, name: 'Café', position: 2, retired: false, mergedInto: null },
  ],
  themeDays: [
    {
      id: 1,
      title: 'Flucht und Migration',
      organisationId: 2,
      kind: 'weekly',
      day: null,
      weekday: 2,
      startHour: 10,
      endHour: 12,
      validFrom: '2024-01-01',
      validTo: null,
      retired: false,
    },
  ],
  topicGroups: [
    { id: 1, labelDe: 'Existenzsicherung', labelEn: 'Livelihood', position: 1, retired: false, mergedInto: null, topicIds: [1, 2] },
    { id: 3, labelDe: 'Alt', labelEn: 'Old', position: 2, retired: true, mergedInto: 1, topicIds: [] },
  ],
  settings: DEFAULT_SETTINGS,
} as unknown as Catalog;

const labels = auditLabels(catalog);
const DAY = '2026-03-10';

interface Row {
  entity: AuditEntity;
  action: AuditAction;
  entityId?: number;
  field?: string;
  oldValue?: unknown;
  newValue?: unknown;
  /** What list-audit names the entry by (catalog label, import file, device name). */
  entityLabel?: BilingualLabel | null;
}

const named = (name: string): BilingualLabel => ({ de: name, en: name });
const contactInfo = { day: DAY, time: '10:30', entryKind: 'live' as const };

/** A changed value for each setting, by its type: every setting the site has is covered, also one added later. */
function changedSetting(key: keyof SiteSettings): unknown {
  const special: Partial<Record<keyof SiteSettings, unknown>> = {
    siteName: 'Sozial-Info Graz',
    timeZone: 'Europe/Berlin',
    openingDate: '2025-12-01',
    defaultLanguage: 'en',
    backupFolder: '/media/usb',
    openingHours: [{ weekday: 5, startHour: 9, endHour: 12 }],
    setupConfirmedAt: '2026-03-10T09:30:00.000Z',
  };
  if (key in special) return special[key];
  const before = DEFAULT_SETTINGS[key];
  if (typeof before === 'number') return before + 1;
  if (typeof before === 'boolean') return !before;
  throw new Error(`no changed value for the setting ${key}: add one here`);
}

const catalogRows: Row[] = (['topic', 'organisation', 'language', 'desk'] as const).flatMap((kind) => {
  const label =
    kind === 'topic'
      ? { de: 'Wohnen', en: 'Housing' }
      : kind === 'language'
        ? { de: 'Deutsch', en: 'German' }
        : named(kind === 'desk' ? 'Sozial-Info' : 'Caritas');
  const sample: Record<string, unknown> = {
    labelDe: 'Wohnen',
    labelEn: 'Housing',
    color: '#8a4a0b',
    hotkey: 'w',
    sdgs: [11],
    name: 'Caritas Leibnitz',
    code: 'de',
  };
  const fields = EDITABLE_FIELDS[kind] as readonly string[];
  return [
    ...fields.map((field): Row => ({ entity: kind, action: 'create', entityId: 1, field, newValue: sample[field], entityLabel: label })),
    ...fields.map(
      (field): Row => ({
        entity: kind,
        action: 'amend',
        entityId: 1,
        field,
        oldValue: sample[field],
        newValue: field === 'sdgs' ? [1, 11] : field === 'hotkey' ? 'c' : `${String(sample[field])} neu`,
        entityLabel: label,
      }),
    ),
    { entity: kind, action: 'amend', entityId: 1, field: 'position', oldValue: 3, newValue: 4, entityLabel: label },
    { entity: kind, action: 'retire', entityId: 1, field: 'retired', oldValue: false, newValue: true, entityLabel: label },
    { entity: kind, action: 'reactivate', entityId: 1, field: 'retired', oldValue: true, newValue: false, entityLabel: label },
    // The source, retired and named after the merge, and the target.
    {
      entity: kind,
      action: 'merge',
      entityId: 3,
      field: 'mergedInto',
      oldValue: null,
      newValue: 1,
      entityLabel: kind === 'topic' ? { de: 'Miete', en: 'Rent' } : named('Alt'),
    },
    { entity: kind, action: 'merge', entityId: 1, field: 'mergedFrom', oldValue: null, newValue: { id: 3, contacts: 12 }, entityLabel: label },
  ];
});

/** core/catalog for topic groups: what the other kinds write, with the members as a field and no contacts in a merge. */
const groupLabel = { de: 'Existenzsicherung', en: 'Livelihood' };
const groupRows: Row[] = [
  { entity: 'topic_group', action: 'create', entityId: 1, field: 'labelDe', newValue: 'Existenzsicherung', entityLabel: groupLabel },
  { entity: 'topic_group', action: 'create', entityId: 1, field: 'labelEn', newValue: 'Livelihood', entityLabel: groupLabel },
  { entity: 'topic_group', action: 'create', entityId: 1, field: 'topicIds', newValue: [1, 2], entityLabel: groupLabel },
  { entity: 'topic_group', action: 'amend', entityId: 1, field: 'topicIds', oldValue: [1], newValue: [1, 2], entityLabel: groupLabel },
  { entity: 'topic_group', action: 'amend', entityId: 3, field: 'topicIds', oldValue: [2], newValue: [], entityLabel: { de: 'Alt', en: 'Old' } },
  { entity: 'topic_group', action: 'amend', entityId: 1, field: 'position', oldValue: 2, newValue: 1, entityLabel: groupLabel },
  { entity: 'topic_group', action: 'retire', entityId: 1, field: 'retired', oldValue: false, newValue: true, entityLabel: groupLabel },
  { entity: 'topic_group', action: 'reactivate', entityId: 1, field: 'retired', oldValue: true, newValue: false, entityLabel: groupLabel },
  { entity: 'topic_group', action: 'merge', entityId: 3, field: 'mergedInto', oldValue: null, newValue: 1, entityLabel: { de: 'Alt', en: 'Old' } },
  { entity: 'topic_group', action: 'merge', entityId: 1, field: 'mergedFrom', oldValue: null, newValue: 3, entityLabel: groupLabel },
];

const themeDayRow = {
  title: 'Flucht und Migration',
  organisation_id: 2,
  kind: 'weekly',
  day: null,
  weekday: 2,
  start_hour: 10,
  end_hour: 12,
  valid_from: '2024-01-01',
  valid_to: null,
};
const closure = { days: { from: '2025-12-24', to: '2026-01-06' }, note: 'Weihnachtspause', openAnyway: false };
const themeDay = { de: 'Flucht und Migration', en: 'Flucht und Migration' };
/** A saved report view as core/views/saved-views.ts audits it: every filter dimension, every section and rule kind below. */
const savedView = {
  name: 'Gewaltschutz-Quartal',
  period: { kind: 'lastQuarter' },
  filters: [
    { dimension: 'topic', values: [1, 2], exclude: false },
    { dimension: 'firstTopic', values: [1], exclude: false },
    { dimension: 'referral', values: ['none', 2], exclude: false },
    { dimension: 'language', values: ['en'], exclude: true },
    { dimension: 'channel', values: ['in_person', 'phone'], exclude: false },
    { dimension: 'asker', values: ['organisation'], exclude: false },
    { dimension: 'desk', values: [2], exclude: false },
    { dimension: 'themeDay', values: [1, 'none'], exclude: false },
    { dimension: 'sdg', values: [11], exclude: false },
  ],
  sections: [
    'headline',
    'comparisons',
    'monthly',
    'series',
    'topics',
    'referrals',
    'languages',
    'channels',
    'askers',
    'desks',
    'themeDays',
    'sdg',
    'heatmap',
    'openHours',
    'crossTable',
  ],
  publication: false,
};
const periodKinds = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'sinceOpening', 'last12Months'];

/** A mail schedule as core/mail/schedules.ts audits it: with publication, the number of recipients; without, who they are. */
const mailSchedule = {
  name: 'Monatsbericht Gemeinderat',
  rule: 'lastMonth',
  viewId: null,
  publication: true,
  publicationMethod: 'cellKey',
  formats: ['xlsx', 'csv'],
  language: 'de',
  enabled: true,
  recipientCount: 2,
};
const unpublishedSchedule = (({ recipientCount: _, ...rest }) => ({
  ...rest,
  publication: false,
  recipients: ['gemeinderat@leibnitz.at', 'sozialamt@leibnitz.at'],
}))(mailSchedule);

const ROWS: Row[] = [
  // core/contacts: log-contact (a tap, a back-dated batch), amend-contact (each field), void-contact (void, undo)
  {
    entity: 'contact',
    action: 'create',
    newValue: { topicIds: [1, 2], referralIds: [1], languageId: 1, channel: 'phone', asker: 'citizen', count: 1, deskId: 1, entryKind: 'live' },
  },
  {
    entity: 'contact',
    action: 'create',
    newValue: {
      topicIds: [1],
      referralIds: [],
      languageId: 2,
      channel: 'in_person',
      asker: 'organisation',
      occurredAt: '2026-03-09T15:00:00.000Z',
      count: 3,
      deskId: 2,
      entryKind: 'batch',
    },
  },
  { entity: 'contact', action: 'amend', field: 'topicIds', oldValue: [1], newValue: [2] },
  { entity: 'contact', action: 'amend', field: 'referralIds', oldValue: [], newValue: [2] },
  { entity: 'contact', action: 'amend', field: 'languageId', oldValue: 1, newValue: 2 },
  { entity: 'contact', action: 'amend', field: 'channel', oldValue: 'in_person', newValue: 'email' },
  { entity: 'contact', action: 'amend', field: 'asker', oldValue: 'citizen', newValue: 'organisation' },
  { entity: 'contact', action: 'void', field: 'voidReason', newValue: 'duplicate' },
  { entity: 'contact', action: 'undo', oldValue: { topicIds: [1] } },
  // An undo written before it named its topics.
  { entity: 'contact', action: 'undo' },
  ...catalogRows,
  ...groupRows,
  // A retired topic loses its key (retire-catalog-entry), another topic's key is taken (save-catalog-entry).
  { entity: 'topic', action: 'amend', entityId: 2, field: 'hotkey', oldValue: 'c', newValue: null, entityLabel: { de: 'Arbeit', en: 'Work' } },
  // core/theme-days/save-theme-day: whole rows in, before and after; retiring is a void
  { entity: 'theme_day', action: 'create', entityId: 1, newValue: themeDayRow, entityLabel: themeDay },
  {
    entity: 'theme_day',
    action: 'amend',
    entityId: 1,
    oldValue: themeDayRow,
    newValue: { ...themeDayRow, start_hour: 9, valid_to: '2026-12-31' },
    entityLabel: themeDay,
  },
  { entity: 'theme_day', action: 'void', entityId: 1, entityLabel: themeDay },
  // core/settings/update-settings: every setting; management-access (PIN set, changed), reset-pin; sharing
  ...(Object.keys(DEFAULT_SETTINGS) as (keyof SiteSettings)[]).map(
    (key): Row => ({ entity: 'settings', action: 'amend', entityId: 0, field: key, oldValue: DEFAULT_SETTINGS[key], newValue: changedSetting(key) }),
  ),
  { entity: 'settings', action: 'create', entityId: 0, field: 'pin' },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'pin' },
  { entity: 'settings', action: 'void', entityId: 0, field: 'pin' },
  // The mail server (core/mail/mail-server.ts): its settings old → new, the password only that it changed.
  { entity: 'settings', action: 'create', entityId: 0, field: 'mailHost', newValue: 'mail.leibnitz.at' },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'mailPort', oldValue: 587, newValue: 465 },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'mailSecurity', oldValue: 'starttls', newValue: 'tls' },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'mailUser', oldValue: 'berichte', newValue: 'sozialinfo' },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'mailFrom', oldValue: 'berichte@leibnitz.at', newValue: 'sozialinfo@leibnitz.at' },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'mailPlainConfirmed', oldValue: false, newValue: true },
  {
    entity: 'settings',
    action: 'amend',
    entityId: 0,
    field: 'mailTrustedCertificate',
    oldValue: null,
    newValue: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
  },
  { entity: 'settings', action: 'create', entityId: 0, field: 'mailPassword' },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'mailPassword' },
  { entity: 'settings', action: 'delete', entityId: 0, field: 'mailPassword' },
  { entity: 'settings', action: 'amend', entityId: 0, field: 'lanSharing', oldValue: false, newValue: true },
  // core/imports/commit-import
  {
    entity: 'import',
    action: 'create',
    entityId: 4,
    newValue: {
      fileName: 'strichliste-2021.csv',
      layout: 'monthly',
      rows: 12,
      contacts: 297,
      range: { from: '2021-06', to: '2021-12' },
      sha256: 'a3f9c2e81b7d4c6f0e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e',
    },
    entityLabel: named('strichliste-2021.csv'),
  },
  {
    entity: 'import',
    action: 'create',
    entityId: 5,
    newValue: { fileName: 'kontakte.xlsx', layout: 'contacts', rows: 1, contacts: 1, range: { from: '2024-01-02', to: '2024-01-02' }, sha256: 'b'.repeat(64) },
    entityLabel: named('kontakte.xlsx'),
  },
  // core/devices/devices
  { entity: 'device', action: 'pair', entityId: 2, newValue: { name: 'Tablet Café', deskId: 2 }, entityLabel: named('Tablet Café') },
  { entity: 'device', action: 'revoke', entityId: 2, oldValue: { name: 'Tablet Café' }, entityLabel: named('Tablet Café') },
  // core/backup/delete-backup
  {
    entity: 'backup',
    action: 'delete',
    entityId: 0,
    oldValue: { file: 'kontaktdesk-2026-03-09T223000Z-manual.sqlite', kind: 'manual', takenAt: Date.parse('2026-03-09T22:30:00Z'), size: 1_753_088 },
  },
  // core/closures/closure-store
  { entity: 'closure', action: 'create', entityId: 1, newValue: closure },
  { entity: 'closure', action: 'amend', entityId: 1, oldValue: closure, newValue: { ...closure, days: { from: '2025-12-23', to: '2026-01-06' } } },
  { entity: 'closure', action: 'delete', entityId: 1, oldValue: closure },
  // core/views/saved-views
  { entity: 'saved_view', action: 'create', entityId: 1, newValue: savedView, entityLabel: named(savedView.name) },
  { entity: 'saved_view', action: 'create', entityId: 2, newValue: { ...savedView, name: 'Veröffentlichung', filters: [], publication: true } },
  ...periodKinds.map(
    (kind): Row => ({
      entity: 'saved_view',
      action: 'amend',
      entityId: 1,
      oldValue: savedView,
      newValue: { ...savedView, period: { kind } },
      entityLabel: named(savedView.name),
    }),
  ),
  {
    entity: 'saved_view',
    action: 'amend',
    entityId: 1,
    oldValue: savedView,
    newValue: { ...savedView, name: 'Gewaltschutz 2025', period: { kind: 'fixed', from: '2025-01-01', to: '2025-12-31' }, filters: [] },
  },
  { entity: 'saved_view', action: 'delete', entityId: 1, oldValue: savedView },
  // core/mail/schedules
  { entity: 'mail_schedule', action: 'create', entityId: 1, newValue: mailSchedule, entityLabel: named(mailSchedule.name) },
  {
    entity: 'mail_schedule',
    action: 'amend',
    entityId: 1,
    oldValue: mailSchedule,
    newValue: { ...unpublishedSchedule, rule: 'lastQuarter', formats: ['xlsx'], enabled: false },
    entityLabel: named(mailSchedule.name),
  },
  { entity: 'mail_schedule', action: 'create', entityId: 2, newValue: { ...unpublishedSchedule, name: 'Jahresbericht', rule: 'lastYear' } },
  { entity: 'mail_schedule', action: 'delete', entityId: 1, oldValue: mailSchedule },
];

function itemOf(row: Row, i: number): AuditItem {
  return {
    id: i + 1,
    at: '2026-03-10T09:31:00.000Z',
    time: '10:31',
    action: row.action,
    entity: row.entity,
    entityId: row.entityId ?? 7,
    entityLabel: row.entityLabel ?? null,
    contact: row.entity === 'contact' ? contactInfo : null,
    changes: auditChanges(labels, row.entity, row.field ?? null, row.oldValue, row.newValue),
  };
}

let tDe: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', interpolation: { escapeValue: false } });
  tDe = i18n.getFixedT('de');
  tEn = i18n.getFixedT('en');
});

const say = (row: Row, lang: 'de' | 'en', i = 0) => auditSentence(itemOf(row, i), DAY, lang === 'de' ? tDe : tEn, formatter(lang));

/** A code the core stores that German must never show as it is. */
const RAW_CODES = ['monthly', 'contacts', 'weekly', 'single', 'phone', 'email', 'in_person', 'citizen', 'organisation', 'duplicate', 'manual', 'true', 'false'];

/** Every stored name that may reach a sentence: the fields above and those inside stored records. */
const storedKeys = (row: Row): string[] => [
  ...(row.field ? [row.field] : []),
  ...[row.oldValue, row.newValue].flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [])),
];

describe('every audit entry reads as a sentence, in German and English', () => {
  it('the table covers every entity and every action the core can write (core/audit/audit-types.ts)', () => {
    expect(new Set(ROWS.map((r) => r.entity))).toEqual(new Set(AUDIT_ENTITIES));
    expect(new Set(ROWS.map((r) => r.action))).toEqual(new Set(AUDIT_ACTIONS));
  });

  it.each(ROWS.map((row, i) => [`${row.entity} ${row.action}${row.field ? ` ${row.field}` : ''} #${i}`, row, i] as const))('%s', (_name, row, i) => {
    for (const lang of ['de', 'en'] as const) {
      const text = say(row, lang, i);
      const where = `${lang}: ${text}`;
      expect(text, where).toMatch(/^\S.*\.$/);
      // No JSON, no key, no code, no placeholder or missing text.
      expect(text, where).not.toMatch(/[{}[\]"<>]/);
      expect(text, where).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/); // camelCase: topicIds, mergedFrom, fileName
      expect(text, where).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // snake_case: start_hour, theme_day, in_person
      expect(text, where).not.toMatch(/\b(undefined|null|NaN|sha256|auditSentence|audit\.)\b|object Object/);
      if (lang === 'de') {
        // File names are names people gave (a backup's name says "manual"); the rest must be German.
        const words = text.replace(/\S+\.(sqlite|csv|xlsx)\b/g, '');
        for (const key of [...storedKeys(row), ...RAW_CODES])
          expect(words, `"${key}" in ${where}`).not.toMatch(new RegExp(`(^|[^\\p{L}])${key}($|[^\\p{L}])`, 'u'));
      }
    }
  });
});

describe('the sentences people asked for', () => {
  const row = (pick: (r: Row) => boolean) => ROWS.find(pick)!;

  it('an import names the file, what it holds and how many contacts, not its checksum or layout key', () => {
    const imported = row((r) => r.entity === 'import' && r.entityId === 4);
    expect(say(imported, 'de')).toBe('Import „strichliste-2021.csv“: 297 Kontakte aus 12 Zeilen importiert (Monatswerte je Thema, 01.06.2021 – 31.12.2021).');
    expect(say(imported, 'en')).toBe('Import “strichliste-2021.csv”: 297 contacts imported from 12 rows (monthly counts per topic, 1 Jun 2021 – 31 Dec 2021).');
    const one = row((r) => r.entity === 'import' && r.entityId === 5);
    expect(say(one, 'de')).toBe('Import „kontakte.xlsx“: 1 Kontakt aus 1 Zeile importiert (eine Zeile je Kontakt, 02.01.2024).');
  });

  it('a merge says into what, from what, and how many contacts moved', () => {
    expect(
      say(
        row((r) => r.entity === 'topic' && r.field === 'mergedFrom'),
        'de',
      ),
    ).toBe('Thema „Wohnen“: „Miete“ hierher zusammengeführt, 12 Kontakte übernommen.');
    expect(
      say(
        row((r) => r.entity === 'topic' && r.field === 'mergedFrom'),
        'en',
      ),
    ).toBe('Topic “Housing”: “Rent” merged into it, 12 contacts taken over.');
    expect(
      say(
        row((r) => r.entity === 'topic' && r.field === 'mergedInto'),
        'de',
      ),
    ).toBe('Thema „Miete“ in „Wohnen“ zusammengeführt und ausgeschieden.');
    expect(
      say(
        row((r) => r.entity === 'organisation' && r.field === 'mergedInto'),
        'en',
      ),
    ).toBe('Organisation “Alt” merged into “Caritas” and retired.');
  });

  it('a hotkey is the capital the desk shows: "Taste: C → W", and a taken-away key "C → –"', () => {
    expect(
      say(
        row((r) => r.entity === 'topic' && r.action === 'amend' && r.field === 'hotkey' && r.newValue === 'c'),
        'de',
      ),
    ).toBe('Thema „Wohnen“ geändert – Taste: W → C.');
    expect(
      say(
        row((r) => r.entity === 'topic' && r.entityId === 2 && r.field === 'hotkey'),
        'de',
      ),
    ).toBe('Thema „Arbeit“ geändert – Taste: C → –.');
    expect(
      say(
        row((r) => r.entity === 'topic' && r.action === 'create' && r.field === 'hotkey'),
        'en',
      ),
    ).toBe('Topic “Housing” created – Key: W.');
  });

  it('an undo says which contact (its time) and which topics; an older undo at least which contact', () => {
    expect(
      say(
        row((r) => r.action === 'undo' && r.oldValue !== undefined),
        'de',
      ),
    ).toBe('Kontakt von 10:30 rückgängig gemacht – Themen: Wohnen.');
    expect(
      say(
        row((r) => r.action === 'undo' && r.oldValue !== undefined),
        'en',
      ),
    ).toBe('Contact of 10:30 undone – Topics: Housing.');
    expect(
      say(
        row((r) => r.action === 'undo' && r.oldValue === undefined),
        'de',
      ),
    ).toBe('Kontakt von 10:30 rückgängig gemacht.');
  });

  it('the mail server password: that it was saved, changed or removed, never a value', () => {
    const password = (action: string) => row((r) => r.field === 'mailPassword' && r.action === action);
    expect(say(password('create'), 'de')).toBe('Passwort des Mailservers gespeichert (nur auf diesem PC).');
    expect(say(password('amend'), 'de')).toBe('Passwort des Mailservers geändert.');
    expect(say(password('delete'), 'en')).toBe('Mail server password removed.');
    expect(
      say(
        row((r) => r.field === 'mailPort'),
        'de',
      ),
    ).toBe('Einstellungen geändert – Port des Mailservers: 587 → 465.');
  });

  it('a tap, a PIN, the first-visit setup and a retired entry', () => {
    expect(say(ROWS[0]!, 'de')).toBe(
      'Kontakt von 10:30 erfasst – Themen: Wohnen, Arbeit; Weitervermittlung: Caritas; Sprache: Deutsch; Kanal: Telefon; Wer fragt: Bürger*in; Schalter: Sozial-Info.',
    );
    expect(
      say(
        row((r) => r.field === 'pin' && r.action === 'void'),
        'de',
      ),
    ).toMatch(/^Verwaltungs-PIN am PC zurückgesetzt/);
    expect(
      say(
        row((r) => r.field === 'pin' && r.action === 'create'),
        'en',
      ),
    ).toBe('Management PIN set.');
    expect(
      say(
        row((r) => r.field === 'setupConfirmedAt'),
        'de',
      ),
    ).toBe('Ersteinrichtung bestätigt (Name, Eröffnungsdatum, Zeitzone und Öffnungszeiten).');
    expect(
      say(
        row((r) => r.entity === 'desk' && r.action === 'retire'),
        'de',
      ),
    ).toBe('Schalter „Sozial-Info“ ausgeschieden (am Schalter nicht mehr angeboten).');
  });
});
