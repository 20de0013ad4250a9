import type { ParsedInput } from '../api/contract';
import { ApiError, invalidField } from '../api/errors';
import { FUTURE_TOLERANCE_MS } from '../api/limits';
import type { CoreContext } from '../context';
import { localParts } from '../time/local-parts';
import { writeAudit } from './audit';
import type { LoggedContact } from './contact-types';
import { assertActiveId, assertActiveIds } from './contact-refs';
import { contactView, countDay, readContact } from './read-contacts';

/** A contact entered more than this after it happened is marked as back-dated. */
const BACKDATED_AFTER_MS = 10 * 60 * 1000;
/** Nothing before this can be a real contact; guards against a mistyped year. */
const EARLIEST_CONTACT = Date.parse('2000-01-01T00:00:00Z');

function occurredAtOf(input: ParsedInput<'logContact'>, now: number): number {
  if (input.occurredAt === undefined) return now;
  const at = Date.parse(input.occurredAt);
  if (at > now + FUTURE_TOLERANCE_MS) throw invalidField('occurredAt', 'lies in the future');
  if (at < EARLIEST_CONTACT) throw invalidField('occurredAt', 'lies before the year 2000');
  return Math.min(at, now);
}

/** One tap at the desk: validates against the live catalog, then stores the contact, its links and its audit row atomically. */
export async function logContact(ctx: CoreContext, input: ParsedInput<'logContact'>): Promise<LoggedContact> {
  const now = ctx.now();
  const [active, { settings }] = await Promise.all([ctx.catalog.active(), ctx.catalog.catalog()]);
  assertActiveIds('topicIds', input.topicIds, active.topics);
  assertActiveIds('referralIds', input.referralIds, active.organisations);
  assertActiveId('languageId', input.languageId, active.languages);
  const deskId = input.deskId ?? [...active.desks][0];
  if (deskId === undefined) throw new ApiError('conflict', 'the catalog has no active desk', 'deskId');
  assertActiveId('deskId', deskId, active.desks);
  const occurredAt = occurredAtOf(input, now);
  const local = localParts(occurredAt, settings.timeZone);

  return ctx.db.transaction().execute(async (trx) => {
    if (input.requestId) {
      const seen = await trx.selectFrom('contacts').select('id').where('request_id', '=', input.requestId).executeTakeFirst();
      if (seen) {
        const contact = await readContact(trx, seen.id, settings.timeZone);
        return { contact, todayCount: await countDay(trx, contact.localDay), duplicate: true };
      }
    }
    const values = {
      request_id: input.requestId ?? null,
      occurred_at: occurredAt,
      entered_at: now,
      local_day: local.day,
      local_month: local.month,
      local_weekday: local.weekday,
      local_hour: local.hour,
      channel: input.channel,
      asker: input.asker,
      language_id: input.languageId,
      desk_id: deskId,
      entry_kind: now - occurredAt > BACKDATED_AFTER_MS ? 'backdated' : 'live',
    };
    const { id } = await trx.insertInto('contacts').values(values).returning('id').executeTakeFirstOrThrow();
    await trx
      .insertInto('contact_topics')
      .values(input.topicIds.map((topic_id, ordinal) => ({ contact_id: id, topic_id, ordinal })))
      .execute();
    if (input.referralIds.length > 0) {
      await trx
        .insertInto('contact_referrals')
        .values(input.referralIds.map((organisation_id) => ({ contact_id: id, organisation_id })))
        .execute();
    }
    const { requestId: _key, ...fields } = input;
    await writeAudit(trx, now, [{ action: 'create', entity: 'contact', entityId: id, newValue: { ...fields, deskId } }]);
    // The view of exactly what was written, without reading it back (three queries per tap): same mapping
    // as readContact, topics in ordinal (= input) order, referrals in id order as readContact sorts them.
    const referralIds = [...input.referralIds].sort((a, b) => a - b);
    const contact = contactView({ id, ...values, voided_at: null, void_reason: null }, [...input.topicIds], referralIds, settings.timeZone);
    return { contact, todayCount: await countDay(trx, local.day), duplicate: false };
  });
}
