import type { MailFormat, MailRule, MailSecurity } from './mail-inputs';
import type { PublicationMethod } from '../publication/publication-inputs';

/** The mail server as any method returns it: never the password, only whether one is stored. */
export interface MailServer {
  host: string;
  port: number;
  security: MailSecurity;
  user: string;
  passwordSet: boolean;
  from: string;
  plainConfirmed: boolean;
  trustedCertificate: string | null;
  /** Where the password is kept: `safeStorage` (desktop, encrypted by the operating system) or `file` (browser mode, 0600 in the data folder). */
  passwordStore: 'safeStorage' | 'file';
}

/**
 * What a mail server answered, in plain words (never a stack trace). `kind` names the problem for the
 * screen's texts; `server` is the server's own reply line where there was one (e.g. "535 5.7.8 Authentication failed").
 */
export interface MailOutcome {
  ok: boolean;
  kind:
    | 'sent'
    | 'wrongPassword'
    | 'noPassword'
    | 'certificateUntrusted'
    | 'unreachable'
    | 'refusedSender'
    | 'refusedRecipient'
    | 'plainRefused'
    | 'notConfigured'
    | 'timeout'
    | 'other';
  message: { de: string; en: string };
  server?: string;
  /** `certificateUntrusted`: the fingerprint of the certificate the server presented, for "Zertifikat vertrauen". */
  certificate?: { fingerprint: string; subject: string; validTo: string };
}

export interface MailSchedule {
  id: number;
  name: string;
  recipients: string[];
  rule: MailRule;
  viewId: number | null;
  publication: boolean;
  publicationMethod: PublicationMethod;
  formats: MailFormat[];
  language: 'de' | 'en';
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** The next period it will send and the local day that becomes due. */
  next: { from: string; to: string; dueDay: string };
}

/**
 * One send of one schedule's period (the delivery log, kept with the audit trail). `sending` is written
 * before the message goes out and `sent` after the server accepted it; a `sending` left by a crash is
 * sent again with the same `messageId`, so a resend is recognisable.
 */
export interface MailDelivery {
  id: number;
  scheduleId: number;
  scheduleName: string;
  period: { from: string; to: string };
  state: 'sending' | 'sent' | 'failed';
  attempts: number;
  recipients: number;
  messageId: string;
  startedAt: string;
  finishedAt: string | null;
  /** Failed: when it is tried again (back-off), and why it failed. */
  nextAttemptAt: string | null;
  outcome: MailOutcome | null;
}

/** What composing and sending a report need of a schedule: everything but its next period (the period is given). */
export type ScheduleToSend = Omit<MailSchedule, 'next'>;

/** "Jetzt senden"'s answer: the period's delivery, and whether it had been sent before this request (then nothing went out). */
export type SentNow = MailDelivery & { alreadySent: boolean };
