import { afterEach, describe, expect, it } from 'vitest';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The default opening hours: Monday, Tuesday and Thursday 9–12, Wednesday 14–17. March 2026 starts
 * on a Sunday, so by Wednesday 4 March the Monday and Tuesday slots (6 hours) are over and
 * Wednesday's has not begun until 14:00 local time.
 */
const MARCH = { from: '2026-03-01', to: '2026-03-31', publication: false } as const;
const WEDNESDAY_0100_VIENNA = Date.parse('2026-03-04T00:00:00Z'); // CET = UTC+1

describe('contacts per open hour count only opening hours that have ended', () => {
  let core: TempCore;
  afterEach(() => core.dispose());

  /** 51 contacts in Monday's and Tuesday's slots, logged as two batches. */
  async function fiftyOneContacts() {
    const tap = (occurredAt: string, count: number) =>
      core.client.logContact({ requestId: crypto.randomUUID(), topicIds: [1], languageId: 1, channel: 'in_person', asker: 'citizen', occurredAt, count });
    await tap('2026-03-02T09:00:00Z', 26); // Monday 10:00
    await tap('2026-03-03T10:00:00Z', 25); // Tuesday 11:00
  }
  const wednesdaySlot = (report: Awaited<ReturnType<TempCore['client']['getReport']>>) => report.openHours.bySlot.find((s) => s.weekday === 3)!;

  it('at 01:00 on a Wednesday the month has 6 open hours, not 9: today’s 14–17 slot has not happened (8,5 per hour, not 5,67)', async () => {
    core = await openTempCore(WEDNESDAY_0100_VIENNA);
    await fiftyOneContacts();
    const report = await core.client.getReport(MARCH);
    expect(report.openHours).toMatchObject({ hours: 6, contacts: 51, perOpenHour: 8.5 });
    expect(wednesdaySlot(report)).toMatchObject({ hours: 0, contacts: 0, perOpenHour: null });
    expect(report.openHours.bySlot.reduce((s, slot) => s + slot.hours, 0)).toBe(6);
  });

  it('a slot in progress counts the part that has passed, to the minute; once it has ended, all of it', async () => {
    core = await openTempCore(Date.parse('2026-03-04T14:30:00Z')); // Wednesday 15:30 local
    await core.client.updateSettings({ autoLockMinutes: 240 }); // the clock moves on below
    await fiftyOneContacts();
    const during = await core.client.getReport(MARCH);
    expect(during.openHours).toMatchObject({ hours: 7.5, perOpenHour: 6.8 });
    expect(wednesdaySlot(during).hours).toBe(1.5);

    core.clock.advance(20 * 60_000); // 15:50
    expect((await core.client.getReport(MARCH)).openHours.hours).toBe(7.83);

    core.clock.advance(70 * 60_000); // 17:00: the slot is over
    const after = await core.client.getReport(MARCH);
    expect(after.openHours).toMatchObject({ hours: 9, perOpenHour: 5.67 });
    expect(wednesdaySlot(after).hours).toBe(3);
  });

  it('what has ended is read on the site’s clock: the same instant in another time zone setting gives other hours', async () => {
    const instant = Date.parse('2026-03-04T13:30:00Z');
    core = await openTempCore(instant); // 14:30 in Vienna: half an hour of Wednesday's slot
    expect((await core.client.getReport(MARCH)).openHours.hours).toBe(6.5);
    await core.client.updateSettings({ timeZone: 'UTC' }); // 13:30: Wednesday's slot not begun
    expect((await core.client.getReport(MARCH)).openHours.hours).toBe(6);
    await core.client.updateSettings({ timeZone: 'Pacific/Auckland' }); // Thursday 02:30: Wednesday over, Thursday not begun
    expect((await core.client.getReport(MARCH)).openHours.hours).toBe(9);
  });

  it('a period wholly in the past counts every slot; one wholly in the future none', async () => {
    core = await openTempCore(WEDNESDAY_0100_VIENNA);
    // February 2026: four Mondays, Tuesdays, Wednesdays and Thursdays, no public holiday.
    expect((await core.client.getReport({ from: '2026-02-01', to: '2026-02-28' })).openHours.hours).toBe(16 * 3);
    expect((await core.client.getReport({ from: '2026-04-01', to: '2026-04-30' })).openHours).toMatchObject({ hours: 0, perOpenHour: null });
  });
});
