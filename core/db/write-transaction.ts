import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';

/** An arbitrary constant naming Kontaktdesk's write lock on a PostgreSQL server (also held while migrating). */
export const WRITE_LOCK = 4_711_2026;

/**
 * A write transaction: one at a time per database, on SQLite and PostgreSQL alike. SQLite's single
 * writer gives this for free; on PostgreSQL, desks and sites write through many connections, and
 * without the lock two of them could both pass a check made inside their transaction (a name still
 * free, a PIN not yet set, the catalog not yet seeded) before either commits. Reads are never held up.
 * On SQLite the transaction begins IMMEDIATE (core/db/begin-immediate.ts): it waits for another
 * process's write lock (`npm run import` beside the app) instead of failing when it first writes.
 * Keep each one short: a tap queues behind whatever write transaction is open.
 */
export function writeTransaction<DB, T>(db: Kysely<DB>, write: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
    return write(trx);
  });
}
