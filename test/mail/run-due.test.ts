import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/api/contract';
import { claimDelivery, listMailDeliveries, RETRY_BACKOFF_MS, SENDING_STALE_MS } from '../../core/mail/delivery-log';
import type { ComposeReportMail, OutgoingMail, SendOutgoingMail } from '../../core/mail/mail-parts';
import type { MailOutcome } from '../../core/mail/mail-types';
import { saveMailScheduleSchema } from '../../core/mail/mail-inputs';
import { runDueSchedules, sendMailScheduleNow } from '../../core/mail/run-due';
import { openSecondCore, type SecondCore } from '../support/second-core';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The runner and the delivery log on a real database (SQLite file, and PostgreSQL in that project), with
 * stand-ins for composing and sending: which periods go out, when a failed one is tried again, and
 * that no period goes out twice, across runs, restarts and two processes. The real SMTP server's side
 * is in smtp-delivery.test.ts.
 */

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

const compose: ComposeReportMail = async (_ctx, schedule, period) => ({
  subject: `${schedule.name} ${period.from}–${period.to}`,
  html: '<p>Bericht</p>',
  text: 'Bericht',
  attachments: [],
});
const SENT: MailOutcome = { ok: true, kind: 'sent', message: { de: 'Gesendet.', en: 'Sent.' }, server: '250 OK' };
const DOWN: MailOutcome = { ok: false, kind: 'unreachable', message: { de: 'Der Mailserver ist nicht erreichbar.', en: 'The mail server cannot be reached.' } };

/** A stand-in server: keeps what it was handed, answers `answer()`. */
function fakeServer(answer: () => MailOutcome = () => SENT) {
  const received: OutgoingMail[] = [];
  const send: SendOutgoingMail = async (_ctx, mail) => {
    const outcome = answer();
    if (outcome.ok) received.push(mail);
    return outcome;
  };
  return { received, send, subjects: () => received.map((m) => m.subject) };
}

const schedule = (over: Partial<MethodInput<'saveMailSchedule'>> = {}): MethodInput<'saveMailSchedule'> => ({
  name: 'Monatsbericht',
  recipients: ['gemeinderat@leibnitz.at', 'sozialamt@leibnitz.at'],
  rule: 'lastMonth',
  ...over,
});

describe('running due schedules (core/mail/run-due.ts, delivery-log.ts)', () => {
  let core: TempCore;
  let second: SecondCore | undefined;
  beforeEach(async () => {
    // Tuesday 10 March 2026, 10:30 in Vienna.
    core = await openTempCore();
  });
  afterEach(async () => {
    await second?.close();
    second = undefined;
    await core.dispose();
  });

  it('the clock moved past several due dates: each missed period once, and none again on the next run or after a restart', async () => {
    await core.client.saveMailSchedule(schedule());
    await core.client.saveMailSchedule(schedule({ name: 'Quartal', rule: 'lastQuarter' }));
    await core.client.saveMailSchedule(schedule({ name: 'Aus', enabled: false }));
    const server = fakeServer();
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
    // Closed from March until 15 July.
    core.clock.now = at('2026-07-15T07:00:00Z');
    const { deliveries } = await runDueSchedules(core.context, compose, server.send);
    expect(server.subjects()).toEqual([
      'Monatsbericht 2026-03-01–2026-03-31',
      'Monatsbericht 2026-04-01–2026-04-30',
      'Monatsbericht 2026-05-01–2026-05-31',
      'Monatsbericht 2026-06-01–2026-06-30',
      'Quartal 2026-01-01–2026-03-31',
      'Quartal 2026-04-01–2026-06-30',
    ]);
    expect(deliveries.map((d) => [d.state, d.attempts, d.recipients])).toEqual(Array(6).fill(['sent', 1, 2]));
    expect(server.received.every((m) => m.to.join() === 'gemeinderat@leibnitz.at,sozialamt@leibnitz.at')).toBe(true);
    // Every minute after: nothing more.
    core.clock.advance(MINUTE);
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
    // A restart (another core on the same database) sends nothing either.
    second = await openSecondCore(core);
    expect((await runDueSchedules(second.context, compose, server.send)).deliveries).toEqual([]);
    expect(server.received).toHaveLength(6);
    // On 1 August (local day, Vienna) July falls due, and only July.
    core.clock.now = at('2026-07-31T22:30:00Z');
    await runDueSchedules(core.context, compose, server.send);
    expect(server.subjects().slice(6)).toEqual(['Monatsbericht 2026-07-01–2026-07-31']);
    const log = await listMailDeliveries(core.context, { limit: 100 });
    expect(log).toHaveLength(7);
    expect(new Set(log.map((d) => d.messageId)).size).toBe(7);
    expect(log[0]!.messageId).toMatch(/^<kontaktdesk\.\d+\.2026-07-01\.2026-07-31\.[0-9a-f]{16}@kontaktdesk\.invalid>$/);
  });

  it('a schedule paused and switched on again starts with the next period, not those missed while paused; a changed rule starts at the change', async () => {
    // Saved through the core's handlers: the management session of 10 March has timed out by the later dates.
    const save = (input: MethodInput<'saveMailSchedule'>) => core.handlers.saveMailSchedule(saveMailScheduleSchema.parse(input));
    const saved = await save(schedule());
    const { id, createdAt: _c, updatedAt: _u, next: _n, ...input } = saved;
    const server = fakeServer();
    core.clock.now = at('2026-04-01T08:00:00Z');
    await runDueSchedules(core.context, compose, server.send);
    expect(server.subjects()).toEqual(['Monatsbericht 2026-03-01–2026-03-31']);
    // Paused over the summer.
    core.clock.now = at('2026-04-02T08:00:00Z');
    await save({ id, ...input, enabled: false });
    core.clock.now = at('2026-08-10T08:00:00Z');
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
    // Switched on again on 10 August: April to July stay unsent; August is next, on 1 September.
    const resumed = await save({ id, ...input, enabled: true });
    expect(resumed.next).toEqual({ from: '2026-08-01', to: '2026-08-31', dueDay: '2026-09-01' });
    core.clock.advance(MINUTE);
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
    core.clock.now = at('2026-09-01T06:00:00Z');
    await runDueSchedules(core.context, compose, server.send);
    expect(server.subjects().slice(1)).toEqual(['Monatsbericht 2026-08-01–2026-08-31']);
    // On 10 September it becomes quarterly: the third quarter is next, not the first two.
    core.clock.now = at('2026-09-10T08:00:00Z');
    const quarterly = await save({ id, ...input, rule: 'lastQuarter' });
    expect(quarterly.next).toEqual({ from: '2026-07-01', to: '2026-09-30', dueDay: '2026-10-01' });
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
    // A change of recipients while the app is closed moves nothing: the quarter still goes out when due.
    core.clock.now = at('2026-09-30T08:00:00Z');
    await save({ id, ...input, rule: 'lastQuarter', recipients: ['gemeinderat@leibnitz.at'] });
    core.clock.now = at('2026-10-05T08:00:00Z');
    await runDueSchedules(core.context, compose, server.send);
    expect(server.subjects().slice(2)).toEqual(['Monatsbericht 2026-07-01–2026-09-30']);
  });

  it('a report that failed before a pause is still retried once switched on again; nothing is retried while paused', async () => {
    const save = (input: MethodInput<'saveMailSchedule'>) => core.handlers.saveMailSchedule(saveMailScheduleSchema.parse(input));
    const { id, createdAt: _c, updatedAt: _u, next: _n, ...input } = await save(schedule());
    let up = false;
    const server = fakeServer(() => (up ? SENT : DOWN));
    core.clock.now = at('2026-04-01T08:00:00Z');
    const [failed] = (await runDueSchedules(core.context, compose, server.send)).deliveries;
    expect(failed).toMatchObject({ period: { from: '2026-03-01' }, state: 'failed' });
    await save({ id, ...input, enabled: false });
    up = true;
    core.clock.now = at('2026-06-10T08:00:00Z');
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
    await save({ id, ...input, enabled: true });
    const retried = (await runDueSchedules(core.context, compose, server.send)).deliveries;
    // March goes out (under its Message-ID); April and May, due while paused, do not.
    expect(retried.map((d) => [d.period.from, d.state, d.messageId])).toEqual([['2026-03-01', 'sent', failed!.messageId]]);
    expect(server.subjects()).toEqual(['Monatsbericht 2026-03-01–2026-03-31']);
  });

  it('a failed send is tried again after 5 min, 15 min, 1 h, 6 h, then every 6 h, under the same Message-ID; then sent once', async () => {
    const { id } = await core.client.saveMailSchedule(schedule());
    core.clock.now = at('2026-04-01T06:00:00Z');
    let up = false;
    const server = fakeServer(() => (up ? SENT : DOWN));
    const [first] = (await runDueSchedules(core.context, compose, server.send)).deliveries;
    expect(first).toMatchObject({ scheduleId: id, state: 'failed', attempts: 1, outcome: DOWN });
    const waits: number[] = [];
    let tried = first!;
    for (let attempt = 2; attempt <= 6; attempt++) {
      const next = Date.parse(tried.nextAttemptAt!);
      waits.push(next - core.clock.now);
      // A minute early: not yet.
      core.clock.now = next - MINUTE;
      expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
      core.clock.now = next;
      [tried] = (await runDueSchedules(core.context, compose, server.send)).deliveries as [typeof tried];
      expect(tried).toMatchObject({ state: 'failed', attempts: attempt, messageId: first!.messageId });
    }
    expect(waits).toEqual([...RETRY_BACKOFF_MS, RETRY_BACKOFF_MS.at(-1)]);
    up = true;
    core.clock.now = Date.parse(tried.nextAttemptAt!);
    const [sent] = (await runDueSchedules(core.context, compose, server.send)).deliveries;
    expect(sent).toMatchObject({ state: 'sent', attempts: 7, messageId: first!.messageId, nextAttemptAt: null });
    core.clock.advance(24 * 60 * MINUTE);
    await runDueSchedules(core.context, compose, server.send);
    expect(server.received.map((m) => m.messageId)).toEqual([first!.messageId]);
  });

  it('a `sending` row left by a crash is taken again after 10 minutes, with the same Message-ID and the next attempt number', async () => {
    const saved = await core.client.saveMailSchedule(schedule());
    core.clock.now = at('2026-04-01T06:00:00Z');
    // A process claimed March and died before recording anything.
    const claim = await claimDelivery(core.context, saved, { from: '2026-03-01', to: '2026-03-31' }, 'leibnitz.at');
    expect(claim).toMatchObject({ attempts: 1 });
    const server = fakeServer();
    core.clock.advance(SENDING_STALE_MS - MINUTE);
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
    core.clock.advance(MINUTE);
    const [resent] = (await runDueSchedules(core.context, compose, server.send)).deliveries;
    expect(resent).toMatchObject({ state: 'sent', attempts: 2, messageId: claim!.messageId });
    expect(server.received.map((m) => m.messageId)).toEqual([claim!.messageId]);
  });

  it('two processes on one database: a period the other is sending is left to it, and each period goes out once', async () => {
    const saved = await core.client.saveMailSchedule(schedule());
    await core.client.saveMailSchedule(schedule({ name: 'Jahr', rule: 'lastYear' }));
    second = await openSecondCore(core);
    core.clock.now = at('2027-01-02T08:00:00Z');
    const server = fakeServer();
    // The other process has just claimed December and is sending it.
    const december = { from: '2026-12-01', to: '2026-12-31' };
    const claim = await claimDelivery(second.context, saved, december, 'leibnitz.at');
    const { deliveries } = await runDueSchedules(core.context, compose, server.send);
    // March … November 2026, and the year 2026; December stays the other's.
    expect(deliveries).toHaveLength(10);
    expect(server.subjects()).not.toContain('Monatsbericht 2026-12-01–2026-12-31');
    expect(await claimDelivery(core.context, saved, december, 'leibnitz.at')).toBeNull();
    expect((await runDueSchedules(second.context, compose, server.send)).deliveries).toEqual([]);
    expect(claim).not.toBeNull();
    expect(await core.database.db.selectFrom('mail_deliveries').select('id').execute()).toHaveLength(11);
    // (Two real processes sending at once, through a real SMTP server: smtp-delivery.test.ts.)
  });

  it('send now: the most recent due period, even for a schedule made after it fell due; never a sent period twice', async () => {
    const { id } = await core.client.saveMailSchedule(schedule({ enabled: false }));
    let up = false;
    const server = fakeServer(() => (up ? SENT : DOWN));
    const failed = await sendMailScheduleNow(core.context, id, compose, server.send);
    expect(failed).toMatchObject({ period: { from: '2026-02-01', to: '2026-02-28' }, state: 'failed', attempts: 1 });
    // "Jetzt senden" again: tried at once, whatever the back-off says.
    up = true;
    const sent = await sendMailScheduleNow(core.context, id, compose, server.send);
    expect(sent).toMatchObject({ id: failed.id, state: 'sent', attempts: 2, messageId: failed.messageId });
    expect(sent.alreadySent).toBe(false);
    // Again: nothing goes out, and the answer says it had been sent before.
    const again = await sendMailScheduleNow(core.context, id, compose, server.send);
    expect(again).toEqual({ ...sent, alreadySent: true });
    expect(server.received).toHaveLength(1);
    // The runner leaves a switched-off schedule alone.
    core.clock.now = at('2026-06-01T08:00:00Z');
    expect((await runDueSchedules(core.context, compose, server.send)).deliveries).toEqual([]);
  });

  it('a report that cannot be made is a failed delivery in plain words, retried like a failed send', async () => {
    const view = await core.client.saveSavedView({ name: 'Ansicht', period: { kind: 'lastMonth' }, sections: ['topics'] });
    const { id } = await core.client.saveMailSchedule(schedule({ viewId: view.id }));
    const broken: ComposeReportMail = async () => {
      throw new Error('the saved view no longer exists');
    };
    const server = fakeServer();
    const delivery = await sendMailScheduleNow(core.context, id, broken, server.send);
    expect(delivery).toMatchObject({
      state: 'failed',
      outcome: { ok: false, kind: 'other', message: { en: 'The report could not be made: the saved view no longer exists' } },
    });
    expect(Date.parse(delivery.nextAttemptAt!) - core.clock.now).toBe(RETRY_BACKOFF_MS[0]);
    expect(server.received).toEqual([]);
  });
});
