import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';

/** An arbitrary constant naming Kontaktdesk's write lock on a PostgreSQL server (also held while migrating). */
export const WRITE_LOCK = 4_711_2026;

/**
 * Inside a transaction: waits until no other writer of this database is inside one. SQLite's single
 * writer gives this for free; on PostgreSQL, desks and sites write through many connections, and
 * without it two of them could both pass a check made inside their transaction (a name still free, a
 * PIN not yet set, the catalog not yet seeded) before either commits. Reads are never held up.
 */
export async function holdWriteLock(trx: Kysely<any>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
}

/** A write transaction: one at a time per database, on SQLite and PostgreSQL alike. */
export function writeTransaction<DB, T>(db: Kysely<DB>, write: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await holdWriteLock(trx);
    return write(trx);
  });
}
