import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ClientError, createClient } from '../../core/api/client';
import { isManagementMethod, type Client } from '../../core/api/contract';
import { methodNames, type MethodName } from '../../core/base/method-names';
import { FIRST_LOCKOUT_MS, FREE_ATTEMPTS } from '../../core/management/management-gate';
import { openCore } from '../../core/open-core';
import { httpTransport } from '../../renderer/api/http-transport';
import { startHttpServer, type RunningServer } from '../../server/http-server';
import { snapshotDatabase } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { TRANSPORTS, type OpenTransport } from './transports';

const PIN = '7531';
const MINUTE = 60_000;
const managementMethods = methodNames.filter(isManagementMethod);

/** Where a temp core's data lives, to open it again: its SQLite file, or its database on the run's PostgreSQL server. */
function sameDatabase(core: TempCore): { file: string } | { postgres: string } {
  if (core.database.dialect === 'sqlite') return { file: core.file };
  // The label masks any password: take the server's URL and put this core's database in it.
  const url = new URL(inject('postgresUrl'));
  url.pathname = new URL(core.database.label).pathname;
  return { postgres: url.toString() };
}

const call = (client: Client, method: MethodName, input: unknown) => (client[method] as (input: unknown) => Promise<unknown>)(input);

it('the management area covers reports, exports, theme days and settings, and never the desk', () => {
  expect(managementMethods).toEqual(expect.arrayContaining(['getReport', 'exportReport', 'saveThemeDay', 'retireThemeDay', 'updateSettings']));
  for (const desk of [
    'getCatalog',
    'logContact',
    'amendContact',
    'undoContact',
    'voidContact',
    'listDay',
    'getManagementStatus',
    'unlockManagement',
    'setManagementPin',
    'lockManagement',
  ] as const) {
    expect(managementMethods).not.toContain(desk);
  }
});

for (const transportUnderTest of TRANSPORTS) {
  describe(`management PIN over ${transportUnderTest.name}`, () => {
    let core: TempCore;
    let open: OpenTransport;
    /** What this test's tab holds; starts empty like a fresh browser tab. */
    let session: string | undefined;
    let tab: Client;
    const anonymous = () => createClient(open.transport);
    const as = (s: string | undefined) => createClient(open.transport, () => s);
    const snapshot = () => snapshotDatabase(core.database.db);

    beforeEach(async () => {
      core = await openTempCore();
      session = undefined;
      open = await transportUnderTest.open(core.api, () => session);
      tab = open.client;
    });

    afterEach(async () => {
      await open.close();
      await core.dispose();
    });

    it.each(managementMethods)('%s is refused as locked without a session and changes nothing', async (method) => {
      const before = await snapshot();
      for (const holder of [undefined, 'not-a-session', core.session.slice(0, -2) + 'xx']) {
        const err = await refusal(call(as(holder), method, {}));
        expect(err.body).toEqual({ code: 'locked', message: expect.stringMatching(/locked/) });
      }
      expect(await snapshot()).toEqual(before);
      // The same call from an unlocked session gets past the gate (to validation or a result).
      const passed = await call(as(core.session), method, {}).then(
        () => 'ok',
        (err: ClientError) => err.body.code,
      );
      expect(passed).not.toBe('locked');
    });

    it('the first visit sets the PIN, stored only as a scrypt hash; no method hands the hash out', async () => {
      expect(await tab.getManagementStatus({})).toEqual({ pinSet: false, unlocked: false, autoLockMinutes: 10, retryAfterSeconds: 0 });
      ({ session } = await tab.setManagementPin({ pin: PIN }));
      expect(await tab.getManagementStatus({})).toMatchObject({ pinSet: true, unlocked: true });
      const rows = await queryRows<{ key: string; value: string }>(core.database.db, 'select key, value from settings');
      const hash = rows.find((r) => r.key === 'management_pin_hash')!.value;
      expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(JSON.stringify(rows.filter((r) => r.key !== 'management_pin_hash'))).not.toContain(PIN);
      expect(JSON.stringify(await tab.getCatalog({}))).not.toContain(hash.split('$')[5]!);
      // Once set, nobody sets it again without the session and the current PIN.
      const err = await refusal(anonymous().setManagementPin({ pin: '1111' }));
      expect(err.body.code).toBe('locked');
    });

    it('an unlock opens only the tab that unlocked: another tab or device stays locked', async () => {
      ({ session } = await tab.setManagementPin({ pin: PIN }));
      await tab.getReport({ from: '2026-03-01', to: '2026-03-31' });
      const otherDevice = anonymous();
      expect(await otherDevice.getManagementStatus({})).toMatchObject({ unlocked: false });
      expect((await refusal(otherDevice.getReport({ from: '2026-03-01', to: '2026-03-31' }))).body.code).toBe('locked');
      // The other device unlocks with its own session; locking it leaves ours open.
      const { session: theirs } = await otherDevice.unlockManagement({ pin: PIN });
      await as(theirs).lockManagement({});
      expect((await refusal(as(theirs).getReport({ from: '2026-03-01', to: '2026-03-31' }))).body.code).toBe('locked');
      expect(await tab.getReport({ from: '2026-03-01', to: '2026-03-31' })).toHaveProperty('total');
    });

    it('locks itself after the idle minutes; every management call restarts the count', async () => {
      ({ session } = await tab.setManagementPin({ pin: PIN }));
      const month = { from: '2026-03-01', to: '2026-03-31' };
      core.clock.advance(9 * MINUTE);
      await tab.getReport(month);
      core.clock.advance(9 * MINUTE);
      // 18 minutes after unlocking, but 9 after the last call: still open.
      await tab.getReport(month);
      expect(await tab.getManagementStatus({})).toMatchObject({ unlocked: true });
      core.clock.advance(10 * MINUTE + 1);
      expect((await refusal(tab.getReport(month))).body.code).toBe('locked');
      // Status calls do not keep a session alive, and it stays closed.
      expect(await tab.getManagementStatus({})).toMatchObject({ unlocked: false });
      ({ session } = await tab.unlockManagement({ pin: PIN }));
      expect(await tab.getReport(month)).toHaveProperty('total');
    });

    it(`after ${FREE_ATTEMPTS} wrong PINs even the right one waits, and the wait doubles`, async () => {
      await tab.setManagementPin({ pin: PIN });
      for (let i = 0; i < FREE_ATTEMPTS; i++) {
        expect((await refusal(anonymous().unlockManagement({ pin: '0000' }))).body).toMatchObject({ code: 'forbidden', field: 'pin' });
      }
      const before = await snapshot();
      const blocked = await refusal(anonymous().unlockManagement({ pin: PIN }));
      expect(blocked.body).toEqual({ code: 'rate_limited', message: `too many wrong PINs; try again in ${FIRST_LOCKOUT_MS / 1000} s` });
      expect(await anonymous().getManagementStatus({})).toMatchObject({ retryAfterSeconds: FIRST_LOCKOUT_MS / 1000 });
      expect(await snapshot()).toEqual(before);

      core.clock.advance(FIRST_LOCKOUT_MS);
      expect((await refusal(anonymous().unlockManagement({ pin: '0000' }))).body.code).toBe('forbidden');
      expect(await anonymous().getManagementStatus({})).toMatchObject({ retryAfterSeconds: (2 * FIRST_LOCKOUT_MS) / 1000 });
      core.clock.advance(2 * FIRST_LOCKOUT_MS);
      // The right PIN opens and clears the count.
      ({ session } = await anonymous().unlockManagement({ pin: PIN }));
      expect(await tab.getManagementStatus({})).toMatchObject({ unlocked: true, retryAfterSeconds: 0 });
      expect((await refusal(anonymous().unlockManagement({ pin: '0000' }))).body.code).toBe('forbidden');
    });

    it('changing the PIN needs the current one and closes every other session', async () => {
      ({ session } = await tab.setManagementPin({ pin: PIN }));
      const { session: other } = await anonymous().unlockManagement({ pin: PIN });
      expect((await refusal(tab.setManagementPin({ pin: '2468', currentPin: '9999' }))).body).toMatchObject({ code: 'forbidden', field: 'currentPin' });
      ({ session } = await tab.setManagementPin({ pin: '2468', currentPin: PIN }));
      expect(await as(other).getManagementStatus({})).toMatchObject({ unlocked: false });
      expect(await tab.getManagementStatus({})).toMatchObject({ unlocked: true });
      expect((await refusal(anonymous().unlockManagement({ pin: PIN }))).body.code).toBe('forbidden');
      await anonymous().unlockManagement({ pin: '2468' });
      expect(await queryRows(core.database.db, "select action from audit_log where entity = 'settings' and field = 'pin' order by id")).toEqual([
        { action: 'create' },
        { action: 'amend' },
      ]);
    });

    it('two first visits at once set one PIN; the other is told to unlock', async () => {
      const outcomes = await Promise.allSettled([anonymous().setManagementPin({ pin: '1111' }), anonymous().setManagementPin({ pin: '2222' })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as ClientError).body.code).toBe('conflict');
      const winner = outcomes[0]!.status === 'fulfilled' ? '1111' : '2222';
      await anonymous().unlockManagement({ pin: winner });
    });
  });
}

describe('management PIN across a restart', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore();
  });
  afterEach(async () => core.dispose());

  it('a restart keeps open sessions open until their idle limit; locked, replaced and lapsed ones stay locked; the PIN opens', async () => {
    // The sessions live in the database; a window's token lives in that window's memory only.
    const { session: changer } = await core.handlers.setManagementPin({ pin: PIN });
    const { session: replaced } = await core.handlers.unlockManagement({ pin: PIN });
    const { session: renewed } = await core.handlers.setManagementPin({ pin: '2468', currentPin: PIN }, { session: changer });
    const { session: lapsing } = await core.handlers.unlockManagement({ pin: '2468' });
    core.clock.advance(9 * MINUTE);
    const { session: kept } = await core.handlers.unlockManagement({ pin: '2468' });
    const { session: locked } = await core.handlers.unlockManagement({ pin: '2468' });
    await core.handlers.lockManagement({}, { session: locked });
    await core.close();

    const again = await openCore({ ...sameDatabase(core), now: () => core.clock.now });
    let server: RunningServer | undefined;
    try {
      server = await startHttpServer({ api: again.api, port: 0 });
      const report = async (session: string) => {
        const res = await fetch(`${server!.url}api/getReport`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Kontaktdesk-Session': session },
          body: JSON.stringify({ from: '2026-03-01', to: '2026-03-31' }),
        });
        return [res.status, ((await res.json()) as { error?: { code: string } }).error?.code ?? 'ok'];
      };
      expect(await report(kept)).toEqual([200, 'ok']);
      for (const session of [changer, replaced, locked]) expect(await report(session)).toEqual([401, 'locked']);
      // Unused for more than the 10 idle minutes: locked, restart or not.
      core.clock.advance(2 * MINUTE);
      for (const session of [renewed, lapsing]) expect(await report(session)).toEqual([401, 'locked']);
      expect(await report(kept)).toEqual([200, 'ok']);
      expect((await refusal(createClient(httpTransport(server.url)).unlockManagement({ pin: PIN }))).body.code).toBe('forbidden');
      expect(await again.handlers.unlockManagement({ pin: '2468' })).toHaveProperty('session');
    } finally {
      await server?.close();
      await again.close();
    }
  });

  it('over HTTP a locked caller is refused before an import-sized body is read, and nothing changes', async () => {
    const server = await startHttpServer({ api: core.api, port: 0 });
    try {
      const before = await snapshotDatabase(core.database.db);
      const body = JSON.stringify({ fileName: 'alt.csv', contentBase64: Buffer.alloc(3 * 1024 * 1024, 65).toString('base64') });
      const res = await fetch(`${server.url}api/commitImport`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await snapshotDatabase(core.database.db)).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('over HTTP a wrong-PIN lockout answers 429', async () => {
    await core.handlers.setManagementPin({ pin: PIN });
    const server = await startHttpServer({ api: core.api, port: 0 });
    try {
      const unlock = (pin: string) =>
        fetch(`${server.url}api/unlockManagement`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pin }) });
      for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await unlock('0000')).status).toBe(403);
      expect((await unlock(PIN)).status).toBe(429);
    } finally {
      await server.close();
    }
  });
});
