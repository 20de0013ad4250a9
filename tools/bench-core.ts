/**
 * Parts 1 and 2 of `npm run bench`: `core.handlers.logContact` against the same rows written with raw
 * better-sqlite3, and with `--profile` where the core's time goes (see tools/bench.ts for the output).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ParsedInput } from '../core/api/contract';
import type { Catalog } from '../core/catalog/catalog-types';
import { seedCatalogIfEmpty } from '../core/catalog/seed-catalog';
import { dimensionKeys } from '../core/rollups/rollup-keys';
import { countDay, readContact } from '../core/contacts/read-contacts';
import { openSqlite } from '../core/db/open-sqlite';
import { sqliteHandle, type SqliteHandle as DatabaseHandle } from '../core/db/database-handle';
import { openCore, type Core } from '../core/open-core';
import { localParts } from '../core/time/local-parts';
import { newRecordKey } from '../core/publication/cell-key';
import { mulberry32, stats, timeRepeated, type Stats } from './bench-common';

export const WARMUP = 200;
export const ROUNDS = 4;
export const PER_ROUND = 500; // ROUNDS × PER_ROUND = 2000 measured calls per side
export const TARGET_RATIO_P99 = 1.3;
/** Same rule as core/contacts/log-contact.ts; the raw side never back-dates, so it always writes 'live'. */
const BACKDATED_AFTER_MS = 10 * 60 * 1000;

// ---------------------------------------------------------------- inputs

type LogInput = ParsedInput<'logContact'>;

/** Realistic taps: 1–2 topics, a referral in about one in five, mostly German, mostly in person. */
function makeInputs(catalog: Catalog, count: number, seed: number): LogInput[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const topics = catalog.topics.filter((t) => !t.retired).map((t) => t.id);
  const orgs = catalog.organisations.filter((o) => !o.retired).map((o) => o.id);
  const languages = catalog.languages.filter((l) => !l.retired);
  const german = languages.find((l) => l.code === 'de')!.id;
  const others = languages.filter((l) => l.id !== german).map((l) => l.id);
  const inputs: LogInput[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(topics);
    const topicIds = rnd() < 0.3 ? [first, pick(topics.filter((t) => t !== first))] : [first];
    const r = rnd();
    const referralIds = r < 0.05 ? [...new Set([pick(orgs), pick(orgs)])] : r < 0.2 ? [pick(orgs)] : [];
    const c = rnd();
    inputs.push({
      count: 1,
      requestId: randomUUID(),
      topicIds,
      referralIds,
      languageId: rnd() < 0.75 ? german : pick(others),
      channel: c < 0.7 ? 'in_person' : c < 0.95 ? 'phone' : 'email',
      asker: rnd() < 0.9 ? 'citizen' : 'organisation',
    });
  }
  return inputs;
}

// ---------------------------------------------------------------- raw baseline

/**
 * What a hand-written logContact costs with better-sqlite3 alone: one transaction per contact,
 * prepared statements, and the same rows and answer the core produces. Each part is here because
 * the core does it too, so the ratio shows only the core's own overhead:
 *  - localParts(): the core computes local day/month/weekday/hour per contact with the same function;
 *  - contacts row with every column the core fills (request id, times, local parts, chips, desk, entry kind, record key),
 *    so row size, the request_id UNIQUE index and the local_day/local_month indexes cost the same;
 *  - contact_topics rows (with ordinal) and contact_referrals rows: same rows, same primary keys and FK checks;
 *  - audit_log row with the same JSON payload (input minus requestId, plus deskId): written in the same transaction;
 *  - "count today" SELECT: the core returns todayCount, so the baseline must run that query as well;
 *  - the report rollups: one rollup_hourly upsert and one rollup_daily upsert per dimension key, each with
 *    the count and the key sum, as a hand-written version would keep them (the keys come from the same dimensionKeys());
 *  - COMMIT under synchronous=FULL: the fsync that dominates on a real disk.
 * Deliberately not included: the core's request-id lookup (idempotency) and its read-back of the stored
 * contact (readContact). Those are the core's extra work; `--profile` shows what they cost.
 */
function rawLogger(handle: DatabaseHandle, timeZone: string, deskId: number) {
  const db = handle.sqlite;
  const insertContact = db.prepare(
    `insert into contacts (request_id, occurred_at, entered_at, local_day, local_month, local_weekday, local_hour,
       channel, asker, language_id, desk_id, entry_kind, record_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTopic = db.prepare('insert into contact_topics (contact_id, topic_id, ordinal) values (?, ?, ?)');
  const insertReferral = db.prepare('insert into contact_referrals (contact_id, organisation_id) values (?, ?)');
  const insertAudit = db.prepare('insert into audit_log (at, action, entity, entity_id, field, old_value, new_value) values (?, ?, ?, ?, ?, ?, ?)');
  const countToday = db.prepare('select count(*) as n from contacts where local_day = ? and voided_at is null');
  const addHourly = db.prepare(
    'insert into rollup_hourly (day, hour, weekday, n, key_sum) values (?, ?, ?, 1, ?) on conflict (day, hour) do update set n = n + 1, key_sum = (key_sum + excluded.key_sum) % 4294967296',
  );
  const addDaily = db.prepare(
    'insert into rollup_daily (day, dimension, key, n, key_sum) values (?, ?, ?, 1, ?) on conflict (day, dimension, key) do update set n = n + 1, key_sum = (key_sum + excluded.key_sum) % 4294967296',
  );
  const log = db.transaction((input: LogInput) => {
    const now = Date.now();
    const occurredAt = now;
    const local = localParts(occurredAt, timeZone);
    const recordKey = newRecordKey();
    const { lastInsertRowid } = insertContact.run(
      input.requestId ?? null,
      occurredAt,
      now,
      local.day,
      local.month,
      local.weekday,
      local.hour,
      input.channel,
      input.asker,
      input.languageId,
      deskId,
      now - occurredAt > BACKDATED_AFTER_MS ? 'backdated' : 'live',
      recordKey,
    );
    const id = Number(lastInsertRowid);
    input.topicIds.forEach((topicId, ordinal) => insertTopic.run(id, topicId, ordinal));
    for (const orgId of input.referralIds) insertReferral.run(id, orgId);
    const { requestId: _key, ...fields } = input;
    insertAudit.run(now, 'create', 'contact', id, null, null, JSON.stringify({ ...fields, deskId }));
    addHourly.run(local.day, local.hour, local.weekday, recordKey);
    const facts = {
      ...local,
      keySum: recordKey,
      topicIds: input.topicIds,
      referralIds: input.referralIds,
      languageId: input.languageId,
      channel: input.channel,
      asker: input.asker,
      deskId,
      themeDayId: null,
    };
    for (const [dimension, key] of dimensionKeys(facts)) addDaily.run(local.day, dimension, key, recordKey);
    return { id, todayCount: Number((countToday.get(local.day) as { n: number }).n) };
  });
  return log;
}

// ---------------------------------------------------------------- part 1 + 2

export interface CoreVsRaw {
  core: Stats;
  raw: Stats;
  ratioP50: number;
  ratioP99: number;
  perRound: { round: number; first: 'core' | 'raw'; coreP50: number; coreP99: number; rawP50: number; rawP99: number }[];
  rowsCheck: { core: number; raw: number };
}

export async function benchCoreVsRaw(dir: string): Promise<{ result: CoreVsRaw; core: Core; raw: DatabaseHandle }> {
  const core = await openCore({ file: join(dir, 'core.sqlite') });
  const raw = await openSqlite(join(dir, 'raw.sqlite'));
  await seedCatalogIfEmpty(raw.db); // same catalog rows, so the FKs point at the same ids
  const catalog = await core.handlers.getCatalog({});
  const deskId = catalog.desks.find((d) => !d.retired)!.id;
  const rawLog = rawLogger(raw, catalog.settings.timeZone, deskId);

  const total = WARMUP + ROUNDS * PER_ROUND;
  // Same sequence of taps on both sides, but fresh request ids for each.
  const coreInputs = makeInputs(catalog, total, 42);
  const rawInputs = coreInputs.map((i) => ({ ...i, requestId: randomUUID() }));

  const runCore = async (from: number, to: number, out?: number[]) => {
    for (let i = from; i < to; i++) {
      const t0 = performance.now();
      await core.handlers.logContact(coreInputs[i]!);
      const t1 = performance.now();
      out?.push(t1 - t0);
    }
  };
  const runRaw = (from: number, to: number, out?: number[]) => {
    for (let i = from; i < to; i++) {
      const t0 = performance.now();
      rawLog(rawInputs[i]!);
      const t1 = performance.now();
      out?.push(t1 - t0);
    }
  };

  // Warm-up: JIT, statement caches, page cache, WAL file growth; alternated in small slices.
  for (let i = 0; i < WARMUP; i += 50) {
    await runCore(i, i + 50);
    runRaw(i, i + 50);
  }

  const coreAll: number[] = [];
  const rawAll: number[] = [];
  const perRound: CoreVsRaw['perRound'] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const from = WARMUP + r * PER_ROUND;
    const to = from + PER_ROUND;
    const c: number[] = [];
    const w: number[] = [];
    // Alternate who goes first, so neither side always follows the other's checkpoint.
    const first = r % 2 === 0 ? 'core' : 'raw';
    if (first === 'core') {
      await runCore(from, to, c);
      runRaw(from, to, w);
    } else {
      runRaw(from, to, w);
      await runCore(from, to, c);
    }
    coreAll.push(...c);
    rawAll.push(...w);
    const sc = stats(c);
    const sw = stats(w);
    perRound.push({ round: r + 1, first, coreP50: sc.p50, coreP99: sc.p99, rawP50: sw.p50, rawP99: sw.p99 });
  }

  const countRows = (h: DatabaseHandle) => (h.sqlite.prepare('select count(*) as n from contacts where voided_at is null').get() as { n: number }).n;
  const coreStats = stats(coreAll);
  const rawStats = stats(rawAll);
  return {
    core,
    raw,
    result: {
      core: coreStats,
      raw: rawStats,
      ratioP50: coreStats.p50 / rawStats.p50,
      ratioP99: coreStats.p99 / rawStats.p99,
      perRound,
      rowsCheck: { core: countRows(sqliteHandle(core.database)), raw: countRows(raw) },
    },
  };
}

// ---------------------------------------------------------------- profile (--profile)

/**
 * Where logContact's time goes beyond the raw baseline, measured on the already-warm files after the main
 * measurement: each piece alone, then both sides again with synchronous=OFF, which takes the fsync out and
 * leaves the CPU cost of each side.
 */
export async function profileCore(core: Core, raw: DatabaseHandle): Promise<[string, Stats][]> {
  const { db, sqlite } = sqliteHandle(core.database);
  const catalog = await core.handlers.getCatalog({});
  const tz = catalog.settings.timeZone;
  const lastId = (sqlite.prepare('select max(id) as id from contacts').get() as { id: number }).id;
  const day = localParts(Date.now(), tz).day;
  const time = (fn: () => unknown, n = 1000): Promise<Stats> => timeRepeated(fn, n, 100);
  const insertSql = db
    .insertInto('contacts')
    .values({
      request_id: null,
      occurred_at: 0,
      entered_at: 0,
      local_day: day,
      local_month: day.slice(0, 7),
      local_weekday: 1,
      local_hour: 9,
      channel: 'in_person',
      asker: 'citizen',
      language_id: 1,
      desk_id: 1,
      entry_kind: 'live',
      record_key: 0,
    })
    .returning('id')
    .compile().sql;
  const countSql = 'select count(*) as n from contacts where local_day = ? and voided_at is null';
  const countStmt = sqlite.prepare(countSql);
  const rows: [string, Stats][] = [
    ['catalog cache (active + catalog)', await time(() => Promise.all([core.context.catalog.active(), core.context.catalog.catalog()]))],
    [
      'Kysely compile only (contacts insert)',
      await time(() =>
        db
          .insertInto('contacts')
          .values({
            request_id: null,
            occurred_at: 0,
            entered_at: 0,
            local_day: day,
            local_month: day.slice(0, 7),
            local_weekday: 1,
            local_hour: 9,
            channel: 'in_person',
            asker: 'citizen',
            language_id: 1,
            desk_id: 1,
            entry_kind: 'live',
            record_key: 0,
          })
          .returning('id')
          .compile(),
      ),
    ],
    // Kysely's SqliteDialect calls prepare() for every query; the raw side prepares once.
    ['sqlite prepare() of that insert', await time(() => sqlite.prepare(insertSql))],
    ['request-id lookup via Kysely', await time(() => db.selectFrom('contacts').select('id').where('request_id', '=', randomUUID()).executeTakeFirst())],
    ['readContact via Kysely (3 selects; now only on a retried tap)', await time(() => readContact(db, lastId, tz))],
    ['countDay via Kysely', await time(() => countDay(db, day))],
    ['countDay raw, prepared once', await time(() => countStmt.get(day))],
    ['empty Kysely transaction', await time(() => db.transaction().execute(async () => undefined))],
    ['empty raw transaction', await time(() => sqlite.transaction(() => undefined)())],
  ];
  // CPU only: the same kind of taps with synchronous=OFF on both files.
  sqlite.pragma('synchronous = OFF');
  raw.sqlite.pragma('synchronous = OFF');
  const deskId = catalog.desks.find((d) => !d.retired)!.id;
  const rawLog = rawLogger(raw, tz, deskId);
  const coreInputs = makeInputs(catalog, 1100, 7);
  const rawInputs = coreInputs.map((i) => ({ ...i, requestId: randomUUID() }));
  let c = 0;
  let w = 0;
  rows.push(['logContact core, synchronous=OFF', await time(() => core.handlers.logContact(coreInputs[c++]!))]);
  rows.push(['logContact raw, synchronous=OFF', await time(() => rawLog(rawInputs[w++]!))]);
  return rows;
}
