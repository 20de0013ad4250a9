import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeReportMail } from '../../core/mail/compose-mail';
import { listMailDeliveries } from '../../core/mail/delivery-log';
import { NO_PASSWORD_GRACE_MS, runDueSchedules } from '../../core/mail/run-due';
import { fileSecretStore, mailPasswordFile } from '../../core/mail/secret-store';
import { sendOutgoingMail } from '../../core/mail/send-mail';
import { openCore } from '../../core/open-core';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';
import { clientsOf, openTempCore, type TempCore } from '../support/temp-core';

/**
 * The mail password is kept per PC (core/mail/secret-store.ts), so on a database several PCs share
 * one PC may have it and another not. The one without must not send without it, nor fail the month's
 * report in the log while the one with it is on its way; after a grace it says in the log what is
 * missing where, and leaves the retries to a PC that can send. Against a real SMTP server with a login.
 */

const USER = 'kontaktdesk';
const PASSWORD = 'Geheim-Leibnitz-2026';
const MINUTE = 60_000;
/** Long enough for a Python start on a loaded 2-core machine. */
const SLOW = 90_000;

type Pc = Awaited<ReturnType<typeof openCore>> & Awaited<ReturnType<typeof clientsOf>> & { dir: string };

describe('two PCs on one database, the mail password kept on only one of them', () => {
  let smtp: SmtpServer;
  let core: TempCore;
  let other: Pc | undefined;

  beforeAll(async () => {
    smtp = await startSmtpServer({ auth: { user: USER, password: PASSWORD } });
  }, SLOW);
  afterAll(async () => smtp?.stop());
  afterEach(async () => {
    await other?.close();
    if (other) rmSync(other.dir, { recursive: true, force: true });
    other = undefined;
    await core?.dispose();
  });

  /** This PC (the temp core) saves the server with its password; the other PC on the same database keeps its own, empty, password store. */
  const openBoth = async ({ due = true } = {}) => {
    core = await openTempCore();
    await core.client.saveMailServer({
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      plainConfirmed: true,
      user: USER,
      password: PASSWORD,
      from: 'berichte@leibnitz.at',
    });
    await core.client.saveMailSchedule({ name: 'Monatsbericht', recipients: ['gemeinderat@leibnitz.at'], rule: 'lastMonth' });
    const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-other-pc-'));
    const opened = await openCore({ ...core.location, now: () => core.clock.now, secretStore: fileSecretStore(mailPasswordFile(dir, false)) });
    other = { ...opened, ...(await clientsOf(opened)), dir };
    // 1 April, 06:00 in Vienna: March is due (the management sessions of 10 March have timed out by then).
    if (due) core.clock.now = Date.parse('2026-04-01T04:00:00Z');
    return other;
  };
  const received = async () => (await smtp.messages()).length;

  it('the PC without the password leaves the due report to the one with it: one mail, no failure in the log', async () => {
    const pc = await openBoth();
    const before = await received();
    const firstSeen = new Map<string, number>();
    // The other PC starts first: it sends nothing and records nothing.
    expect((await runDueSchedules(pc.context, composeReportMail, sendOutgoingMail, { firstSeen })).deliveries).toEqual([]);
    core.clock.advance(30 * MINUTE);
    expect((await runDueSchedules(pc.context, composeReportMail, sendOutgoingMail, { firstSeen })).deliveries).toEqual([]);
    expect(await listMailDeliveries(core.context, { limit: 100 })).toEqual([]);
    // This PC, with the password, sends it.
    const [sent] = (await runDueSchedules(core.context, composeReportMail, sendOutgoingMail)).deliveries;
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, period: { from: '2026-03-01', to: '2026-03-31' } });
    expect(await received()).toBe(before + 1);
    // Past the grace the other PC still has nothing to do.
    core.clock.advance(NO_PASSWORD_GRACE_MS);
    expect((await runDueSchedules(pc.context, composeReportMail, sendOutgoingMail, { firstSeen })).deliveries).toEqual([]);
    expect(await received()).toBe(before + 1);
  });

  it('no PC with the password comes: after the grace the log says where it is missing; that PC never retries, the other one sends', async () => {
    const pc = await openBoth();
    const before = await received();
    const firstSeen = new Map<string, number>();
    expect((await runDueSchedules(pc.context, composeReportMail, sendOutgoingMail, { firstSeen })).deliveries).toEqual([]);
    core.clock.advance(NO_PASSWORD_GRACE_MS);
    const [failed] = (await runDueSchedules(pc.context, composeReportMail, sendOutgoingMail, { firstSeen })).deliveries;
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, outcome: { ok: false, kind: 'noPassword' } });
    expect(failed!.outcome!.message.de).toBe(
      'Auf diesem PC ist kein Passwort für den Mailserver gespeichert. Bitte hier unter Verwaltung → Berichtsversand eingeben, oder den Bericht von einem PC mit Passwort senden lassen.',
    );
    // It did not try the server without a password.
    expect(await received()).toBe(before);
    // Its back-off passed: it still does not try again (it would fail the same way).
    core.clock.advance(6 * 60 * MINUTE);
    expect((await runDueSchedules(pc.context, composeReportMail, sendOutgoingMail, { firstSeen })).deliveries).toEqual([]);
    // The PC with the password sends the retry, recognisably the same message.
    const [sent] = (await runDueSchedules(core.context, composeReportMail, sendOutgoingMail)).deliveries;
    expect(sent).toMatchObject({ id: failed!.id, state: 'sent', attempts: 2, messageId: failed!.messageId });
    expect(await received()).toBe(before + 1);
  });

  it('a test message from the PC without the password says so, without asking the server', async () => {
    const pc = await openBoth({ due: false });
    const before = await received();
    const outcome = await pc.client.sendTestMail({ to: 'it@leibnitz.at' });
    expect(outcome).toMatchObject({ ok: false, kind: 'noPassword' });
    expect(await received()).toBe(before);
    // The same from this PC goes through.
    expect(await core.client.sendTestMail({ to: 'it@leibnitz.at' })).toMatchObject({ ok: true, kind: 'sent' });
    expect(await received()).toBe(before + 1);
  });
});
