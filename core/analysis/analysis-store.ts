import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { ChangeFollower } from './contact-changes';
import { ContactColumns, REFERRAL_SLOTS } from './contact-columns';
import { Dictionary } from './dictionary';
import { readContactFacts } from './read-contacts';
import { adoptRawColumns, readColumnsInWorker } from './load-worker';
import type { StoreDictionaries } from './select-rows';
import { goalMaskOf, PeriodTallies } from './period-tally';
import type { Topic } from '../catalog/catalog-types';

/** Contacts read per query while loading: about ten milliseconds of work between two turns of the event loop. */
const LOAD_CHUNK = 5_000;
/** Rows written since the last sort, beyond which the next query sorts again first. */
const UNTIDY_LIMIT = 20_000;

/** What a query works on: the columns and dictionaries as of one moment, and what changed since the last look. */
export interface StoreSnapshot {
  cols: ContactColumns;
  dicts: StoreDictionaries;
  /** Increases with every load; month tallies of an older generation are thrown away. */
  generation: number;
  /** Tallies of whole months, kept current with the store. */
  tallies: PeriodTallies;
}

const freshDictionaries = (): StoreDictionaries => ({
  topics: new Dictionary(),
  organisations: new Dictionary(),
  languages: new Dictionary(),
  desks: new Dictionary(),
  themeDays: new Dictionary(),
});

/**
 * The in-memory column store of the counting contacts (issue 16), one per process. It loads in the
 * background after the core opens — in pieces, so taps never wait behind it — and from then on follows
 * the contact change log before every query: its own writes, another window's, another process's on
 * the same file or PostgreSQL database, an import, a merge or a recount of days alike.
 */
export class AnalysisStore {
  private cols = new ContactColumns();
  private dicts = freshDictionaries();
  private follower: ChangeFollower | null = null;
  private generation = 0;
  private readonly tallies = new PeriodTallies();
  private loading: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Kysely<Schema>,
    /** On SQLite, the file: a worker thread reads it (PostgreSQL is read through Kysely, a slice at a time). */
    private readonly sqliteFile: string | null = null,
  ) {}

  /** Starts the background load (idempotent); queries wait for it, the desk never does. */
  start(): Promise<void> {
    // A load that failed (the database was busy or closing) is tried again by the next query.
    this.loading ??= this.serial(() => this.load()).catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  get ready(): boolean {
    return this.follower !== null;
  }

  /**
   * Counts every whole month once, in the background after a load, a month per turn of the event loop:
   * the first report of a period then finds its months (and those of its comparisons and headline)
   * ready instead of counting up to ten years while someone waits.
   */
  async warm(topics: readonly Topic[]): Promise<void> {
    const snapshot = await this.snapshot();
    const { first, last } = snapshot.cols.sortedDays;
    if (last >= first) await snapshot.tallies.count(snapshot, first, last, [], goalMaskOf(snapshot, topics));
  }

  /** After a restore the file holds other contacts: load again. */
  reload(): Promise<void> {
    this.loading = this.serial(() => this.load());
    return this.loading;
  }

  close() {
    this.closed = true;
  }

  /** The store brought up to date with the database, for one synchronous query. */
  async snapshot(): Promise<StoreSnapshot> {
    await this.start();
    return this.serial(async () => {
      await this.follow();
      if (this.cols.untidy > UNTIDY_LIMIT) this.cols.compact();
      return { cols: this.cols, dicts: this.dicts, generation: this.generation, tallies: this.tallies };
    });
  }

  /** Loads, follows and sorts one after another: a query never sees a half-applied change. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load() {
    const follower = await ChangeFollower.start(this.db);
    const cols = new ContactColumns();
    const dicts = freshDictionaries();
    const raw = this.sqliteFile ? await readColumnsInWorker(this.sqliteFile, REFERRAL_SLOTS).catch(() => null) : null;
    if (raw) {
      await adoptRawColumns(cols, dicts, raw);
    } else {
      // PostgreSQL, or a worker that could not start (no file, a shell that cannot load the driver there): slices through Kysely.
      await this.loadThroughKysely(cols, dicts);
      cols.compact();
    }
    Object.assign(this, { cols, dicts, follower, generation: this.generation + 1 });
    // Whatever was written while loading is in the log from the start number on.
    await this.follow();
    await follower.prune();
  }

  private async loadThroughKysely(cols: ContactColumns, dicts: StoreDictionaries) {
    const last = await this.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const maxId = Number(last?.id ?? 0);
    for (let afterId = 0; afterId < maxId && !this.closed; afterId += LOAD_CHUNK) {
      const { facts } = await readContactFacts(this.db, dicts, { afterId, upToId: afterId + LOAD_CHUNK });
      for (const f of facts) cols.append(f);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async follow() {
    if (!this.follower) return;
    const batch = await this.follower.next();
    if (batch.kind === 'everything') return this.load();
    if (batch.ids.length === 0) return;
    const { facts, missing } = await readContactFacts(this.db, this.dicts, { ids: batch.ids });
    for (const f of facts) this.tallies.forgetDays(this.cols.upsert(f.id, f));
    for (const id of missing) this.tallies.forgetDays(this.cols.upsert(id, null));
  }

  /** Contacts held and bytes used, for the bench. */
  get size(): { contacts: number; bytes: number } {
    return { contacts: this.cols.length, bytes: this.cols.bytes };
  }
}
