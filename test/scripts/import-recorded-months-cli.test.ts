import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../core/open-core';
import { snapshotDatabase } from '../support/db-snapshot';
import { csvBytes, MONTHLY_HEADER } from '../support/import-files';
import { runScript } from '../support/run-script';

/** `npm run import` of monthly counts for a month that already holds recorded contacts: refused unless --add-to-recorded-months. */
let dir: string;
const database = () => join(dir, 'kontaktdesk.sqlite');

async function snapshot() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(database(), { readonly: true }) }) });
  try {
    return await snapshotDatabase(db);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-import-recorded-'));
  const core = await openCore({ file: database() });
  const catalog = await core.handlers.getCatalog({});
  const wohnen = catalog.topics.find((t) => t.labelDe === 'Wohnen')!.id;
  for (const occurredAt of ['2021-09-06T08:00:00Z', '2021-09-07T09:30:00Z', '2021-09-20T12:00:00Z']) {
    await core.handlers.logContact({
      topicIds: [wohnen],
      languageId: catalog.languages[0]!.id,
      channel: 'in_person',
      asker: 'citizen',
      occurredAt,
      referralIds: [],
      count: 1,
    });
  }
  await core.close();
  writeFileSync(join(dir, 'tallies.csv'), csvBytes([MONTHLY_HEADER, ['2021-08', 'Arbeit', '12'], ['2021-09', 'Arbeit', '20'], ['2021-09', 'Wohnen', '4']]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run import: months that already hold recorded contacts', { timeout: 60_000 }, () => {
  it('lists the month with both figures, exits 1 and writes nothing; --add-to-recorded-months imports it', async () => {
    const before = await snapshot();
    for (const dry of [['--dry-run'], []]) {
      const run = await runScript('scripts/import.ts', ['--data', dir, ...dry, join(dir, 'tallies.csv')]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('  2021-09 already holds 3 recorded contacts; the file adds 24');
      expect(run.stderr).toContain('import: 2021-09 already holds recorded contacts');
      expect(run.stderr).toContain('--add-to-recorded-months');
      expect(run.stderr).toContain('nothing was imported');
      expect(await snapshot()).toEqual(before);
    }

    const dry = await runScript('scripts/import.ts', ['--data', dir, '--dry-run', '--add-to-recorded-months', join(dir, 'tallies.csv')]);
    expect(dry.code).toBe(0);
    expect(await snapshot()).toEqual(before);
    const run = await runScript('scripts/import.ts', ['--data', dir, '--add-to-recorded-months', join(dir, 'tallies.csv')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('imported 36 contacts from 3 rows');
    const core = await openCore({ file: database() });
    try {
      const report = await core.handlers.getReport({ from: '2021-08-01', to: '2021-09-30' } as never);
      expect(report.monthly.map((m) => [m.month, m.n, m.imported])).toEqual([
        ['2021-08', 12, 12],
        ['2021-09', 27, 24],
      ]);
    } finally {
      await core.close();
    }
  });
});
