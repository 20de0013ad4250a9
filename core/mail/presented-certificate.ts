import { X509Certificate } from 'node:crypto';
import { connect as connectPlain, isIP, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { bareHost } from './local-network';

/** The certificate a mail server presents, as "Zertifikat vertrauen" shows it and a pinned connection needs it. */
export interface PresentedCertificate {
  /** SHA-256 as Node writes it: "AB:CD:…". */
  fingerprint: string;
  subject: string;
  /** ISO instant. */
  validTo: string;
  pem: string;
}

/** Long enough for a slow town server, short enough that the test button answers. */
const FETCH_TIMEOUT_MS = 15_000;

export function describeCertificate(pem: string | Buffer): PresentedCertificate {
  const cert = new X509Certificate(pem);
  return {
    fingerprint: cert.fingerprint256,
    subject: cert.subject.split('\n').join(', '),
    validTo: new Date(cert.validTo).toISOString(),
    pem: cert.toString(),
  };
}

/** SNI takes a name, never an address. */
export const serverNameOf = (host: string): string | undefined => (isIP(bareHost(host)) === 0 ? bareHost(host) : undefined);

/** Reads SMTP replies line by line; resolves with the last line of the next complete reply ("250 OK" after "250-…"). */
function replyReader(socket: Socket) {
  let buffered = '';
  let waiting: ((line: string) => void) | null = null;
  const lines: string[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end).replace(/\r$/, '');
      buffered = buffered.slice(end + 1);
      // A reply's last line has a space after the code; continuation lines a hyphen.
      if (!/^\d{3}-/.test(line)) lines.push(line);
    }
    if (waiting && lines.length > 0) {
      const resolve = waiting;
      waiting = null;
      resolve(lines.shift()!);
    }
  });
  return (): Promise<string> =>
    new Promise((resolve) => {
      if (lines.length > 0) resolve(lines.shift()!);
      else waiting = resolve;
    });
}

async function expectReply(next: () => Promise<string>, code: string, what: string): Promise<void> {
  const line = await next();
  if (!line.startsWith(code)) throw new Error(`the server answered ${what} with "${line}"`);
}

/**
 * Connects once more without checking the certificate, only to read it (never to send anything):
 * TLS from the first byte, or plain SMTP up to STARTTLS. Used after a connection was refused for an
 * untrusted certificate, so the person can compare the fingerprint and trust exactly that one.
 */
export function fetchPresentedCertificate(
  host: string,
  port: number,
  security: 'starttls' | 'tls',
  timeoutMs = FETCH_TIMEOUT_MS,
): Promise<PresentedCertificate> {
  const sockets: Socket[] = [];
  let fail: (err: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // Every socket's error or early close ends the attempt (an 'error' without a listener would end the process).
  const track = <S extends Socket>(socket: S): S => {
    sockets.push(socket);
    socket.on('error', fail).on('close', () => fail(new Error('the server closed the connection')));
    return socket;
  };
  const work = async (): Promise<PresentedCertificate> => {
    let plain: Socket | undefined;
    if (security === 'starttls') {
      plain = track(connectPlain({ host: bareHost(host), port }));
      const next = replyReader(plain);
      await expectReply(next, '220', 'the connection');
      plain.write('EHLO kontaktdesk\r\n');
      await expectReply(next, '250', 'EHLO');
      plain.write('STARTTLS\r\n');
      await expectReply(next, '220', 'STARTTLS');
      plain.removeAllListeners('data');
    }
    const secured: TLSSocket = track(
      connectTls({
        ...(plain ? { socket: plain } : { host: bareHost(host), port }),
        servername: serverNameOf(host),
        // Only read, never trusted here: the caller shows the fingerprint, and a person decides.
        rejectUnauthorized: false,
      }),
    );
    await new Promise<void>((resolve) => secured.once('secureConnect', resolve));
    const raw = secured.getPeerCertificate().raw;
    if (!raw) throw new Error('the server presented no certificate');
    return describeCertificate(raw);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the server did not present its certificate in time')), timeoutMs);
  });
  return Promise.race([work(), failure, timeout]).finally(() => {
    clearTimeout(timer);
    // Only the outermost: a TLS socket ends the plain one under it, and destroying that one as well
    // while TLS still wraps its handle crashed Node 20 (a segmentation fault, not an error).
    sockets.at(-1)?.destroy();
  });
}

/** Certificates servers presented lately, by fingerprint, so trusting one needs no second connection. Public data, nothing secret. */
const recentlyPresented = new Map<string, string>();

export function rememberPresented(certificate: PresentedCertificate): void {
  recentlyPresented.delete(certificate.fingerprint);
  recentlyPresented.set(certificate.fingerprint, certificate.pem);
  if (recentlyPresented.size > 20) recentlyPresented.delete(recentlyPresented.keys().next().value!);
}

export const recentlyPresentedPem = (fingerprint: string): string | undefined => recentlyPresented.get(fingerprint);
