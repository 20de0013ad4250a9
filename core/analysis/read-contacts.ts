import { sql, type Kysely, type SqlBool } from 'kysely';
import { ASKERS, CHANNELS, DAY_ONLY_ENTRY } from '../base/enums';
import { readByIds } from '../db/id-chunks';
import type { Schema } from '../db/schema';
import type { ContactFacts } from './contact-columns';
import { dayNumber, NO_HOUR } from './day-numbers';
import type { StoreDictionaries } from './select-rows';

const CHANNEL_CODES = new Map<string, number>(CHANNELS.map((c, i) => [c, i]));
const ASKER_CODES = new Map<string, number>(ASKERS.map((a, i) => [a, i]));

/** Which contacts to read: an id range (the initial load, in pieces) or a list (those a change named). */
export type ContactSelection = { afterId: number; upToId: number } | { ids: readonly number[] };

/** Gathers a second column per contact id from rows ordered by it. */
function groupBy(rows: { contact_id: number; value: number }[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const id = Number(r.contact_id);
    const list = out.get(id);
    if (list) list.push(Number(r.value));
    else out.set(id, [Number(r.value)]);
  }
  return out;
}

/**
 * The counting contacts of a selection (voided_at is null — undone, voided and still-staged import
 * rows never count) as the store keeps them, in id order, with codes from the dictionaries; `missing`
 * lists the ids of a list selection that do not count (any more).
 */
export async function readContactFacts(
  db: Kysely<Schema>,
  dicts: StoreDictionaries,
  selection: ContactSelection,
): Promise<{ facts: ContactFacts[]; missing: number[] }> {
  const byRange = 'afterId' in selection;
  /** The selection's contacts as a condition on an id column: a list of ids, or the id range. */
  const within = (column: string, ids: number[] | null) =>
    ids
      ? sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`
      : sql<SqlBool>`${sql.ref(column)} > ${(selection as { afterId: number }).afterId} and ${sql.ref(column)} <= ${(selection as { upToId: number }).upToId}`;
  const read = async (ids: number[] | null) => {
    const [rows, topics, referrals] = await Promise.all([
      db
        .selectFrom('contacts')
        .where(within('id', ids))
        .select(['id', 'local_day', 'local_hour', 'language_id', 'channel', 'asker', 'desk_id', 'theme_day_id', 'entry_kind', 'record_key'])
        .where('voided_at', 'is', null)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('contact_topics')
        .where(within('contact_id', ids))
        .select(['contact_id', 'topic_id as value'])
        .orderBy('contact_id')
        .orderBy('ordinal')
        .execute(),
      db
        .selectFrom('contact_referrals')
        .where(within('contact_id', ids))
        .select(['contact_id', 'organisation_id as value'])
        .orderBy('contact_id')
        .orderBy('organisation_id')
        .execute(),
    ]);
    return { rows, topics: groupBy(topics), referrals: groupBy(referrals) };
  };
  const parts = byRange ? [await read(null)] : await readByIds(selection.ids, async (chunk) => [await read(chunk)]);
  const facts: ContactFacts[] = [];
  for (const part of parts) {
    for (const r of part.rows) {
      const id = Number(r.id);
      const topicIds = part.topics.get(id) ?? [];
      // A contact without topics is mid-write in no transaction we can see; it would not count in the rollups either.
      if (topicIds.length === 0) continue;
      facts.push({
        id,
        day: dayNumber(r.local_day),
        hour: r.entry_kind === DAY_ONLY_ENTRY ? NO_HOUR : Number(r.local_hour),
        topics: topicIds.map((t) => dicts.topics.code(t)),
        referrals: (part.referrals.get(id) ?? []).map((o) => dicts.organisations.code(o)),
        language: dicts.languages.code(Number(r.language_id)),
        channel: CHANNEL_CODES.get(r.channel) ?? 0,
        asker: ASKER_CODES.get(r.asker) ?? 0,
        desk: dicts.desks.code(Number(r.desk_id)),
        theme: r.theme_day_id === null ? 0 : dicts.themeDays.code(Number(r.theme_day_id)),
        // PostgreSQL's bigint arrives as a string.
        key: Number(r.record_key),
      });
    }
  }
  facts.sort((a, b) => a.id - b.id);
  const counting = new Set(facts.map((f) => f.id));
  const missing = byRange ? [] : selection.ids.filter((id) => !counting.has(id));
  return { facts, missing };
}
