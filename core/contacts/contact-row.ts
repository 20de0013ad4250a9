import type { Selectable } from 'kysely';
import type { Asker, Channel, EntryKind } from '../base/enums';
import type { ContactTable } from '../db/schema';
import type { LocalParts } from '../time/local-parts';

/**
 * A new contact's row: every column but the id and the void fields, none optional, always in the
 * order `contactRow` writes them. The tap's prepared insert (log-contact.ts, `compiledOnce`) passes
 * `Object.values` of it as the parameters, so the order must be the same on every call.
 */
export type NewContactRow = Omit<Selectable<ContactTable>, 'id' | 'voided_at' | 'void_reason'>;

/** What the writer of a new contact (a tap, an import, the demo) knows of it. */
export interface NewContact {
  /** The client's key for a retried tap; null for imported and generated contacts. */
  requestId: string | null;
  occurredAt: number;
  enteredAt: number;
  channel: Channel;
  asker: Asker;
  languageId: number;
  deskId: number;
  entryKind: EntryKind;
  themeDayId: number | null;
  /** Its random record key (`newRecordKey`, core/publication/cell-key.ts): drawn once, never shown, exported or returned. */
  recordKey: number;
}

/**
 * The one place a contact becomes a `contacts` row: its facts plus where it falls in the site's time
 * zone (`local`, from `localParts` of `occurredAt`). A new column is added here and in the schema.
 */
export function contactRow(c: NewContact, local: Pick<LocalParts, 'day' | 'month' | 'weekday' | 'hour'>): NewContactRow {
  return {
    request_id: c.requestId,
    occurred_at: c.occurredAt,
    entered_at: c.enteredAt,
    local_day: local.day,
    local_month: local.month,
    local_weekday: local.weekday,
    local_hour: local.hour,
    channel: c.channel,
    asker: c.asker,
    language_id: c.languageId,
    desk_id: c.deskId,
    entry_kind: c.entryKind,
    theme_day_id: c.themeDayId,
    record_key: c.recordKey,
  };
}
