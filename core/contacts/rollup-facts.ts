import type { Kysely } from 'kysely';
import type { Asker, Channel } from '../api/enums';
import type { Schema } from '../db/schema';
import type { RollupFacts } from '../reports/rollup';
import { DAY_ONLY_ENTRY } from './contact-types';

/** What the rollups count of a stored contact; null when it does not count (voided or missing). */
export async function readRollupFacts(db: Kysely<Schema>, id: number): Promise<RollupFacts | null> {
  const row = await db
    .selectFrom('contacts')
    .select(['local_day', 'local_hour', 'local_weekday', 'language_id', 'channel', 'asker', 'desk_id', 'theme_day_id', 'voided_at', 'entry_kind'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.voided_at !== null) return null;
  const [topics, referrals] = await Promise.all([
    db.selectFrom('contact_topics').select('topic_id').where('contact_id', '=', id).orderBy('ordinal').execute(),
    db.selectFrom('contact_referrals').select('organisation_id').where('contact_id', '=', id).orderBy('organisation_id').execute(),
  ]);
  return {
    day: row.local_day,
    hour: row.entry_kind === DAY_ONLY_ENTRY ? null : row.local_hour,
    weekday: row.local_weekday,
    topicIds: topics.map((t) => t.topic_id),
    referralIds: referrals.map((r) => r.organisation_id),
    languageId: row.language_id,
    channel: row.channel as Channel,
    asker: row.asker as Asker,
    deskId: row.desk_id,
    themeDayId: row.theme_day_id,
  };
}
