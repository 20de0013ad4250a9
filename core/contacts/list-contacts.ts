import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { ContactListInput } from './contact-inputs';
import { ApiError, invalidField } from '../base/errors';
import { utcRangeOfDay } from '../audit/list-audit';
import type { Catalog } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import type { ContactPage } from './contact-types';
import { attachLinks, UNDONE } from './read-contacts';

type Input = ContactListInput;
type Contacts = ExpressionBuilder<Schema, 'contacts'>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Filters name catalog entries by id; retired ones too, since their history stays browsable. */
function assertKnownFilters(catalog: Catalog, input: Input) {
  if (input.topicId !== undefined && !catalog.topics.some((t) => t.id === input.topicId)) {
    throw invalidField('topicId', `${input.topicId} is not a topic of the catalog`);
  }
  if (input.deskId !== undefined && !catalog.desks.some((d) => d.id === input.deskId)) {
    throw invalidField('deskId', `${input.deskId} is not a desk of the catalog`);
  }
}

/**
 * The contacts a listing is about: the range's local days (as the reports count them), never an
 * undone tap, narrowed by the filters. The same condition for the total and for every page.
 * An undone tap is voided too, so a contact that is not voided needs no look at its reason: the
 * count then reads most rows from the local_day index alone (twice as fast over a year).
 */
function matching(eb: Contacts, input: Input) {
  const conditions = [
    eb('local_day', '>=', input.from),
    eb('local_day', '<=', input.to),
    eb.or([eb('voided_at', 'is', null), eb('void_reason', '!=', UNDONE)]),
  ];
  if (input.hideVoided) conditions.push(eb('voided_at', 'is', null));
  if (input.deskId !== undefined) conditions.push(eb('desk_id', '=', input.deskId));
  if (input.entryKind !== undefined) conditions.push(eb('entry_kind', '=', input.entryKind));
  if (input.topicId !== undefined) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('contact_topics')
          .select(sql<number>`1`.as('one'))
          .whereRef('contact_topics.contact_id', '=', 'contacts.id')
          .where('contact_topics.topic_id', '=', input.topicId),
      ),
    );
  }
  return eb.and(conditions);
}

/** Where the previous page ended: the contact named by `before`, by when it happened and its id. */
async function cursorOf(db: Kysely<Schema>, before: number): Promise<PageCursor> {
  const row = await db.selectFrom('contacts').select(['id', 'occurred_at']).where('id', '=', before).executeTakeFirst();
  if (!row) throw new ApiError('not_found', `no contact with id ${before}`, 'before');
  return { occurredAt: Number(row.occurred_at), id: row.id };
}

export interface PageCursor {
  occurredAt: number;
  id: number;
}

/** All matches of a listing and, of them, those that count; reads the index on local_day. */
export function countQuery(db: Kysely<Schema>, input: Input) {
  return db
    .selectFrom('contacts')
    .select((eb) => [eb.fn.countAll<number | string>().as('total'), eb.fn.countAll<number | string>().filterWhere('voided_at', 'is', null).as('counting')])
    .where((eb) => matching(eb, input));
}

/**
 * One page, one more row than asked to tell whether another follows. It reads the index on
 * (occurred_at, id) backwards from the cursor and stops after the page (migration 0007): no sort of
 * the whole range, however long. The instant window given to the index is the range widened by a day
 * on either side, since a local day lies within a day of its UTC instants in any zone; `local_day`
 * stays the condition that decides.
 */
export function pageQuery(db: Kysely<Schema>, input: Input, timeZone: string, cursor: PageCursor | null) {
  const rangeEnd = utcRangeOfDay(input.to, timeZone).end + DAY_MS;
  // One upper bound, so the index scan starts at the cursor instead of at the range's end.
  const end = cursor ? Math.min(rangeEnd, cursor.occurredAt + 1) : rangeEnd;
  let page = db
    .selectFrom('contacts')
    .selectAll()
    .where((eb) => matching(eb, input))
    .where('occurred_at', '>=', utcRangeOfDay(input.from, timeZone).start - DAY_MS)
    .where('occurred_at', '<', end);
  if (cursor) page = page.where((eb) => eb.or([eb('occurred_at', '<', cursor.occurredAt), eb('id', '<', cursor.id)]));
  return page
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
}

/**
 * The management area's contact browser: contacts of a range of local days, newest first (by when
 * they happened, then by id), in pages continued by keyset, with the count of all matches. Contacts
 * logged while someone pages, newer than the cursor, are not pulled into later pages, so no contact
 * repeats and none is skipped.
 */
export async function listContacts(ctx: CoreContext, input: Input): Promise<ContactPage> {
  const catalog = await ctx.catalog.catalog();
  const { timeZone } = catalog.settings;
  assertKnownFilters(catalog, input);
  const cursor = input.before === undefined ? null : await cursorOf(ctx.db, input.before);

  const counts = await countQuery(ctx.db, input).executeTakeFirstOrThrow();
  const rows = await pageQuery(ctx.db, input, timeZone, cursor).execute();
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;

  return {
    from: input.from,
    to: input.to,
    total: Number(counts.total),
    counting: Number(counts.counting),
    contacts: await attachLinks(ctx.db, shown, timeZone),
    nextBefore: more ? shown[shown.length - 1]!.id : null,
  };
}
