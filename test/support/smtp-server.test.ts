import { connect } from 'node:tls';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { installCommand } from '../../scripts/system-packages';
import { type SmtpServer, type SmtpServerOptions, startSmtpServer } from './smtp-server';

/**
 * The harness the e-mail tests stand on: a real aiosmtpd that takes mail in each of its modes, refuses
 * what a real server refuses (wrong password, an untrusted certificate, unknown recipients), comes back
 * on the same port, and hands back exactly what arrived.
 */

const servers: SmtpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function start(options: SmtpServerOptions) {
  const server = await startSmtpServer(options);
  servers.push(server);
  return server;
}

const AUTH = { user: 'desk@stadt.example', password: 'Geheim-123' };

/** A nodemailer transport as the app would build one for this server; `ca` trusts the server's certificate. */
function transport(server: SmtpServer, options: { password?: string; ca?: string; auth?: boolean } = {}) {
  return nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.tls === 'tls',
    requireTLS: server.tls === 'starttls',
    ignoreTLS: server.tls === 'none',
    auth: options.auth === false ? undefined : { user: AUTH.user, pass: options.password ?? AUTH.password },
    tls: options.ca ? { ca: options.ca } : {},
  });
}
const startIn = (tls: 'none' | 'starttls' | 'tls', auth = true) => start({ tls, auth: auth ? AUTH : undefined });

const mail = (subject: string) => ({
  from: 'Beratungsstelle <desk@stadt.example>',
  to: 'leitung@stadt.example',
  bcc: 'archiv@stadt.example',
  subject,
  text: 'Grüße aus der Beratungsstelle – Monatsbericht',
});

/** The certificate a client is shown when it opens TLS to the server (for implicit TLS). */
function presentedFingerprint(server: SmtpServer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('the test SMTP server (aiosmtpd)', () => {
  it('takes plain mail without AUTH and hands it back parsed, raw and with its envelope', async () => {
    const server = await startIn('none', false);
    expect(server.certificatePem).toBe('');
    const sent = await transport(server, { auth: false }).sendMail(mail('Bericht Jänner'));
    await transport(server, { auth: false }).sendMail(mail('Bericht Februar'));

    const messages = await server.messages();
    expect(messages.map((m) => m.subject)).toEqual(['Bericht Jänner', 'Bericht Februar']);
    expect(messages[0]!.text?.trim()).toBe('Grüße aus der Beratungsstelle – Monatsbericht');
    expect(messages[0]!.from?.value[0]?.address).toBe('desk@stadt.example');
    expect(server.rawMessages()[0]!.toString()).toContain(`Message-ID: ${sent.messageId}`);
    expect(messages[0]!.messageId).toBe(sent.messageId);
    const [first] = await server.received();
    expect(first!.mailFrom).toBe('desk@stadt.example');
    expect(first!.rcptTos).toEqual(['leitung@stadt.example', 'archiv@stadt.example']);
  });

  it('STARTTLS with AUTH: takes mail from a client that trusts its certificate, refuses a wrong password and an untrusting client', async () => {
    const server = await startIn('starttls');
    expect(server.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    await transport(server, { ca: server.certificatePem }).sendMail(mail('Über STARTTLS'));
    await expect(transport(server, { ca: server.certificatePem, password: 'falsch' }).sendMail(mail('x'))).rejects.toMatchObject({
      code: 'EAUTH',
      responseCode: 535,
    });
    await expect(transport(server).sendMail(mail('x'))).rejects.toMatchObject({ code: 'ESOCKET', message: expect.stringMatching(/self-signed/) });
    // AUTH is only offered after STARTTLS, and nothing is taken before it: a client that stays plain is turned away.
    const plain = nodemailer.createTransport({ host: server.host, port: server.port, ignoreTLS: true, auth: { user: AUTH.user, pass: AUTH.password } });
    await expect(plain.sendMail(mail('x'))).rejects.toMatchObject({ responseCode: 530, response: expect.stringMatching(/STARTTLS/) });

    expect((await server.messages()).map((m) => m.subject)).toEqual(['Über STARTTLS']);
  });

  it('implicit TLS with AUTH: presents the certificate it reports, takes mail when trusted, refuses it otherwise', async () => {
    const server = await startIn('tls');
    expect(await presentedFingerprint(server)).toBe(server.fingerprint);

    await transport(server, { ca: server.certificatePem }).sendMail(mail('Über TLS'));
    await expect(transport(server, { ca: server.certificatePem, password: 'falsch' }).sendMail(mail('x'))).rejects.toMatchObject({ code: 'EAUTH' });
    await expect(transport(server).sendMail(mail('x'))).rejects.toMatchObject({ code: 'ESOCKET', message: expect.stringMatching(/self-signed/) });

    expect((await server.messages()).map((m) => m.subject)).toEqual(['Über TLS']);
  });

  it('goes down and comes back up on the same port, keeping what arrived; a new certificate is no longer trusted by the old one', async () => {
    const server = await startIn('tls');
    const { port, fingerprint, certificatePem } = server;
    await transport(server, { ca: certificatePem }).sendMail(mail('vorher'));

    await server.down();
    await expect(transport(server, { ca: certificatePem }).sendMail(mail('x'))).rejects.toMatchObject({
      code: 'ESOCKET',
      message: expect.stringMatching(/ECONNREFUSED/),
    });

    await server.up();
    expect(server.port).toBe(port);
    expect(server.fingerprint).toBe(fingerprint);
    await transport(server, { ca: certificatePem }).sendMail(mail('nachher'));

    await server.down();
    await server.up({ newCertificate: true });
    expect(server.port).toBe(port);
    expect(server.fingerprint).not.toBe(fingerprint);
    expect(await presentedFingerprint(server)).toBe(server.fingerprint);
    await expect(transport(server, { ca: certificatePem }).sendMail(mail('x'))).rejects.toMatchObject({ code: 'ESOCKET' });

    expect((await server.messages()).map((m) => m.subject)).toEqual(['vorher', 'nachher']);
  });

  it('answers refused senders and recipients the way a real server does, and stores nothing for them', async () => {
    const server = await start({ rejectRecipients: ['niemand@stadt.example'], rejectSenders: ['gesperrt@stadt.example'] });
    await expect(transport(server, { auth: false }).sendMail({ ...mail('x'), to: 'niemand@stadt.example', bcc: undefined })).rejects.toMatchObject({
      code: 'EENVELOPE',
      responseCode: 550,
    });
    await expect(transport(server, { auth: false }).sendMail({ ...mail('x'), from: 'gesperrt@stadt.example' })).rejects.toMatchObject({
      code: 'EENVELOPE',
      responseCode: 553,
    });
    expect(server.rawMessages()).toEqual([]);
  });

  it('fails (never skips) with the exact install command when aiosmtpd is missing', async () => {
    const previous = process.env.KONTAKTDESK_SYSTEM_PYTHON;
    process.env.KONTAKTDESK_SYSTEM_PYTHON = '/nonexistent/python3';
    try {
      await expect(startSmtpServer({})).rejects.toThrow(installCommand(['python3-aiosmtpd']));
    } finally {
      if (previous === undefined) delete process.env.KONTAKTDESK_SYSTEM_PYTHON;
      else process.env.KONTAKTDESK_SYSTEM_PYTHON = previous;
    }
  });
});
