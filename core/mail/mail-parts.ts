import type { CoreContext } from '../context';
import type { MailOutcome, ScheduleToSend } from './mail-types';

/** A report mail before it is addressed: what `composeReportMail` (compose-mail.ts) makes of a schedule's period. */
export interface ComposedMail {
  /** "Sozial-Info im Wohnzimmer Leibnitz: Bericht Oktober 2026" (in the schedule's language). */
  subject: string;
  /** The self-contained report page (core/exports/report-html.ts) of the period, in the schedule's mode. */
  html: string;
  /** The plain-text alternative: headline, period, key figures with comparisons, the note in publication mode. */
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** One mail as it goes to the server: a stable Message-ID per schedule and period, so a resend is recognisable. */
export interface OutgoingMail extends ComposedMail {
  to: string[];
  messageId: string;
}

export type ComposeReportMail = (ctx: CoreContext, schedule: ScheduleToSend, period: { from: string; to: string }) => Promise<ComposedMail>;
export type SendOutgoingMail = (ctx: CoreContext, mail: OutgoingMail) => Promise<MailOutcome>;
