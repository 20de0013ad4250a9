import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../core/api/client';
import { dispatch } from '../../core/api/dispatch';
import type { Change } from '../../core/base/changes';
import { MAIL_CHECK_INTERVAL_MS, startMailSchedule } from '../../core/app/mail-schedule';
import { startApp, type App } from '../../core/app/start-app';
import { listMailDeliveries } from '../../core/mail/delivery-log';
import { NO_PASSWORD_GRACE_MS } from '../../core/mail/run-due';
import type { ComposeReportMail, OutgoingMail, SendOutgoingMail } from '../../core/mail/mail-parts';
import { openTempCore, type TempCore } from '../support/temp-core';

/** The timer that sends due report mails while the app runs (core/app/mail-schedule.ts), and startApp's use of it. */

const compose: ComposeReportMail = async (_ctx, schedule, period) => ({ subject: `${schedule.name} ${period.from}`, html: '', text: '', attachments: [] });

describe('the report mail timer', () => {
  let core: TempCore | undefined;
  let app: App | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await app?.close();
    await core?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    core = app = dataDir = undefined;
  });

  it('catches up at start, looks again every minute, and stops cleanly', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    core = await openTempCore();
    await core.client.saveMailSchedule({ name: 'Monatsbericht', recipients: ['gemeinderat@leibnitz.at'], rule: 'lastMonth' });
    const sent: OutgoingMail[] = [];
    const send: SendOutgoingMail = async (_ctx, mail) => {
      sent.push(mail);
      return { ok: true, kind: 'sent', message: { de: 'Gesendet.', en: 'Sent.' } };
    };
    const changes: Change[] = [];
    core.context.changes.subscribe((c) => changes.push(c));
    // Closed from 10 March until 20 May.
    core.clock.now = Date.parse('2026-05-20T07:00:00Z');
    const timer = startMailSchedule(core.context, { compose, send, report: (err) => expect.fail(String(err)) });
    await timer.idle();
    expect(sent.map((m) => m.subject)).toEqual(['Monatsbericht 2026-03-01', 'Monatsbericht 2026-04-01']);
    expect(changes).toEqual([{ kind: 'mail' }]);
    await vi.advanceTimersByTimeAsync(MAIL_CHECK_INTERVAL_MS);
    await timer.idle();
    expect(sent).toHaveLength(2);
    // The 1st of June, local time: May falls due and goes out within the minute.
    core.clock.now = Date.parse('2026-05-31T22:00:30Z');
    await vi.advanceTimersByTimeAsync(MAIL_CHECK_INTERVAL_MS);
    await timer.idle();
    expect(sent.map((m) => m.subject).at(-1)).toBe('Monatsbericht 2026-05-01');
    timer.stop();
    core.clock.now = Date.parse('2026-07-01T08:00:00Z');
    await vi.advanceTimersByTimeAsync(10 * MAIL_CHECK_INTERVAL_MS);
    await timer.idle();
    expect(sent).toHaveLength(3);
  });

  it('a run that throws is reported and the next minute tries again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    core = await openTempCore();
    await core.client.saveMailSchedule({ name: 'Monatsbericht', recipients: ['gemeinderat@leibnitz.at'], rule: 'lastMonth' });
    core.clock.now = Date.parse('2026-04-02T07:00:00Z');
    const reported: unknown[] = [];
    let broken = true;
    const timer = startMailSchedule(core.context, {
      compose,
      send: async () => ({ ok: true, kind: 'sent', message: { de: '', en: '' } }),
      report: (err) => reported.push(err),
    });
    // The first run (it starts in a moment, not at once) fails: simulated by a clock that throws.
    const realNow = core.context.now;
    core.context.now = () => {
      if (broken) throw new Error('database gone');
      return realNow();
    };
    await timer.idle();
    broken = false;
    await vi.advanceTimersByTimeAsync(MAIL_CHECK_INTERVAL_MS);
    await timer.idle();
    timer.stop();
    core.context.now = realNow;
    expect((await listMailDeliveries(core.context, { limit: 10 })).map((d) => [d.period.from, d.state])).toEqual([['2026-03-01', 'sent']]);
    expect(reported.map((e) => (e as Error).message)).toEqual(['database gone']);
  });

  it('on a PC without the password for a server with a login, the timer gives another PC the grace, then records why it cannot send', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    core = await openTempCore();
    await core.client.saveMailServer({ host: 'mail.leibnitz.at', port: 587, security: 'starttls', user: 'kontaktdesk', from: 'berichte@leibnitz.at' });
    await core.client.saveMailSchedule({ name: 'Monatsbericht', recipients: ['gemeinderat@leibnitz.at'], rule: 'lastMonth' });
    core.clock.now = Date.parse('2026-04-01T06:00:00Z');
    const timer = startMailSchedule(core.context, { report: (err) => expect.fail(String(err)) });
    await timer.idle();
    core.clock.advance(NO_PASSWORD_GRACE_MS - MAIL_CHECK_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(MAIL_CHECK_INTERVAL_MS);
    await timer.idle();
    expect(await listMailDeliveries(core.context, { limit: 10 })).toEqual([]);
    core.clock.advance(MAIL_CHECK_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(MAIL_CHECK_INTERVAL_MS);
    await timer.idle();
    timer.stop();
    expect((await listMailDeliveries(core.context, { limit: 10 })).map((d) => [d.period.from, d.state, d.outcome?.kind])).toEqual([
      ['2026-03-01', 'failed', 'noPassword'],
    ]);
  });

  it('startApp runs it: a schedule due while the app was closed is tried at the next start, and close waits for it', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-mail-timer-'));
    let now = Date.parse('2026-03-10T09:30:00Z');
    app = await startApp({ dataDir, now: () => now, report: () => undefined });
    const client = createClient(
      (method, input, session) => dispatch(app!.api, method, input, { session }),
      () => session,
    );
    let session: string | undefined;
    await client.setManagementPin({ pin: '135790' });
    session = (await client.unlockManagement({ pin: '135790' })).session;
    await client.saveMailSchedule({ name: 'Monatsbericht', recipients: ['gemeinderat@leibnitz.at'], rule: 'lastMonth' });
    await app.close();
    now = Date.parse('2026-06-03T07:00:00Z');
    app = await startApp({ dataDir, now: () => now, report: () => undefined });
    // Closed while its catch-up may still be sending: close waits for it, nothing is cut off.
    await app.close();
    // No mail server is set up here: each missed period was tried once, failed in plain words, kept for the retry.
    app = await startApp({ dataDir, now: () => now, report: () => undefined });
    const log = await listMailDeliveries(app.core()!.context, { limit: 10 });
    expect(log.map((d) => [d.period.from, d.state, d.attempts, d.outcome?.kind])).toEqual([
      ['2026-05-01', 'failed', 1, 'notConfigured'],
      ['2026-04-01', 'failed', 1, 'notConfigured'],
      ['2026-03-01', 'failed', 1, 'notConfigured'],
    ]);
  });
});
