import { sql, type Kysely } from 'kysely';
import { NOT_COPIED_TABLES } from '../../core/db/tables';

/** Every row of every table, in a stable order: compare before and after to prove nothing changed. Works on SQLite and PostgreSQL. */
export async function snapshotDatabase(db: Kysely<any>): Promise<Record<string, unknown[]>> {
  const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('sqlite_')).sort((a, b) => a.name.localeCompare(b.name));
  const entries = [];
  for (const { name, columns } of tables) {
    // Every column in the order, so rows that tie on the first ones come out alike on both dialects.
    const order = sql.raw(columns.map((_, i) => i + 1).join(', '));
    entries.push([name, (await sql`select * from ${sql.table(name)} order by ${order}`.execute(db)).rows] as const);
  }
  return Object.fromEntries(entries);
}

/** The snapshot of a core's database. */
export const snapshotCore = (core: { database: { db: Kysely<any> } }) => snapshotDatabase(core.database.db);

/** The tables of a snapshot the move to PostgreSQL carries over: all but those the table registry (core/db/tables.ts) leaves behind. */
export const copiedPart = (snapshot: Record<string, unknown[]>): Record<string, unknown[]> =>
  Object.fromEntries(Object.entries(snapshot).filter(([table]) => !NOT_COPIED_TABLES.has(table)));
