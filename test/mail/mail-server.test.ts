import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/api/contract';
import { sendOutgoingMail } from '../../core/mail/send-mail';
import { databaseDump } from '../support/database-dump';
import { freePort } from '../support/free-port';
import { refusal } from '../support/refusal';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The mail server settings and sending, against a real SMTP server (aiosmtpd, test/support/smtp-server.ts)
 * with STARTTLS, implicit TLS and AUTH: what arrives, what each failure is called, the self-signed
 * certificate refused until trusted and then accepted exactly, and the password kept out of every answer.
 */

const USER = 'berichte@leibnitz.at';
const PASSWORD = 'Sehr-Geheim-4711';
const FROM = 'berichte@leibnitz.at';
const TO = 'sozialamt@leibnitz.at';
/** Long enough for a Python start and TLS handshakes on a loaded 2-core machine. */
const SLOW = 90_000;

type ServerInput = MethodInput<'saveMailServer'>;
const serverInput = (smtp: SmtpServer, overrides: Partial<ServerInput> = {}): ServerInput => ({
  host: smtp.host,
  port: smtp.port,
  security: 'starttls',
  user: USER,
  password: PASSWORD,
  from: FROM,
  ...overrides,
});

/** The password file beside the SQLite file, or in the temp data folder on PostgreSQL (test/support/temp-core.ts). */
const passwordFile = (core: TempCore) => `${core.dir}/mail-password`;
const passwordBytes = (core: TempCore) => {
  try {
    return readFileSync(passwordFile(core));
  } catch {
    return null;
  }
};

describe('mail server over STARTTLS with a self-signed certificate and a login', () => {
  let core: TempCore;
  let smtp: SmtpServer;

  beforeAll(async () => {
    core = await openTempCore();
    smtp = await startSmtpServer({ tls: 'starttls', auth: { user: USER, password: PASSWORD } });
  }, SLOW);
  afterAll(async () => {
    await smtp?.stop();
    await core?.dispose();
  });

  it(
    'refuses the untrusted certificate with its fingerprint, then, once trusted, the test mail arrives',
    async () => {
      expect(await core.client.getMailServer({})).toBeNull();
      expect(await core.client.sendTestMail({ to: TO })).toMatchObject({ ok: false, kind: 'notConfigured' });

      const saved = await core.client.saveMailServer(serverInput(smtp));
      expect(saved).toEqual({
        host: '127.0.0.1',
        port: smtp.port,
        security: 'starttls',
        user: USER,
        from: FROM,
        plainConfirmed: false,
        trustedCertificate: null,
        passwordSet: true,
        passwordStore: 'file',
      });

      const refused = await core.client.sendTestMail({ to: TO });
      expect(refused).toMatchObject({ ok: false, kind: 'certificateUntrusted', certificate: { fingerprint: smtp.fingerprint } });
      expect(refused.certificate!.subject).toContain('127.0.0.1');
      expect(Date.parse(refused.certificate!.validTo)).toBeGreaterThan(Date.now());
      expect(refused.message.de).toMatch(/Zertifikat/);
      expect(JSON.stringify(refused)).not.toMatch(/\bat \w+ \(|node:|Error initiating/);
      expect(smtp.rawMessages()).toHaveLength(0);

      const trusted = await core.client.saveMailServer({ ...serverInput(smtp), password: undefined, trustedCertificate: refused.certificate!.fingerprint });
      expect(trusted).toMatchObject({ trustedCertificate: smtp.fingerprint, passwordSet: true });

      const sent = await core.client.sendTestMail({ to: TO });
      expect(sent).toMatchObject({ ok: true, kind: 'sent' });
      expect(sent.server).toMatch(/^250 /);
      const [received] = await smtp.received();
      expect(received!.mailFrom).toBe(FROM);
      expect(received!.rcptTos).toEqual([TO]);
      expect(received!.parsed.subject).toMatch(/Testnachricht/);
      expect(received!.parsed.from?.value[0]?.address).toBe(FROM);
      expect(received!.parsed.text).toMatch(/Mailserver-Einstellungen/);
    },
    SLOW,
  );

  it(
    'a wrong password: refused in plain words with the server reply line, and nothing arrives',
    async () => {
      const before = smtp.rawMessages().length;
      const outcome = await core.client.sendTestMail({ to: TO, server: { ...serverInput(smtp), password: 'falsch', trustedCertificate: smtp.fingerprint } });
      expect(outcome).toMatchObject({ ok: false, kind: 'wrongPassword' });
      expect(outcome.server).toMatch(/^535 /);
      expect(outcome.message.en).toMatch(/user name or password is wrong/);
      expect(smtp.rawMessages()).toHaveLength(before);
      // The unsaved settings changed nothing: the stored password still works.
      expect(await core.client.sendTestMail({ to: TO })).toMatchObject({ ok: true });
    },
    SLOW,
  );

  it(
    'a trusted certificate is accepted exactly: the server presenting another one is refused with the new fingerprint',
    async () => {
      const old = smtp.fingerprint;
      await smtp.down();
      await smtp.up({ newCertificate: true });
      expect(smtp.fingerprint).not.toBe(old);
      const before = smtp.rawMessages().length;
      const outcome = await core.client.sendTestMail({ to: TO });
      expect(outcome).toMatchObject({ ok: false, kind: 'certificateUntrusted', certificate: { fingerprint: smtp.fingerprint } });
      expect(smtp.rawMessages()).toHaveLength(before);

      // Trusting a fingerprint this server never presented is refused, naming the field, and changes nothing.
      const dump = await databaseDump(core);
      const never = Array.from({ length: 32 }, () => 'AB').join(':');
      const wrong = await refusal(core.client.saveMailServer({ ...serverInput(smtp), password: undefined, trustedCertificate: never }));
      expect(wrong.body).toMatchObject({ code: 'invalid_input', field: 'trustedCertificate' });
      expect(wrong.body.message).toContain(smtp.fingerprint);
      expect(await databaseDump(core)).toEqual(dump);

      await core.client.saveMailServer({ ...serverInput(smtp), password: undefined, trustedCertificate: smtp.fingerprint });
      expect(await core.client.sendTestMail({ to: TO })).toMatchObject({ ok: true, kind: 'sent' });
    },
    SLOW,
  );

  it(
    'the report mail goes out with its Message-ID, HTML, text and attachments, from the saved sender',
    async () => {
      const before = smtp.rawMessages().length;
      const messageId = '<kontaktdesk-1-2026-02-01-2026-02-28-abc@leibnitz.at>';
      const outcome = await sendOutgoingMail(core.context, {
        to: [TO, 'gemeinderat@leibnitz.at'],
        messageId,
        subject: 'Bericht Februar 2026',
        html: '<!doctype html><p>Kontakte: <b>42</b></p>',
        text: 'Kontakte: 42',
        attachments: [{ filename: 'bericht.csv', contentType: 'text/csv', content: Buffer.from('\uFEFFThema;Kontakte\r\nArbeit;42\r\n') }],
      });
      expect(outcome).toMatchObject({ ok: true, kind: 'sent' });
      const received = (await smtp.received())[before]!;
      expect(received.rcptTos).toEqual([TO, 'gemeinderat@leibnitz.at']);
      expect(received.parsed.messageId).toBe(messageId);
      expect(received.parsed.html).toContain('<b>42</b>');
      expect(received.parsed.text).toContain('Kontakte: 42');
      expect(received.parsed.attachments.map((a) => [a.filename, a.content.toString('utf8')])).toEqual([
        ['bericht.csv', '\uFEFFThema;Kontakte\r\nArbeit;42\r\n'],
      ]);
    },
    SLOW,
  );

  it(
    'the password is in no answer, no audit entry, no table and no log line',
    async () => {
      const logged: string[] = [];
      const originals = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
      const capture =
        (original: typeof process.stdout.write) =>
        (chunk: unknown, ...rest: unknown[]) => {
          logged.push(String(chunk));
          return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
        };
      process.stdout.write = capture(originals.stdout) as typeof process.stdout.write;
      process.stderr.write = capture(originals.stderr) as typeof process.stderr.write;
      const answers: unknown[] = [];
      try {
        answers.push(await core.client.saveMailServer({ ...serverInput(smtp), password: 'Zweites-Geheimnis-99', trustedCertificate: smtp.fingerprint }));
        answers.push(await core.client.sendTestMail({ to: TO }));
        answers.push(await core.client.saveMailServer({ ...serverInput(smtp), trustedCertificate: smtp.fingerprint }));
        answers.push(await core.client.sendTestMail({ to: TO, server: { ...serverInput(smtp), password: 'Drittes-Geheimnis-12' } }));
        answers.push(await core.client.getMailServer({}));
        answers.push(await core.client.listAudit({}));
      } finally {
        process.stdout.write = originals.stdout;
        process.stderr.write = originals.stderr;
      }
      const secrets = [PASSWORD, 'Zweites-Geheimnis-99', 'Drittes-Geheimnis-12'];
      const dump = JSON.stringify(await databaseDump(core));
      const base64 = (s: string) => Buffer.from(s).toString('base64');
      for (const secret of secrets) {
        for (const form of [secret, base64(secret), base64(`\0${USER}\0${secret}`)]) {
          expect(JSON.stringify(answers)).not.toContain(form);
          expect(logged.join('')).not.toContain(form);
          expect(dump).not.toContain(form);
        }
      }
      // The audit says when the password was set or changed, never its value.
      const entries = await queryRows(core.database.db, "select action, old_value, new_value from audit_log where field = 'mailPassword' order by id");
      expect(entries.map((e) => e.action)).toEqual(['create', 'amend', 'amend']);
      expect(entries.every((e) => e.old_value === null && e.new_value === null)).toBe(true);
      // It is in the password file, readable by this user only.
      expect(passwordBytes(core)?.toString('utf8')).toBe(PASSWORD);
    },
    SLOW,
  );
});

describe('mail server over implicit TLS, unreachable, refused addresses, no encryption', () => {
  let core: TempCore;
  const servers: SmtpServer[] = [];
  const start = async (...args: Parameters<typeof startSmtpServer>) => {
    const smtp = await startSmtpServer(...args);
    servers.push(smtp);
    return smtp;
  };

  beforeAll(async () => {
    core = await openTempCore();
  });
  afterEach(async () => {
    for (const smtp of servers.splice(0)) await smtp.stop();
  });
  afterAll(async () => core?.dispose());

  it(
    'implicit TLS: the self-signed certificate is fetched at save when the fingerprint was not seen yet, then mail arrives',
    async () => {
      const smtp = await start({ tls: 'tls', auth: { user: USER, password: PASSWORD } });
      const input = serverInput(smtp, { security: 'tls' });
      // The fingerprint IT read out on the phone, before any test message: fetched from the server and compared.
      expect(await core.client.saveMailServer({ ...input, trustedCertificate: smtp.fingerprint })).toMatchObject({ trustedCertificate: smtp.fingerprint });
      expect(await core.client.sendTestMail({ to: TO })).toMatchObject({ ok: true, kind: 'sent' });
      expect(await smtp.waitForMessages(1)).toHaveLength(1);
      // Without the trust, the same server is refused with its fingerprint.
      expect(await core.client.sendTestMail({ to: TO, server: input })).toMatchObject({
        kind: 'certificateUntrusted',
        certificate: { fingerprint: smtp.fingerprint },
      });
      expect(smtp.rawMessages()).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'a server that is down is unreachable, in plain words; back up, the mail goes',
    async () => {
      const smtp = await start({ tls: 'none' });
      await core.client.saveMailServer({ ...serverInput(smtp, { security: 'none', user: '', password: null }), plainConfirmed: true });
      await smtp.down();
      const outcome = await core.client.sendTestMail({ to: TO });
      expect(outcome).toMatchObject({ ok: false, kind: 'unreachable' });
      expect(outcome.message.de).toMatch(/nicht erreichbar/);
      expect(outcome.server).toBeUndefined();
      await smtp.up();
      expect(await core.client.sendTestMail({ to: TO })).toMatchObject({ ok: true });
      // A port nobody listens on, given unsaved: the same words.
      const nobody = { ...serverInput(smtp, { security: 'none', user: '', password: null, port: await freePort() }), plainConfirmed: true };
      expect(await core.client.sendTestMail({ to: TO, server: nobody })).toMatchObject({ kind: 'unreachable' });
    },
    SLOW,
  );

  it(
    'a refused sender and refused recipients are said with the server reply; a partly refused mail still reaches the rest',
    async () => {
      const smtp = await start({ tls: 'none', rejectRecipients: ['niemand@leibnitz.at'], rejectSenders: ['verboten@leibnitz.at'] });
      const plain = { ...serverInput(smtp, { security: 'none', user: '', password: null }), plainConfirmed: true };
      const recipient = await core.client.sendTestMail({ to: 'niemand@leibnitz.at', server: plain });
      expect(recipient).toMatchObject({ ok: false, kind: 'refusedRecipient' });
      expect(recipient.server).toMatch(/^550 5\.1\.1/);
      const sender = await core.client.sendTestMail({ to: TO, server: { ...plain, from: 'verboten@leibnitz.at' } });
      expect(sender).toMatchObject({ ok: false, kind: 'refusedSender' });
      expect(sender.server).toMatch(/^553 /);
      expect(smtp.rawMessages()).toHaveLength(0);

      await core.client.saveMailServer(plain);
      const partly = await sendOutgoingMail(core.context, {
        to: [TO, 'niemand@leibnitz.at'],
        messageId: '<kontaktdesk-test@leibnitz.at>',
        subject: 'Bericht',
        html: '<p>x</p>',
        text: 'x',
        attachments: [],
      });
      expect(partly).toMatchObject({ ok: true, kind: 'sent' });
      expect(partly.message.de).toContain('niemand@leibnitz.at');
      expect((await smtp.received()).map((m) => m.rcptTos)).toEqual([[TO]]);
    },
    SLOW,
  );

  it('no encryption to a server on the internet is refused naming the field, and nothing changes: settings, audit, password', async () => {
    await core.client.saveMailServer({ host: 'mail.leibnitz.at', port: 587, security: 'starttls', user: USER, password: PASSWORD, from: FROM });
    const dump = await databaseDump(core);
    const password = passwordBytes(core);
    for (const host of ['mail.leibnitz.at', '8.8.8.8', '172.32.0.1', '[2001:db8::1]', 'mail.local.example.org']) {
      const refused = await refusal(
        core.client.saveMailServer({ host, port: 25, security: 'none', user: USER, password: 'Anderes-Passwort', from: FROM, plainConfirmed: true }),
      );
      expect(refused.body).toMatchObject({ code: 'invalid_input', field: 'security' });
    }
    const unconfirmed = await refusal(
      core.client.saveMailServer({ host: '192.168.1.20', port: 25, security: 'none', user: USER, password: 'Anderes', from: FROM }),
    );
    expect(unconfirmed.body).toMatchObject({ code: 'invalid_input', field: 'plainConfirmed' });
    expect(await databaseDump(core)).toEqual(dump);
    expect(passwordBytes(core)).toEqual(password);
    // On the local network and confirmed, it is saved.
    for (const host of ['192.168.1.20', '10.1.2.3', '172.16.5.5', 'localhost', 'mailserver.lan', 'post.home.arpa', 'nas.local', '[fd00::25]', '[fe80::1]']) {
      expect(await core.client.saveMailServer({ host, port: 25, security: 'none', user: '', from: FROM, plainConfirmed: true })).toMatchObject({
        host,
        security: 'none',
        plainConfirmed: true,
      });
    }
  });

  it('removing the password (null) deletes the file; leaving it out keeps it', async () => {
    await core.client.saveMailServer({ host: 'mail.leibnitz.at', port: 587, security: 'starttls', user: USER, password: PASSWORD, from: FROM });
    expect(await core.client.saveMailServer({ host: 'mail.leibnitz.at', port: 465, security: 'tls', user: USER, from: FROM })).toMatchObject({
      passwordSet: true,
      port: 465,
    });
    expect(passwordBytes(core)?.toString()).toBe(PASSWORD);
    expect(await core.client.saveMailServer({ host: 'mail.leibnitz.at', port: 465, security: 'tls', user: USER, from: FROM, password: null })).toMatchObject({
      passwordSet: false,
    });
    expect(passwordBytes(core)).toBeNull();
  });
});
