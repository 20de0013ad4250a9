import type { Schema } from './schema';

/** A table of the schema, by its name in the database. */
export type TableName = keyof Schema;

interface TableEntry {
  name: TableName;
  /**
   * `copy`: data of the site, carried over by the move to PostgreSQL (core/move). `skip`: made by the
   * target's own migrations (the migration log, the per-database change marker), or belonging to the
   * running site rather than its data (management sessions, the wrong-PIN back-off: after the move the
   * PIN is asked for again).
   */
  move: 'copy' | 'skip';
  /** A column pointing into its own table (a merged entry names the entry it went into): the move writes it after all rows. */
  selfReference?: string;
}

/**
 * Every table the migrations create, parents before children, so foreign keys hold row by row when
 * the tables are filled in this order. A table a new migration adds goes here (the compiler insists,
 * see below); the move refuses a database with a table this list does not know.
 */
export const TABLES = [
  { name: 'settings', move: 'copy' },
  { name: 'topics', move: 'copy', selfReference: 'merged_into' },
  { name: 'organisations', move: 'copy', selfReference: 'merged_into' },
  { name: 'languages', move: 'copy', selfReference: 'merged_into' },
  { name: 'desks', move: 'copy', selfReference: 'merged_into' },
  { name: 'theme_days', move: 'copy' },
  { name: 'topic_groups', move: 'copy', selfReference: 'merged_into' },
  { name: 'topic_group_members', move: 'copy' },
  { name: 'contacts', move: 'copy' },
  { name: 'contact_topics', move: 'copy' },
  { name: 'contact_referrals', move: 'copy' },
  { name: 'audit_log', move: 'copy' },
  { name: 'imports', move: 'copy' },
  { name: 'imported_monthly', move: 'copy' },
  { name: 'rollup_daily', move: 'copy' },
  { name: 'rollup_hourly', move: 'copy' },
  { name: 'devices', move: 'copy' },
  { name: 'closures', move: 'copy' },
  { name: 'saved_views', move: 'copy' },
  { name: 'mail_schedules', move: 'copy' },
  { name: 'mail_deliveries', move: 'copy' },
  { name: 'schema_migrations', move: 'skip' },
  { name: 'change_marker', move: 'skip' },
  { name: 'contact_changes', move: 'skip' },
  { name: 'contact_changes_pruned', move: 'skip' },
  { name: 'management_sessions', move: 'skip' },
  { name: 'wrong_pin_backoff', move: 'skip' },
] as const satisfies readonly TableEntry[];

// Fails to compile when a table of the schema is missing from TABLES.
type Unlisted = Exclude<TableName, (typeof TABLES)[number]['name']>;
const everyTableListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTableListed;

/** Every table's name, in the order above. */
export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

/** The tables the move copies, parents before children. */
export const COPIED_TABLES: readonly TableName[] = TABLES.filter((t) => t.move === 'copy').map((t) => t.name);

/** The tables the move leaves behind (see `TableEntry.move`). */
export const NOT_COPIED_TABLES: ReadonlySet<string> = new Set(TABLES.filter((t) => t.move === 'skip').map((t) => t.name));

/** Self-referencing columns by table (see `TableEntry.selfReference`). */
export const SELF_REFERENCES: Readonly<Record<string, string>> = Object.fromEntries(
  TABLES.flatMap((t: TableEntry) => (t.selfReference === undefined ? [] : [[t.name, t.selfReference]])),
);
