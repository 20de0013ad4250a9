import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import { dispatch } from '../../core/api/dispatch';
import { hashDeviceToken } from '../../core/devices/device-token';
import { deviceOfToken } from '../../core/devices/devices';
import { FIRST_PAIRING_LOCKOUT_MS, FREE_PAIRING_ATTEMPTS, PAIRING_CODE_TTL_MS } from '../../core/devices/pairing-door';
import { attachLanListener } from '../../core/sharing/lan-link';
import { snapshotCore } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { openTempCore, type TempCore } from '../support/temp-core';

/** A code that is not `code`: the next six-digit number. */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('LAN desk mode: sharing, pairing and device tokens', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore();
  });
  afterEach(() => core.dispose());

  const devices = () => core.database.db.selectFrom('devices').selectAll().execute();
  const audit = (entity: string) =>
    core.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'field', 'old_value', 'new_value'])
      .where('entity', '=', entity)
      .orderBy('id')
      .execute();
  const sharingOn = () => core.client.setSharing({ enabled: true });

  it('migration 6 makes the devices table: a token hash is unique, a device may have no desk', async () => {
    const table = (await core.database.db.introspection.getTables()).find((t) => t.name === 'devices');
    expect(table?.columns.map((c) => c.name).sort()).toEqual(['desk_id', 'id', 'last_seen_at', 'name', 'paired_at', 'revoked_at', 'token_hash']);
    const row = { name: 'Tablet', desk_id: null, token_hash: 'ab'.repeat(32), paired_at: 1, last_seen_at: null, revoked_at: null };
    await core.database.db.insertInto('devices').values(row).execute();
    await expect(
      core.database.db
        .insertInto('devices')
        .values({ ...row, name: 'Copy' })
        .execute(),
    ).rejects.toThrow();
  });

  it('sharing is off on a fresh database, and switching it is stored, audited and told to the LAN listener', async () => {
    const applied: boolean[] = [];
    attachLanListener(core.context, {
      apply: async (enabled) => void applied.push(enabled),
      status: () => ({ listening: applied.at(-1) === true, port: 4781, problem: null }),
    });
    expect(await core.client.getSharing({})).toMatchObject({ enabled: false, listening: false, addresses: [], pairingCode: null });

    const on = await sharingOn();
    expect(on).toMatchObject({ enabled: true, listening: true, port: 4781 });
    for (const address of on.addresses) expect(address).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:4781\/$/);
    expect(applied).toEqual([true]);
    expect(await core.client.setSharing({ enabled: false })).toMatchObject({ enabled: false, listening: false });
    expect(applied).toEqual([true, false]);
    expect((await audit('settings')).map((r) => [r.field, r.old_value, r.new_value])).toEqual([
      ['lanSharing', 'false', 'true'],
      ['lanSharing', 'true', 'false'],
    ]);
  });

  it('no pairing code while sharing is off, and nothing written', async () => {
    const before = await snapshotCore(core);
    expect((await refusal(core.client.createPairingCode({}))).body.code).toBe('conflict');
    expect((await refusal(core.deskClient.pairDevice({ code: '123456', name: 'Tablet' }))).body.code).toBe('forbidden');
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('a code pairs one device to its desk, stores only the token hash, and is used up', async () => {
    await sharingOn();
    const desk = (await core.client.getCatalog({})).desks[0]!.id;
    const code = await core.client.createPairingCode({ deskId: desk });
    expect(code.code).toMatch(/^\d{6}$/);
    expect(Date.parse(code.expiresAt)).toBe(core.clock.now + PAIRING_CODE_TTL_MS);
    expect((await core.client.getSharing({})).pairingCode).toEqual(code);

    const paired = await core.deskClient.pairDevice({ code: `${code.code.slice(0, 3)} ${code.code.slice(3)}`, name: ' Tablet Café ' });
    expect(paired.device).toMatchObject({ name: 'Tablet Café', deskId: desk });
    expect(Buffer.from(paired.token, 'base64url')).toHaveLength(32);

    const rows = await devices();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashDeviceToken(paired.token));
    expect(JSON.stringify(await snapshotCore(core))).not.toContain(paired.token);
    expect((await audit('device')).map((r) => [r.action, r.entity_id, r.new_value])).toEqual([
      ['pair', paired.device.id, JSON.stringify({ name: 'Tablet Café', deskId: desk })],
    ]);
    expect((await core.client.getSharing({})).pairingCode).toBeNull();

    // The same code a second time: refused, nothing written.
    const before = await snapshotCore(core);
    const again = await refusal(core.deskClient.pairDevice({ code: code.code, name: 'Laptop' }));
    expect(again.body).toMatchObject({ code: 'forbidden', field: 'code' });
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('an expired code pairs nothing', async () => {
    await sharingOn();
    const { code } = await core.client.createPairingCode({});
    core.clock.advance(PAIRING_CODE_TTL_MS + 1);
    const before = await snapshotCore(core);
    expect((await refusal(core.deskClient.pairDevice({ code, name: 'Tablet' }))).body).toMatchObject({ code: 'forbidden', field: 'code' });
    expect(await snapshotCore(core)).toEqual(before);
    expect((await core.handlers.getSharing({})).pairingCode).toBeNull();
  });

  it('switching sharing off ends the waiting code', async () => {
    await sharingOn();
    const { code } = await core.client.createPairingCode({});
    await core.client.setSharing({ enabled: false });
    await sharingOn();
    expect((await refusal(core.deskClient.pairDevice({ code, name: 'Tablet' }))).body.code).toBe('forbidden');
  });

  it('guessing codes is rate-limited for everyone, with a doubling wait, and writes nothing', async () => {
    await sharingOn();
    const { code } = await core.client.createPairingCode({});
    const before = await snapshotCore(core);
    for (let i = 0; i < FREE_PAIRING_ATTEMPTS; i++) {
      expect((await refusal(core.deskClient.pairDevice({ code: otherThan(code), name: 'Guess' }))).body.code).toBe('forbidden');
    }
    // Now even the right code waits: the door is shut for everyone.
    const shut = await refusal(core.deskClient.pairDevice({ code, name: 'Tablet' }));
    expect(shut.body.code).toBe('rate_limited');
    expect(shut.body.message).toMatch(/30 s/);
    core.clock.advance(FIRST_PAIRING_LOCKOUT_MS);
    expect((await refusal(core.deskClient.pairDevice({ code: otherThan(code), name: 'Guess' }))).body.code).toBe('forbidden');
    expect((await refusal(core.deskClient.pairDevice({ code, name: 'Tablet' }))).body.message).toMatch(/60 s/);
    expect(await snapshotCore(core)).toEqual(before);

    core.clock.advance(2 * FIRST_PAIRING_LOCKOUT_MS);
    expect((await core.deskClient.pairDevice({ code, name: 'Tablet' })).device.name).toBe('Tablet');
  });

  it('a revoked token is refused at once; listing shows paired and revoked devices; revoking is audited', async () => {
    await sharingOn();
    const first = await core.deskClient.pairDevice({ code: (await core.client.createPairingCode({})).code, name: 'Tablet Café' });
    core.clock.advance(1000);
    const second = await core.deskClient.pairDevice({ code: (await core.client.createPairingCode({})).code, name: 'Schalter 2' });
    expect(await deviceOfToken(core.context, first.token)).toMatchObject({ id: first.device.id, name: 'Tablet Café' });
    expect(await deviceOfToken(core.context, 'not-a-token')).toBeNull();
    expect(await deviceOfToken(core.context, undefined)).toBeNull();

    const listed = await core.client.listDevices({});
    expect(listed.devices.map((d) => d.name)).toEqual(['Schalter 2', 'Tablet Café']);
    expect(listed.devices[1]).toMatchObject({ pairedAt: new Date(core.clock.now - 1000).toISOString(), revokedAt: null });

    const revoked = await core.client.revokeDevice({ id: first.device.id });
    expect(revoked.revokedAt).toBe(new Date(core.clock.now).toISOString());
    expect(await deviceOfToken(core.context, first.token)).toBeNull();
    expect(await deviceOfToken(core.context, second.token)).not.toBeNull();
    expect((await audit('device')).map((r) => r.action)).toEqual(['pair', 'pair', 'revoke']);
    const trail = await core.client.listAudit({ entity: 'device' });
    expect(trail.entries.map((e) => [e.action, e.entityLabel?.de])).toEqual([
      ['revoke', 'Tablet Café'],
      ['pair', 'Schalter 2'],
      ['pair', 'Tablet Café'],
    ]);

    const before = await snapshotCore(core);
    expect((await refusal(core.client.revokeDevice({ id: first.device.id }))).body.code).toBe('conflict');
    expect((await refusal(core.client.revokeDevice({ id: 999 }))).body).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('last seen is written at most once a minute, so a tapping device does not write on every read', async () => {
    await sharingOn();
    const { token, device } = await core.deskClient.pairDevice({ code: (await core.client.createPairingCode({})).code, name: 'Tablet' });
    const seen = async () => (await devices()).find((d) => d.id === device.id)!.last_seen_at;
    const pairedAt = core.clock.now;
    core.clock.advance(30_000);
    await deviceOfToken(core.context, token);
    expect(Number(await seen())).toBe(pairedAt);
    core.clock.advance(30_000);
    await deviceOfToken(core.context, token);
    expect(Number(await seen())).toBe(core.clock.now);
  });

  it('a paired device logs at its own desk; its calls carry no PIN session, so management stays locked', async () => {
    await sharingOn();
    const catalog = await core.client.getCatalog({});
    const secondDesk = (await core.client.saveCatalogEntry({ kind: 'desk', name: 'Café' })).entry;
    const { token, device } = await core.deskClient.pairDevice({
      code: (await core.client.createPairingCode({ deskId: secondDesk.id })).code,
      name: 'Tablet Café',
    });
    const thisDevice = (await deviceOfToken(core.context, token))!;
    const fromDevice: Client = createClient((method, input, session) => dispatch(core.api, method, input, { session, device: thisDevice }));

    expect(await fromDevice.getThisDevice({})).toEqual({ device: { id: device.id, name: 'Tablet Café', deskId: secondDesk.id } });
    expect(await core.deskClient.getThisDevice({})).toEqual({ device: null });
    const logged = await fromDevice.logContact({
      topicIds: [catalog.topics[0]!.id],
      languageId: catalog.languages[0]!.id,
      channel: 'in_person',
      asker: 'citizen',
    });
    expect(logged.contact.deskId).toBe(secondDesk.id);
    expect((await refusal(fromDevice.listDevices({}))).body.code).toBe('locked');
  });
});
