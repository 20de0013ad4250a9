import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { compiledOnce } from '../db/compiled-once';

/**
 * The number triggers raise inside every transaction that writes what processes cache: catalog,
 * settings, theme days, closures (migration 0009). Equal numbers mean an unchanged catalog; only
 * equality is ever asked, never order.
 */
export async function readChangeMarker(db: Kysely<Schema>): Promise<number> {
  const [row] = (await markerRow<{ version: number }>(db, undefined)).rows;
  if (!row) throw new Error('the change marker row is missing (migration 0009)');
  return Number(row.version);
}

/** Read inside every tap's transaction: compiled once (core/db/compiled-once.ts). */
const markerRow = compiledOnce(
  () => 'changeMarker',
  (db) => db.selectFrom('change_marker').select('version').where('id', '=', 1),
  () => [1],
);

/**
 * After a restore the file holds an older marker, which a process still holding the catalog of that
 * very number would take for "unchanged": a jump far beyond any count of writes since rules that out.
 */
export async function jumpChangeMarker(db: Kysely<Schema>): Promise<void> {
  const jump = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  await sql`update change_marker set version = version + ${jump} where id = 1`.execute(db);
}
