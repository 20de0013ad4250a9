import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/api/contract';
import { snapshotDatabase } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Sunday 10 May 2026, 12:00 in Vienna: March and April 2026 lie wholly in the past. Default opening
 * hours: Monday, Tuesday and Thursday 9–12, Wednesday 14–17.
 * March 2026: 18 days with opening hours (5 Mondays and Tuesdays, 4 Wednesdays and Thursdays), no public holiday.
 * April 2026: 18 days with opening hours (4 Mondays and Tuesdays, 5 Wednesdays and Thursdays); Monday 6 April is Ostermontag.
 */
const NOW = Date.parse('2026-05-10T10:00:00Z');
const APRIL = { from: '2026-04-01', to: '2026-04-30', publication: false } as const;
const MARCH = { from: '2026-03-01', to: '2026-03-31', publication: false } as const;

describe('closure calendar', () => {
  let core: TempCore;
  const snapshot = () => snapshotDatabase(core.database.db);
  const tap = (occurredAt: string, count = 1) =>
    core.client.logContact({ requestId: crypto.randomUUID(), topicIds: [1], languageId: 1, channel: 'in_person', asker: 'citizen', occurredAt, count });
  const closure = (over: Partial<MethodInput<'saveClosure'>> = {}): MethodInput<'saveClosure'> => ({
    from: '2026-04-07',
    to: '2026-04-08',
    note: 'Osterpause',
    ...over,
  });

  beforeEach(async () => {
    core = await openTempCore(NOW);
  });
  afterEach(() => core.dispose());

  it('public holidays are not opening hours: April 2026 has 17 open days (51 hours), Ostermontag named as the closed day', async () => {
    const report = await core.client.getReport(APRIL);
    expect(report.openHours).toMatchObject({
      hours: 51,
      closedDays: 1,
      closed: [{ day: '2026-04-06', reason: 'holiday', name: { de: 'Ostermontag', en: 'Easter Monday' } }],
    });
    expect(report.openHours.openDays).toEqual([3, 4, 5, 5, 0, 0, 0]);
    expect(report.openHours.bySlot.find((s) => s.weekday === 1)?.hours).toBe(9);
  });

  it('a day with opening hours and no contacts is a real zero: 0 per open hour, not “no figure”', async () => {
    const report = await core.client.getReport(MARCH);
    expect(report.openHours).toMatchObject({ hours: 54, contacts: 0, perOpenHour: 0, closedDays: 0, closed: [] });
    expect(report.openHours.bySlot.map((s) => [s.weekday, s.hours, s.contacts, s.perOpenHour])).toEqual([
      [1, 15, 0, 0],
      [2, 15, 0, 0],
      [3, 12, 0, 0],
      [4, 12, 0, 0],
    ]);
  });

  it('the site’s own closures take their days out of the open hours; an “open” entry gives a holiday back', async () => {
    await tap('2026-04-09T08:00:00Z', 9); // Thursday 10:00
    const { id } = await core.client.saveClosure(closure());
    let report = await core.client.getReport(APRIL);
    expect(report.openHours).toMatchObject({ hours: 45, contacts: 9, perOpenHour: 0.2, closedDays: 3 });
    expect(report.openHours.closed.map((c) => [c.day, c.reason, c.name.de])).toEqual([
      ['2026-04-06', 'holiday', 'Ostermontag'],
      ['2026-04-07', 'closure', 'Osterpause'],
      ['2026-04-08', 'closure', 'Osterpause'],
    ]);

    await core.client.saveClosure({ from: '2026-04-06', to: '2026-04-06', note: 'Beratungstag trotz Feiertag', kind: 'open' });
    report = await core.client.getReport(APRIL);
    expect(report.openHours).toMatchObject({ hours: 48, closedDays: 2 });

    await core.client.deleteClosure({ id });
    expect((await core.client.getReport(APRIL)).openHours).toMatchObject({ hours: 54, closedDays: 0 });
  });

  it('contacts logged on a closed day still count as contacts; only the hours are left out', async () => {
    await tap('2026-04-06T08:00:00Z', 2); // Ostermontag 10:00
    const report = await core.client.getReport(APRIL);
    expect(report.total).toBe(2);
    expect(report.heatmap[0]![10]).toBe(2);
    expect(report.openHours).toMatchObject({ hours: 51, contacts: 2 });
  });

  it('theme days: no occurrence on a closed day, and ordinary days compared are open days', async () => {
    const { themeDay } = await core.client.saveThemeDay({
      themeDay: { title: 'Flucht und Migration', organisationId: null, kind: 'weekly', weekday: 3, startHour: 14, endHour: 17, validFrom: '2026-04-01' },
    });
    await tap('2026-03-18T14:00:00Z', 5); // Wednesday 18 March 15:00, a day the site then declares closed
    await tap('2026-03-25T14:00:00Z', 2); // Wednesday 25 March 15:00, an ordinary day
    await core.client.saveClosure({ from: '2026-03-18', to: '2026-03-18', note: 'Fortbildung' });
    await core.client.saveClosure(closure()); // takes Wednesday 8 April
    const [compared] = (await core.client.getReport(APRIL)).themeDays.filter((d) => d.themeDayId === themeDay!.id);
    expect(compared).toMatchObject({ occurrences: 4, hours: 12, ordinaryHours: 13 * 3, ordinaryContacts: 2 });
  });

  it('lists the year’s public holidays and the site’s entries newest first; every change is audited', async () => {
    const christmas = await core.client.saveClosure({ from: '2025-12-24', to: '2026-01-06', note: ' Weihnachtspause ' });
    expect(christmas).toEqual({ id: christmas.id, from: '2025-12-24', to: '2026-01-06', note: 'Weihnachtspause', kind: 'closed' });
    const easter = await core.client.saveClosure(closure());
    const list = await core.client.listClosures({});
    expect(list.year).toBe(2026);
    expect(list.holidays).toHaveLength(15);
    expect(list.holidays.find((h) => h.key === 'ostermontag')).toEqual({
      key: 'ostermontag',
      day: '2026-04-06',
      name: { de: 'Ostermontag', en: 'Easter Monday' },
      openedBy: null,
    });
    expect(list.closures.map((c) => c.note)).toEqual(['Osterpause', 'Weihnachtspause']);
    expect((await core.client.listClosures({ year: 2025 })).holidays[0]).toMatchObject({ day: '2025-01-01', key: 'neujahr' });

    core.clock.advance(60_000);
    const edited = await core.client.saveClosure({ id: easter.id, from: '2026-04-07', to: '2026-04-10', note: 'Osterferien' });
    expect(edited).toEqual({ id: easter.id, from: '2026-04-07', to: '2026-04-10', note: 'Osterferien', kind: 'closed' });
    core.clock.advance(60_000);
    expect(await core.client.deleteClosure({ id: christmas.id })).toMatchObject({ note: 'Weihnachtspause' });
    expect((await core.client.listClosures({})).closures.map((c) => c.id)).toEqual([easter.id]);

    const audit = await core.client.listAudit({ entity: 'closure' });
    expect(audit.entries.map((e) => [e.action, e.entityId])).toEqual([
      ['delete', christmas.id],
      ['amend', easter.id],
      ['create', easter.id],
      ['create', christmas.id],
    ]);
    const [deleted, amended, , created] = audit.entries;
    expect(created!.changes).toEqual([
      { field: 'days', old: null, new: { kind: 'dayRange', from: '2025-12-24', to: '2026-01-06' } },
      { field: 'note', old: null, new: { kind: 'text', text: 'Weihnachtspause' } },
      { field: 'openAnyway', old: null, new: { kind: 'code', of: 'boolean', code: 'false' } },
    ]);
    expect(amended!.changes).toEqual([
      { field: 'days', old: { kind: 'dayRange', from: '2026-04-07', to: '2026-04-08' }, new: { kind: 'dayRange', from: '2026-04-07', to: '2026-04-10' } },
      { field: 'note', old: { kind: 'text', text: 'Osterpause' }, new: { kind: 'text', text: 'Osterferien' } },
    ]);
    expect(deleted!.changes.find((c) => c.field === 'note')?.old).toEqual({ kind: 'text', text: 'Weihnachtspause' });
  });

  it('an “open” entry is shown against the holiday it overrides', async () => {
    const opened = await core.client.saveClosure({ from: '2026-12-08', to: '2026-12-08', note: 'Adventmarkt', kind: 'open' });
    const list = await core.client.listClosures({ year: 2026 });
    expect(list.holidays.find((h) => h.key === 'mariaeEmpfaengnis')?.openedBy).toBe(opened.id);
    expect(list.holidays.filter((h) => h.openedBy !== null)).toHaveLength(1);
  });

  const REFUSED: { case: string; call: (t: TempCore, id: number) => Promise<unknown>; code: string; field: string }[] = [
    {
      case: 'a range that ends before it begins',
      call: (t) => t.client.saveClosure(closure({ from: '2026-04-08', to: '2026-04-07' })),
      code: 'invalid_input',
      field: 'to',
    },
    { case: 'a range of 367 days', call: (t) => t.client.saveClosure(closure({ from: '2026-01-01', to: '2027-01-02' })), code: 'invalid_input', field: 'to' },
    { case: 'an empty note', call: (t) => t.client.saveClosure(closure({ note: '' })), code: 'invalid_input', field: 'note' },
    { case: 'a blank note', call: (t) => t.client.saveClosure(closure({ note: '   ' })), code: 'invalid_input', field: 'note' },
    { case: 'a note with a line break', call: (t) => t.client.saveClosure(closure({ note: 'Weihnachts\npause' })), code: 'invalid_input', field: 'note' },
    { case: 'a note of 81 characters', call: (t) => t.client.saveClosure(closure({ note: 'x'.repeat(81) })), code: 'invalid_input', field: 'note' },
    {
      case: 'a day that is not in the calendar',
      call: (t) => t.client.saveClosure(closure({ from: '2026-02-30', to: '2026-03-01' })),
      code: 'invalid_input',
      field: 'from',
    },
    { case: 'a day before 2000', call: (t) => t.client.saveClosure(closure({ from: '1999-12-31', to: '2000-01-01' })), code: 'invalid_input', field: 'from' },
    { case: 'a day after 2099', call: (t) => t.client.saveClosure(closure({ from: '2099-12-31', to: '2100-01-01' })), code: 'invalid_input', field: 'to' },
    { case: 'an unknown kind', call: (t) => t.client.saveClosure(closure({ kind: 'holiday' as 'open' })), code: 'invalid_input', field: 'kind' },
    { case: 'editing an entry that does not exist', call: (t, id) => t.client.saveClosure(closure({ id: id + 1000 })), code: 'not_found', field: 'id' },
    { case: 'deleting an entry that does not exist', call: (t, id) => t.client.deleteClosure({ id: id + 1000 }), code: 'not_found', field: 'id' },
    { case: 'a year before 2000', call: (t) => t.client.listClosures({ year: 1999 }), code: 'invalid_input', field: 'year' },
  ];

  it.each(REFUSED)('refuses $case with a clear error and changes nothing', async ({ call, code, field }) => {
    const { id } = await core.client.saveClosure(closure());
    const before = await snapshot();
    const err = await refusal(call(core, id));
    expect(err.body).toMatchObject({ code, field });
    expect(err.body.message.length).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(before);
  });

  it('saving and deleting a closure are announced to open screens as a catalog change; listing and a refusal are not', async () => {
    const heard: unknown[] = [];
    core.api.changes.subscribe((change) => heard.push(change));
    await core.client.listClosures({});
    const { id } = await core.client.saveClosure(closure());
    await refusal(core.client.saveClosure(closure({ note: '' })));
    await core.client.deleteClosure({ id });
    expect(heard).toEqual([{ kind: 'catalog' }, { kind: 'catalog' }]);
  });

  it('an edit that is refused leaves the entry as it was', async () => {
    const saved = await core.client.saveClosure(closure());
    await refusal(core.client.saveClosure(closure({ id: saved.id, from: '2026-04-09', to: '2026-04-01' })));
    expect(await queryRows(core.database.db, 'select first_day, last_day, note, kind from closures')).toEqual([
      { first_day: '2026-04-07', last_day: '2026-04-08', note: 'Osterpause', kind: 'closed' },
    ]);
  });
});
