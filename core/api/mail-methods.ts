import type { MailDelivery, MailOutcome, MailSchedule, MailServer, SentNow } from '../mail/mail-types';
import {
  deleteMailScheduleSchema,
  getMailServerSchema,
  listMailDeliveriesSchema,
  listMailSchedulesSchema,
  saveMailScheduleSchema,
  saveMailServerSchema,
  sendMailScheduleNowSchema,
  sendTestMailSchema,
} from '../mail/mail-inputs';
import { management, returns } from './method-parts';

/** The contract's methods of the report mails (Verwaltung → Berichtsversand; core/mail), all for management. */
export const mailMethods = {
  /** The mail server the report mails go through; null until one is saved. Never the password, only whether this PC keeps one. */
  getMailServer: {
    management,
    input: getMailServerSchema,
    output: returns<MailServer | null>(),
  },
  /** Saves the mail server, the password into this PC's secret store (never the database); audited, the password only as "changed". */
  saveMailServer: {
    management,
    input: saveMailServerSchema,
    output: returns<MailServer>(),
  },
  /** Sends a test message with the saved (or the given, unsaved) settings; answers what the server said, in plain words. */
  sendTestMail: {
    management,
    input: sendTestMailSchema,
    output: returns<MailOutcome>(),
  },
  /** The report mail schedules, ordered by name, each with the next period it sends and the day that falls due. */
  listMailSchedules: {
    management,
    input: listMailSchedulesSchema,
    output: returns<MailSchedule[]>(),
  },
  /**
   * Creates a schedule (no id) or changes one in full; names are unique ignoring case, `viewId` must name a saved view,
   * sending without publication mode needs `unpublishedConfirmed` (the recipients then stand in the audit trail). Audited.
   */
  saveMailSchedule: {
    management,
    input: saveMailScheduleSchema,
    output: returns<MailSchedule>(),
  },
  /** Deletes a schedule; its delivery log stays. Audited. */
  deleteMailSchedule: {
    management,
    input: deleteMailScheduleSchema,
    output: returns<MailSchedule>(),
  },
  /** The delivery log, newest first: every send with its time, schedule, period, number of recipients and result. */
  listMailDeliveries: {
    management,
    input: listMailDeliveriesSchema,
    output: returns<MailDelivery[]>(),
  },
  /**
   * Sends a schedule's most recent due period now ("Jetzt senden"); a failed one is tried at once. A period already sent is
   * never sent twice: its delivery is answered as it is, with `alreadySent`.
   */
  sendMailScheduleNow: {
    management,
    input: sendMailScheduleNowSchema,
    output: returns<SentNow>(),
  },
};
