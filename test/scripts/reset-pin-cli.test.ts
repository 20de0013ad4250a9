import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../core/app/data-location';
import { openCore } from '../../core/open-core';
import { snapshotDatabase } from '../support/db-snapshot';
import { queryRows } from '../support/sql-rows';
import { runScript } from '../support/run-script';

const resetPin = (args: string[]) => runScript('scripts/reset-pin.ts', args);

describe('npm run reset-pin', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-reset-pin-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  // Four runs of the command, each its own Node process: slow on a busy 2-core machine.
  it('removes a forgotten PIN, audited, so the next visit sets a new one; contacts and settings stay', { timeout: 60_000 }, async () => {
    const file = databaseFile(dataDir, false);
    const core = await openCore({ file });
    await core.handlers.setManagementPin({ pin: '8642' });
    const catalog = await core.handlers.getCatalog({});
    await core.handlers.logContact({
      topicIds: [catalog.topics[0]!.id],
      languageId: catalog.languages[0]!.id,
      channel: 'phone',
      asker: 'citizen',
      referralIds: [],
      count: 1,
    });
    const contactsBefore = (await snapshotDatabase(core.database.db)).contacts;
    await core.close();

    const run = await resetPin(['--data', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^PIN removed from .+kontaktdesk\.sqlite\. The next visit/);
    expect(run.code).toBe(0);

    const after = await openCore({ file });
    try {
      expect(await after.handlers.getManagementStatus({})).toMatchObject({ pinSet: false });
      expect((await snapshotDatabase(after.database.db)).contacts).toEqual(contactsBefore);
      expect(await queryRows(after.database.db, "select action from audit_log where field = 'pin' order by id")).toEqual([
        { action: 'create' },
        { action: 'void' },
      ]);
      await after.handlers.setManagementPin({ pin: '1357' });
    } finally {
      await after.close();
    }
    expect((await resetPin(['--data', dataDir])).stdout).toMatch(/^PIN removed/);
    expect((await resetPin(['--data', dataDir])).stdout).toMatch(/^No PIN was set/);
  });

  it('refuses a folder without a database instead of creating one', async () => {
    const run = await resetPin(['--data', join(dataDir, 'nowhere')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no database at .+nowhere/);
  });

  it('on a PC set to a PostgreSQL database (variable or database-url file) refuses like the app does, leaving the old file alone', async () => {
    const file = databaseFile(dataDir, false);
    const core = await openCore({ file });
    await core.handlers.setManagementPin({ pin: '8642' });
    await core.close();
    const before = readFileSync(file);
    const url = 'postgres://kd:Zq8-secret-Wv3@127.0.0.1:1/kd';

    const byVariable = await runScript('scripts/reset-pin.ts', ['--data', dataDir], undefined, { KONTAKTDESK_DATABASE_URL: url });
    expect(byVariable.code).toBe(2);
    expect(byVariable.stderr).toMatch(
      /^reset-pin: resetting the PIN works on this PC's database file, not on a PostgreSQL database \(set by KONTAKTDESK_DATABASE_URL\); there whoever runs the server deletes the row management_pin_hash/,
    );
    writeFileSync(join(dataDir, 'database-url'), url, { mode: 0o600 });
    const byFile = await resetPin(['--data', dataDir]);
    expect(byFile.code).toBe(2);
    expect(byFile.stderr).toContain(`(set by ${join(dataDir, 'database-url')})`);
    for (const run of [byVariable, byFile]) expect(run.stdout + run.stderr).not.toContain('Zq8-secret-Wv3');
    expect(readFileSync(file)).toEqual(before);
  });

  it('refuses unknown options with the usage text', async () => {
    const run = await resetPin(['--pin', '1234']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: npm run reset-pin/);
  });
});
