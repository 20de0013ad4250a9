import type { CoreContext } from '../context';
import { composeReportMail } from '../mail/compose-mail';
import type { ComposeReportMail, SendOutgoingMail } from '../mail/mail-parts';
import { runDueSchedules } from '../mail/run-due';
import { sendOutgoingMail } from '../mail/send-mail';

/** How often the app looks for a due report mail: a schedule falls due at the start of a local day, a minute late is on time. */
export const MAIL_CHECK_INTERVAL_MS = 60_000;

export interface MailScheduleTimer {
  stop(): void;
  /** Settles when the run under way (if any) has finished; for a clean shutdown and for tests. */
  idle(): Promise<void>;
}

export interface MailScheduleOptions {
  compose?: ComposeReportMail;
  send?: SendOutgoingMail;
  intervalMs?: number;
  report?: (err: unknown) => void;
}

/**
 * The report mails while the app runs (core/mail/run-due.ts): one run right after the start, which
 * catches up what fell due while the app was closed (each period once), then one every minute, which
 * also retries failed sends when their back-off has passed. The first run does not hold up the start:
 * a slow mail server must not keep the desk waiting. Never two runs at once in this process; another
 * process on the same database (a second PC, `npm run report -- --mail`) may run too, the delivery
 * log's claim decides who sends. A run that throws (the database gone away) is reported and the next
 * minute tries again; the timer is unref'd so it never keeps a closing process alive.
 */
export function startMailSchedule(
  ctx: CoreContext,
  {
    compose = composeReportMail,
    send = sendOutgoingMail,
    intervalMs = MAIL_CHECK_INTERVAL_MS,
    report = (err: unknown) => console.error('Scheduled report mail failed:', err),
  }: MailScheduleOptions = {},
): MailScheduleTimer {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  // When this process first saw each period due: the grace a PC without the password gives another (run-due.ts).
  const firstSeen = new Map<string, number>();
  const once = async () => {
    if (stopped) return;
    const { deliveries } = await runDueSchedules(ctx, compose, send, { firstSeen });
    // The Berichtsversand tab and the desk's notice for a failed send show the delivery log.
    if (deliveries.length > 0) ctx.changes.publish({ kind: 'mail' });
  };
  const run = () => (running = running.then(once).then(() => undefined, report));
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    idle: () => running,
  };
}
