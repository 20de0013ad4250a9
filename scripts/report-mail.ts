import { composeReportMail } from '../core/mail/compose-mail';
import { sendMailScheduleNow } from '../core/mail/run-due';
import { findMailSchedule, listMailSchedules } from '../core/mail/schedules';
import { sendOutgoingMail } from '../core/mail/send-mail';
import type { Core } from '../core/open-core';

/**
 * `npm run report -- --mail SCHEDULE`: sends a schedule's most recent due period now, through the same
 * runner as the app's timer and "Jetzt senden" (core/mail/run-due.ts), so the delivery log and the rule
 * "never twice per schedule and period" hold for IT's own schedulers too. Returns the exit code:
 * 0 sent (now or before), 1 not sent (the reason in plain words), 2 no such schedule.
 */
export async function sendScheduleNow(core: Core, schedule: string): Promise<number> {
  const found = await findMailSchedule(core.context, schedule);
  if (!found) {
    const names = (await listMailSchedules(core.context)).map((s) => `"${s.name}" (${s.id})`);
    console.error(
      `report: no mail schedule called "${schedule}"; ${names.length === 0 ? 'there are no mail schedules yet' : `schedules: ${names.join(', ')}`}`,
    );
    return 2;
  }
  const delivery = await sendMailScheduleNow(core.context, found.id, composeReportMail, sendOutgoingMail);
  const what = `report mail "${found.name}" ${delivery.period.from}..${delivery.period.to}`;
  if (delivery.state === 'sent') {
    console.log(
      delivery.alreadySent
        ? `${what}: already sent on ${delivery.finishedAt} (${delivery.messageId}); not sent twice`
        : `${what}: sent to ${delivery.recipients} ${delivery.recipients === 1 ? 'recipient' : 'recipients'} (${delivery.messageId})`,
    );
    return 0;
  }
  if (delivery.state === 'sending') {
    console.error(`${what}: not sent: another Kontaktdesk is sending it right now (started ${delivery.startedAt})`);
    return 1;
  }
  const server = delivery.outcome?.server ? ` (server: ${delivery.outcome.server})` : '';
  const retry = delivery.nextAttemptAt ? `; the app tries again from ${delivery.nextAttemptAt}` : '';
  console.error(`${what}: not sent: ${delivery.outcome?.message.en ?? 'unknown reason'}${server}${retry}`);
  return 1;
}
