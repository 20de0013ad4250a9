import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../core/context';
import type { Catalog } from '../../core/catalog/catalog-types';
import { computeReport } from '../../core/reports/compute-report';
import { computePivot } from '../../core/analysis/compute-pivot';
import { ChangeFollower, KEEP_CHANGES, RELOAD_ABOVE } from '../../core/analysis/contact-changes';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../core/db/schema';
import type { Report } from '../../core/reports/report-types';
import { openSecondCore } from '../support/second-core';
import { openTempCore, type TempCore } from '../support/temp-core';
import { onPostgres } from '../support/test-database';

// The analysis store (core/analysis) and the rollups are two independent ways to the same unfiltered
// figures: every report from the one must equal the report from the other, after every kind of write.

const CHANNELS = ['in_person', 'phone', 'email'] as const;
const ASKERS = ['citizen', 'organisation'] as const;

/** A small deterministic generator, so a failure names the contact that differs. */
function* sequence(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}

async function seed(core: TempCore, catalog: Catalog, n: number, seedValue: number) {
  const random = sequence(seedValue);
  const pick = <T>(list: readonly T[]) => list[random.next().value! % list.length]!;
  const topics = catalog.topics.filter((t) => !t.retired).map((t) => t.id);
  const organisations = catalog.organisations.filter((o) => !o.retired).map((o) => o.id);
  const languages = catalog.languages.filter((l) => !l.retired).map((l) => l.id);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + (random.next().value! % 120);
    const at = new Date(Date.parse('2025-11-01T08:00:00Z') + day * 86_400_000 + (random.next().value! % 9) * 3_600_000);
    const first = pick(topics);
    const second = pick(topics);
    const referrals = random.next().value! % 3 === 0 ? [pick(organisations)] : [];
    const stored = await core.client.logContact({
      topicIds: second === first || i % 2 ? [first] : [first, second],
      referralIds: referrals,
      languageId: pick(languages),
      channel: pick(CHANNELS),
      asker: pick(ASKERS),
      occurredAt: at.toISOString(),
    });
    ids.push(stored.contact.id);
  }
  return ids;
}

const rollupContext = (ctx: CoreContext): CoreContext => ({ ...ctx, analysis: { ready: false } as CoreContext['analysis'] });
const withoutTime = (r: Report) => ({ ...r, generatedAt: '' });

async function expectStoreMatchesRollups(core: TempCore, periods: [string, string][]) {
  await core.context.analysis.start();
  for (const [from, to] of periods) {
    const fromStore = await computeReport(core.context, { from, to, publication: false, publicationMethod: 'cellKey', topicGroups: false });
    const fromRollups = await computeReport(rollupContext(core.context), { from, to, publication: false, publicationMethod: 'cellKey', topicGroups: false });
    expect(withoutTime(fromStore), `${from} … ${to}`).toEqual(withoutTime(fromRollups));
  }
}

const PERIODS: [string, string][] = [
  ['2025-11-01', '2025-11-30'],
  ['2025-12-01', '2025-12-31'],
  ['2025-11-15', '2026-01-20'],
  ['2025-01-01', '2026-03-10'],
  ['2026-02-01', '2026-02-28'],
  ['2026-03-01', '2026-03-10'],
];

describe('the analysis store', () => {
  let core: TempCore;
  let catalog: Catalog;
  let ids: number[];

  beforeEach(async () => {
    core = await openTempCore(Date.parse('2026-03-10T12:00:00Z'));
    catalog = await core.client.getCatalog({});
    ids = await seed(core, catalog, 160, 7);
  }, 60_000);
  afterEach(() => core.dispose());

  it('answers every unfiltered report exactly as the rollups do', async () => {
    await expectStoreMatchesRollups(core, PERIODS);
  });

  it('follows taps, voids, undos and amendments of this process, and a second process on the same database', async () => {
    await expectStoreMatchesRollups(core, PERIODS); // loaded and month tallies cached before the writes
    await core.client.voidContact({ contactId: ids[0]!, reason: 'duplicate' });
    await core.client.amendContact({ contactId: ids[1]!, topicIds: [catalog.topics[0]!.id, catalog.topics[1]!.id], channel: 'email' });
    await core.client.amendContact({ contactId: ids[2]!, referralIds: [catalog.organisations[0]!.id] });
    const tap = await core.client.logContact({ topicIds: [catalog.topics[2]!.id], languageId: catalog.languages[0]!.id, channel: 'phone', asker: 'citizen' });
    await core.client.undoContact({ contactId: tap.contact.id });
    await expectStoreMatchesRollups(core, PERIODS);

    const second = await openSecondCore(core);
    try {
      await second.client.logContact({
        topicIds: [catalog.topics[3]!.id],
        languageId: catalog.languages[1]!.id,
        channel: 'email',
        asker: 'organisation',
        occurredAt: '2025-12-02T10:00:00Z',
      });
      await second.client.voidContact({ contactId: ids[3]!, reason: 'test' });
      await expectStoreMatchesRollups(core, PERIODS);
    } finally {
      await second.close();
    }
  });

  it.skipIf(onPostgres())('loads again after a restore, in this process and in another one on the same file (SQLite only: backups are files)', async () => {
    const second = await openSecondCore(core);
    try {
      const backup = await core.client.backupNow({});
      const filter = { dimension: 'channel' as const, values: ['phone'], exclude: false };
      const period = { from: '2025-11-01', to: '2026-03-10', publication: false, filters: [filter] };
      const before = await second.client.getReport(period);
      for (let i = 0; i < 5; i++) {
        await core.client.logContact({
          topicIds: [catalog.topics[0]!.id],
          languageId: catalog.languages[0]!.id,
          channel: 'phone',
          asker: 'citizen',
          occurredAt: '2026-01-05T09:00:00Z',
        });
      }
      expect((await second.client.getReport(period)).total).toBe(before.total! + 5);
      await core.client.restoreBackup({ file: backup.name });
      expect((await core.client.getReport(period)).total).toBe(before.total);
      // The same number of writes again: the restored log reaches the very numbers the other process saw last.
      for (let i = 0; i < 5; i++) {
        await core.client.logContact({
          topicIds: [catalog.topics[1]!.id],
          languageId: catalog.languages[0]!.id,
          channel: 'email',
          asker: 'citizen',
          occurredAt: '2026-01-06T09:00:00Z',
        });
      }
      expect((await second.client.getReport(period)).total).toBe(before.total);
      expect((await second.client.getReport({ ...period, filters: [] })).total).toBe((await core.client.getReport({ ...period, filters: [] })).total);
      await expectStoreMatchesRollups(core, PERIODS);
    } finally {
      await second.close();
    }
  });

  it('puts contacts in pivots consistently with the report: totals count contacts once, cells of a multi-valued side add up to more', async () => {
    const from = '2025-11-01';
    const to = '2026-03-10';
    const report = await computeReport(core.context, { from, to, publication: false, publicationMethod: 'cellKey', topicGroups: false });
    const byChannel = await computePivot(core.context, { from, to, rows: 'channel', columns: 'asker', filters: [], publication: false });
    expect(byChannel.total).toBe(report.total);
    expect(Object.fromEntries(byChannel.rows.map((r, i) => [r.key, byChannel.rowTotals[i]]))).toEqual(
      Object.fromEntries(report.byChannel.rows.filter((r) => r.n! > 0).map((r) => [r.key, r.n])),
    );
    expect(byChannel.cells.flat().reduce((s, n) => s + n, 0)).toBe(report.total);
    expect(byChannel.multiValued).toEqual([]);

    const byTopic = await computePivot(core.context, { from, to, rows: 'topic', columns: 'referral', filters: [], publication: false });
    expect(byTopic.multiValued).toEqual(['topic', 'referral']);
    expect(byTopic.total).toBe(report.total);
    const mentions = Object.fromEntries(report.byTopic.mentions.rows.filter((r) => r.n! > 0).map((r) => [r.key, r.n]));
    expect(Object.fromEntries(byTopic.rows.map((r, i) => [r.key, byTopic.rowTotals[i]]))).toEqual(mentions);
    const none = byTopic.columns.findIndex((c) => c.key === 'none');
    expect(byTopic.columnTotals[none]).toBe(report.total! - report.contactsWithReferral!);
    expect(byTopic.cells.flat().reduce((s, n) => s + n, 0)).toBeGreaterThan(report.total!);
  });

  it('filters every part of a report: the channel filter leaves exactly the channel row, and its total and comparisons follow', async () => {
    const from = '2025-12-01';
    const to = '2025-12-31';
    const all = await computeReport(core.context, { from, to, publication: false, publicationMethod: 'cellKey', topicGroups: false });
    const phone = await computeReport(core.context, {
      from,
      to,
      publication: false,
      publicationMethod: 'cellKey',
      topicGroups: false,
      filters: [{ dimension: 'channel', values: ['phone'], exclude: false }],
    });
    const notPhone = await computeReport(core.context, {
      from,
      to,
      publication: false,
      publicationMethod: 'cellKey',
      topicGroups: false,
      filters: [{ dimension: 'channel', values: ['phone'], exclude: true }],
    });
    const phoneRow = all.byChannel.rows.find((r) => r.key === 'phone')!.n!;
    expect(phone.total).toBe(phoneRow);
    expect(phone.total! + notPhone.total!).toBe(all.total);
    expect(phone.byChannel.rows.filter((r) => r.n! > 0).map((r) => r.key)).toEqual(['phone']);
    expect(phone.comparisons.previousPeriod.total! + notPhone.comparisons.previousPeriod.total!).toBe(all.comparisons.previousPeriod.total);
    expect(phone.headline.sinceOpening.total! + notPhone.headline.sinceOpening.total!).toBe(all.headline.sinceOpening.total);
    expect(phone.filters).toEqual([{ dimension: 'channel', values: ['phone'], exclude: false, labels: [{ de: 'Telefon', en: 'phone' }] }]);
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) expect(phone.heatmap[weekday]![hour]! + notPhone.heatmap[weekday]![hour]!).toBe(all.heatmap[weekday]![hour]);
    }
  });
});

describe('following the contact change log', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore();
  });
  afterEach(() => core.dispose());

  /** Log rows as the triggers write them: numbered on SQLite, with the writing transaction's id on PostgreSQL. */
  const log = async (db: Kysely<Schema>, ids: number[]) => {
    for (let i = 0; i < ids.length; i += 5_000) {
      const slice = ids.slice(i, i + 5_000);
      if (onPostgres()) await sql`insert into contact_changes (seq, contact_id) select pg_current_xact_id()::text::bigint, unnest(${slice}::int[])`.execute(db);
      else
        await db
          .insertInto('contact_changes')
          .values(slice.map((contact_id) => ({ contact_id })))
          .execute();
    }
  };

  it.runIf(onPostgres())('reads a transaction that commits after a later one when it commits (PostgreSQL: transaction ids, not numbers)', async () => {
    const follower = await ChangeFollower.start(core.database.db);
    const second = await openSecondCore(core);
    let commit!: () => void;
    const open = new Promise<void>((resolve) => (commit = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    try {
      const slow = second.database.db.transaction().execute(async (trx) => {
        await log(trx, [101]); // takes its transaction id now, shows it at commit
        started();
        await open;
      });
      await inside;
      await log(core.database.db, [102]); // a later transaction, committed first
      expect(await follower.next()).toEqual({ kind: 'contacts', ids: [102] });
      commit();
      await slow;
      // Read from the horizon of the last look, which the open transaction held below it: 101 now, and 102 again
      // (harmless; on a server shared with other databases their transactions can hold the horizon lower still).
      const after = await follower.next();
      expect(after.kind === 'contacts' && after.ids.includes(101)).toBe(true);
    } finally {
      commit();
      await second.close();
    }
  });

  it('reads each new row once on SQLite, and loads everything again after "everything" (a restore) or when the log was pruned past it', async () => {
    const db = core.database.db;
    const follower = await ChangeFollower.start(db);
    await log(db, [5, 7]);
    const first = await follower.next();
    expect(first).toEqual({ kind: 'contacts', ids: [5, 7] });
    if (!onPostgres()) expect(await follower.next()).toEqual({ kind: 'contacts', ids: [] });
    await log(db, [0]);
    expect(await follower.next()).toEqual({ kind: 'everything' });
    await log(db, [6]);
    await db
      .updateTable('contact_changes_pruned')
      .set({ below: 2 ** 40 })
      .execute();
    expect(await follower.next()).toEqual({ kind: 'everything' });
  });

  it('loads everything again after a recount of more contacts than it would re-read one by one', async () => {
    const db = core.database.db;
    const follower = await ChangeFollower.start(db);
    const ids = Array.from({ length: RELOAD_ABOVE }, (_, i) => i + 1);
    await log(db, ids);
    expect(await follower.next()).toMatchObject({ kind: 'contacts' });
    await log(db, ids.slice(0, 5_000));
    await log(db, ids);
    expect(await follower.next()).toEqual({ kind: 'everything' });
  });

  it('keeps the newest rows when it prunes, and notes where it cut', async () => {
    const db = core.database.db;
    await log(
      db,
      Array.from({ length: KEEP_CHANGES + 30_000 }, (_, i) => i + 1),
    );
    const follower = await ChangeFollower.start(db);
    await follower.prune();
    const left = await db
      .selectFrom('contact_changes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBeGreaterThanOrEqual(KEEP_CHANGES);
    expect(Number(left.n)).toBeLessThan(KEEP_CHANGES + 30_000);
    const { below } = await db.selectFrom('contact_changes_pruned').select('below').executeTakeFirstOrThrow();
    const lowest = await db
      .selectFrom('contact_changes')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .executeTakeFirstOrThrow();
    expect(Number(lowest.seq)).toBeGreaterThanOrEqual(Number(below));
  });
});
