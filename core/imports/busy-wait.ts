import type { Kysely, Transaction } from 'kysely';
import { ApiError } from '../base/errors';
import { isSqliteBusy } from '../db/begin-immediate';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';

/** How an import waits while another program holds the database's write lock. */
export interface BusyWait {
  /** Called after each attempt that found the database busy, with the time waited so far. */
  onWait?: (waitedMs: number) => void;
  /** How long to keep trying before giving up; 30 s by default. */
  maxWaitMs?: number;
}

export const DEFAULT_MAX_WAIT_MS = 30_000;
const RETRY_PAUSE_MS = 100;

/** PostgreSQL: serialization failure, deadlock, lock not available. */
const POSTGRES_BUSY = new Set(['40001', '40P01', '55P03']);

export const isBusy = (err: unknown) => isSqliteBusy(err) || POSTGRES_BUSY.has(String((err as { code?: unknown } | null)?.code));

/** The refusal after waiting in vain: nothing of the import is visible (what was staged is removed or hidden). */
export const stayedBusy = (waitedMs: number) =>
  new ApiError(
    'unavailable',
    `the database stayed busy for ${Math.round(waitedMs / 1000)} s (another program is writing to it); nothing was imported, try again`,
  );

export type Writer = <T>(write: (trx: Transaction<Schema>) => Promise<T>) => Promise<T>;

/**
 * Runs `attempt` (a transaction) again while the database is busy, with `onWait` between the tries,
 * until `maxWaitMs` has passed. A failed attempt was rolled back, so trying again writes nothing twice.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, { onWait, maxWaitMs = DEFAULT_MAX_WAIT_MS }: BusyWait = {}): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (!isBusy(err)) throw err;
      const waited = Date.now() - started;
      if (waited >= maxWaitMs) throw stayedBusy(waited);
      onWait?.(waited);
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

/**
 * A write transaction that is tried again while the database is busy. On SQLite each attempt already
 * waits up to the connection's busy timeout for the lock (BEGIN IMMEDIATE, see core/db/begin-immediate.ts).
 * `writeLock: false` leaves out PostgreSQL's advisory write lock (core/db/write-transaction.ts): for
 * writes that check nothing others could change meanwhile (rows nobody else sees), so that taps do not
 * queue behind them. SQLite has only the one lock, so there it makes no difference.
 */
export function busyWaitingWriter(db: Kysely<Schema>, wait: BusyWait = {}, { writeLock = true }: { writeLock?: boolean } = {}): Writer {
  return (write) => retryWhileBusy(() => (writeLock ? writeTransaction(db, write) : db.transaction().execute(write)), wait);
}
