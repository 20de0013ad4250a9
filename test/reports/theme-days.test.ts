import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { snapshotDatabase } from '../support/db-snapshot';
import { openTempCore, type TempCore } from '../support/temp-core';
import { queryRow, queryRows } from '../support/sql-rows';

// Wednesday 4 March 2026; the clock is set after it so every tap is back-dated into the past.
const WEDNESDAY_15H = '2026-03-04T14:30:00Z'; // 15:30 local (CET)
const WEDNESDAY_14H = '2026-03-04T13:10:00Z'; // 14:10 local
const THURSDAY_15H = '2026-03-05T14:30:00Z';

describe('theme-day calendar', () => {
  let core: TempCore;
  let h: Client;
  let zebra: number;
  beforeEach(async () => {
    core = await openTempCore(Date.parse('2026-03-10T09:00:00Z'));
    h = core.client;
    zebra = (await h.getCatalog({})).organisations.find((o) => o.name === 'ZEBRA')!.id;
  });
  afterEach(() => core.dispose());

  const tap = (occurredAt: string) =>
    h.logContact({ topicIds: [1], languageId: 1, channel: 'in_person', asker: 'citizen', occurredAt }).then((l) => l.contact.id);
  const themeOf = async (id: number) => (await queryRow<{ t: number | null }>(core.database.db, 'select theme_day_id t from contacts where id = ?', [id]))!.t;
  const weekly = (startHour: number, id?: number) => ({
    ...(id !== undefined && { id }),
    title: 'Flucht und Migration',
    organisationId: zebra,
    kind: 'weekly' as const,
    weekday: 3,
    startHour,
    endHour: 17,
  });

  it('a contact logged during a theme day is attributed to it at once', async () => {
    const saved = await h.saveThemeDay({ themeDay: weekly(14), dryRun: false });
    const during = await tap(WEDNESDAY_15H);
    const other = await tap(THURSDAY_15H);
    expect(await themeOf(during)).toBe(saved.themeDay!.id);
    expect(await themeOf(other)).toBeNull();
  });

  it('a dry run says how many past contacts would be re-attributed and changes nothing', async () => {
    await tap(WEDNESDAY_15H);
    await tap(WEDNESDAY_14H);
    await tap(THURSDAY_15H);
    await h.voidContact({ contactId: await tap(WEDNESDAY_15H), reason: 'duplicate' }); // does not count, so not announced
    const before = await snapshotDatabase(core.database.db);
    const preview = await h.saveThemeDay({ themeDay: weekly(14), dryRun: true });
    expect(preview).toMatchObject({ reattributed: 2, dryRun: true });
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('saving, editing and retiring re-attribute past contacts consistently, and the report follows', async () => {
    const a = await tap(WEDNESDAY_15H);
    const b = await tap(WEDNESDAY_14H);
    const created = await h.saveThemeDay({ themeDay: weekly(14), dryRun: false });
    const id = created.themeDay!.id;
    expect(created.reattributed).toBe(2);
    expect([await themeOf(a), await themeOf(b)]).toEqual([id, id]);

    const narrowed = await h.saveThemeDay({ themeDay: weekly(15, id), dryRun: false });
    expect(narrowed.reattributed).toBe(1);
    expect([await themeOf(a), await themeOf(b)]).toEqual([id, null]);
    const report = await h.getReport({ from: '2026-03-01', to: '2026-03-31', publication: false });
    expect(report.byThemeDay.rows.find((r) => r.key === id)?.n).toBe(1);

    const retired = await h.retireThemeDay({ id, dryRun: false });
    expect(retired.reattributed).toBe(1);
    expect(await themeOf(a)).toBeNull();
    expect((await h.getCatalog({})).themeDays.find((t) => t.id === id)?.retired).toBe(true);
  });

  it('the attribution at logging time agrees with the SQL rule: saving an unchanged calendar re-attributes nothing', async () => {
    const saved = await h.saveThemeDay({ themeDay: weekly(14), dryRun: false });
    await h.saveThemeDay({
      themeDay: { title: 'Pflegetag', organisationId: null, kind: 'single', day: '2026-03-04', startHour: 15, endHour: 16 },
      dryRun: false,
    });
    for (const at of [WEDNESDAY_15H, WEDNESDAY_14H, THURSDAY_15H, '2026-03-04T15:59:00Z', '2026-03-04T16:00:00Z']) await tap(at);
    const again = await h.saveThemeDay({ themeDay: weekly(14, saved.themeDay!.id), dryRun: true });
    expect(again.reattributed).toBe(0);
  });

  it('a single date wins over a weekly slot at the same hour', async () => {
    await h.saveThemeDay({ themeDay: weekly(14), dryRun: false });
    const single = await h.saveThemeDay({
      themeDay: { title: 'Pflegetag', organisationId: null, kind: 'single', day: '2026-03-04', startHour: 15, endHour: 16 },
      dryRun: false,
    });
    expect(await themeOf(await tap(WEDNESDAY_15H))).toBe(single.themeDay!.id);
  });

  it('theme-day changes are audited', async () => {
    const saved = await h.saveThemeDay({ themeDay: weekly(14), dryRun: false });
    await h.retireThemeDay({ id: saved.themeDay!.id, dryRun: false });
    const audit = await queryRows(core.database.db, "select action from audit_log where entity = 'theme_day' order by id");
    expect(audit).toEqual([{ action: 'create' }, { action: 'void' }]);
  });
});
