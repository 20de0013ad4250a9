import type { MailDelivery } from '../../../core/mail/mail-types';

/** The latest delivery of each schedule (the list is newest first). */
export function latestBySchedule(deliveries: MailDelivery[]): Map<number, MailDelivery> {
  const latest = new Map<number, MailDelivery>();
  for (const d of deliveries) {
    const seen = latest.get(d.scheduleId);
    if (!seen || d.startedAt > seen.startedAt) latest.set(d.scheduleId, d);
  }
  return latest;
}

/** Schedules whose latest delivery failed: what the desk's small notice counts. */
export const failedSchedules = (deliveries: MailDelivery[]) => [...latestBySchedule(deliveries).values()].filter((d) => d.state === 'failed').length;
