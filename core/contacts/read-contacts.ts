import type { Kysely, Selectable } from 'kysely';
import { ApiError } from '../base/errors';
import type { VoidReason } from '../base/enums';
import { compiledOnce } from '../db/compiled-once';
import { readByIds } from '../db/id-chunks';
import type { ContactTable, Schema } from '../db/schema';
import { localParts, localTimeLabel, type LocalParts } from '../time/local-parts';
import type { ContactView } from './contact-types';

export type ContactRow = Selectable<ContactTable>;

/** Marks a contact taken back by Undo right after the tap: it never counted and is not listed. */
export const UNDONE = 'undone';

/**
 * The one mapping from a stored row and its links to what the desk sees. Topics come in `ordinal` order,
 * referrals in ascending id order, as the queries below read them.
 */
/** `local` may be passed when the caller already computed the row's local time (the tap path). */
export function contactView(r: ContactRow, topicIds: number[], referralIds: number[], timeZone: string, local?: LocalParts): ContactView {
  return {
    id: r.id,
    occurredAt: new Date(Number(r.occurred_at)).toISOString(),
    enteredAt: new Date(Number(r.entered_at)).toISOString(),
    localDay: r.local_day,
    localTime: localTimeLabel(local ?? localParts(Number(r.occurred_at), timeZone)),
    topicIds,
    referralIds,
    languageId: r.language_id,
    channel: r.channel,
    asker: r.asker,
    deskId: r.desk_id,
    entryKind: r.entry_kind,
    voided: r.voided_at !== null,
    voidReason: r.voided_at === null ? null : (r.void_reason as VoidReason),
  };
}

/**
 * Whose topic and referral links to read: contacts by id (bound in chunks, for lists of any length),
 * or every contact of one local day (no ids bound at all: the day's list may hold 100,000 contacts).
 */
export type LinkScope = { ids: readonly number[] } | { day: string };

async function readLinks(db: Kysely<Schema>, scope: LinkScope) {
  const topics = db.selectFrom('contact_topics').select(['contact_id', 'topic_id']).orderBy('ordinal');
  const referrals = db.selectFrom('contact_referrals').select(['contact_id', 'organisation_id']).orderBy('organisation_id');
  if ('day' in scope) {
    const ofDay = db.selectFrom('contacts').select('id').where('local_day', '=', scope.day);
    return Promise.all([topics.where('contact_id', 'in', ofDay).execute(), referrals.where('contact_id', 'in', ofDay).execute()]);
  }
  return Promise.all([
    readByIds(scope.ids, (ids) => topics.where('contact_id', 'in', ids).execute()),
    readByIds(scope.ids, (ids) => referrals.where('contact_id', 'in', ids).execute()),
  ]);
}

function groupBy<L extends { contact_id: number }>(links: L[], valueOf: (l: L) => number): Map<number, number[]> {
  const grouped = new Map<number, number[]>();
  for (const l of links) {
    const list = grouped.get(l.contact_id);
    if (list) list.push(valueOf(l));
    else grouped.set(l.contact_id, [valueOf(l)]);
  }
  return grouped;
}

/** The views of stored rows with their links; `scope` (default: the rows' ids) must cover every row. */
export async function attachLinks(
  db: Kysely<Schema>,
  rows: ContactRow[],
  timeZone: string,
  scope: LinkScope = { ids: rows.map((r) => r.id) },
): Promise<ContactView[]> {
  if (rows.length === 0) return [];
  const [topics, referrals] = await readLinks(db, scope);
  const topicsOf = groupBy(topics, (t) => t.topic_id);
  const referralsOf = groupBy(referrals, (r) => r.organisation_id);
  return rows.map((r) => contactView(r, topicsOf.get(r.id) ?? [], referralsOf.get(r.id) ?? [], timeZone));
}

export async function readContact(db: Kysely<Schema>, id: number, timeZone: string): Promise<ContactView> {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.void_reason === UNDONE) throw new ApiError('not_found', `no contact with id ${id}`, 'contactId');
  const [view] = await attachLinks(db, [row], timeZone);
  return view!;
}

/** Contacts of one local day, newest first, without undone taps. */
export async function readDay(db: Kysely<Schema>, day: string, timeZone: string): Promise<ContactView[]> {
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('local_day', '=', day)
    .where((eb) => eb.or([eb('void_reason', 'is', null), eb('void_reason', '!=', UNDONE)]))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return attachLinks(db, rows, timeZone, { day });
}

const countDayQuery = compiledOnce(
  () => 'countDay',
  (db, day: string) =>
    db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('local_day', '=', day)
      .where('voided_at', 'is', null),
  (day) => [day],
);

/** Contacts that count on one local day; runs on every tap. */
export async function countDay(db: Kysely<Schema>, day: string): Promise<number> {
  const { rows } = await countDayQuery<{ n: number }>(db, day);
  return Number(rows[0]!.n);
}
