import type { PeerCertificate } from 'node:tls';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { CoreContext } from '../context';
import { explainMailError, noPasswordOutcome, notConfiguredOutcome, passwordUnreadableOutcome, sentOutcome } from './explain-mail-error';
import { bareHost } from './local-network';
import type { SendTestMailInput } from './mail-inputs';
import type { SendOutgoingMail } from './mail-parts';
import { checkMailSecurity, readStoredMailServer, type StoredMailServer } from './mail-server';
import type { MailOutcome } from './mail-types';
import { fetchPresentedCertificate, rememberPresented, serverNameOf } from './presented-certificate';
import { trustedCertificatePem } from './trusted-certificate';

/**
 * A connection that accepts exactly the trusted certificate: it is the only certificate authority
 * (`ca`), so the chain check passes for it alone (and for nothing the public authorities signed),
 * and the identity check compares its SHA-256 fingerprint instead of the host name (a town's
 * self-signed certificate often names an internal host). `rejectUnauthorized` stays on: turning it
 * off and comparing afterwards would send the login before anything was checked, since Node calls
 * `checkServerIdentity` only for a chain it verified.
 */
function pinnedTls(fingerprint: string, pem: string) {
  return {
    ca: [pem],
    checkServerIdentity: (_host: string, cert: PeerCertificate) => {
      if (cert.fingerprint256 === fingerprint) return undefined;
      return Object.assign(new Error('the server presented a certificate other than the trusted one'), { code: 'CERT_NOT_THE_TRUSTED_ONE' });
    },
  };
}

/** nodemailer's transport for the saved settings: TLS from the first byte, STARTTLS required, or (local network only) none. */
export function transportOptions(server: StoredMailServer, password: string | null): SMTPTransport.Options {
  const pinned = server.trustedCertificate && server.trustedCertificatePem ? pinnedTls(server.trustedCertificate, server.trustedCertificatePem) : {};
  return {
    host: bareHost(server.host),
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: server.user === '' ? undefined : { user: server.user, pass: password ?? undefined },
    tls: { servername: serverNameOf(server.host), ...pinned },
    // Answers within a minute or says why; nodemailer's defaults wait up to ten.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // Never a log: a debug log of the SMTP dialogue would carry the login.
    logger: false,
    debug: false,
    // What is sent is made here, never read from a path or URL someone typed.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

interface Message {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** One message through a fresh connection (closed after), answered in plain words; a refused certificate comes with its fingerprint. */
async function deliver(server: StoredMailServer, password: string | null, message: Message): Promise<MailOutcome> {
  // Without it the server refuses the login anyway; say what is missing where, and do not connect.
  if (server.user !== '' && password === null) return noPasswordOutcome();
  const transport = nodemailer.createTransport(transportOptions(server, password));
  try {
    const info = await transport.sendMail({ from: server.from, ...message });
    return sentOutcome(info.response, (info.rejected ?? []).map(String));
  } catch (err) {
    const outcome = explainMailError(err);
    if (outcome.kind !== 'certificateUntrusted' || server.security === 'none') return outcome;
    try {
      const presented = await fetchPresentedCertificate(server.host, server.port, server.security);
      rememberPresented(presented);
      const { fingerprint, subject, validTo } = presented;
      return { ...outcome, certificate: { fingerprint, subject, validTo } };
    } catch {
      return outcome;
    }
  } finally {
    transport.close();
  }
}

/** The stored password, or the outcome that says it cannot be read (a send then fails in words, never with an exception). */
async function storedPassword(ctx: CoreContext): Promise<{ password: string | null } | { outcome: MailOutcome }> {
  try {
    return { password: await ctx.secrets.read() };
  } catch {
    return { outcome: passwordUnreadableOutcome() };
  }
}

/**
 * Whether this PC cannot send for want of the password: the saved server needs a login and this PC keeps
 * no readable password for it (each PC keeps its own). The runner then leaves due reports to a PC that can.
 */
export async function passwordMissingHere(ctx: CoreContext): Promise<boolean> {
  const server = await readStoredMailServer(ctx.db);
  if (!server || server.user === '') return false;
  const stored = await storedPassword(ctx);
  return 'outcome' in stored || stored.password === null;
}

/** The report mail of a schedule's period (core/mail/run-due.ts): from the saved sender to the schedule's recipients. */
export const sendOutgoingMail: SendOutgoingMail = async (ctx, mail) => {
  const server = await readStoredMailServer(ctx.db);
  if (!server) return notConfiguredOutcome();
  const stored = await storedPassword(ctx);
  if ('outcome' in stored) return stored.outcome;
  return deliver(server, stored.password, {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    attachments: mail.attachments,
  });
};

const TEST_SUBJECT = 'Kontaktdesk: Testnachricht / test message';
const TEST_TEXT = [
  'Diese Nachricht hat Kontaktdesk zum Test der Mailserver-Einstellungen gesendet. Die Berichte kommen auf demselben Weg.',
  '',
  'Kontaktdesk sent this message to test the mail server settings. The reports will arrive the same way.',
].join('\n');

/**
 * "Testnachricht senden": with the saved settings, or with the settings on the screen (not yet saved;
 * their password left out means the stored one). Refused like saveMailServer when the encryption rules
 * are broken; otherwise every failure is an outcome, never an error.
 */
export async function sendTestMail(ctx: CoreContext, input: SendTestMailInput): Promise<MailOutcome> {
  const stored = await readStoredMailServer(ctx.db);
  if (!input.server) {
    if (!stored) return notConfiguredOutcome();
    const kept = await storedPassword(ctx);
    if ('outcome' in kept) return kept.outcome;
    return deliver(stored, kept.password, { to: [input.to], subject: TEST_SUBJECT, text: TEST_TEXT });
  }
  const { password: givenPassword, ...given } = input.server;
  checkMailSecurity(given, 'server.');
  const pem = given.trustedCertificate === null ? null : await trustedCertificatePem(given, given.trustedCertificate, stored, 'server.');
  const server: StoredMailServer = { ...given, plainConfirmed: given.security === 'none' && given.plainConfirmed, trustedCertificatePem: pem };
  const kept = givenPassword === undefined ? await storedPassword(ctx) : { password: givenPassword };
  if ('outcome' in kept) return kept.outcome;
  return deliver(server, kept.password, { to: [input.to], subject: TEST_SUBJECT, text: TEST_TEXT });
}
