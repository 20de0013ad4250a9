import type { MailOutcome, MailServer } from '../../../core/mail/mail-types';
import { mailAddressSchema, mailHostSchema, type MailSecurity, type SaveMailServerInput } from '../../../core/mail/mail-inputs';
import type { ReportLanguage } from '../../ui/format';

/** The port each encryption usually speaks on: what the form fills in when the encryption changes. */
export const DEFAULT_PORTS: Record<MailSecurity, number> = { starttls: 587, tls: 465, none: 25 };

/** The server form as typed: strings, so a half-typed port is kept as typed. */
export interface ServerDraft {
  host: string;
  port: string;
  security: MailSecurity;
  plainConfirmed: boolean;
  user: string;
  /** A new password to store; empty: the stored one stays (unless `removePassword`). */
  password: string;
  removePassword: boolean;
  from: string;
  trustedCertificate: string | null;
}

export const serverDraft = (server: MailServer | null): ServerDraft => ({
  host: server?.host ?? '',
  port: String(server?.port ?? DEFAULT_PORTS.starttls),
  security: server?.security ?? 'starttls',
  plainConfirmed: server?.plainConfirmed ?? false,
  user: server?.user ?? '',
  password: '',
  removePassword: false,
  from: server?.from ?? '',
  trustedCertificate: server?.trustedCertificate ?? null,
});

export type ServerProblem = 'host' | 'port' | 'from' | 'plain';

/** What is wrong with the form before it goes out (the core checks again and names the field). */
export function serverProblems(draft: ServerDraft): ServerProblem[] {
  const problems: ServerProblem[] = [];
  if (!mailHostSchema.safeParse(draft.host).success) problems.push('host');
  const port = Number(draft.port);
  if (!/^\d+$/.test(draft.port.trim()) || port < 1 || port > 65535) problems.push('port');
  if (!mailAddressSchema.safeParse(draft.from).success) problems.push('from');
  if (draft.security === 'none' && !draft.plainConfirmed) problems.push('plain');
  return problems;
}

/** The save input of a valid draft: no `password` key keeps the stored one, null removes it. */
export function serverInput(draft: ServerDraft): SaveMailServerInput {
  return {
    host: draft.host.trim(),
    port: Number(draft.port),
    security: draft.security,
    user: draft.user.trim(),
    from: draft.from.trim(),
    plainConfirmed: draft.security === 'none' && draft.plainConfirmed,
    trustedCertificate: draft.trustedCertificate,
    ...(draft.removePassword ? { password: null } : draft.password !== '' ? { password: draft.password } : {}),
  };
}

export const isMailAddress = (address: string) => mailAddressSchema.safeParse(address).success;

/** The outcome's plain words in the screen's language. */
export const outcomeWords = (outcome: MailOutcome, lang: ReportLanguage) => outcome.message[lang];

/** An ISO instant as a local time in the site's zone. */
export function mailTime(iso: string, lang: ReportLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-AT', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
