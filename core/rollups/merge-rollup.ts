import { sql, type Kysely } from 'kysely';
import { insertTopicSets, KEY_SUM_OF_CONTACTS } from './rollup';
import { CROSS_FACTOR, TOPIC_SET_BASE } from './rollup-keys';
import type { CatalogKind } from '../catalog/catalog-references';

/**
 * After a merge, recounts the rollup rows of the two entries from the contacts: the source's rows
 * go, the target's are counted afresh. Only these keys can have changed, so the rest of the rollup
 * stays as it is; the formulas are those of `rebuildRollup` (rollup.ts), limited to
 * one key, and a test proves the result equals a full rebuild.
 */
export async function recountMergedRollup(db: Kysely<any>, kind: CatalogKind, sourceId: number, targetId: number): Promise<void> {
  const pair = sql`(${sourceId}, ${targetId})`;
  const F = sql.lit(CROSS_FACTOR);
  const B = sql.lit(TOPIC_SET_BASE);
  const B2 = sql.lit(TOPIC_SET_BASE ** 2);
  const counting = sql`c.voided_at is null`;
  const topics = sql`join contact_topics ct on ct.contact_id = c.id`;
  const referrals = sql`join contact_referrals cr on cr.contact_id = c.id`;
  const insert = (dimension: string, key: ReturnType<typeof sql>, from: ReturnType<typeof sql>, where: ReturnType<typeof sql>) =>
    sql`insert into rollup_daily (day, dimension, key, n, key_sum)
      select c.local_day, ${sql.lit(dimension)}, ${key}, count(*), ${KEY_SUM_OF_CONTACTS} from contacts c ${from}
      where ${counting} and ${where} group by c.local_day, ${key}`.execute(db);

  switch (kind) {
    case 'topic':
      await sql`delete from rollup_daily where dimension in ('topic', 'mention') and key in ${pair}`.execute(db);
      await sql`delete from rollup_daily where dimension = 'cross' and key / ${F} in ${pair}`.execute(db);
      await insert('topic', sql`ct.topic_id`, topics, sql`ct.topic_id = ${targetId} and ct.ordinal = 0`);
      await insert('mention', sql`ct.topic_id`, topics, sql`ct.topic_id = ${targetId}`);
      await insert('cross', sql`ct.topic_id * ${F} + cr.organisation_id`, sql`${topics} ${referrals}`, sql`ct.topic_id = ${targetId}`);
      // Topic sets holding either (one of the up to three ids of `topicSetKey`): those contacts now all carry the target.
      await sql`delete from rollup_daily where dimension = 'topicset' and (key % ${B} in ${pair} or (key / ${B}) % ${B} in ${pair} or key / ${B2} in ${pair})`.execute(
        db,
      );
      await insertTopicSets(db, sql`and exists (select 1 from contact_topics x where x.contact_id = c.id and x.topic_id = ${targetId})`);
      return;
    case 'organisation':
      // `referred` (contacts with any referral) cannot change: a contact keeps a referral, to the target.
      await sql`delete from rollup_daily where dimension = 'referral' and key in ${pair}`.execute(db);
      await sql`delete from rollup_daily where dimension = 'cross' and key % ${F} in ${pair}`.execute(db);
      await insert('referral', sql`cr.organisation_id`, referrals, sql`cr.organisation_id = ${targetId}`);
      await insert('cross', sql`ct.topic_id * ${F} + cr.organisation_id`, sql`${topics} ${referrals}`, sql`cr.organisation_id = ${targetId}`);
      return;
    case 'language':
      await sql`delete from rollup_daily where dimension = 'language' and key in ${pair}`.execute(db);
      await insert('language', sql`c.language_id`, sql``, sql`c.language_id = ${targetId}`);
      return;
    case 'desk':
      await sql`delete from rollup_daily where dimension = 'desk' and key in ${pair}`.execute(db);
      await insert('desk', sql`c.desk_id`, sql``, sql`c.desk_id = ${targetId}`);
      return;
  }
}
