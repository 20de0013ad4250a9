import type { TFunction } from 'i18next';
import type { AuditItem, AuditValue, BilingualLabel } from '../../../core/audit/audit-types';
import { UI_LANGUAGE_NAMES, type UiLanguage } from '../../i18n/i18n';
import type { Formatter } from '../../ui/format';

/** Pure helpers of the audit view: an entry's values in words (tested without a browser). */

export const labelIn = (label: BilingualLabel, f: Formatter) => (f.lang === 'en' ? label.en : label.de);

const CODE_KEYS: Record<Extract<AuditValue, { kind: 'code' }>['of'], string> = {
  channel: 'channel',
  asker: 'asker',
  voidReason: 'voidReason',
  entryKind: 'audit.entryKinds',
  themeDayKind: 'themeDays.kinds',
  backupKind: 'backup.kinds',
  importLayout: 'import.layouts',
  uiLanguage: '',
  boolean: '',
  periodRule: 'audit.periodRules',
  reportSection: 'audit.sections',
  filterValue: 'audit.filterValues',
  publicationMethod: 'publication.methodNames',
};

/** One stored value as staff read it: labels in the UI language, codes translated, days and times in the local format. */
export function valueText(v: AuditValue, t: TFunction, f: Formatter): string {
  switch (v.kind) {
    case 'text':
      return v.text;
    case 'number':
      return f.count(v.value);
    case 'label':
      return labelIn(v.label, f);
    case 'code':
      if (v.of === 'uiLanguage') return UI_LANGUAGE_NAMES[v.code as UiLanguage] ?? v.code;
      if (v.of === 'boolean') return v.code === 'true' ? t('audit.yes') : t('audit.no');
      return t(`${CODE_KEYS[v.of]}.${v.code}`, { defaultValue: v.code });
    case 'day':
      return f.day(v.day);
    case 'dayRange':
      return f.range(v.from, v.to);
    case 'weekday':
      return f.weekday(v.weekday);
    case 'hour':
      return `${v.hour}:00`;
    case 'localTime':
      return `${f.day(v.day)} ${v.time}`;
    case 'slots':
      return v.slots.length === 0 ? '–' : v.slots.map((s) => `${f.weekday(s.weekday, 'short')} ${s.startHour}–${s.endHour}`).join(', ');
    case 'list':
      return v.items.map((item) => valueText(item, t, f)).join(', ');
    case 'filters':
      // "Sprache: Ukrainisch · ohne Thema: Wohnen, Arbeit": a sentence separates its fields with semicolons already.
      return v.clauses
        .map((c) => {
          const dimension = t(`audit.filterDimensions.${c.dimension}`, { defaultValue: c.dimension });
          const values = c.values.map((value) => valueText(value, t, f)).join(', ');
          return t(c.exclude ? 'audit.filterExcluded' : 'audit.filterIncluded', { dimension, values });
        })
        .join(' · ');
    case 'none':
      return '–';
  }
}

/** A field's name in the UI language; a field the view does not know yet (a new kind of entry) shows as stored. */
export const fieldText = (field: string | null, t: TFunction) => (field === null ? '' : t(`audit.fields.${field}`, { defaultValue: field }));

/** What the entry is about: "Kontakt von 10:30" (with the date when it happened on another day), "Thema „Wohnen“", "Einstellungen". */
export function entityText(e: AuditItem, day: string, t: TFunction, f: Formatter): string {
  if (e.entity === 'contact' && e.contact) {
    const when = e.contact.day === day ? e.contact.time : `${f.day(e.contact.day)} ${e.contact.time}`;
    return t('audit.contactAt', { when });
  }
  const entity = t(`audit.entities.${e.entity}`, { defaultValue: e.entity });
  if (e.entityLabel) return t('audit.named', { entity, name: labelIn(e.entityLabel, f) });
  // A closure is known by its note, a saved view by its name, which the entry carries (a deleted one has no other name left).
  const nameField = e.entity === 'closure' ? 'note' : e.entity === 'saved_view' ? 'name' : undefined;
  const note = nameField ? e.changes.find((c) => c.field === nameField) : undefined;
  const noteValue = [note?.new, note?.old].find((v) => v?.kind === 'text');
  if (noteValue?.kind === 'text') return t('audit.named', { entity, name: noteValue.text });
  if (e.entity === 'settings' || e.entityId === 0) return entity;
  return `${entity} #${e.entityId}`;
}

/** The day before or after a YYYY-MM-DD day. */
export const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

/**
 * Entries written together for one thing (a catalog entry created field by field, a contact amended
 * in two fields) shown as one: same instant, action and subject. The page lists them newest first,
 * so each older row's changes go in front, giving the order they were written in.
 */
export function groupEntries(entries: readonly AuditItem[]): AuditItem[] {
  const groups: AuditItem[] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.at === e.at && last.action === e.action && last.entity === e.entity && last.entityId === e.entityId) {
      groups[groups.length - 1] = { ...last, changes: [...e.changes, ...last.changes] };
    } else {
      groups.push(e);
    }
  }
  return groups;
}
