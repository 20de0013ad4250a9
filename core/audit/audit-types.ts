import type { OpeningSlot } from '../catalog/catalog-types';
import type { EntryKind } from '../base/enums';

/**
 * What the audit trail records changes of. Zod-free, so the renderer can list the filter's choices.
 * `catalog` in a filter stands for the catalog kinds together (topic groups included).
 */
export const AUDIT_ENTITIES = [
  'contact',
  'topic',
  'organisation',
  'language',
  'desk',
  'topic_group',
  'theme_day',
  'settings',
  'import',
  'device',
  'backup',
  'closure',
  'saved_view',
  'mail_schedule',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** What an audit entry says happened; every one the core writes (core/audit/write-audit.ts) is listed here, so the view can say each in words. */
export const AUDIT_ACTIONS = ['create', 'amend', 'void', 'undo', 'retire', 'reactivate', 'merge', 'pair', 'revoke', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const CATALOG_ENTITIES = ['topic', 'organisation', 'language', 'desk', 'topic_group'] as const satisfies readonly AuditEntity[];

export const AUDIT_FILTERS = ['contact', 'catalog', 'theme_day', 'closure', 'settings', 'import', 'device', 'backup', 'saved_view', 'mail_schedule'] as const;
export type AuditFilter = AuditEntity | 'catalog';

/** The most entries one page of the audit view holds. */
export const MAX_AUDIT_PAGE = 500;
export const DEFAULT_AUDIT_PAGE = 200;

/** A catalog entry's name in both UI languages (an organisation's or desk's name is the same in both). */
export interface BilingualLabel {
  de: string;
  en: string;
}

/**
 * A stored old or new value, made readable by the core: ids become catalog labels, codes stay
 * codes the UI translates, instants become the site's local time. `text` is shown as it is.
 */
export type AuditValue =
  | { kind: 'text'; text: string }
  /** A stored number (a batch's count, an import's rows): the UI formats it, 12345 → 12.345 / 12,345. */
  | { kind: 'number'; value: number }
  | { kind: 'label'; label: BilingualLabel }
  | {
      kind: 'code';
      of:
        | 'channel'
        | 'asker'
        | 'voidReason'
        | 'entryKind'
        | 'themeDayKind'
        | 'backupKind'
        | 'importLayout'
        | 'uiLanguage'
        | 'boolean'
        /** A saved view's period rule (core/views/view-types.ts), its report sections, a filter's "none". */
        | 'periodRule'
        | 'reportSection'
        | 'filterValue'
        /** A saved view's publication method (core/publication/publication-inputs.ts). */
        | 'publicationMethod';
      code: string;
    }
  /** Several values of one field: a saved view's sections. */
  | { kind: 'list'; items: AuditValue[] }
  /** A saved view's filters: each clause's dimension (a code the UI translates), whether it excludes, and its values. */
  | { kind: 'filters'; clauses: { dimension: string; exclude: boolean; values: AuditValue[] }[] }
  | { kind: 'day'; day: string }
  | { kind: 'dayRange'; from: string; to: string }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'hour'; hour: number }
  | { kind: 'localTime'; day: string; time: string }
  | { kind: 'slots'; slots: OpeningSlot[] }
  | { kind: 'none' };

/** One field of an entry: `old → new`, or only `new` (created), or neither (a PIN change says only that it happened). */
export interface AuditChange {
  /** camelCase field name (`topicIds`, `labelDe`, `timeZone`); null when the entry names none. */
  field: string | null;
  old: AuditValue | null;
  new: AuditValue | null;
}

export interface AuditItem {
  id: number;
  /** ISO instant. */
  at: string;
  /** HH:MM in the site's time zone. */
  time: string;
  action: string;
  entity: string;
  entityId: number;
  /** The entry's current name for catalog entries and theme days; null for contacts and settings. */
  entityLabel: BilingualLabel | null;
  /** For contacts: when it happened (local) and how it was entered, so back-dated and batch entries stand out. */
  contact: { day: string; time: string; entryKind: EntryKind } | null;
  changes: AuditChange[];
}

export interface AuditPage {
  day: string;
  timeZone: string;
  /** Newest first. */
  entries: AuditItem[];
  /** Entries of the day per entity, whatever the filter: for the filter's labels. */
  counts: Partial<Record<string, number>>;
  /** Entries of the day that match the filter. */
  total: number;
  /** Pass as `before` for the next (older) page; null when this page reaches the end of the day. */
  nextBefore: number | null;
}
