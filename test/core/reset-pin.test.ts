import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../core/open-core';
import { clearManagementPin } from '../../core/management/reset-pin';
import { pinResetMessage, resetPinOfFile } from '../../core/app/pin-reset';
import { openTempCore, type TempCore } from '../support/temp-core';
import { queryRows } from '../support/sql-rows';
import { dispatch } from '../../core/api/dispatch';
import { FREE_ATTEMPTS } from '../../core/management/management-gate';
import { refusal } from '../support/refusal';
import { openSecondCore } from '../support/second-core';

/** The logic `npm run reset-pin` and the installed app's `--reset-pin` switch share. */
describe('resetting a forgotten management PIN', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore();
  });
  afterEach(() => core.dispose());

  it('removes the PIN and nothing else, audited as a reset; a second reset finds none', async () => {
    await core.handlers.setManagementPin({ pin: '8642' });
    const settingsBefore = (await core.handlers.getCatalog({})).settings;
    expect(await clearManagementPin(core.database.db, core.clock.now)).toBe(true);
    expect(await core.handlers.getManagementStatus({})).toMatchObject({ pinSet: false });
    expect((await core.handlers.getCatalog({})).settings).toEqual(settingsBefore);
    expect(await queryRows(core.database.db, "select action, entity, field from audit_log where field = 'pin' order by id")).toEqual([
      { action: 'create', entity: 'settings', field: 'pin' },
      { action: 'void', entity: 'settings', field: 'pin' },
    ]);
    expect(await clearManagementPin(core.database.db, core.clock.now)).toBe(false);
    expect(await queryRows(core.database.db, "select count(*) as n from audit_log where field = 'pin'")).toEqual([{ n: 2 }]);
  });

  it('ends every open management session on every process on the database, and wrong PINs count from nothing again', async () => {
    const { session: here } = await core.deskClient.setManagementPin({ pin: '8642' });
    const second = await openSecondCore(core);
    try {
      const { session: there } = await second.deskClient.unlockManagement({ pin: '8642' });
      for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await refusal(second.deskClient.unlockManagement({ pin: '0000' }))).body.code).toBe('forbidden');
      expect((await refusal(core.deskClient.unlockManagement({ pin: '8642' }))).body.code).toBe('rate_limited');

      expect(await clearManagementPin(core.database.db, core.clock.now)).toBe(true);

      for (const [process, session] of [
        [core, here],
        [core, there],
        [second, there],
        [second, here],
      ] as const) {
        expect((await dispatch(process.api, 'getReport', { from: '2026-03-01', to: '2026-03-31' }, { session })).ok).toBe(false);
        expect(await process.handlers.getManagementStatus({}, { session })).toEqual({
          pinSet: false,
          unlocked: false,
          autoLockMinutes: 10,
          retryAfterSeconds: 0,
        });
      }
      expect(await queryRows(core.database.db, 'select count(*) as n from management_sessions')).toEqual([{ n: 0 }]);
      // The next visit sets a new PIN and unlocks with it at once, without waiting out the old back-off.
      await second.deskClient.setManagementPin({ pin: '1357' });
      expect(await core.deskClient.unlockManagement({ pin: '1357' })).toHaveProperty('session');
    } finally {
      await second.close();
    }
  });
});

describe('resetting the PIN of a database file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-reset-pin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the file, removes the PIN and closes it again; says so in the words both tools print', async () => {
    const file = join(dir, 'kontaktdesk.sqlite');
    const setUp = await openCore({ file });
    await setUp.handlers.setManagementPin({ pin: '8642' });
    await setUp.close();

    const reset = await resetPinOfFile(file);
    expect(reset).toEqual({ outcome: 'removed', file });
    expect(pinResetMessage(reset)).toEqual({ text: `PIN removed from ${file}. The next visit to the management area sets a new one.`, exitCode: 0 });
    const again = await resetPinOfFile(file);
    expect(pinResetMessage(again)).toEqual({ text: `No PIN was set in ${file}.`, exitCode: 0 });

    // Closed: the file can be opened again and the next visit sets a new PIN.
    const after = await openCore({ file });
    try {
      expect(await after.handlers.getManagementStatus({})).toMatchObject({ pinSet: false });
    } finally {
      await after.close();
    }
  });

  it('never creates a database where there is none (a mistyped folder)', async () => {
    const file = join(dir, 'nowhere', 'kontaktdesk.sqlite');
    const reset = await resetPinOfFile(file);
    expect(reset).toEqual({ outcome: 'noDatabase', file });
    expect(pinResetMessage(reset)).toMatchObject({ text: expect.stringMatching(/^no database at .+nowhere/), exitCode: 2 });
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('a file that is not a database is reported and left as it was, byte for byte', async () => {
    const file = join(dir, 'kontaktdesk.sqlite');
    writeFileSync(file, 'not a database, just text\n');
    const before = readFileSync(file);
    const reset = await resetPinOfFile(file);
    expect(reset).toMatchObject({ outcome: 'cannotOpen', file });
    expect(pinResetMessage(reset)).toMatchObject({ text: expect.stringMatching(/^cannot open .+kontaktdesk\.sqlite: /), exitCode: 1 });
    expect(readFileSync(file)).toEqual(before);
  });
});
