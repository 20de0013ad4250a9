import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { snapshotCore } from '../support/db-snapshot';
import { queryRows } from '../support/sql-rows';
import { refusal } from '../support/refusal';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * A brand-new database starts with the first site's settings (opening date 1 June 2021). Until the
 * site confirms its own at the first management visit, the headline quotes no figure "since
 * opening" (it would read "44 Kontakte in 67 Monaten"); once confirmed, it counts from that date.
 */
let core: TempCore;
let catalog: Catalog;
const DAY = 24 * 60 * 60_000;

beforeEach(async () => {
  // 10 March 2026, 10:30 in Vienna; a database as `npm start` creates it.
  core = await openTempCore(undefined, { setUp: false });
  catalog = await core.client.getCatalog({});
});
afterEach(() => core.dispose());

/** 44 contacts over the last days, as a desk in its first week logs them. */
async function logFirstWeek() {
  for (let i = 0; i < 44; i++) {
    const occurredAt = new Date(core.clock.now - (i % 8) * DAY - 60_000).toISOString();
    await core.client.logContact({
      topicIds: [catalog.topics[i % 5]!.id],
      languageId: catalog.languages[0]!.id,
      channel: 'in_person',
      asker: 'citizen',
      occurredAt,
    });
  }
}

const thisMonth = () => core.client.getReport({ from: '2026-03-01', to: '2026-03-10' });

describe('the first-visit setup', () => {
  it('a new database: the setup is pending, and the headline says so instead of "44 Kontakte in 67 Monaten"', async () => {
    expect(catalog.settings).toMatchObject({ setupConfirmedAt: '', openingDate: '2021-06-01' });
    await logFirstWeek();
    for (const publication of [false, true]) {
      const report = await core.client.getReport({ from: '2026-03-01', to: '2026-03-10', publication });
      expect(report.site.setupPending).toBe(true);
      expect(report.headline).toMatchObject({ pending: true, sinceOpening: { from: '2021-06-01', total: null } });
      expect(report.headline.de).toMatch(/^Eröffnungsdatum noch nicht bestätigt/);
      expect(report.headline.en).toMatch(/^Opening date not confirmed yet/);
      expect(report.headline.de).not.toMatch(/\d+ Kontakte|Monaten/);
    }
    // The figures of the period themselves are there as ever.
    expect((await thisMonth()).total).toBe(44);
    // The CSV export says the same as the screen.
    const csv = await core.client.exportReport({ period: { from: '2026-03-01', to: '2026-03-10' }, format: 'report-csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('Eröffnungsdatum noch nicht bestätigt');
    expect(text).not.toMatch(/in 5\d Monaten/);
  });

  it('confirming with the site’s own opening date: the headline counts from it; the setup is stored with its time and audited', async () => {
    await logFirstWeek();
    core.clock.advance(60_000);
    const change = await core.client.updateSettings({
      siteName: 'Sozial-Info Graz',
      openingDate: '2026-03-02',
      openingHours: [{ weekday: 1, startHour: 9, endHour: 13 }],
      confirmSetup: true,
    });
    const confirmedAt = new Date(core.clock.now).toISOString();
    expect(change.settings).toMatchObject({
      siteName: 'Sozial-Info Graz',
      openingDate: '2026-03-02',
      timeZone: 'Europe/Vienna',
      setupConfirmedAt: confirmedAt,
    });
    expect((await core.client.getCatalog({})).settings.setupConfirmedAt).toBe(confirmedAt);

    const report = await thisMonth();
    expect(report.site).toMatchObject({ name: 'Sozial-Info Graz', openingDate: '2026-03-02', setupPending: false });
    expect(report.headline.pending).toBeUndefined();
    expect(report.headline.sinceOpening).toEqual({ from: '2026-03-02', total: 44, months: 1 });
    expect(report.headline.de).toBe('Seit der Eröffnung am 2. März 2026: 44 Kontakte in 1 Monat');
    expect(report.headline.en).toBe('Since opening on 2 March 2026: 44 contacts in 1 month');

    const audited = await queryRows(core.database.db, "select field, new_value from audit_log where entity = 'settings' order by id");
    expect(audited.map((r) => r.field)).toEqual(['siteName', 'openingDate', 'openingHours', 'setupConfirmedAt']);
    expect(audited[3]!.new_value).toBe(JSON.stringify(confirmedAt));
  });

  it('confirming only the current settings works too; a later change keeps the first confirmation and moves the headline', async () => {
    await logFirstWeek();
    await core.client.updateSettings({ confirmSetup: true });
    const first = (await core.client.getCatalog({})).settings.setupConfirmedAt;
    expect(first).not.toBe('');
    // The preset date, now confirmed: 58 months from June 2021 to March 2026.
    expect((await thisMonth()).headline.de).toBe('Seit der Eröffnung am 1. Juni 2021: 44 Kontakte in 58 Monaten');

    core.clock.advance(5 * 60_000);
    await core.client.updateSettings({ openingDate: '2026-03-05', confirmSetup: true });
    expect((await core.client.getCatalog({})).settings.setupConfirmedAt).toBe(first);
    const after = await core.client.getReport({ from: '2026-03-01', to: '2026-03-10' });
    expect(after.headline.sinceOpening.from).toBe('2026-03-05');
    expect(after.headline.sinceOpening.total).toBeLessThan(44);
  });

  it('a dry run with confirmSetup says what it would store and writes nothing', async () => {
    const before = await snapshotCore(core);
    const dry = await core.client.updateSettings({ openingDate: '2026-03-02', confirmSetup: true, dryRun: true });
    expect(dry.settings).toMatchObject({ openingDate: '2026-03-02', setupConfirmedAt: new Date(core.clock.now).toISOString() });
    expect(await snapshotCore(core)).toEqual(before);
    expect((await thisMonth()).site.setupPending).toBe(true);
  });

  it('refuses confirmSetup other than true, and an opening date before 2000, changing nothing', async () => {
    const before = await snapshotCore(core);
    expect((await refusal(core.client.updateSettings({ confirmSetup: false } as never))).body).toMatchObject({ code: 'invalid_input', field: 'confirmSetup' });
    expect((await refusal(core.client.updateSettings({ openingDate: '1999-12-31', confirmSetup: true }))).body).toMatchObject({
      code: 'invalid_input',
      field: 'openingDate',
    });
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('setupConfirmedAt cannot be set directly: only confirming sets it, with the core’s clock', async () => {
    const err = await refusal(core.client.updateSettings({ setupConfirmedAt: '2020-01-01T00:00:00.000Z' } as never));
    expect(err.body).toMatchObject({ code: 'invalid_input' });
  });
});
