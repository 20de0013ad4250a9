import type { Generated } from 'kysely';
import type { Asker, Channel, EntryKind } from '../base/enums';

/** Table shapes as the migrations create them. Times are epoch milliseconds (UTC). */
export interface TopicTable {
  id: Generated<number>;
  label_de: string;
  label_en: string;
  color: string;
  hotkey: string | null;
  position: number;
  retired_at: number | null;
  /** JSON array of UN Sustainable Development Goals (1–17). */
  sdgs: Generated<string>;
  /** The entry this one was merged into; it is then retired. */
  merged_into: Generated<number | null>;
}

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  position: number;
  retired_at: number | null;
  merged_into: Generated<number | null>;
}

export interface LanguageTable {
  id: Generated<number>;
  code: string;
  label_de: string;
  label_en: string;
  position: number;
  retired_at: number | null;
  merged_into: Generated<number | null>;
}

export interface DeskTable {
  id: Generated<number>;
  name: string;
  position: number;
  retired_at: number | null;
  merged_into: Generated<number | null>;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface ContactTable {
  id: Generated<number>;
  request_id: string | null;
  occurred_at: number;
  entered_at: number;
  /** Local calendar fields in the site's zone at the time of the contact, kept for index-friendly reports. */
  local_day: string;
  local_month: string;
  local_weekday: number;
  local_hour: number;
  channel: Channel;
  asker: Asker;
  language_id: number;
  desk_id: number;
  entry_kind: EntryKind;
  voided_at: number | null;
  void_reason: string | null;
  theme_day_id: number | null;
  /** Random unsigned 32-bit integer for publication mode's cell-key method (core/publication/cell-key.ts); never shown or exported. */
  record_key: number;
}

export interface ContactTopicTable {
  contact_id: number;
  topic_id: number;
  ordinal: number;
}

export interface ContactReferralTable {
  contact_id: number;
  organisation_id: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  action: string;
  entity: string;
  entity_id: number;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

export interface ThemeDayTable {
  id: Generated<number>;
  title: string;
  organisation_id: number | null;
  kind: 'single' | 'weekly';
  day: string | null;
  weekday: number | null;
  start_hour: number;
  end_hour: number;
  valid_from: string | null;
  valid_to: string | null;
  retired_at: number | null;
}

/** Counting contacts per local day and dimension key (see core/rollups/rollup.ts). */
export interface RollupDailyTable {
  day: string;
  dimension: string;
  key: number;
  n: number;
  /** Sum of the counted contacts' record keys modulo 2^32 (core/publication/cell-key.ts). */
  key_sum: Generated<number>;
}

/** Counting contacts per local day and hour. */
export interface RollupHourlyTable {
  day: string;
  hour: number;
  weekday: number;
  n: number;
  key_sum: Generated<number>;
}

/** One imported file (core/imports); the SHA-256 of its bytes is unique, so a file is imported once. */
export interface ImportTable {
  id: Generated<number>;
  sha256: string;
  file_name: string;
  /** `contacts` (one row per contact) or `monthly` (counts per month and topic). */
  kind: 'contacts' | 'monthly';
  rows: number;
  imported_at: number;
}

/** Monthly counts per topic from an imported file: no day, hour, language or channel is known. */
export interface ImportedMonthlyTable {
  import_id: number;
  month: string; // YYYY-MM
  topic_id: number;
  count: number;
  /** Random unsigned 32-bit integer: the imported count's part of a cell key (core/publication/cell-key.ts). */
  record_key: Generated<number>;
}

/** Topic groups (Themencluster): catalog data, edited, ordered, retired and merged like topics. */
export interface TopicGroupTable {
  id: Generated<number>;
  label_de: string;
  label_en: string;
  position: number;
  retired_at: number | null;
  merged_into: Generated<number | null>;
}

/** A topic's group: at most one active group per topic (core/catalog). */
export interface TopicGroupMemberTable {
  group_id: number;
  topic_id: number;
}

/** The site's own closure calendar (migration 0008, core/closures); public holidays are computed. */
export interface ClosureTable {
  id: Generated<number>;
  first_day: string;
  last_day: string;
  note: string;
  /** `closed`, or `open` for days opened although they are holidays or inside a closure. */
  kind: 'closed' | 'open';
}

/** One row (id 1): raised by triggers on every write to what processes cache (migration 0009, core/live/change-marker.ts). */
export interface ChangeMarkerTable {
  id: number;
  version: number;
}

/**
 * One row per write to a contact, its topics or referrals (migration 0011): `seq` numbers them in order
 * on SQLite and is the writing transaction's id on PostgreSQL; contact id 0: re-read all (core/analysis/contact-changes.ts).
 */
export interface ContactChangeTable {
  seq: Generated<number>;
  contact_id: number;
}

/** One row (id 1): log rows below `below` were pruned. */
export interface ContactChangesPrunedTable {
  id: number;
  below: number;
}

/** An unlocked management session (migration 0010, core/management/management-gate.ts): the token itself is never stored. */
export interface ManagementSessionTable {
  /** Hex SHA-256 of the session token. */
  token_hash: string;
  opened_at: number;
  /** Written at most every 15 s per session (see REFRESH_EVERY_MS in management-gate.ts). */
  last_used_at: number;
}

/** One row (id 1): wrong PINs in a row and until when tries are refused, for every process on the database. */
export interface WrongPinBackoffTable {
  id: number;
  failures: number;
  /** Epoch ms; 0 when tries are not held back. */
  blocked_until: number;
}

/** A paired phone or tablet (migration 0006, core/devices). */
export interface DeviceTable {
  id: Generated<number>;
  name: string;
  desk_id: number | null;
  /** Hex SHA-256 of the device's token; the token itself is never stored here. */
  token_hash: string;
  paired_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
}

/** A saved report view (migration 0012, core/views): period rule, filters and sections as JSON text. */
export interface SavedViewTable {
  id: Generated<number>;
  name: string;
  /** The name as compared for uniqueness (core/views/saved-views.ts `nameKey`). */
  name_key: string;
  period: string;
  filters: string;
  sections: string;
  /** 0 or 1. */
  publication: number;
  /** With publication: 'cellKey' or 'suppression' (core/publication/publication-inputs.ts). */
  publication_method: Generated<string>;
  /** 0 or 1: topics shown as topic groups. */
  topic_groups: Generated<number>;
  created_at: number;
  updated_at: number;
}

/** A scheduled report mail (migration 0014, core/mail/schedules.ts): recipients and formats as JSON text. */
export interface MailScheduleTable {
  id: Generated<number>;
  name: string;
  /** JSON array of e-mail addresses. */
  recipients: string;
  /** lastMonth | lastQuarter | lastYear (core/mail/mail-inputs.ts MAIL_RULES). */
  rule: string;
  view_id: number | null;
  /** 0 or 1. */
  publication: number;
  publication_method: string;
  /** JSON array of xlsx | csv | pdf. */
  formats: string;
  language: string;
  /** 0 or 1. */
  enabled: number;
  /** Epoch ms its periods count from: creation, or the last switch-on after a pause or change of rule (migration 0015); null only before that migration filled it. */
  due_from: number | null;
  created_at: number;
  updated_at: number;
}

/** The delivery log (migration 0014, core/mail/delivery-log.ts): one row per schedule and period. */
export interface MailDeliveryTable {
  id: Generated<number>;
  schedule_id: number;
  schedule_name: string;
  period_from: string;
  period_to: string;
  state: 'sending' | 'sent' | 'failed';
  attempts: number;
  recipients: number;
  /** The same on a resend, so a recipient's mail program recognises it. */
  message_id: string;
  started_at: number;
  finished_at: number | null;
  next_attempt_at: number | null;
  /** JSON of the MailOutcome (core/mail/mail-types.ts), null while sending. */
  outcome: string | null;
}

export interface MigrationTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface Schema {
  topics: TopicTable;
  organisations: OrganisationTable;
  languages: LanguageTable;
  desks: DeskTable;
  settings: SettingTable;
  contacts: ContactTable;
  contact_topics: ContactTopicTable;
  contact_referrals: ContactReferralTable;
  audit_log: AuditTable;
  schema_migrations: MigrationTable;
  theme_days: ThemeDayTable;
  rollup_daily: RollupDailyTable;
  rollup_hourly: RollupHourlyTable;
  imports: ImportTable;
  imported_monthly: ImportedMonthlyTable;
  closures: ClosureTable;
  devices: DeviceTable;
  change_marker: ChangeMarkerTable;
  contact_changes: ContactChangeTable;
  contact_changes_pruned: ContactChangesPrunedTable;
  management_sessions: ManagementSessionTable;
  wrong_pin_backoff: WrongPinBackoffTable;
  saved_views: SavedViewTable;
  topic_groups: TopicGroupTable;
  topic_group_members: TopicGroupMemberTable;
  mail_schedules: MailScheduleTable;
  mail_deliveries: MailDeliveryTable;
}
