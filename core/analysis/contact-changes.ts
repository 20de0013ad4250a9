import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema';

/** A contact id of 0 in the log: every contact may have changed (a restore), so the store is loaded afresh. */
export const EVERYTHING = 0;

/** More changed rows than this since the last look: the store loads afresh instead of re-reading contact by contact. */
export const RELOAD_ABOVE = 50_000;

/** Rows of the log kept when the store prunes it at load: far more than any process on the database lags behind. */
export const KEEP_CHANGES = 200_000;

/** Log rows one pruning statement deletes at most. */
const PRUNE_SLICE = 20_000;

export type ChangeBatch = { kind: 'everything' } | { kind: 'contacts'; ids: number[] };

/**
 * Follows `contact_changes` (migration 0011). Each `next()` says which contacts to re-read since the
 * last look; re-reading a contact is harmless, missing one is not.
 *
 *  - SQLite: writers take turns and a rolled-back write leaves no number behind, so the rows after the
 *    highest number seen are exactly the new ones.
 *  - PostgreSQL: `seq` is the writing transaction's id, and a transaction shows its rows when it commits,
 *    which may be after a later one's. Every transaction below the snapshot's horizon
 *    (`pg_snapshot_xmin`) has ended, so the follower reads from the horizon of its last look on: rows of
 *    transactions still open then are read again, none is missed.
 *
 * A process that last looked below where the log was pruned loads afresh.
 */
export class ChangeFollower {
  private constructor(
    private readonly db: Kysely<Schema>,
    private readonly postgres: boolean,
    /** SQLite: the highest number seen; PostgreSQL: the horizon of the last look. */
    private from: number,
  ) {}

  /** Where the log stands now: a load starts from here, so whatever commits while it reads is re-read after. */
  static async start(db: Kysely<Schema>): Promise<ChangeFollower> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    const pruned = await db.selectFrom('contact_changes_pruned').select('below').where('id', '=', 1).executeTakeFirst();
    const below = Number(pruned?.below ?? 0);
    // Never start below the pruning bound: a fresh load has everything up to now.
    return new ChangeFollower(db, postgres, postgres ? Math.max(await horizon(db), below) : Math.max(await highestChange(db), below - 1));
  }

  /** The first `seq` this follower still needs. */
  private get firstNeeded(): number {
    return this.postgres ? this.from : this.from + 1;
  }

  async next(): Promise<ChangeBatch> {
    const nextFrom = this.postgres ? await horizon(this.db) : null;
    const [pruned, rows] = await Promise.all([
      this.db.selectFrom('contact_changes_pruned').select('below').where('id', '=', 1).executeTakeFirst(),
      this.db
        .selectFrom('contact_changes')
        .select(['seq', 'contact_id'])
        .where('seq', '>=', this.firstNeeded)
        .orderBy('seq')
        .limit(RELOAD_ABOVE + 1)
        .execute(),
    ]);
    const everything = () => {
      this.from = nextFrom ?? Number(rows.at(-1)?.seq ?? this.from);
      return { kind: 'everything' } as const;
    };
    // Pruned past us; or a recount of many contacts (a time-zone change, a big import), quicker loaded afresh.
    if (Number(pruned?.below ?? 0) > this.firstNeeded || rows.length > RELOAD_ABOVE) return everything();
    if (rows.some((r) => Number(r.contact_id) === EVERYTHING)) return everything();
    this.from = nextFrom ?? Number(rows.at(-1)?.seq ?? this.from);
    return { kind: 'contacts', ids: [...new Set(rows.map((r) => Number(r.contact_id)))] };
  }

  /**
   * Drops all but the newest KEEP_CHANGES log rows, a slice per statement with a turn of the event loop
   * between (a write on SQLite holds the file: taps must not wait behind millions of deletions), and notes
   * the bound. Best effort: a busy database just keeps them until the next load.
   */
  async prune(): Promise<void> {
    try {
      const cut = await this.db.selectFrom('contact_changes').select('seq').orderBy('seq', 'desc').offset(KEEP_CHANGES).limit(1).executeTakeFirst();
      if (!cut) return;
      const bound = Number(cut.seq);
      // Noted first: a process that looks in between loads afresh rather than miss a deleted row.
      await this.db.updateTable('contact_changes_pruned').set({ below: bound }).where('id', '=', 1).where('below', '<', bound).execute();
      for (;;) {
        const lowest = await this.db
          .selectFrom('contact_changes')
          .select((eb) => eb.fn.min('seq').as('seq'))
          .executeTakeFirst();
        if (lowest?.seq == null || Number(lowest.seq) >= bound) return;
        await this.db
          .deleteFrom('contact_changes')
          .where('seq', '<', Math.min(Number(lowest.seq) + PRUNE_SLICE, bound))
          .execute();
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch {
      // Another process writing, a busy file: the rows stay for the next load.
    }
  }
}

/** PostgreSQL: the oldest transaction id still running (every one below it has ended). */
async function horizon(db: Kysely<Schema>): Promise<number> {
  const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db);
  return Number(rows[0]!.xmin);
}

/** After a restore: a log row saying "everything", numbered above anything any process has seen. */
export async function markEverythingChanged(db: Kysely<Schema>, highestBefore: number): Promise<void> {
  await sql`update sqlite_sequence set seq = max(seq, ${highestBefore}) where name = 'contact_changes'`.execute(db);
  await db.insertInto('contact_changes').values({ contact_id: EVERYTHING }).execute();
}

export async function highestChange(db: Kysely<Schema>): Promise<number> {
  const row = await db
    .selectFrom('contact_changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
