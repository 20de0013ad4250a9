import type { Kysely, Selectable } from 'kysely';
import { DAY_ONLY_ENTRY } from '../base/enums';
import type { ContactTable, Schema } from '../db/schema';
import type { RollupFacts } from './rollup-keys';

/** The columns of a contact row the rollups count by. */
export type RollupColumns = Pick<
  Selectable<ContactTable>,
  'local_day' | 'local_hour' | 'local_weekday' | 'language_id' | 'channel' | 'asker' | 'desk_id' | 'theme_day_id' | 'entry_kind' | 'record_key'
>;

/**
 * What the rollups count of a contact row (new or stored) with its topics, in order, and its
 * referrals: the one mapping from the row to the facts, used by tap, import, amend and void alike.
 */
export function rollupFactsOf(row: RollupColumns, topicIds: readonly number[], referralIds: readonly number[]): RollupFacts {
  return {
    day: row.local_day,
    keySum: Number(row.record_key),
    hour: row.entry_kind === DAY_ONLY_ENTRY ? null : row.local_hour,
    weekday: row.local_weekday,
    topicIds,
    referralIds,
    languageId: row.language_id,
    channel: row.channel,
    asker: row.asker,
    deskId: row.desk_id,
    themeDayId: row.theme_day_id,
  };
}

/** What the rollups count of a stored contact; null when it does not count (voided or missing). */
export async function readRollupFacts(db: Kysely<Schema>, id: number): Promise<RollupFacts | null> {
  const row = await db
    .selectFrom('contacts')
    .select(['local_day', 'local_hour', 'local_weekday', 'language_id', 'channel', 'asker', 'desk_id', 'theme_day_id', 'voided_at', 'entry_kind', 'record_key'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.voided_at !== null) return null;
  const [topics, referrals] = await Promise.all([
    db.selectFrom('contact_topics').select('topic_id').where('contact_id', '=', id).orderBy('ordinal').execute(),
    db.selectFrom('contact_referrals').select('organisation_id').where('contact_id', '=', id).orderBy('organisation_id').execute(),
  ]);
  return rollupFactsOf(
    row,
    topics.map((t) => t.topic_id),
    referrals.map((r) => r.organisation_id),
  );
}
