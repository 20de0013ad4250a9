import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import { dispatch } from '../../core/api/dispatch';
import { DEVICE_HEADER } from '../../core/devices/device-token';
import { deviceOfToken } from '../../core/devices/devices';
import { FIRST_LOCKOUT_MS, FREE_ATTEMPTS } from '../../core/management/management-gate';
import type { Core } from '../../core/open-core';
import { startHttpServer } from '../../server/http-server';
import { snapshotCore } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { openSecondCore, type SecondCore } from '../support/second-core';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Two processes on one database (two PCs on one PostgreSQL server, or the app and a second core on
 * one SQLite file): the management sessions, the wrong-PIN back-off and a device's revocation are
 * the database's, so every process agrees on them.
 */

const PIN = '7531';
const NEW_PIN = '2468';
const MINUTE = 60_000;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/** A window talking to `core`, holding `session` (or none, as a fresh window does). */
const windowOn = (core: Core, session?: string): Client =>
  createClient(
    (method, input, held) => dispatch(core.api, method, input, { session: held }),
    () => session,
  );

const code = async (promise: Promise<unknown>) => (await refusal(promise)).body.code;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const sessionRows = (core: Core) =>
  queryRows<{ token_hash: string; opened_at: number; last_used_at: number }>(
    core.database.db,
    'select token_hash, opened_at, last_used_at from management_sessions order by token_hash',
  );

describe('management shared by every process on one database', () => {
  let a: TempCore;
  let b: SecondCore | undefined;

  beforeEach(async () => {
    a = await openTempCore();
    b = await openSecondCore(a);
  });

  afterEach(async () => {
    await b?.close();
    await a.dispose();
  });

  it('a PIN change on A locks every session on B at its next call; the session A got with the new PIN works on both', async () => {
    const { session: onA } = await windowOn(a).setManagementPin({ pin: PIN });
    const { session: firstOnB } = await windowOn(b!).unlockManagement({ pin: PIN });
    const { session: secondOnB } = await windowOn(b!).unlockManagement({ pin: PIN });
    expect(await windowOn(b!, firstOnB).getReport(MARCH)).toHaveProperty('total');

    const { session: renewed } = await windowOn(a, onA).setManagementPin({ pin: NEW_PIN, currentPin: PIN });

    for (const held of [firstOnB, secondOnB, onA]) {
      expect(await code(windowOn(b!, held).getReport(MARCH))).toBe('locked');
      expect(await windowOn(b!, held).getManagementStatus({})).toMatchObject({ pinSet: true, unlocked: false });
    }
    expect(await windowOn(a, renewed).getReport(MARCH)).toHaveProperty('total');
    expect(await windowOn(b!, renewed).getManagementStatus({})).toMatchObject({ unlocked: true });
    // B checks the new PIN, not the one it last saw.
    expect(await code(windowOn(b!).unlockManagement({ pin: PIN }))).toBe('forbidden');
    expect(await windowOn(b!).unlockManagement({ pin: NEW_PIN })).toHaveProperty('session');
  });

  it(`${FREE_ATTEMPTS} wrong PINs spread over A and B shut the door on both; the right PIN after the wait resets it for both`, async () => {
    await windowOn(a).setManagementPin({ pin: PIN });
    for (const core of [a, a, a, b!, b!]) expect(await code(windowOn(core).unlockManagement({ pin: '0000' }))).toBe('forbidden');

    for (const core of [a, b!]) {
      const blocked = await refusal(windowOn(core).unlockManagement({ pin: PIN }));
      expect(blocked.body).toEqual({ code: 'rate_limited', message: `too many wrong PINs; try again in ${FIRST_LOCKOUT_MS / 1000} s` });
      expect((await windowOn(core).getManagementStatus({})).retryAfterSeconds).toBe(FIRST_LOCKOUT_MS / 1000);
    }

    a.clock.advance(FIRST_LOCKOUT_MS);
    expect(await windowOn(b!).unlockManagement({ pin: PIN })).toHaveProperty('session');
    expect(await windowOn(a).getManagementStatus({})).toMatchObject({ retryAfterSeconds: 0 });
    // The count starts again from nothing: four wrong PINs on A are still free.
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) expect(await code(windowOn(a).unlockManagement({ pin: '0000' }))).toBe('forbidden');
    expect(await windowOn(a).unlockManagement({ pin: PIN })).toHaveProperty('session');
  });

  it('wrong PINs tried at the same moment on A and B are each counted', async () => {
    await windowOn(a).setManagementPin({ pin: PIN });
    const guesses = [a, b!, a, b!, a].map((core, i) => windowOn(core).unlockManagement({ pin: `000${i}` }));
    const outcomes = await Promise.allSettled(guesses);
    expect(outcomes.map((o) => o.status)).toEqual(Array(FREE_ATTEMPTS).fill('rejected'));

    for (const core of [a, b!]) {
      expect(await code(windowOn(core).unlockManagement({ pin: PIN }))).toBe('rate_limited');
      expect((await windowOn(core).getManagementStatus({})).retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it('a restart of B keeps every session open; the new B sees the sessions opened on A and B before it', async () => {
    await windowOn(a).setManagementPin({ pin: PIN });
    const { session: onA } = await windowOn(a).unlockManagement({ pin: PIN });
    const { session: onB } = await windowOn(b!).unlockManagement({ pin: PIN });

    await b!.close();
    b = await openSecondCore(a);

    for (const held of [onA, onB]) {
      expect(await windowOn(a, held).getReport(MARCH)).toHaveProperty('total');
      expect(await windowOn(b, held).getReport(MARCH)).toHaveProperty('total');
    }
    // Locking on the new B ends the session on A too.
    await windowOn(b, onA).lockManagement({});
    expect(await code(windowOn(a, onA).getReport(MARCH))).toBe('locked');
    expect(await windowOn(a, onB).getManagementStatus({})).toMatchObject({ unlocked: true });
  });

  it('the idle limit counts calls on every process: a session used on A stays open on B; unused, it locks on both', async () => {
    const { session } = await windowOn(a).setManagementPin({ pin: PIN });
    a.clock.advance(9 * MINUTE);
    await windowOn(a, session).getReport(MARCH);
    a.clock.advance(9 * MINUTE);
    // 18 minutes after unlocking, 9 after the call on A.
    expect(await windowOn(b!, session).getReport(MARCH)).toHaveProperty('total');
    a.clock.advance(10 * MINUTE + 1);
    expect(await code(windowOn(a, session).getReport(MARCH))).toBe('locked');
    expect(await code(windowOn(b!, session).getReport(MARCH))).toBe('locked');
    // The expired session is gone from the table, so a longer idle limit set later cannot bring it back.
    expect(await sessionRows(a)).toEqual([]);
  });

  it('a management screen making many calls writes its last use at most every 15 seconds', async () => {
    const { session } = await windowOn(a).setManagementPin({ pin: PIN });
    const opened = a.clock.now;
    const asRow = (lastUsed: number) => [{ token_hash: sha256(session), opened_at: opened, last_used_at: lastUsed }];
    expect(await sessionRows(a)).toEqual(asRow(opened));

    a.clock.advance(10_000);
    const before = await snapshotCore(a);
    for (let i = 0; i < 5; i++) await windowOn(i % 2 ? a : b!, session).getReport(MARCH);
    expect(await snapshotCore(a)).toEqual(before);

    a.clock.advance(5_000);
    await windowOn(b!, session).getReport(MARCH);
    expect(await sessionRows(a)).toEqual(asRow(opened + 15_000));
  });

  it('the table keeps only the SHA-256 of a session token, never the token', async () => {
    const { session: onA } = await windowOn(a).setManagementPin({ pin: PIN });
    const { session: onB } = await windowOn(b!).unlockManagement({ pin: PIN });
    expect((await sessionRows(a)).map((r) => r.token_hash).sort()).toEqual([sha256(onA), sha256(onB)].sort());
    const everything = JSON.stringify(await snapshotCore(a));
    for (const token of [onA, onB]) expect(everything).not.toContain(token);
  });

  it('a device revoked on A is refused by B at its very next request', async () => {
    await a.client.setSharing({ enabled: true });
    const { code: pairing } = await a.client.createPairingCode({});
    const { token, device } = await a.deskClient.pairDevice({ code: pairing, name: 'Tablet Café' });
    const server = await startHttpServer({ api: b!.api, port: 0, lan: { deviceOf: (t) => deviceOfToken(b!.context, t), isLoopback: () => false } });
    try {
      const askB = () =>
        fetch(`${server.url}api/getThisDevice`, { method: 'POST', headers: { 'Content-Type': 'application/json', [DEVICE_HEADER]: token }, body: '{}' });
      const known = await askB();
      expect(known.status).toBe(200);
      expect(await known.json()).toMatchObject({ ok: true, value: { device: { id: device.id, name: 'Tablet Café' } } });

      await a.client.revokeDevice({ id: device.id });

      const refused = await askB();
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'unpaired' } });
      expect(await deviceOfToken(b!.context, token)).toBeNull();
    } finally {
      await server.close();
    }
  });
});
