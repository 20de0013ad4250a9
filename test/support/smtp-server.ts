import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type ParsedMail, simpleParser } from 'mailparser';
import { projectRoot } from '../../scripts/paths';
import { AIOSMTPD, installCommand, OPENSSL, systemPython } from '../../scripts/system-packages';

/**
 * A real SMTP server for the e-mail tests: Debian's aiosmtpd (test/support/smtp_server.py) on
 * 127.0.0.1, plain, STARTTLS or implicit TLS, with or without AUTH (LOGIN/PLAIN), keeping every
 * message it accepted. Started per test file (or per test); `stop()` in afterAll/afterEach.
 *
 *   const smtp = await startSmtpServer({ tls: 'starttls', auth: { user: 'desk', password: 'secret' } });
 *   … send to smtp.host:smtp.port, trusting smtp.certificatePem (or refusing it) …
 *   const [mail] = await smtp.messages();
 */
export interface SmtpServerOptions {
  /** 'none' (default): plain SMTP. 'starttls': plain, upgraded by STARTTLS (required when auth is on). 'tls': TLS from the first byte. */
  tls?: 'none' | 'starttls' | 'tls';
  /** AUTH LOGIN/PLAIN required with exactly these; without it the server takes mail from anyone. With STARTTLS, AUTH only after STARTTLS. */
  auth?: { user: string; password: string };
  /** The certificate for TLS: a fresh self-signed one for 127.0.0.1 and localhost (the only kind; the default when tls is not 'none'). */
  certificate?: 'selfSigned';
  /** A fixed port (for a server that must come back where it was); default: a free one the system picks. */
  port?: number;
  /** RCPT TO these addresses is answered "550 5.1.1 … user unknown". */
  rejectRecipients?: string[];
  /** MAIL FROM these addresses is answered "553 5.7.1 … not allowed". */
  rejectSenders?: string[];
}

export interface ReceivedMail {
  raw: Buffer;
  parsed: ParsedMail;
  /** The envelope: MAIL FROM and every accepted RCPT TO (Bcc recipients show only here). */
  mailFrom: string;
  rcptTos: string[];
}

export interface SmtpServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly tls: 'none' | 'starttls' | 'tls';
  /** The certificate the server presents (PEM), '' without TLS. Trust it with nodemailer's `tls: { ca: certificatePem }`. */
  readonly certificatePem: string;
  /** Its SHA-256 fingerprint as Node writes it (`X509Certificate.fingerprint256`, "AB:CD:…"), '' without TLS. */
  readonly fingerprint: string;
  /** Every message the server accepted, in arrival order (also across down()/up()). */
  messages(): Promise<ParsedMail[]>;
  rawMessages(): Buffer[];
  received(): Promise<ReceivedMail[]>;
  /** Waits (polling the mail folder) until at least `count` messages have arrived; throws after `timeoutMs` (default 30 s). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Stops the server process; connections are refused until up(). Messages are kept. */
  down(): Promise<void>;
  /** Starts it again on the same port; `newCertificate` makes it present a different self-signed certificate from now on. */
  up(options?: { newCertificate?: boolean }): Promise<void>;
  /** Stops it for good and removes its temp folder. */
  stop(): Promise<void>;
}

const SERVER_SCRIPT = join(projectRoot, 'test', 'support', 'smtp_server.py');
/** Generous: on a loaded 2-core machine Python's start can take seconds; it only ever matters when something is broken. */
const START_TIMEOUT_MS = 30_000;

/** A missing package fails the test (locally and under CI=true alike) with the command that installs it; `npm test` installs them itself. */
function requirePackages(tls: boolean) {
  const missing = [AIOSMTPD, ...(tls ? [OPENSSL] : [])].filter((p) => !p.present());
  if (missing.length === 0) return;
  throw new Error(
    `The e-mail tests need a real SMTP server (Debian's python3-aiosmtpd under ${systemPython()}${tls ? ', and openssl for its certificate' : ''}); missing: ${missing.map((p) => p.pkg).join(', ')}. Run:\n  ${installCommand(missing.map((p) => p.pkg))}`,
  );
}

function makeSelfSignedCertificate(folder: string): { certFile: string; keyFile: string; pem: string } {
  const certFile = join(folder, `cert-${Date.now()}-${Math.random().toString(36).slice(2)}.pem`);
  const keyFile = certFile.replace(/\.pem$/, '.key');
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-days',
      '2',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`openssl could not make the test certificate: ${result.stderr || result.error}`);
  return { certFile, keyFile, pem: readFileSync(certFile, 'utf8') };
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpServer> {
  const tls = options.tls ?? 'none';
  requirePackages(tls !== 'none');
  const folder = mkdtempSync(join(tmpdir(), 'kontaktdesk-smtp-'));
  const maildir = join(folder, 'mail');
  mkdirSync(maildir);
  let certificate = tls === 'none' ? null : makeSelfSignedCertificate(folder);
  let port = options.port ?? 0;
  let child: ChildProcess | null = null;

  const args = () => [
    SERVER_SCRIPT,
    '--port',
    String(port),
    '--maildir',
    maildir,
    '--tls',
    tls,
    ...(certificate ? ['--cert', certificate.certFile, '--key', certificate.keyFile] : []),
    ...(options.auth ? ['--user', options.auth.user, '--password', options.auth.password] : []),
    ...(options.rejectRecipients ?? []).flatMap((a) => ['--reject-recipient', a]),
    ...(options.rejectSenders ?? []).flatMap((a) => ['--reject-sender', a]),
  ];

  async function launch() {
    const proc = spawn(systemPython(), args(), { stdio: ['pipe', 'pipe', 'pipe'] });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout! });
      const timer = setTimeout(() => fail(`did not report LISTENING within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      const onExit = (code: number | null, signal: string | null) => fail(`exited before listening (code ${code}, signal ${signal})`);
      const onError = (error: Error) => fail(`could not start (${error.message})`);
      function settle() {
        clearTimeout(timer);
        proc.off('exit', onExit);
        proc.off('error', onError);
        lines.close();
        proc.stdout?.resume(); // nothing more is expected there; keep the pipe drained anyway
      }
      function fail(why: string) {
        settle();
        proc.kill('SIGKILL');
        reject(new Error(`The test SMTP server ${why}.\n${stderr}`));
      }
      lines.once('line', (line) => {
        const match = /^LISTENING (\d+)$/.exec(line);
        if (!match) return fail(`said "${line}" instead of LISTENING <port>`);
        settle();
        resolve(Number(match[1]));
      });
      proc.once('exit', onExit);
      proc.once('error', onError);
    });
  }

  async function halt() {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  }

  const emlFiles = () =>
    readdirSync(maildir)
      .filter((name) => /^\d+\.eml$/.test(name))
      .sort();
  const rawMessages = () => emlFiles().map((name) => readFileSync(join(maildir, name)));
  const messages = () => Promise.all(rawMessages().map((raw) => simpleParser(raw)));

  try {
    await launch();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    tls,
    get port() {
      return port;
    },
    get certificatePem() {
      return certificate?.pem ?? '';
    },
    get fingerprint() {
      return certificate ? new X509Certificate(certificate.pem).fingerprint256 : '';
    },
    messages,
    rawMessages,
    received: () =>
      Promise.all(
        emlFiles().map(async (name) => {
          const raw = readFileSync(join(maildir, name));
          const envelope = JSON.parse(readFileSync(join(maildir, name.replace(/\.eml$/, '.json')), 'utf8')) as { mailFrom: string; rcptTos: string[] };
          return { raw, parsed: await simpleParser(raw), ...envelope };
        }),
      ),
    async waitForMessages(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (emlFiles().length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} messages at the test SMTP server, got ${emlFiles().length} within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return messages();
    },
    down: halt,
    async up(upOptions = {}) {
      if (child) throw new Error('The test SMTP server is already up');
      if (upOptions.newCertificate) {
        if (!certificate) throw new Error('newCertificate needs a TLS server');
        certificate = makeSelfSignedCertificate(folder);
      }
      await launch();
    },
    async stop() {
      await halt();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
