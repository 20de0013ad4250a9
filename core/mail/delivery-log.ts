import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CoreContext } from '../context';
import type { MailDeliveryTable } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import type { DuePeriod } from './due-periods';
import type { MailDelivery, MailOutcome } from './mail-types';

/**
 * The delivery log, and the rule that a report goes out once per schedule and period. Sending a period
 * starts by claiming it: writing its `sending` row, unique per schedule and period in the database, in
 * a write transaction (one at a time per database, across processes, on SQLite and PostgreSQL). Whoever
 * wrote the row sends; everybody else leaves it alone. `sent` is written after the server accepted the
 * message, `failed` with the time of the next try. A `sending` row older than SENDING_STALE_MS was left
 * by a crash between handing the message to the server and recording it: it is sent again with the
 * same Message-ID, so a recipient's mail program (and anyone reading headers) recognises the resend.
 */

/** How long a send may take before its `sending` row counts as left behind by a crash. */
export const SENDING_STALE_MS = 10 * 60_000;

/** The waits after the 1st, 2nd, 3rd failed try; after that every RETRY_BACKOFF_MS.at(-1). */
export const RETRY_BACKOFF_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;

export const retryDelay = (attempts: number) => RETRY_BACKOFF_MS[Math.min(Math.max(attempts, 1), RETRY_BACKOFF_MS.length) - 1]!;

/** A claimed period: this process sends it, under this Message-ID, as try number `attempts`. */
export interface DeliveryClaim {
  id: number;
  messageId: string;
  attempts: number;
}

/** Stable per schedule and period; the random part keeps two databases (a restored copy, a test site) from sharing ids. */
export function messageIdFor(scheduleId: number, period: { from: string; to: string }, senderDomain: string): string {
  return `<kontaktdesk.${scheduleId}.${period.from}.${period.to}.${randomBytes(8).toString('hex')}@${senderDomain}>`;
}

/** The domain of the sender address (`berichte@leibnitz.at` → `leibnitz.at`), for the Message-ID. */
export const senderDomainOf = (from: string | null | undefined) =>
  from && /@[A-Za-z0-9.-]+$/.test(from) ? from.slice(from.lastIndexOf('@') + 1) : 'kontaktdesk.invalid';

/**
 * Claims a schedule's period, or returns null when it is not this caller's to send: already sent,
 * being sent by another process (a `sending` row younger than SENDING_STALE_MS), or failed and not
 * yet due for its next try. `force` (send now) retries a failed period at once, never a sent one.
 * `retry: false` claims only a period no one has tried yet (a PC that cannot send leaves retries to one that can).
 */
export async function claimDelivery(
  ctx: CoreContext,
  schedule: { id: number; name: string; recipients: string[] },
  period: DuePeriod | { from: string; to: string },
  senderDomain: string,
  { force = false, retry = true }: { force?: boolean; retry?: boolean } = {},
): Promise<DeliveryClaim | null> {
  return writeTransaction(ctx.db, async (db) => {
    const now = ctx.now();
    const existing = await db
      .selectFrom('mail_deliveries')
      .selectAll()
      .where('schedule_id', '=', schedule.id)
      .where('period_from', '=', period.from)
      .where('period_to', '=', period.to)
      .executeTakeFirst();
    if (!existing) {
      const messageId = messageIdFor(schedule.id, period, senderDomain);
      // The unique (schedule, period) constraint is the last word: a row written meanwhile means not ours.
      const row = await db
        .insertInto('mail_deliveries')
        .values({
          schedule_id: schedule.id,
          schedule_name: schedule.name,
          period_from: period.from,
          period_to: period.to,
          state: 'sending',
          attempts: 1,
          recipients: schedule.recipients.length,
          message_id: messageId,
          started_at: now,
          finished_at: null,
          next_attempt_at: null,
          outcome: null,
        })
        .onConflict((oc) => oc.columns(['schedule_id', 'period_from', 'period_to']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row ? { id: Number(row.id), messageId, attempts: 1 } : null;
    }
    if (!retry) return null;
    const retryDue = existing.state === 'failed' && (force || Number(existing.next_attempt_at ?? 0) <= now);
    const leftByCrash = existing.state === 'sending' && Number(existing.started_at) <= now - SENDING_STALE_MS;
    if (!retryDue && !leftByCrash) return null;
    const attempts = Number(existing.attempts) + 1;
    const taken = await db
      .updateTable('mail_deliveries')
      .set({ state: 'sending', attempts, started_at: now, finished_at: null, next_attempt_at: null, recipients: schedule.recipients.length })
      .where('id', '=', existing.id)
      .where('attempts', '=', existing.attempts)
      .where('state', '=', existing.state)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1 ? { id: Number(existing.id), messageId: existing.message_id, attempts } : null;
  });
}

/** Records the server's answer to a claimed send: `sent`, or `failed` with the time of the next try. */
export async function recordDelivery(ctx: CoreContext, claim: DeliveryClaim, outcome: MailOutcome): Promise<void> {
  const now = ctx.now();
  await writeTransaction(ctx.db, (db) =>
    db
      .updateTable('mail_deliveries')
      .set({
        state: outcome.ok ? 'sent' : 'failed',
        finished_at: now,
        next_attempt_at: outcome.ok ? null : now + retryDelay(claim.attempts),
        outcome: JSON.stringify(outcome),
      })
      // A try taken over by another process (this one was too slow) is recorded by that one.
      .where('id', '=', claim.id)
      .where('attempts', '=', claim.attempts)
      .execute(),
  );
}

const deliveryOf = (r: Selectable<MailDeliveryTable>): MailDelivery => ({
  id: Number(r.id),
  scheduleId: Number(r.schedule_id),
  scheduleName: r.schedule_name,
  period: { from: r.period_from, to: r.period_to },
  state: r.state,
  attempts: Number(r.attempts),
  recipients: Number(r.recipients),
  messageId: r.message_id,
  startedAt: new Date(Number(r.started_at)).toISOString(),
  finishedAt: r.finished_at === null ? null : new Date(Number(r.finished_at)).toISOString(),
  nextAttemptAt: r.next_attempt_at === null ? null : new Date(Number(r.next_attempt_at)).toISOString(),
  outcome: r.outcome === null ? null : (JSON.parse(r.outcome) as MailOutcome),
});

/** The delivery log, newest first; a deleted schedule's sends stay listed under the name they went out under. */
export async function listMailDeliveries(ctx: CoreContext, { limit }: { limit: number }): Promise<MailDelivery[]> {
  const rows = await ctx.db.selectFrom('mail_deliveries').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(deliveryOf);
}

export async function deliveryById(ctx: CoreContext, id: number): Promise<MailDelivery> {
  return deliveryOf(await ctx.db.selectFrom('mail_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function deliveryOfPeriod(ctx: CoreContext, scheduleId: number, period: { from: string; to: string }): Promise<MailDelivery | undefined> {
  const row = await ctx.db
    .selectFrom('mail_deliveries')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .where('period_from', '=', period.from)
    .where('period_to', '=', period.to)
    .executeTakeFirst();
  return row ? deliveryOf(row) : undefined;
}

/**
 * The periods of a schedule whose send failed: retried by the runner even when they fell due before the
 * schedule's pause or change of rule (a pause skips what falls due during it, not what already failed).
 */
export async function failedPeriodsOf(ctx: CoreContext, scheduleId: number): Promise<{ from: string; to: string }[]> {
  const rows = await ctx.db
    .selectFrom('mail_deliveries')
    .select(['period_from', 'period_to'])
    .where('schedule_id', '=', scheduleId)
    .where('state', '=', 'failed')
    .execute();
  return rows.map((r) => ({ from: r.period_from, to: r.period_to }));
}
