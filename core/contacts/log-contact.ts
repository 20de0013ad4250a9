import type { LogContactInput } from './contact-inputs';
import { ApiError, invalidField } from '../base/errors';
import { EARLIEST_DAY, FUTURE_TOLERANCE_MS } from '../base/limits';
import type { ActiveIds, CatalogSnapshot } from '../catalog/catalog-cache';
import type { CoreContext } from '../context';
import { compiledOnce, insertRows } from '../db/compiled-once';
import type { Schema } from '../db/schema';
import type { Kysely } from 'kysely';
import { localParts } from '../time/local-parts';
import { applyToRollup } from '../rollups/rollup';
import { rollupFactsOf } from '../rollups/rollup-facts';
import { themeDayAt } from '../theme-days/theme-day-at';
import { writeAudit } from '../audit/write-audit';
import type { LoggedContact } from './contact-types';
import { assertActiveId, assertActiveIds } from './contact-refs';
import { contactRow, type NewContactRow } from './contact-row';
import { contactView, countDay, readContact, UNDONE } from './read-contacts';
import { writeTransaction } from '../db/write-transaction';
import { newRecordKeys, sumKeys } from '../publication/cell-key';

/** A contact entered more than this after it happened is marked as back-dated. */
const BACKDATED_AFTER_MS = 10 * 60 * 1000;
const EARLIEST_CONTACT = Date.parse(`${EARLIEST_DAY}T00:00:00Z`);

function occurredAtOf(input: LogContactInput, now: number): number {
  if (input.occurredAt === undefined) return now;
  const at = Date.parse(input.occurredAt);
  if (at > now + FUTURE_TOLERANCE_MS) throw invalidField('occurredAt', 'lies in the future');
  if (at < EARLIEST_CONTACT) throw invalidField('occurredAt', 'lies before the year 2000');
  return Math.min(at, now);
}

/**
 * The contact row. A request id already stored never gets here (`storedRequest` is asked first, inside
 * the same write transaction): an INSERT … ON CONFLICT DO NOTHING would burn an AUTOINCREMENT id (and a
 * PostgreSQL sequence value, even when rolled back), so a retry would not leave the database as it was.
 */
const insertContact = compiledOnce(
  () => 'insertContact',
  (db, values: NewContactRow) => db.insertInto('contacts').values(values).returning('id'),
  (values) => Object.values(values),
);

/** The contact a request id already stored, by the unique index on request_id: one lookup per tap. */
const storedRequest = compiledOnce(
  () => 'storedRequest',
  (db, requestId: string) => db.selectFrom('contacts').select(['id', 'void_reason']).where('request_id', '=', requestId),
  (requestId) => [requestId],
);

/** Request ids of a batch: the client's key for the first contact, `key:i` for the others. */
export const batchRequestId = (key: string, i: number) => (i === 0 ? key : `${key}:${i}`);

/** Ids of the contacts a batch stored under one client key, first first. */
export async function batchIds(db: Kysely<Schema>, key: string): Promise<number[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where((eb) => eb.or([eb('request_id', '=', key), eb('request_id', 'like', `${key}:%`)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A retried tap: answers with what was stored the first time (reads only), or null when nothing was. */
async function storedTap(db: Kysely<Schema>, requestId: string, timeZone: string): Promise<LoggedContact | null> {
  const [seen] = (await storedRequest<{ id: number; void_reason: string | null }>(db, requestId)).rows;
  if (!seen) return null;
  if (seen.void_reason === UNDONE) throw new ApiError('conflict', 'this tap was undone', 'requestId');
  const contact = await readContact(db, seen.id, timeZone);
  const count = contact.entryKind === 'batch' ? (await batchIds(db, requestId)).length : 1;
  return { contact, todayCount: await countDay(db, contact.localDay), count, duplicate: true };
}

function validTap(input: LogContactInput, active: ActiveIds, now: number) {
  assertActiveIds('topicIds', input.topicIds, active.topics);
  assertActiveIds('referralIds', input.referralIds, active.organisations);
  assertActiveId('languageId', input.languageId, active.languages);
  const deskId = input.deskId ?? active.desks.values().next().value;
  if (deskId === undefined) throw new ApiError('conflict', 'the catalog has no active desk', 'deskId');
  assertActiveId('deskId', deskId, active.desks);
  return { deskId, occurredAt: occurredAtOf(input, now) };
}

/** The tap judged by one catalog: its desk and time, its local day and hour in the site's time zone, its theme day. */
function tapUnder(input: LogContactInput, { active, catalog }: CatalogSnapshot, now: number) {
  const { deskId, occurredAt } = validTap(input, active, now);
  const local = localParts(occurredAt, catalog.settings.timeZone);
  const themeDayId = themeDayAt(catalog.themeDays, local.day, local.weekday, local.hour);
  const values = contactRow(
    {
      requestId: input.requestId ?? null,
      occurredAt,
      enteredAt: now,
      channel: input.channel,
      asker: input.asker,
      languageId: input.languageId,
      deskId,
      entryKind: input.count > 1 ? 'batch' : now - occurredAt > BACKDATED_AFTER_MS ? 'backdated' : 'live',
      themeDayId,
      recordKey: 0, // each contact of the tap gets its own key when it is inserted
    },
    local,
  );
  return { deskId, local, values, timeZone: catalog.settings.timeZone };
}

/**
 * One tap at the desk: validates against the live catalog, then stores the contact, its links
 * and its audit row atomically. A tap retried with the same request id is stored once, even if
 * the catalog changed in between: the first answer stands, and the retry writes nothing (nor does a
 * refused one, e.g. the retry of a tap taken back by Undo). Another process (a second PC on the same
 * database) may change the catalog at any moment: a tap is finally judged by the catalog its own
 * transaction sees, and refused only by a catalog known to be current.
 */
export async function logContact(ctx: CoreContext, input: LogContactInput): Promise<LoggedContact> {
  const now = ctx.now();
  let seen = await ctx.catalog.snapshot();
  let tap: ReturnType<typeof tapUnder>;
  try {
    tap = tapUnder(input, seen, now);
  } catch (err) {
    const fresh = await ctx.catalog.current(ctx.db, seen);
    try {
      if (fresh === seen) throw err;
      seen = fresh;
      tap = tapUnder(input, seen, now);
    } catch (refusal) {
      const stored = input.requestId ? await storedTap(ctx.db, input.requestId, seen.catalog.settings.timeZone) : null;
      if (stored) return stored;
      throw refusal;
    }
  }

  return writeTransaction(ctx.db, async (trx) => {
    // Writers take turns (write-transaction.ts), so a request id not stored now cannot be stored before
    // this commits. A retry is answered from the stored contact and writes nothing at all: the
    // transaction commits empty. Only the client's key needs looking up: the batch's other request ids
    // (`key:i`) come into being with it, and a UUID key never has the form `key:i`.
    if (input.requestId !== undefined) {
      const stored = await storedTap(trx, input.requestId, tap.timeZone);
      if (stored) return stored;
    }
    const inTransaction = await ctx.catalog.current(trx, seen);
    // Changed since the tap was first judged: judged again, and a refusal rolls back an empty transaction.
    if (inTransaction !== seen) tap = tapUnder(input, inTransaction, now);
    const { deskId, local, values } = tap;
    const ids: number[] = [];
    // A batch of N equal contacts is N contacts: N record keys, and the rollups add their sum.
    const recordKeys = newRecordKeys(input.count);
    for (let i = 0; i < input.count; i++) {
      const requestId = input.requestId === undefined ? null : batchRequestId(input.requestId, i);
      const [inserted] = (await insertContact<{ id: number }>(trx, { ...values, request_id: requestId, record_key: recordKeys[i]! })).rows;
      const id = Number(inserted!.id);
      ids.push(id);
      await insertRows(trx, { table: 'contact_topics', rows: input.topicIds.map((topic_id, ordinal) => ({ contact_id: id, topic_id, ordinal })) });
      if (input.referralIds.length > 0) {
        await insertRows(trx, { table: 'contact_referrals', rows: input.referralIds.map((organisation_id) => ({ contact_id: id, organisation_id })) });
      }
    }
    await applyToRollup(trx, { ...rollupFactsOf(values, input.topicIds, input.referralIds), keySum: sumKeys(recordKeys) }, input.count);
    const { requestId: _key, ...fields } = input;
    const newValue = { ...fields, deskId, entryKind: values.entry_kind };
    await writeAudit(
      trx,
      now,
      ids.map((entityId) => ({ action: 'create' as const, entity: 'contact' as const, entityId, newValue })),
    );
    const id = ids[0]!;
    // The view of exactly what was written, without reading it back (three queries per tap): same mapping
    // as readContact, topics in ordinal (= input) order, referrals in id order as readContact sorts them.
    const referralIds = [...input.referralIds].sort((a, b) => a - b);
    const contact = contactView({ id, ...values, voided_at: null, void_reason: null }, [...input.topicIds], referralIds, tap.timeZone, local);
    return { contact, todayCount: await countDay(trx, local.day), count: input.count, duplicate: false };
  });
}
