import type { Catalog, OpeningSlot } from '../catalog/catalog-types';
import { localParts, localTimeLabel } from '../time/local-parts';
import type { AuditChange, AuditValue, BilingualLabel } from './audit-types';

/** Catalog lookups by id, for turning stored ids into the labels people know. */
export interface AuditLabels {
  topic: Map<number, BilingualLabel>;
  organisation: Map<number, BilingualLabel>;
  language: Map<number, BilingualLabel>;
  desk: Map<number, BilingualLabel>;
  topic_group: Map<number, BilingualLabel>;
  theme_day: Map<number, BilingualLabel>;
  /** Languages by code, as filters name them. */
  languageCode: Map<string, BilingualLabel>;
  timeZone: string;
}

type LabelKind = 'topic' | 'organisation' | 'language' | 'desk' | 'topic_group' | 'theme_day';

const same = (name: string): BilingualLabel => ({ de: name, en: name });

export function auditLabels(catalog: Catalog): AuditLabels {
  return {
    topic: new Map(catalog.topics.map((t) => [t.id, { de: t.labelDe, en: t.labelEn }])),
    organisation: new Map(catalog.organisations.map((o) => [o.id, same(o.name)])),
    language: new Map(catalog.languages.map((l) => [l.id, { de: l.labelDe, en: l.labelEn }])),
    desk: new Map(catalog.desks.map((d) => [d.id, same(d.name)])),
    topic_group: new Map(catalog.topicGroups.map((g) => [g.id, { de: g.labelDe, en: g.labelEn }])),
    theme_day: new Map(catalog.themeDays.map((t) => [t.id, same(t.title)])),
    languageCode: new Map(catalog.languages.map((l) => [l.code, { de: l.labelDe, en: l.labelEn }])),
    timeZone: catalog.settings.timeZone,
  };
}

/** `start_hour` → `startHour`: theme days are audited as table rows, everything else in camelCase. */
export const camelCase = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Which catalog a field's ids point into; a merge target points into the entry's own kind. */
function refKind(field: string, entity: string): LabelKind | null {
  if (field === 'topicIds' || field === 'topicId') return 'topic';
  if (field === 'referralIds' || field === 'organisationId' || field === 'organisationIds') return 'organisation';
  if (field === 'languageId') return 'language';
  if (field === 'deskId') return 'desk';
  if (field === 'themeDayId') return 'theme_day';
  if ((field === 'mergedInto' || field === 'mergedFrom') && isLabelKind(entity)) return entity;
  return null;
}

const isLabelKind = (entity: string): entity is LabelKind => ['topic', 'organisation', 'language', 'desk', 'topic_group', 'theme_day'].includes(entity);

const CODE_FIELDS: Record<string, Extract<AuditValue, { kind: 'code' }>['of']> = {
  channel: 'channel',
  asker: 'asker',
  voidReason: 'voidReason',
  entryKind: 'entryKind',
  defaultLanguage: 'uiLanguage',
  layout: 'importLayout',
  publicationMethod: 'publicationMethod',
};

/** A `kind` field is a code of its entity's own kinds. */
const KIND_CODES: Record<string, Extract<AuditValue, { kind: 'code' }>['of']> = { theme_day: 'themeDayKind', backup: 'backupKind' };

const DAY_FIELDS = new Set(['day', 'openingDate', 'validFrom', 'validTo']);
const isDayText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isMonthText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v);
const lastDayOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

function labelOf(labels: AuditLabels, kind: LabelKind, ids: unknown): AuditValue {
  // A merge names its source as `{ id, contacts }`.
  const idOf = (v: unknown) => (isRecord(v) ? v.id : v);
  const list = (Array.isArray(ids) ? ids : [ids]).map(idOf).filter((id): id is number => typeof id === 'number');
  if (list.length === 0) return { kind: 'none' };
  const found = list.map((id) => labels[kind].get(id) ?? same(`#${id}`));
  return { kind: 'label', label: { de: found.map((l) => l.de).join(', '), en: found.map((l) => l.en).join(', ') } };
}

function localTime(labels: AuditLabels, instant: number): AuditValue {
  const p = localParts(instant, labels.timeZone);
  return { kind: 'localTime', day: p.day, time: localTimeLabel(p) };
}

/** One stored value as the audit view shows it. */
export function auditValue(labels: AuditLabels, entity: string, field: string, value: unknown): AuditValue {
  // Empty text (no backup folder set, setup not yet confirmed) reads as "–", like nothing.
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return { kind: 'none' };
  if (entity === 'saved_view') {
    const view = savedViewValue(labels, field, value);
    if (view) return view;
  }
  if (entity === 'mail_schedule') {
    const schedule = mailScheduleValue(labels, field, value);
    if (schedule) return schedule;
  }
  const ref = refKind(field, entity);
  if (ref) return labelOf(labels, ref, value);
  const code = CODE_FIELDS[field] ?? (field === 'kind' ? KIND_CODES[entity] : undefined);
  if (code && typeof value === 'string') return { kind: 'code', of: code, code: value };
  if (typeof value === 'boolean') return { kind: 'code', of: 'boolean', code: String(value) };
  // Stored as typed ("c"); the desk's buttons show it as a capital, so the log does too.
  if (field === 'hotkey' && typeof value === 'string') return { kind: 'text', text: value.toUpperCase() };
  if (DAY_FIELDS.has(field) && isDayText(value)) return { kind: 'day', day: value };
  if (field === 'weekday' && typeof value === 'number') return { kind: 'weekday', weekday: value };
  if ((field === 'startHour' || field === 'endHour') && typeof value === 'number') return { kind: 'hour', hour: value };
  if (field === 'openingHours' && Array.isArray(value)) return { kind: 'slots', slots: value as OpeningSlot[] };
  // An instant given as ISO text: when a contact happened, when the first-visit setup was confirmed.
  if (field.endsWith('At') && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)))
    return localTime(labels, Date.parse(value));
  if (field.endsWith('At') && typeof value === 'number') return localTime(labels, value);
  if (isRecord(value) && isDayText(value.from) && isDayText(value.to)) return { kind: 'dayRange', from: value.from, to: value.to };
  // Months (a monthly import's range) as the days they cover: 2025-12 … 2026-01 is 01.12.2025 – 31.01.2026.
  if (isRecord(value) && isMonthText(value.from) && isMonthText(value.to)) return { kind: 'dayRange', from: `${value.from}-01`, to: lastDayOf(value.to) };
  // An imported file's fingerprint: its start tells files apart.
  if (field === 'sha256' && typeof value === 'string') return { kind: 'text', text: `${value.slice(0, 12)}…` };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return { kind: 'text', text: value.join(', ') };
  return { kind: 'text', text: JSON.stringify(value) };
}

/** Which catalog a filter dimension's ids point into (core/analysis/filter-inputs.ts). */
const FILTER_CATALOGS: Record<string, LabelKind> = { topic: 'topic', firstTopic: 'topic', referral: 'organisation', desk: 'desk', themeDay: 'theme_day' };

function filterValue(labels: AuditLabels, dimension: string, value: unknown): AuditValue {
  if (value === 'none') return { kind: 'code', of: 'filterValue', code: 'none' };
  const kind = FILTER_CATALOGS[dimension];
  if (kind) return labelOf(labels, kind, value);
  if (dimension === 'language' && typeof value === 'string') return { kind: 'label', label: labels.languageCode.get(value) ?? same(value) };
  if ((dimension === 'channel' || dimension === 'asker') && typeof value === 'string') return { kind: 'code', of: dimension, code: value };
  if (dimension === 'sdg' && typeof value === 'number') return { kind: 'text', text: `SDG ${value}` };
  return { kind: 'text', text: String(value) };
}

/** A saved view's period rule, sections and filters (core/views), in words rather than JSON. */
function savedViewValue(labels: AuditLabels, field: string, value: unknown): AuditValue | null {
  if (field === 'period' && isRecord(value) && typeof value.kind === 'string') {
    if (value.kind === 'fixed' && isDayText(value.from) && isDayText(value.to)) return { kind: 'dayRange', from: value.from, to: value.to };
    return { kind: 'code', of: 'periodRule', code: value.kind };
  }
  if (field === 'sections' && Array.isArray(value)) return { kind: 'list', items: value.map((s) => ({ kind: 'code', of: 'reportSection', code: String(s) })) };
  if (field === 'filters' && Array.isArray(value)) {
    const clauses = value.filter(isRecord).map((c) => ({
      dimension: String(c.dimension),
      exclude: c.exclude === true,
      values: (Array.isArray(c.values) ? c.values : []).map((v) => filterValue(labels, String(c.dimension), v)),
    }));
    return { kind: 'filters', clauses };
  }
  return null;
}

/** A mail schedule's rule (a period rule's words), language and attachment formats (core/mail/schedules.ts). */
function mailScheduleValue(labels: AuditLabels, field: string, value: unknown): AuditValue | null {
  if (field === 'rule' && typeof value === 'string') return { kind: 'code', of: 'periodRule', code: value };
  if (field === 'language' && typeof value === 'string') return { kind: 'label', label: labels.languageCode.get(value) ?? same(value) };
  if (field === 'formats' && Array.isArray(value)) return { kind: 'text', text: value.map((f) => String(f).toUpperCase()).join(', ') };
  if (field === 'viewId' && typeof value === 'number') return { kind: 'text', text: `#${value}` };
  return null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the entry of a created contact repeats without telling anything new. */
const CONTACT_NOISE = new Set(['entryKind', 'count']);

/**
 * The fields an entry changed. An entry naming a field is one change; an entry holding whole
 * records (a created contact, a theme-day row before and after) is split into its fields, and a
 * record amended as a whole shows only the fields that differ.
 */
export function auditChanges(labels: AuditLabels, entity: string, field: string | null, oldValue: unknown, newValue: unknown): AuditChange[] {
  // A merge's target names its source and how many contacts it took over: two facts, shown as two.
  if (field === 'mergedFrom' && isRecord(newValue) && typeof newValue.contacts === 'number') {
    return [
      { field, old: null, new: auditValue(labels, entity, field, newValue) },
      { field: 'movedContacts', old: null, new: { kind: 'number', value: newValue.contacts } },
    ];
  }
  if (field !== null || (!isRecord(oldValue) && !isRecord(newValue))) {
    const name = field === null ? null : camelCase(field);
    const show = (v: unknown) => (v === undefined ? null : auditValue(labels, entity, name ?? '', v));
    if (oldValue === undefined && newValue === undefined) return [{ field: name, old: null, new: null }];
    return [{ field: name, old: show(oldValue), new: show(newValue) }];
  }
  const before = isRecord(oldValue) ? oldValue : {};
  const after = isRecord(newValue) ? newValue : {};
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const name = camelCase(key);
    const was = before[key];
    const is = after[key];
    if (isRecord(oldValue) && JSON.stringify(was ?? null) === JSON.stringify(is ?? null)) continue;
    if (!isRecord(oldValue)) {
      // A created record: its empty fields and bookkeeping say nothing.
      if (is === null || is === undefined || (Array.isArray(is) && is.length === 0)) continue;
      if (entity === 'contact' && CONTACT_NOISE.has(name) && !(name === 'count' && is !== 1)) continue;
    }
    changes.push({
      field: name,
      old: isRecord(oldValue) ? auditValue(labels, entity, name, was) : null,
      new: isRecord(newValue) ? auditValue(labels, entity, name, is) : null,
    });
  }
  return changes;
}
