import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../core/app/data-location';
import { openCore } from '../../core/open-core';
import { copiedPart, snapshotDatabase } from '../support/db-snapshot';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { runScript } from '../support/run-script';
import { execute, queryValue } from '../support/sql-rows';
import { clientsOf } from '../support/temp-core';
import { createTestPostgresDatabase } from '../support/test-database';

const TODAY = Date.parse('2026-11-20T10:00:00Z');
const move = (args: string[]) => runScript('scripts/move-to-postgres.ts', args);
/** What must arrive unchanged: everything but the target's own migration log; rollups are recounted there, so a count a void left at 0 is gone. */
const comparable = (snapshot: Record<string, unknown[]>) => {
  // Each database counts its own cache-relevant writes; the move's inserts raise the target's.
  // Management sessions and the wrong-PIN back-off belong to the running site and stay behind.
  const rest = copiedPart(snapshot);
  for (const rollup of ['rollup_daily', 'rollup_hourly']) rest[rollup] = rest[rollup]!.filter((row) => (row as { n: number }).n !== 0);
  return rest;
};

/**
 * A site's SQLite file with fourteen months of contacts of every kind (topics, referrals, languages,
 * channels, desks, hours, batches, a theme day), an organisation merged into another, imported monthly
 * counts, a voided contact and a PIN: every table and column the move must carry.
 */
async function siteDatabase(dataDir: string): Promise<void> {
  const core = await openCore({ file: databaseFile(dataDir, false), now: () => TODAY });
  try {
    const { client } = await clientsOf(core);
    const catalog = await client.getCatalog({});
    const [first, second, third] = catalog.organisations;
    await client.saveThemeDay({ themeDay: { title: 'Wohnberatung', organisationId: third!.id, kind: 'weekly', weekday: 3, startHour: 9, endHour: 12 } });
    // A closure over days with contacts' slots: every month's open hours must come out the same after the move.
    await client.saveClosure({ from: '2025-12-22', to: '2026-01-06', note: 'Weihnachtspause' });
    await client.saveSavedView({
      name: 'Monatsbericht',
      period: { kind: 'lastMonth' },
      filters: [{ dimension: 'channel', values: ['phone'] }],
      sections: ['topics'],
    });
    const channels = ['in_person', 'phone', 'email'] as const;
    let i = 0;
    for (let month = 0; month < 14; month++) {
      const day = new Date(Date.UTC(2025, 9 + month, 1 + (month % 20)));
      for (const hour of [8, 10, 13]) {
        i++;
        await client.logContact({
          requestId: randomUUID(),
          topicIds: [catalog.topics[i % catalog.topics.length]!.id, ...(i % 3 === 0 ? [catalog.topics[(i + 1) % catalog.topics.length]!.id] : [])],
          referralIds: i % 2 === 0 ? [first!.id, second!.id] : [third!.id],
          languageId: catalog.languages[i % catalog.languages.length]!.id,
          channel: channels[i % 3]!,
          asker: i % 4 === 0 ? 'organisation' : 'citizen',
          occurredAt: new Date(day.getTime() + hour * 3_600_000).toISOString(),
          count: 1 + (i % 5),
        });
      }
    }
    await client.mergeCatalogEntries({ kind: 'organisation', sourceId: second!.id, targetId: first!.id });
    // Topic groups, one merged into the other (a self-reference the move writes after the rows).
    const group = (labelDe: string, topics: number[]) =>
      client.saveCatalogEntry({ kind: 'topicGroup', labelDe, labelEn: labelDe, topicIds: topics.map((t) => catalog.topics[t]!.id) });
    const livelihood = (await group('Existenzsicherung', [0, 2])).entry.id;
    const debt = (await group('Schulden', [4])).entry.id;
    await client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: debt, targetId: livelihood });
    await group('Gesundheit & Pflege', [3, 6]);
    const monthly = csvBytes([MONTHLY_HEADER, ['2025-01', catalog.topics[0]!.labelDe, '40'], ['2025-02', catalog.topics[1]!.labelDe, '12']]);
    await client.commitImport(importInput('monatswerte.csv', monthly));
    const logged = await client.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'phone', asker: 'citizen' });
    await client.voidContact({ contactId: logged.contact.id, reason: 'wrong_entry' });
    await client.setManagementPin({ pin: '2468' });
  } finally {
    await core.close();
  }
}

describe('npm run move-to-postgres', () => {
  let dataDir: string;
  let target: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
  let sourceSnapshot: Record<string, unknown[]>;
  let run: Awaited<ReturnType<typeof move>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-move-'));
    await siteDatabase(dataDir);
    const source = await openCore({ file: databaseFile(dataDir, false), now: () => TODAY });
    sourceSnapshot = await snapshotDatabase(source.database.db);
    await source.close();
    target = await createTestPostgresDatabase();
    run = await move(['--data', dataDir, '--to', target.url]);
  }, 120_000);
  afterAll(async () => {
    await target?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every row of every table and says which months it compared', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sourceSnapshot.contacts!.length).toBeGreaterThan(100);
    expect(sourceSnapshot.theme_days!.length).toBe(1);
    expect(sourceSnapshot.imported_monthly!.length).toBe(2);
    expect(sourceSnapshot.topic_groups!.map((g) => (g as { merged_into: number | null }).merged_into)).toEqual([null, 1, null]);
    expect(sourceSnapshot.topic_group_members!.length).toBe(5);
    // Record keys are random per contact, and arrive unchanged with their rows (compared below, with the rollups' key sums).
    const keys = sourceSnapshot.contacts!.map((c) => (c as { record_key: number }).record_key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sourceSnapshot.closures).toEqual([{ id: 1, first_day: '2025-12-22', last_day: '2026-01-06', note: 'Weihnachtspause', kind: 'closed' }]);
    expect(sourceSnapshot.saved_views).toMatchObject([{ id: 1, name: 'Monatsbericht', publication: 0 }]);
    expect(run.stdout).toMatch(/Report figures equal for all 23 months \(2025-01 to 2026-11\)/);
    const core = await openCore({ postgres: target.url, now: () => TODAY });
    try {
      expect(core.database.dialect).toBe('postgres');
      expect(comparable(await snapshotDatabase(core.database.db))).toEqual(comparable(sourceSnapshot));
    } finally {
      await core.close();
    }
  });

  it('the moved database works: the PIN still opens management, a new contact continues the ids and counts in the report', async () => {
    const core = await openCore({ postgres: target.url, now: () => TODAY });
    try {
      const maxId = Number(await queryValue(core.database.db, 'select max(id) from contacts'));
      expect(await (await clientsOf(core)).deskClient.unlockManagement({ pin: '2468' })).toMatchObject({ session: expect.any(String) });
      const { client } = await clientsOf(core);
      const before = await client.getReport({ from: '2026-11-01', to: '2026-11-30' });
      const catalog = await client.getCatalog({});
      const logged = await client.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'email', asker: 'citizen' });
      expect(logged.contact.id).toBe(maxId + 1);
      const after = await client.getReport({ from: '2026-11-01', to: '2026-11-30' });
      expect(after.total).toBe(before.total! + 1);
      expect((await client.saveClosure({ from: '2026-12-24', to: '2026-12-24', note: 'Heiliger Abend' })).id).toBe(2);
      expect((await client.listSavedViews({})).map((v) => [v.id, v.name, v.filters])).toEqual([
        [1, 'Monatsbericht', [{ dimension: 'channel', values: ['phone'], exclude: false }]],
      ]);
      expect((await client.saveSavedView({ name: 'Jahresbericht', period: { kind: 'lastYear' }, sections: ['monthly'] })).id).toBe(2);
    } finally {
      await core.close();
    }
  });

  it('refuses a target that already holds data, and writes nothing into it', async () => {
    const core = await openCore({ postgres: target.url, now: () => TODAY });
    const before = await snapshotDatabase(core.database.db);
    await core.close();
    const again = await move(['--data', dataDir, '--to', target.url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty \(.*contacts.*\); the move only writes into an empty database/);
    const reopened = await openCore({ postgres: target.url, now: () => TODAY });
    try {
      expect(await snapshotDatabase(reopened.database.db)).toEqual(before);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a database that holds tables of another program', async () => {
    const other = await createTestPostgresDatabase();
    try {
      const core = await openCore({ postgres: other.url, now: () => TODAY });
      await execute(core.database.db, 'create table invoices (id integer primary key)');
      await core.close();
      const refused = await move(['--data', dataDir, '--to', other.url]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/not empty \(.*invoices.*\)/);
    } finally {
      await other.drop();
    }
  });

  it('refuses a SQLite file with a table the table registry does not know, before it copies a row', async () => {
    const odd = mkdtempSync(join(tmpdir(), 'kontaktdesk-move-odd-'));
    const other = await createTestPostgresDatabase();
    try {
      const core = await openCore({ file: databaseFile(odd, false), now: () => TODAY });
      const { client } = await clientsOf(core);
      const catalog = await client.getCatalog({});
      await client.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'phone', asker: 'citizen' });
      await execute(core.database.db, 'create table invoices (id integer primary key)');
      await core.close();
      const refused = await move(['--data', odd, '--to', other.url]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/the SQLite database has tables this move does not know \(invoices\); nothing was written/);
      const reopened = await openCore({ postgres: other.url, now: () => TODAY });
      try {
        // The source's contact did not arrive: the refusal came before the first row was copied.
        expect(Number(await queryValue(reopened.database.db, 'select count(*) from contacts'))).toBe(0);
      } finally {
        await reopened.close();
      }
    } finally {
      await other.drop();
      rmSync(odd, { recursive: true, force: true });
    }
  });

  it('stops with the month and the figure when a report differs, so a broken copy is never taken for a good one', async () => {
    // A SQLite file whose stored rollup disagrees with its contacts: the target recounts from the contacts.
    const broken = mkdtempSync(join(tmpdir(), 'kontaktdesk-move-broken-'));
    const other = await createTestPostgresDatabase();
    try {
      await siteDatabase(broken);
      const core = await openCore({ file: databaseFile(broken, false), now: () => TODAY });
      await execute(
        core.database.db,
        "update rollup_daily set n = n + 3 where dimension = 'desk' and day = (select min(day) from rollup_daily where day like '2026-03-%')",
      );
      await core.close();
      const result = await move(['--data', broken, '--to', other.url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/the report for 2026-03 differs after the move \(total: /);
    } finally {
      await other.drop();
      rmSync(broken, { recursive: true, force: true });
    }
  }, 120_000);

  it('stops when only the published figures differ: a stored key sum that disagrees with its contacts’ record keys', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'kontaktdesk-move-keys-'));
    const other = await createTestPostgresDatabase();
    try {
      await siteDatabase(broken);
      const core = await openCore({ file: databaseFile(broken, false), now: () => TODAY });
      // Half the key range on: every cell of five or more contacts falls into another deviation of the table.
      await execute(
        core.database.db,
        "update rollup_daily set key_sum = (key_sum + 2147483648) % 4294967296 where dimension = 'desk' and day like '2026-03-%'",
      );
      await core.close();
      const result = await move(['--data', broken, '--to', other.url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/the report for 2026-03 \(as published\) differs after the move \(total: /);
    } finally {
      await other.drop();
      rmSync(broken, { recursive: true, force: true });
    }
  }, 120_000);

  it('says what is wrong with its arguments', async () => {
    expect((await move(['--data', dataDir])).stderr).toMatch(/--to needs a postgres:\/\/ URL/);
    const missing = await move(['--data', join(dataDir, 'nowhere'), '--to', target.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no database at .*nowhere/);
  });
});
