import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/api/contract';
import { composeReportMail } from '../../core/mail/compose-mail';
import { listMailDeliveries, SENDING_STALE_MS } from '../../core/mail/delivery-log';
import { runDueSchedules, sendMailScheduleNow, TEST_EXIT_AFTER_SEND } from '../../core/mail/run-due';
import { sendOutgoingMail } from '../../core/mail/send-mail';
import { projectRoot } from '../../scripts/paths';
import { openSecondCore } from '../support/second-core';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Report mails through a real SMTP server (Debian's aiosmtpd, test/support/smtp-server.ts) with the
 * real composer and sender: catching up after the clock moved, the server down during a send, two
 * processes sending at once (`npm run report -- --mail`), and a process killed after the server
 * accepted a mail but before `sent` was recorded. "Exactly one mail" is counted on the server.
 */

const MINUTE = 60_000;
/** The command-line tests start several Node processes (each compiling TypeScript); on a loaded 2-core machine that takes a while. */
const CHILD_PROCESS_TIMEOUT_MS = 180_000;

const schedule = (over: Partial<MethodInput<'saveMailSchedule'>> = {}): MethodInput<'saveMailSchedule'> => ({
  name: 'Monatsbericht',
  recipients: ['gemeinderat@leibnitz.at'],
  rule: 'lastMonth',
  ...over,
});

const messageIdOf = (mail: { messageId?: string }) => `<${(mail.messageId ?? '').replace(/^<|>$/g, '')}>`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `npm run report -- …` as IT's scheduler runs it: its own process, on the test core's database. */
function report(core: TempCore, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.INIT_CWD;
  delete childEnv.KONTAKTDESK_DATABASE_URL;
  if ('postgres' in core.location) childEnv.KONTAKTDESK_DATABASE_URL = core.location.postgres;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/report.ts'), ...args, '--data', core.dir], {
      cwd: projectRoot,
      env: childEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('report mails through a real SMTP server', () => {
  let smtp: SmtpServer;
  let core: TempCore;
  let seen = 0;
  /** The messages the server accepted since the last call. */
  const newMessages = async () => {
    const all = await smtp.messages();
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => smtp?.stop());
  afterEach(async () => core?.dispose());

  const openCoreWithServer = async (startAt?: number) => {
    core = await openTempCore(startAt);
    await core.client.saveMailServer({ host: smtp.host, port: smtp.port, security: 'none', plainConfirmed: true, user: '', from: 'berichte@leibnitz.at' });
    await newMessages();
  };

  it('catch-up after the clock moved past several due dates: one mail per schedule and period, none twice after a restart', async () => {
    await openCoreWithServer();
    await core.client.saveMailSchedule(schedule());
    await core.client.saveMailSchedule(schedule({ name: 'Quartal', rule: 'lastQuarter', recipients: ['land@steiermark.at'] }));
    core.clock.now = Date.parse('2026-06-15T07:00:00Z');
    const { deliveries } = await runDueSchedules(core.context, composeReportMail, sendOutgoingMail);
    expect(deliveries.map((d) => [d.scheduleName, d.period.from, d.state])).toEqual([
      ['Monatsbericht', '2026-03-01', 'sent'],
      ['Monatsbericht', '2026-04-01', 'sent'],
      ['Monatsbericht', '2026-05-01', 'sent'],
      ['Quartal', '2026-01-01', 'sent'],
    ]);
    const mails = await newMessages();
    expect(mails.map(messageIdOf)).toEqual(deliveries.map((d) => d.messageId));
    // The Message-ID the server received is the one the delivery log keeps: what a resend repeats.
    expect(mails.map((m) => m.headers.get('message-id'))).toEqual(deliveries.map((d) => d.messageId));
    expect(deliveries.every((d) => d.messageId.endsWith('@leibnitz.at>'))).toBe(true);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(4);
    // The app started again (a new core on the database), and a minute later: nothing more.
    const second = await openSecondCore(core);
    try {
      expect((await runDueSchedules(second.context, composeReportMail, sendOutgoingMail)).deliveries).toEqual([]);
      core.clock.advance(MINUTE);
      expect((await runDueSchedules(second.context, composeReportMail, sendOutgoingMail)).deliveries).toEqual([]);
    } finally {
      await second.close();
    }
    expect(await newMessages()).toEqual([]);
  });

  it('the server down during the send, then up: failed in plain words, retried after the back-off, exactly one mail', async () => {
    await openCoreWithServer();
    await core.client.saveMailSchedule(schedule());
    core.clock.now = Date.parse('2026-04-01T06:00:00Z');
    await smtp.down();
    let failed;
    try {
      [failed] = (await runDueSchedules(core.context, composeReportMail, sendOutgoingMail)).deliveries;
    } finally {
      await smtp.up();
    }
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, outcome: { ok: false, kind: 'unreachable' } });
    expect(JSON.stringify(failed!.outcome)).not.toMatch(/\n\s+at /);
    // Up again, but the back-off (5 minutes) has not passed: nothing yet.
    core.clock.advance(4 * MINUTE);
    expect((await runDueSchedules(core.context, composeReportMail, sendOutgoingMail)).deliveries).toEqual([]);
    core.clock.advance(MINUTE);
    const [sent] = (await runDueSchedules(core.context, composeReportMail, sendOutgoingMail)).deliveries;
    expect(sent).toMatchObject({ id: failed!.id, state: 'sent', attempts: 2, messageId: failed!.messageId });
    core.clock.advance(6 * 60 * MINUTE);
    await runDueSchedules(core.context, composeReportMail, sendOutgoingMail);
    const mails = await newMessages();
    expect(mails.map(messageIdOf)).toEqual([failed!.messageId]);
  });

  it(
    'npm run report -- --mail: two processes at once send one mail; a bad schedule is exit code 2, a failed send 1',
    async () => {
      await openCoreWithServer(Date.now());
      await core.client.saveMailSchedule(schedule({ name: 'Gemeinderat' }));
      const runs = await Promise.all([report(core, ['--mail', 'gemeinderat']), report(core, ['--mail', 'Gemeinderat'])]);
      const mails = await newMessages();
      expect(mails).toHaveLength(1);
      const [log] = await listMailDeliveries(core.context, { limit: 10 });
      expect(log).toMatchObject({ state: 'sent', attempts: 1 });
      expect(messageIdOf(mails[0]!)).toBe(log!.messageId);
      // One sent it; the other found it sent, or being sent.
      const sender = runs.find((r) => r.stdout.includes('sent to 1 recipient'));
      expect(sender?.code).toBe(0);
      const other = runs.find((r) => r !== sender)!;
      expect([other.code, other.stdout + other.stderr]).toSatisfy(
        ([code, out]: [number, string]) => (code === 0 && out.includes('already sent')) || (code === 1 && out.includes('sending it right now')),
      );

      const unknown = await report(core, ['--mail', 'Jahresbericht']);
      expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('no mail schedule called "Jahresbericht"; schedules: "Gemeinderat"')]);
      const mixed = await report(core, ['--mail', 'Gemeinderat', '--format', 'csv']);
      expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringContaining('--format does not go with --mail')]);

      await core.client.saveMailSchedule(schedule({ name: 'Sozialamt', recipients: ['sozialamt@leibnitz.at'] }));
      await smtp.down();
      const down = await report(core, ['--mail', 'Sozialamt']).finally(() => smtp.up());
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/report mail "Sozialamt" .*: not sent: .*; the app tries again from /);
      expect(down.stderr).not.toMatch(/\n\s+at /);
      expect(await newMessages()).toEqual([]);
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );

  it(
    'killed after the server accepted and before `sent` was recorded: no second mail until the send counts as left behind, then one with the same Message-ID',
    async () => {
      await openCoreWithServer(Date.now());
      const saved = await core.client.saveMailSchedule(schedule({ name: 'Absturz' }));
      const crashed = await report(core, ['--mail', 'Absturz'], { [TEST_EXIT_AFTER_SEND]: '1' });
      expect(crashed.signal).toBe('SIGKILL');
      const [first] = await newMessages();
      expect(first).toBeDefined();
      const [left] = await listMailDeliveries(core.context, { limit: 10 });
      expect(left).toMatchObject({ scheduleId: saved.id, state: 'sending', attempts: 1, messageId: messageIdOf(first!) });
      // Started again at once: another process may still be sending it, so nothing goes out.
      const again = await report(core, ['--mail', 'Absturz']);
      expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('sending it right now')]);
      expect(await newMessages()).toEqual([]);
      // Ten minutes on, the send counts as left behind by a crash: sent again, recognisably the same message.
      core.clock.now = Date.parse(left!.startedAt) + SENDING_STALE_MS;
      const resent = await sendMailScheduleNow(core.context, saved.id, composeReportMail, sendOutgoingMail);
      expect(resent).toMatchObject({ id: left!.id, state: 'sent', attempts: 2, messageId: left!.messageId, alreadySent: false });
      const [second] = await newMessages();
      expect(messageIdOf(second!)).toBe(messageIdOf(first!));
      expect(second!.subject).toBe(first!.subject);
      // And never a third.
      core.clock.advance(SENDING_STALE_MS);
      expect(await sendMailScheduleNow(core.context, saved.id, composeReportMail, sendOutgoingMail)).toEqual({ ...resent, alreadySent: true });
      expect(await newMessages()).toEqual([]);
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );
});
