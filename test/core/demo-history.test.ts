import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../core/app/data-location';
import { openAppCore } from '../../core/app/open-app-core';
import { DEMO_OPEN_HOURS } from '../../core/demo/demo-profile';
import { sqliteHandle } from '../../core/db/database-handle';
import { clientsOf } from '../support/temp-core';

// The demo is generated up to "yesterday"; pin today to 1 Mar 2022: the first eight months, then the first theme-day month.
const TODAY = Date.parse('2022-03-01T10:00:00Z');

describe('demo database', () => {
  let dataDir: string;
  let rows: { local_day: string; local_weekday: number; local_hour: number; asker: string; channel: string; voided_at: number | null }[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-demo-'));
    const core = await openAppCore({ dataDir, demo: true, now: () => TODAY });
    rows = sqliteHandle(core.database)
      .sqlite.prepare('select local_day, local_weekday, local_hour, asker, channel, voided_at from contacts')
      .all() as typeof rows;
    await core.close();
  }, 60_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lives in its own file, beside an untouched real database', async () => {
    const real = await openAppCore({ dataDir, now: () => TODAY });
    const n = (sqliteHandle(real.database).sqlite.prepare('select count(*) n from contacts').get() as { n: number }).n;
    await real.close();
    expect(n).toBe(0);
    expect(databaseFile(dataDir, true)).not.toBe(databaseFile(dataDir, false));
  });

  it('has over 6,000 counting contacts from 1 June 2021 to the end of January 2022, and none from today on', () => {
    const counting = rows.filter((r) => r.voided_at === null && r.local_day < '2022-02-01');
    expect(counting.length).toBeGreaterThan(6000);
    expect(counting.length).toBeLessThan(8000);
    expect(rows.every((r) => r.local_day >= '2021-06-01' && r.local_day < '2022-03-01')).toBe(true);
  });

  it('falls only in the open hours, busiest in the first hour, about two thirds citizens, mostly in person', () => {
    for (const r of rows) {
      const open = DEMO_OPEN_HOURS[r.local_weekday];
      expect(open, `${r.local_day} weekday ${r.local_weekday}`).toBeDefined();
      expect(r.local_hour).toBeGreaterThanOrEqual(open![0]);
      expect(r.local_hour).toBeLessThan(open![1]);
    }
    const firstHour = rows.filter((r) => r.local_hour === DEMO_OPEN_HOURS[r.local_weekday]![0]).length;
    const lastHour = rows.filter((r) => r.local_hour === DEMO_OPEN_HOURS[r.local_weekday]![1] - 1).length;
    expect(firstHour).toBeGreaterThan(lastHour);
    const citizens = rows.filter((r) => r.asker === 'citizen').length / rows.length;
    expect(citizens).toBeGreaterThan(0.6);
    expect(citizens).toBeLessThan(0.73);
    expect(rows.filter((r) => r.channel === 'in_person').length / rows.length).toBeGreaterThan(0.5);
  });

  it('has the two weekly theme days from February 2022, busier per open hour than ordinary days', async () => {
    const core = await openAppCore({ dataDir, demo: true, now: () => TODAY });
    try {
      const report = await core.handlers.getReport({ from: '2022-02-01', to: '2022-02-28', publication: false });
      expect(report.themeDays.map((t) => t.title).sort()).toEqual(['Flucht und Migration', 'Sprechstunde StoP']);
      const migration = report.themeDays.find((t) => t.title === 'Flucht und Migration')!;
      expect(migration.organisation).toBe('ZEBRA');
      expect(migration.contacts).toBeGreaterThan(0);
      expect(migration.ratio).toBeGreaterThan(1);
    } finally {
      await core.close();
    }
  });

  it('has no contacts on public holidays or in its Christmas break, which its closure calendar holds', async () => {
    for (const day of ['2021-06-03', '2021-10-26', '2021-11-01', '2021-12-08', '2021-12-27', '2022-01-05']) {
      expect(
        rows.filter((r) => r.local_day === day),
        day,
      ).toEqual([]);
    }
    const core = await openAppCore({ dataDir, demo: true, now: () => TODAY });
    try {
      const { client } = await clientsOf(core);
      expect((await client.listClosures({})).closures.map((c) => [c.from, c.to, c.note])).toEqual([
        ['2022-12-24', '2023-01-06', 'Weihnachtspause'],
        ['2021-12-24', '2022-01-06', 'Weihnachtspause'],
      ]);
      // December 2021: Mariä Empfängnis (Wed 8), then Christmas Eve to Thursday 30 (Fri 31 has no opening hours).
      const december = await client.getReport({ from: '2021-12-01', to: '2021-12-31' });
      expect(december.openHours.closed.map((c) => c.day)).toEqual(['2021-12-08', '2021-12-27', '2021-12-28', '2021-12-29', '2021-12-30']);
    } finally {
      await core.close();
    }
  });

  it('is a site set up long ago: no first-visit setup, its headline counts from 1 June 2021 (also in a demo file from before the setup existed)', async () => {
    const headlineOf = async () => {
      const core = await openAppCore({ dataDir, demo: true, now: () => TODAY });
      try {
        const { client } = await clientsOf(core);
        const { settings } = await client.getCatalog({});
        const report = await client.getReport({ from: '2021-06-01', to: '2022-01-31' });
        return { confirmed: settings.setupConfirmedAt !== '', site: report.site, headline: report.headline };
      } finally {
        await core.close();
      }
    };
    const first = await headlineOf();
    expect(first.confirmed).toBe(true);
    expect(first.site).toMatchObject({ openingDate: '2021-06-01', setupPending: false });
    // The README quotes this headline (section "Reports"): the demo is random but fixed.
    expect(first.headline.de).toBe('Seit der Eröffnung am 1. Juni 2021: 6.185 Kontakte in 8 Monaten');

    const old = new Database(databaseFile(dataDir, true));
    old.prepare("delete from settings where key = 'setupConfirmedAt'").run();
    old.close();
    const again = await headlineOf();
    expect(again.confirmed).toBe(true);
    expect(again.headline).toEqual(first.headline);
  });

  it('is generated once: reopening the demo adds nothing', async () => {
    const again = await openAppCore({ dataDir, demo: true, now: () => TODAY });
    const n = (sqliteHandle(again.database).sqlite.prepare('select count(*) n from contacts').get() as { n: number }).n;
    await again.close();
    expect(n).toBe(rows.length);
  });

  it('stores consistent links: every contact has a topic, every link points at the catalog', () => {
    const db = new Database(databaseFile(dataDir, true), { readonly: true });
    try {
      const orphans = db.prepare('select count(*) n from contacts c where not exists (select 1 from contact_topics t where t.contact_id = c.id)').get() as {
        n: number;
      };
      expect(orphans.n).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
