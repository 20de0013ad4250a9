import type { MailOutcome } from './mail-types';

/** What nodemailer (or the socket under it) says went wrong; every field optional, since anything may be thrown. */
interface MailError {
  code?: unknown;
  originalCode?: unknown;
  message?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Node's and OpenSSL's names for a certificate that is not trusted, expired or for another host. */
const CERTIFICATE_CODES =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_[A-Z_]+|ERR_TLS_CERT_ALTNAME_INVALID)$/;
/** nodemailer's STARTTLS upgrade keeps only the message ("Error initiating TLS - self-signed certificate"). */
const CERTIFICATE_WORDS = /self[- ]signed|certificate|unable to verify|unable to get (local )?issuer/i;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);

/** The server's own reply, first line only (a multi-line reply's rest is its advertising); never a stack trace. */
const replyLine = (err: MailError): string | undefined => {
  const line = text(err.response).split(/\r?\n/)[0]?.trim();
  return line ? line.slice(0, 300) : undefined;
};

function outcome(kind: MailOutcome['kind'], de: string, en: string, server?: string): MailOutcome {
  return { ok: kind === 'sent', kind, message: { de, en }, ...(server ? { server } : {}) };
}

/**
 * A failed send in plain words for the Berichtsversand tab and the delivery log: wrong password,
 * certificate not trusted, server unreachable, timeout, sender or recipient refused. The server's reply
 * line is kept (it is what IT will ask for); Node's and nodemailer's own messages and stacks are not.
 * A certificate outcome gets the presented certificate's fingerprint added by the sender (send-mail.ts).
 */
export function explainMailError(thrown: unknown): MailOutcome {
  const err: MailError = typeof thrown === 'object' && thrown !== null ? (thrown as MailError) : {};
  const code = text(err.code);
  const cause = text(err.originalCode) || code;
  const command = text(err.command);
  const server = replyLine(err);
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : 0;

  if (code === 'EAUTH' && command === 'API')
    return outcome(
      'wrongPassword',
      'Für den Benutzernamen ist kein Passwort gespeichert. Bitte das Passwort eingeben und speichern.',
      'No password is stored for the user name. Please enter the password and save.',
    );
  if (code === 'EAUTH' || responseCode === 530 || responseCode === 535)
    return outcome(
      'wrongPassword',
      'Der Mailserver hat die Anmeldung abgelehnt: Benutzername oder Passwort stimmen nicht.',
      'The mail server refused the login: the user name or password is wrong.',
      server,
    );
  if (CERTIFICATE_CODES.test(cause) || ((code === 'ETLS' || code === 'ESOCKET') && CERTIFICATE_WORDS.test(text(err.message)) && !server))
    return outcome(
      'certificateUntrusted',
      'Das Zertifikat des Mailservers ist nicht vertrauenswürdig (z. B. selbst ausgestellt, abgelaufen oder für einen anderen Namen). Bitte den Fingerabdruck mit der IT vergleichen und dem Zertifikat nur dann vertrauen.',
      "The mail server's certificate is not trusted (e.g. self-signed, expired or issued for another name). Please compare the fingerprint with IT and only then trust the certificate.",
    );
  if (code === 'ETLS')
    return outcome(
      'other',
      'Die verschlüsselte Verbindung (STARTTLS) kam nicht zustande. Bitte Port und Verschlüsselung mit der IT prüfen (oft 587 mit STARTTLS oder 465 mit TLS).',
      'The encrypted connection (STARTTLS) could not be set up. Please check port and encryption with IT (often 587 with STARTTLS or 465 with TLS).',
      server,
    );
  if (code === 'ETIMEDOUT' || cause === 'ETIMEDOUT')
    return outcome(
      'timeout',
      'Der Mailserver hat nicht rechtzeitig geantwortet. Bitte Servername und Port prüfen, oder später noch einmal versuchen.',
      'The mail server did not answer in time. Please check the server name and port, or try again later.',
      server,
    );
  if (code === 'EDNS' || UNREACHABLE_CODES.has(cause) || ((code === 'ESOCKET' || code === 'ECONNECTION') && !server))
    return outcome(
      'unreachable',
      'Der Mailserver ist nicht erreichbar. Bitte Servername und Port prüfen und ob dieser PC ins Netz kommt.',
      'The mail server cannot be reached. Please check the server name and port, and whether this PC is online.',
      server,
    );
  if (code === 'EENVELOPE' && command === 'MAIL FROM')
    return outcome(
      'refusedSender',
      'Der Mailserver nimmt diese Absenderadresse nicht an. Bitte eine Adresse verwenden, die zum Benutzerkonto gehört.',
      'The mail server does not accept this sender address. Please use an address that belongs to the account.',
      server,
    );
  if (code === 'EENVELOPE')
    return outcome(
      'refusedRecipient',
      'Der Mailserver hat den Empfänger abgelehnt. Bitte die Empfängeradresse prüfen.',
      'The mail server refused the recipient. Please check the recipient address.',
      server,
    );
  return outcome(
    'other',
    'Der Mailserver hat die Nachricht nicht angenommen. Die Antwort des Servers steht darunter; bitte an die IT weitergeben.',
    "The mail server did not accept the message. The server's answer is shown below; please pass it on to IT.",
    server,
  );
}

/** The server accepted the message; some recipients may have been refused (the rest got it). */
export function sentOutcome(response: string | undefined, rejected: string[]): MailOutcome {
  const server = text(response).split(/\r?\n/)[0]?.trim() || undefined;
  if (rejected.length === 0) return outcome('sent', 'Der Mailserver hat die Nachricht angenommen.', 'The mail server accepted the message.', server);
  const list = rejected.join(', ');
  return outcome(
    'sent',
    `Der Mailserver hat die Nachricht angenommen, aber diese Empfänger abgelehnt: ${list}.`,
    `The mail server accepted the message but refused these recipients: ${list}.`,
    server,
  );
}

/** The secret store failed (the file unreadable, the system's key store refused to decrypt): nothing was sent. */
export const passwordUnreadableOutcome = (): MailOutcome =>
  outcome(
    'other',
    'Das gespeicherte Passwort des Mailservers kann auf diesem PC nicht gelesen werden. Bitte das Passwort neu eingeben und speichern.',
    'The stored mail server password cannot be read on this PC. Please enter the password again and save.',
  );

export const notConfiguredOutcome = (): MailOutcome =>
  outcome(
    'notConfigured',
    'Es ist noch kein Mailserver eingerichtet (Verwaltung → Berichtsversand).',
    'No mail server is set up yet (Management → Report mail).',
  );

/** The server needs a login and this PC keeps no password (each PC keeps its own; secret-store.ts): nothing was sent. */
export const noPasswordOutcome = (): MailOutcome =>
  outcome(
    'noPassword',
    'Auf diesem PC ist kein Passwort für den Mailserver gespeichert. Bitte hier unter Verwaltung → Berichtsversand eingeben, oder den Bericht von einem PC mit Passwort senden lassen.',
    'No mail server password is stored on this PC. Please enter it here under Management → Reports by e-mail, or let a PC that has it send the report.',
  );
