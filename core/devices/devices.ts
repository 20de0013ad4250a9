import type { Selectable } from 'kysely';
import { ApiError } from '../base/errors';
import type { Catalog } from '../catalog/catalog-types';
import { assertActiveId } from '../contacts/contact-refs';
import { writeAudit } from '../audit/write-audit';
import type { CoreContext } from '../context';
import type { DeviceTable } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { isSharingEnabled } from '../sharing/sharing';
import { lanLink } from '../sharing/lan-link';
import { hashDeviceToken, newDeviceToken } from './device-token';
import type { DeviceInfo, PairedDevice, PairingCode, ThisDevice } from './device-types';
import type { CreatePairingCodeInput, PairDeviceInput, RevokeDeviceInput } from './device-inputs';

/** last_seen_at is written at most this often per device: a tapping tablet must not turn every read into a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

const infoOf = (row: Selectable<DeviceTable>): DeviceInfo => ({
  id: Number(row.id),
  name: row.name,
  deskId: row.desk_id,
  pairedAt: iso(row.paired_at)!,
  lastSeenAt: iso(row.last_seen_at),
  revokedAt: iso(row.revoked_at),
});

const SHARING_OFF = 'sharing on the local network is switched off; switch it on in the management area first';

/** A new one-time code for the next device, for the given desk (or the catalog's first). Writes nothing. */
export async function createPairingCode(ctx: CoreContext, { deskId }: CreatePairingCodeInput): Promise<PairingCode> {
  if (deskId !== undefined) assertActiveId('deskId', deskId, (await ctx.catalog.active()).desks);
  if (!(await isSharingEnabled(ctx.db))) throw new ApiError('conflict', SHARING_OFF);
  const code = lanLink(ctx).door.issue(deskId ?? null);
  return { code: code.code, expiresAt: new Date(code.expiresAt).toISOString(), deskId: code.deskId };
}

/**
 * A device becomes a named desk: the code is checked (rate-limited, used up), then the device is
 * stored with the hash of a new token, and audited, in one transaction. A refusal writes nothing.
 */
export async function pairDevice(ctx: CoreContext, { code, name }: PairDeviceInput): Promise<PairedDevice> {
  if (!(await isSharingEnabled(ctx.db))) throw new ApiError('forbidden', SHARING_OFF);
  const { deskId } = lanLink(ctx).door.redeem(code);
  const token = newDeviceToken();
  const now = ctx.now();
  const id = await writeTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('devices')
      .values({ name, desk_id: deskId, token_hash: hashDeviceToken(token), paired_at: now, last_seen_at: now, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const deviceId = Number(row.id);
    await writeAudit(trx, now, [{ action: 'pair', entity: 'device', entityId: deviceId, newValue: { name, deskId } }]);
    return deviceId;
  });
  return { token, device: { id, name, deskId } };
}

/** Every device ever paired, newest first; revoked ones stay listed with the time they were revoked. */
export async function listDevices(ctx: CoreContext): Promise<{ devices: DeviceInfo[] }> {
  const rows = await ctx.db.selectFrom('devices').selectAll().orderBy('id', 'desc').execute();
  return { devices: rows.map(infoOf) };
}

/** Takes a device's access away at once: its next request gets 401. Audited; the row stays for the trail. */
export async function revokeDevice(ctx: CoreContext, { id }: RevokeDeviceInput): Promise<DeviceInfo> {
  const now = ctx.now();
  return writeTransaction(ctx.db, async (trx) => {
    const row = await trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ApiError('not_found', `there is no paired device ${id}`, 'id');
    if (row.revoked_at !== null) throw new ApiError('conflict', 'this device is already revoked', 'id');
    await trx.updateTable('devices').set({ revoked_at: now }).where('id', '=', id).execute();
    await writeAudit(trx, now, [{ action: 'revoke', entity: 'device', entityId: id, oldValue: { name: row.name } }]);
    return infoOf({ ...row, revoked_at: now });
  });
}

/**
 * The device a token belongs to, or null when the token is unknown or revoked. Read on every
 * request from the network, so a revocation applies to the very next one.
 */
export async function deviceOfToken(ctx: CoreContext, token: string | undefined): Promise<ThisDevice | null> {
  if (token === undefined || token.length === 0 || token.length > 200) return null;
  const { db } = ctx;
  const row = await db.selectFrom('devices').selectAll().where('token_hash', '=', hashDeviceToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  const now = ctx.now();
  if (row.last_seen_at === null || now - Number(row.last_seen_at) >= LAST_SEEN_RESOLUTION_MS) {
    await db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', row.id).execute();
  }
  return { id: Number(row.id), name: row.name, deskId: row.desk_id };
}

/** The desk a device logs at: its own, or the one its desk was merged into; undefined lets the core pick the first active desk. */
export function deskOfDevice(catalog: Catalog, device: ThisDevice | undefined): number | undefined {
  let deskId = device?.deskId ?? undefined;
  for (let hops = 0; deskId !== undefined && hops < 10; hops++) {
    const desk = catalog.desks.find((d) => d.id === deskId);
    if (!desk?.retired || desk.mergedInto === null) break;
    deskId = desk.mergedInto;
  }
  return deskId;
}
