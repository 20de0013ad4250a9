import { ApiError } from '../base/errors';
import type { CoreContext } from '../context';
import { claimDelivery, deliveryById, deliveryOfPeriod, failedPeriodsOf, recordDelivery, senderDomainOf, type DeliveryClaim } from './delivery-log';
import { latestPeriod } from './due-periods';
import type { ComposeReportMail, SendOutgoingMail } from './mail-parts';
import type { MailDelivery, MailOutcome, ScheduleToSend, SentNow } from './mail-types';
import { readStoredMailServer } from './mail-server';
import { duePeriodsOf, findMailSchedule, localDay, storedSchedules, type StoredSchedule } from './schedules';
import { passwordMissingHere } from './send-mail';

/**
 * Test-only: set to `1` in a child process's environment, the runner kills its own process (SIGKILL)
 * right after the mail server accepted a message and before `sent` is recorded, so a test can prove
 * what a crash at the worst moment does (test/mail/crash-after-send.test.ts). Never set it otherwise.
 */
export const TEST_EXIT_AFTER_SEND = 'KONTAKTDESK_TEST_EXIT_AFTER_SEND';

/** A PC that keeps no password for a server that needs one leaves a newly due period this long to a PC that does. */
export const NO_PASSWORD_GRACE_MS = 2 * 60 * 60_000;

export interface RunOptions {
  /** When this process first saw each period due (the app's timer keeps it across runs); without it, no grace. */
  firstSeen?: Map<string, number>;
}

export interface RunSummary {
  /** Every period this run tried, with what happened (sent or failed). */
  deliveries: MailDelivery[];
}

/** The saved sender's domain, for the Message-ID (delivery-log.ts). */
const senderDomain = async (ctx: CoreContext) => senderDomainOf((await readStoredMailServer(ctx.db))?.from);

/** What composing failed with, in the words the delivery log shows (a gone view, a filter refused). */
const composeFailure = (err: unknown): MailOutcome => {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    ok: false,
    kind: 'other',
    message: {
      de: `Der Bericht konnte nicht erstellt werden: ${detail}`,
      en: `The report could not be made: ${detail}`,
    },
  };
};

/** Composes and sends one claimed period, then records the answer. Never throws for a failed send. */
async function deliver(
  ctx: CoreContext,
  schedule: ScheduleToSend,
  period: { from: string; to: string },
  claim: DeliveryClaim,
  compose: ComposeReportMail,
  send: SendOutgoingMail,
): Promise<MailDelivery> {
  let outcome: MailOutcome;
  try {
    const mail = await compose(ctx, schedule, period);
    outcome = await send(ctx, { ...mail, to: schedule.recipients, messageId: claim.messageId });
  } catch (err) {
    outcome = composeFailure(err);
  }
  if (outcome.ok && process.env[TEST_EXIT_AFTER_SEND] === '1') process.kill(process.pid, 'SIGKILL');
  await recordDelivery(ctx, claim, outcome);
  return deliveryById(ctx, claim.id);
}

/** A schedule's due periods and its failed ones (a failure from before a pause is still retried), oldest first, each once. */
async function periodsToSend(ctx: CoreContext, schedule: StoredSchedule, today: string): Promise<{ from: string; to: string }[]> {
  const periods = new Map<string, { from: string; to: string }>();
  for (const p of [...(await failedPeriodsOf(ctx, schedule.id)), ...(await duePeriodsOf(ctx, schedule, today))]) periods.set(`${p.from}/${p.to}`, p);
  return [...periods.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/**
 * Sends every period that is due (core/mail/due-periods.ts) and not yet sent, for every enabled
 * schedule, oldest first: after days closed, each missed period once. Safe to run in several processes
 * on one database at once and again after a crash: the claim (delivery-log.ts) decides who sends.
 * Sends one after the other, so a slow server holds up only the schedules.
 */
export async function runDueSchedules(
  ctx: CoreContext,
  compose: ComposeReportMail,
  send: SendOutgoingMail,
  { firstSeen }: RunOptions = {},
): Promise<RunSummary> {
  const now = ctx.now();
  const today = await localDay(ctx, now);
  const domain = await senderDomain(ctx);
  // On a shared database another PC may keep the password this one lacks: it gets the first hours of a
  // newly due period, and every retry. After the grace this PC records the failure, so the log says why.
  // Asked once per run and only when something is to be sent: most minutes nothing is, and the desktop's store decrypts.
  let missing: Promise<boolean> | undefined;
  const deliveries: MailDelivery[] = [];
  for (const stored of await storedSchedules(ctx.db)) {
    if (!stored.enabled) continue;
    const { dueFromMs: _, ...rest } = stored;
    for (const period of await periodsToSend(ctx, stored, today)) {
      const cannotSend = await (missing ??= passwordMissingHere(ctx));
      if (cannotSend && firstSeen) {
        const key = `${stored.id}/${period.from}/${period.to}`;
        const seen = firstSeen.get(key) ?? now;
        firstSeen.set(key, seen);
        if (now - seen < NO_PASSWORD_GRACE_MS) continue;
      }
      const claim = await claimDelivery(ctx, stored, period, domain, { retry: !cannotSend });
      if (!claim) continue;
      deliveries.push(await deliver(ctx, rest, period, claim, compose, send));
    }
  }
  return { deliveries };
}

/**
 * Sends a schedule's most recent due period now ("Jetzt senden", `npm run report -- --mail`), also when
 * the schedule is switched off or was created after that period fell due. A failed period is tried at
 * once, whatever its back-off. A period already sent is never sent again: its delivery is answered as
 * it is, with `alreadySent`; one another process is sending right now is answered in state `sending`.
 */
export async function sendMailScheduleNow(ctx: CoreContext, id: number, compose: ComposeReportMail, send: SendOutgoingMail): Promise<SentNow> {
  const schedule = await findMailSchedule(ctx, id);
  if (!schedule) throw new ApiError('not_found', `no mail schedule with id ${id}`, 'id');
  const period = latestPeriod(schedule.rule, await localDay(ctx, ctx.now()));
  const claim = await claimDelivery(ctx, schedule, period, await senderDomain(ctx), { force: true });
  if (!claim) {
    const earlier = (await deliveryOfPeriod(ctx, schedule.id, period))!;
    return { ...earlier, alreadySent: earlier.state === 'sent' };
  }
  return { ...(await deliver(ctx, schedule, period, claim, compose, send)), alreadySent: false };
}
