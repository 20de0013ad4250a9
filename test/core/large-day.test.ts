import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactPage, ContactView, LoggedContact } from '../../core/contacts/contact-types';
import { rawContactBatches } from '../../core/exports/raw-contacts';
import { rebuildRollup } from '../../core/rollups/rollup';
import { parseCsv, withoutBom } from '../exports/csv-parse';
import { worksheetXml } from '../exports/xlsx-read';
import { queryRows, queryValue } from '../support/sql-rows';
import { onPostgres } from '../support/test-database';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * One local day with 100,000 contacts: more ids than SQLite (32,766) or PostgreSQL (65,535) can bind
 * in one statement. The desk's list, the contact browser, the exports, the audit view and the reports
 * must all still answer, and agree.
 *
 * On SQLite every contact is logged through the real desk call, as 2,000 batch taps of 50 (the most a
 * batch holds). On PostgreSQL that takes about a minute (a round trip per statement), so 40 batch taps
 * are logged and the day is then copied 49 times by SQL (same rows and links, new ids, far apart),
 * with the rollups recounted; every read path then runs over all 100,000 on both.
 */

/** Tuesday 10 March 2026 in Vienna: 2026-03-09T23:00Z … 2026-03-10T23:00Z. */
const DAY = '2026-03-10';
const DAY_START = Date.parse('2026-03-09T23:00:00Z');
/** 23:30 local: every tap of the day lies before it. */
const NOW = Date.parse('2026-03-10T22:30:00Z');
const CONTACTS = 100_000;
const BATCH = 50;
/** Batch taps logged through the desk call; the rest are SQL copies of them (PostgreSQL only). */
const TAPPED_BATCHES = onPostgres() ? 40 : CONTACTS / BATCH;
const COPIES = CONTACTS / (TAPPED_BATCHES * BATCH) - 1;
/** Copy k of contact id i gets id i + k × ID_STRIDE: far apart, as contacts back-dated long after are. */
const ID_STRIDE = 10_000;
const SLOW = 300_000;

/** What the taps vary: topics in the order given (stored as ordinals), referrals as given (listed ascending). */
interface Pattern {
  topics: number[];
  referrals: number[];
  languageId: number;
  channel: MethodInput<'logContact'>['channel'];
  asker: MethodInput<'logContact'>['asker'];
}

function patternsOf(catalog: Catalog): Pattern[] {
  const [t1, t2, t3] = catalog.topics.map((t) => t.id);
  const [o1, o2, o3] = catalog.organisations.map((o) => o.id);
  const [de, en] = catalog.languages.map((l) => l.id);
  return [
    { topics: [t1!], referrals: [], languageId: de!, channel: 'in_person', asker: 'citizen' },
    { topics: [t2!, t1!], referrals: [o3!, o1!], languageId: en!, channel: 'phone', asker: 'citizen' },
    { topics: [t3!, t1!, t2!], referrals: [o2!], languageId: de!, channel: 'email', asker: 'organisation' },
  ];
}

/** How a listed contact shows its pattern; referrals ascending, as every view lists them. */
const shownAs = (c: Pick<ContactView, 'topicIds' | 'referralIds' | 'languageId' | 'channel' | 'asker'>) =>
  JSON.stringify([c.topicIds, c.referralIds, c.languageId, c.channel, c.asker]);
const expectedShape = (p: Pattern) =>
  shownAs({ topicIds: p.topics, referralIds: [...p.referrals].sort((a, b) => a - b), languageId: p.languageId, channel: p.channel, asker: p.asker });

const newestFirst = (a: ContactView, b: ContactView) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.id - a.id;

/** Copies every counting contact of `day`, with its links, `copies` times under new ids `id + k × stride`. */
async function copyDay(db: Kysely<any>, day: string, copies: number, stride: number): Promise<void> {
  const series = sql`with recursive copy(k) as (select 1 union all select k + 1 from copy where k < ${copies})`;
  const ofDay = sql`c.local_day = ${day} and c.voided_at is null`;
  await sql`${series} insert into contacts (id, request_id, occurred_at, entered_at, local_day, local_month, local_weekday, local_hour,
      channel, asker, language_id, desk_id, entry_kind, theme_day_id, voided_at, void_reason)
    select c.id + copy.k * ${stride}, null, c.occurred_at, c.entered_at, c.local_day, c.local_month, c.local_weekday, c.local_hour,
      c.channel, c.asker, c.language_id, c.desk_id, c.entry_kind, c.theme_day_id, null, null from copy, contacts c where ${ofDay}`.execute(db);
  await sql`${series} insert into contact_topics (contact_id, topic_id, ordinal)
    select l.contact_id + copy.k * ${stride}, l.topic_id, l.ordinal from copy, contact_topics l, contacts c where c.id = l.contact_id and ${ofDay}`.execute(db);
  await sql`${series} insert into contact_referrals (contact_id, organisation_id)
    select l.contact_id + copy.k * ${stride}, l.organisation_id from copy, contact_referrals l, contacts c where c.id = l.contact_id and ${ofDay}`.execute(db);
  if (onPostgres()) await sql`select setval(pg_get_serial_sequence('contacts', 'id'), (select max(id) from contacts))`.execute(db);
  await db.transaction().execute((trx) => rebuildRollup(trx, { from: day, to: day }));
}

const rollupOf = async (db: Kysely<any>) => ({
  daily: await queryRows(db, 'select day, dimension, key, n, key_sum from rollup_daily where n != 0 order by 1, 2, 3'),
  hourly: await queryRows(db, 'select day, hour, weekday, n, key_sum from rollup_hourly where n != 0 order by 1, 2'),
});

describe(`one day with ${CONTACTS.toLocaleString('en')} contacts`, () => {
  let core: TempCore;
  let patterns: Pattern[];
  /** Contacts per pattern (by `expectedShape`) that count. */
  const expectedCounts = new Map<string, number>();
  /** The first contact of every batch tap, as the tap answered. */
  const logged: LoggedContact[] = [];
  let undoneIds: number[];
  let voidedId: number;
  let incrementalRollup: Awaited<ReturnType<typeof rollupOf>>;

  beforeAll(async () => {
    core = await openTempCore(NOW);
    patterns = patternsOf(await core.client.getCatalog({}));
    for (let i = 0; i < TAPPED_BATCHES; i++) {
      const p = patterns[i % patterns.length]!;
      // A batch every 40 s over the day; the contacts of a batch (and their copies) share one instant, so their order is by id.
      const occurredAt = new Date(DAY_START + i * 40_000).toISOString();
      const tap = await core.deskClient.logContact({
        requestId: randomUUID(),
        count: BATCH,
        occurredAt,
        topicIds: p.topics,
        referralIds: p.referrals,
        languageId: p.languageId,
        channel: p.channel,
        asker: p.asker,
      });
      logged.push(tap);
      const shape = expectedShape(p);
      expectedCounts.set(shape, (expectedCounts.get(shape) ?? 0) + BATCH * (COPIES + 1));
    }
    if (COPIES > 0) await copyDay(core.database.db, DAY, COPIES, ID_STRIDE);
    // A batch taken back by Undo (never listed, never counted) and a voided contact (listed, not counted).
    const undone = await core.deskClient.logContact({
      requestId: randomUUID(),
      count: 3,
      topicIds: [patterns[0]!.topics[0]!],
      languageId: patterns[0]!.languageId,
      channel: 'phone',
      asker: 'citizen',
    });
    await core.deskClient.undoContact({ contactId: undone.contact.id });
    undoneIds = [undone.contact.id, undone.contact.id + 1, undone.contact.id + 2];
    voidedId = (
      await core.deskClient.logContact({ topicIds: [patterns[0]!.topics[0]!], languageId: patterns[0]!.languageId, channel: 'email', asker: 'citizen' })
    ).contact.id;
    await core.deskClient.voidContact({ contactId: voidedId, reason: 'duplicate' });
    incrementalRollup = await rollupOf(core.database.db);
  }, SLOW);

  afterAll(() => core?.dispose());

  it(
    'the day holds exactly the contacts logged, and its rollups equal a full recount',
    async () => {
      const counted = await queryRows<{ voided: number | string; n: number | string }>(
        core.database.db,
        'select case when voided_at is null then 0 else 1 end as voided, count(*) as n from contacts where local_day = ? group by 1 order by 1',
        [DAY],
      );
      expect(counted.map((r) => [Number(r.voided), Number(r.n)])).toEqual([
        [0, CONTACTS],
        [1, undoneIds.length + 1],
      ]);
      await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
      expect(await rollupOf(core.database.db)).toEqual(incrementalRollup);
    },
    SLOW,
  );

  it(
    'listDay lists every contact of the day, newest first, each with its own topics and referrals',
    async () => {
      const day = await core.deskClient.listDay({ day: DAY });
      expect(day.count).toBe(CONTACTS);
      expect(day.contacts).toHaveLength(CONTACTS + 1);
      expect([...day.contacts].sort(newestFirst).map((c) => c.id)).toEqual(day.contacts.map((c) => c.id));
      expect(new Set(day.contacts.map((c) => c.id)).size).toBe(day.contacts.length);
      expect(day.contacts.filter((c) => undoneIds.includes(c.id))).toEqual([]);
      expect(day.contacts.filter((c) => c.voided).map((c) => c.id)).toEqual([voidedId]);

      const shapes = new Map<string, number>();
      for (const c of day.contacts) if (!c.voided) shapes.set(shownAs(c), (shapes.get(shownAs(c)) ?? 0) + 1);
      expect(shapes).toEqual(expectedCounts);
      // The first contact of every tap exactly as the tap answered it.
      const byId = new Map(day.contacts.map((c) => [c.id, c]));
      expect(logged.map((l) => byId.get(l.contact.id))).toEqual(logged.map((l) => l.contact));
    },
    SLOW,
  );

  it(
    'the contact browser pages through them in the order of the day, with the totals on every page',
    async () => {
      // The order every listing must have, straight from the table; the contents as listDay shows them.
      const order = (
        await queryRows<{ id: number | string }>(
          core.database.db,
          "select id from contacts where local_day = ? and (void_reason is null or void_reason <> 'undone') order by occurred_at desc, id desc",
          [DAY],
        )
      ).map((r) => Number(r.id));
      const listed = new Map((await core.deskClient.listDay({ day: DAY })).contacts.map((c) => [c.id, c]));
      expect(order).toHaveLength(CONTACTS + 1);
      /** Pages from the contact after `before` (from the newest when null) on, at most `pages` of them. */
      const walk = async (before: number | null, pages: number) => {
        const seen: ContactView[] = [];
        for (let n = 0; n < pages; n++) {
          const page: ContactPage = await core.client.listContacts({ from: DAY, to: DAY, limit: 200, ...(before !== null && { before }) });
          expect([page.total, page.counting]).toEqual([CONTACTS + 1, CONTACTS]);
          seen.push(...page.contacts);
          before = page.nextBefore;
          if (before === null) break;
        }
        return { seen, more: before !== null };
      };
      // On PostgreSQL each page costs a count over the day's 100,000 rows (some 50 ms here): the first 26
      // pages and the last 26 (from a cursor 5,001 contacts before the end) are walked there; on SQLite all 501.
      const slices = onPostgres() ? [0, order.length - 5_001] : [0];
      for (const from of slices) {
        const { seen, more } = await walk(from === 0 ? null : order[from - 1]!, onPostgres() ? 26 : Infinity);
        const expected = onPostgres() && from === 0 ? order.slice(0, 26 * 200) : order.slice(from);
        expect(seen.map((c) => c.id)).toEqual(expected);
        expect(more).toBe(from === 0 && onPostgres());
        expect(seen).toEqual(expected.map((id) => listed.get(id)));
      }
    },
    SLOW,
  );

  it(
    'the raw export, as CSV and (on SQLite) as XLSX, has one row per counting contact with its topics and referrals',
    async () => {
      const period = { from: DAY, to: DAY, publication: false };
      const csv = await core.client.exportReport({ period, format: 'raw-csv' });
      expect(csv.rows).toBe(CONTACTS);
      const [header, ...rows] = parseCsv(withoutBom(Buffer.from(csv.base64, 'base64')));
      expect(header![3]).toBe('Themen');
      expect(rows).toHaveLength(CONTACTS);
      const catalog = await core.client.getCatalog({});
      const topicLabel = new Map(catalog.topics.map((t) => [t.id, t.labelDe]));
      const orgName = new Map(catalog.organisations.map((o) => [o.id, o.name]));
      const exportedAs = (p: Pattern) =>
        JSON.stringify([
          p.topics.map((t) => topicLabel.get(t)).join(', '),
          [...p.referrals]
            .sort((a, b) => a - b)
            .map((o) => orgName.get(o))
            .join(', '),
        ]);
      const expected = new Map(patterns.map((p) => [exportedAs(p), expectedCounts.get(expectedShape(p))]));
      const found = new Map<string, number>();
      for (const r of rows) found.set(JSON.stringify([r[3], r[5]]), (found.get(JSON.stringify([r[3], r[5]])) ?? 0) + 1);
      expect(found).toEqual(expected);

      // The XLSX writer reads the same batches as the CSV: on PostgreSQL the second full read adds time, not cover.
      if (onPostgres()) return;
      const xlsx = await core.client.exportReport({ period, format: 'raw-xlsx' });
      expect(xlsx.rows).toBe(CONTACTS);
      const sheets = [...(await worksheetXml(Buffer.from(xlsx.base64, 'base64'))).values()];
      expect(sheets.map((xml) => xml.match(/<row /g)?.length)).toEqual([CONTACTS + 1]);
    },
    SLOW,
  );

  it(
    'the reports count them all, for the day and for the month',
    async () => {
      const day = await core.client.getReport({ from: DAY, to: DAY });
      const month = await core.client.getReport({ from: '2026-03-01', to: '2026-03-31' });
      expect(day.total).toBe(CONTACTS);
      expect(month.total).toBe(CONTACTS);
      expect(month.monthly).toMatchObject([{ month: '2026-03', n: CONTACTS, cumulative: CONTACTS }]);
      expect(day.byTopic.contacts.rows.reduce((sum, r) => sum + (r.n ?? 0), 0)).toBe(CONTACTS);
      expect(day.heatmap.flat().reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(CONTACTS);
    },
    SLOW,
  );

  it(
    "the audit view lists the day's entries with the contacts they are about",
    async () => {
      const audit = await core.client.listAudit({ day: DAY, entity: 'contact', limit: 500 });
      const ofDay = [DAY_START, DAY_START + 24 * 3_600_000];
      expect(audit.total).toBe(
        Number(await queryValue(core.database.db, "select count(*) as n from audit_log where entity = 'contact' and at >= ? and at < ?", ofDay)),
      );
      expect(audit.entries).toHaveLength(500);
      expect(audit.entries.every((e) => e.contact?.day === DAY)).toBe(true);
    },
    SLOW,
  );
});

describe('contacts whose ids lie far apart are exported in one batch of any size', () => {
  let core: TempCore;
  const SPREAD_DAY = '2026-03-09';

  beforeAll(async () => {
    core = await openTempCore(NOW);
    const catalog = await core.client.getCatalog({});
    const [t1, t2] = catalog.topics.map((t) => t.id);
    const o1 = catalog.organisations[0]!.id;
    // 50 contacts in 10 taps, copied 1,399 times 250 ids apart: 70,000 contacts spread over 350,000 ids.
    for (let i = 0; i < 10; i++) {
      const topicIds = i % 2 === 0 ? [t1!] : [t2!, t1!];
      await core.deskClient.logContact({
        requestId: randomUUID(),
        count: 5,
        occurredAt: `${SPREAD_DAY}T1${i}:00:00Z`,
        topicIds,
        referralIds: i % 2 === 0 ? [] : [o1],
        languageId: catalog.languages[0]!.id,
        channel: 'phone',
        asker: 'citizen',
      });
    }
    await copyDay(core.database.db, SPREAD_DAY, 1_399, 250);
  }, SLOW);

  afterAll(() => core?.dispose());

  it(
    '70,000 contacts read as one batch bind their ids in chunks, each row with its own links',
    async () => {
      const catalog = await core.client.getCatalog({});
      const [first, second] = catalog.topics.map((t) => t.labelDe);
      const batches = [];
      for await (const batch of rawContactBatches(core.context, { from: SPREAD_DAY, to: SPREAD_DAY }, { batchSize: 100_000 })) batches.push(batch);
      expect(batches.map((b) => b.length)).toEqual([70_000]);
      const shapes = new Map<string, number>();
      for (const c of batches[0]!) shapes.set(`${c.topics}|${c.referrals}`, (shapes.get(`${c.topics}|${c.referrals}`) ?? 0) + 1);
      expect(shapes).toEqual(
        new Map([
          [`${first}|`, 35_000],
          [`${second}, ${first}|${catalog.organisations[0]!.name}`, 35_000],
        ]),
      );
    },
    SLOW,
  );
});
