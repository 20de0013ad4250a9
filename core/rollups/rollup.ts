import { sql, type Kysely } from 'kysely';
import { ASKERS, CHANNELS, DAY_ONLY_ENTRY } from '../base/enums';
import { compiledOnce } from '../db/compiled-once';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { KEY_RANGE, subtractKey } from '../publication/cell-key';
import { CROSS_FACTOR, dimensionKeys, TOPIC_SET_BASE, type Dimension, type RollupFacts } from './rollup-keys';

/**
 * The rollups make a report read a few thousand pre-counted rows instead of every contact:
 * `rollup_hourly` counts contacts per local day and hour, `rollup_daily` per local day and
 * dimension key, each count with `key_sum`, the sum of those contacts' record keys modulo 2^32
 * (publication mode's cell keys, core/publication/cell-key.ts). Every write path (log, amend, void,
 * undo, theme-day edits, bulk loads) keeps them in the same transaction; `rebuildRollup` recounts
 * from the contacts, and a test proves the two always agree.
 *
 * Bump ROLLUP_VERSION whenever the dimensions change: the core then rebuilds at start.
 * Version 3: key sums.
 */
export const ROLLUP_VERSION = 3;

/** SQL: a key sum kept modulo 2^32 when rows are added up (`(a + b) % 2^32`). */
const KEY_MOD = sql.lit(KEY_RANGE);
/** SQL: the key sum of the contacts a GROUP BY over `c` (contacts) counts, modulo 2^32; a bigint, as PostgreSQL sums bigints as numeric. */
export const KEY_SUM_OF_CONTACTS = sql`cast(sum(c.record_key) % ${KEY_MOD} as bigint)`;

interface DailyDelta {
  day: string;
  dimension: string;
  key: number;
  n: number;
  key_sum: number;
}

const addDaily = compiledOnce(
  (rows: DailyDelta[]) => `rollupDaily:${rows.length}`,
  (db, rows) =>
    db
      .insertInto('rollup_daily')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['day', 'dimension', 'key']).doUpdateSet((eb) => ({
          n: eb('rollup_daily.n', '+', eb.ref('excluded.n')),
          key_sum: sql<number>`(${eb.ref('rollup_daily.key_sum')} + ${eb.ref('excluded.key_sum')}) % ${KEY_MOD}`,
        })),
      ),
  (rows) => rows.flatMap((r) => [r.day, r.dimension, r.key, r.n, r.key_sum]),
);

const addHourly = compiledOnce(
  () => 'rollupHourly',
  (db, r: { day: string; hour: number; weekday: number; n: number; key_sum: number }) =>
    db
      .insertInto('rollup_hourly')
      .values(r)
      .onConflict((oc) =>
        oc.columns(['day', 'hour']).doUpdateSet((eb) => ({
          n: eb('rollup_hourly.n', '+', eb.ref('excluded.n')),
          key_sum: sql<number>`(${eb.ref('rollup_hourly.key_sum')} + ${eb.ref('excluded.key_sum')}) % ${KEY_MOD}`,
        })),
      ),
  (r) => [r.day, r.hour, r.weekday, r.n, r.key_sum],
);

/**
 * Counts contacts in (delta > 0, e.g. +1, or +N for a batch of equal contacts) or out (−1) of the
 * rollups; call inside the write's transaction. `facts.keySum` is the key sum of those contacts: added
 * when they count in, subtracted (2^32 − key sum added) when they count out.
 */
export async function applyToRollup(db: Kysely<Schema>, facts: RollupFacts, delta: number): Promise<void> {
  const key_sum = delta < 0 ? subtractKey(0, facts.keySum) : facts.keySum % KEY_RANGE;
  if (facts.hour !== null) await addHourly(db, { day: facts.day, hour: facts.hour, weekday: facts.weekday, n: delta, key_sum });
  const rows = dimensionKeys(facts).map(([dimension, key]) => ({ day: facts.day, dimension, key, n: delta, key_sum }));
  await addDaily(db, rows);
}

const caseOf = (column: string, values: readonly string[]) => sql.raw(`case ${column} ${values.map((v, i) => `when '${v}' then ${i}`).join(' ')} end`);

/**
 * Recounts the rollups from the contacts, for all days or for `[from, to]`. Plain GROUP BY over
 * the base tables: the reference the incremental maintenance is tested against.
 */
export async function rebuildRollup(db: Kysely<any>, range?: { from: string; to: string }): Promise<void> {
  const inRange = range ? sql`and c.local_day between ${range.from} and ${range.to}` : sql``;
  const dayRange = range ? sql`where day between ${range.from} and ${range.to}` : sql``;
  await sql`delete from rollup_hourly ${dayRange}`.execute(db);
  await sql`delete from rollup_daily ${dayRange}`.execute(db);
  await sql`insert into rollup_hourly (day, hour, weekday, n, key_sum)
    select c.local_day, c.local_hour, c.local_weekday, count(*), ${KEY_SUM_OF_CONTACTS} from contacts c
    where c.voided_at is null and c.entry_kind <> ${DAY_ONLY_ENTRY} ${inRange} group by c.local_day, c.local_hour, c.local_weekday`.execute(db);
  const daily = (dimension: Dimension, key: ReturnType<typeof sql>, join: ReturnType<typeof sql> = sql``, extra: ReturnType<typeof sql> = sql``) =>
    sql`insert into rollup_daily (day, dimension, key, n, key_sum)
      select c.local_day, ${sql.lit(dimension)}, ${key}, count(*), ${KEY_SUM_OF_CONTACTS} from contacts c ${join}
      where c.voided_at is null ${extra} ${inRange} group by c.local_day, ${key}`.execute(db);
  const topics = sql`join contact_topics ct on ct.contact_id = c.id`;
  const referrals = sql`join contact_referrals cr on cr.contact_id = c.id`;
  await daily('topic', sql`ct.topic_id`, topics, sql`and ct.ordinal = 0`);
  await daily('mention', sql`ct.topic_id`, topics);
  await daily('referral', sql`cr.organisation_id`, referrals);
  await daily('language', sql`c.language_id`);
  await daily('channel', caseOf('c.channel', CHANNELS));
  await daily('asker', caseOf('c.asker', ASKERS));
  await daily('desk', sql`c.desk_id`);
  await daily('theme', sql`c.theme_day_id`, sql``, sql`and c.theme_day_id is not null`);
  await daily('cross', sql`ct.topic_id * ${sql.lit(CROSS_FACTOR)} + cr.organisation_id`, sql`${topics} ${referrals}`);
  await daily('referred', sql`cast(0 as bigint)`, sql``, sql`and exists (select 1 from contact_referrals cr where cr.contact_id = c.id)`);
  await insertTopicSets(db, inRange);
}

/**
 * The `topicset` rows, for the contacts `where` picks (a condition on `c`, the contacts table): each
 * counting contact once, under `topicSetKey` of its topics, computed in SQL (ranks by topic id).
 */
export async function insertTopicSets(db: Kysely<any>, where: ReturnType<typeof sql>): Promise<void> {
  const B = sql.lit(TOPIC_SET_BASE);
  const B2 = sql.lit(TOPIC_SET_BASE ** 2); // one literal: PostgreSQL would multiply two integers in 32 bits
  await sql`insert into rollup_daily (day, dimension, key, n, key_sum)
    select s.day, 'topicset', s.k, count(*), cast(sum(s.record_key) % ${KEY_MOD} as bigint) from (
      select c.local_day as day, c.record_key,
        cast(sum(cast(r.topic_id as bigint) * case r.rank when 1 then 1 when 2 then ${B} else ${B2} end) as bigint) as k
      from contacts c
      join (select contact_id, topic_id, row_number() over (partition by contact_id order by topic_id) as rank from contact_topics) r on r.contact_id = c.id
      where c.voided_at is null ${where}
      group by c.id, c.local_day, c.record_key
    ) s group by s.day, s.k`.execute(db);
}

/** Rebuilds the rollups once when they were made by other code (or never), e.g. after the migration that adds them. */
export async function ensureRollupCurrent(db: Kysely<Schema>): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'rollupVersion').executeTakeFirst();
  if (row?.value === String(ROLLUP_VERSION)) return false;
  await writeTransaction(db, async (trx) => {
    const again = await trx.selectFrom('settings').select('value').where('key', '=', 'rollupVersion').executeTakeFirst();
    if (again?.value === String(ROLLUP_VERSION)) return; // another process starting at once did it
    await rebuildRollup(trx);
    await trx
      .insertInto('settings')
      .values({ key: 'rollupVersion', value: String(ROLLUP_VERSION) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(ROLLUP_VERSION) }))
      .execute();
  });
  return true;
}
