import type { Kysely, Selectable } from 'kysely';
import { ApiError } from '../api/errors';
import type { Asker, Channel, VoidReason } from '../api/enums';
import { compiledOnce } from '../db/compiled-once';
import type { ContactTable, Schema } from '../db/schema';
import { localParts, localTimeLabel, type LocalParts } from '../time/local-parts';
import type { ContactView, EntryKind } from './contact-types';

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
    channel: r.channel as Channel,
    asker: r.asker as Asker,
    deskId: r.desk_id,
    entryKind: r.entry_kind as EntryKind,
    voided: r.voided_at !== null,
    voidReason: r.voided_at === null ? null : (r.void_reason as VoidReason),
  };
}

export async function attachLinks(db: Kysely<Schema>, rows: ContactRow[], timeZone: string): Promise<ContactView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [topics, referrals] = await Promise.all([
    db.selectFrom('contact_topics').select(['contact_id', 'topic_id']).where('contact_id', 'in', ids).orderBy('ordinal').execute(),
    db.selectFrom('contact_referrals').select(['contact_id', 'organisation_id']).where('contact_id', 'in', ids).orderBy('organisation_id').execute(),
  ]);
  const topicsOf = new Map<number, number[]>();
  for (const t of topics) topicsOf.set(t.contact_id, [...(topicsOf.get(t.contact_id) ?? []), t.topic_id]);
  const referralsOf = new Map<number, number[]>();
  for (const r of referrals) referralsOf.set(r.contact_id, [...(referralsOf.get(r.contact_id) ?? []), r.organisation_id]);
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
  return attachLinks(db, rows, timeZone);
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
