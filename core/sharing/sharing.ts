import type { Kysely } from 'kysely';
import type { CoreContext } from '../context';
import { writeAudit } from '../contacts/audit';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import type { SharingState } from '../devices/device-types';
import { lanAddresses } from './lan-addresses';
import { lanLink } from './lan-link';

/** The settings key of the switch; not part of SiteSettings, which the desk reads with the catalog. */
const SHARING_KEY = 'lanSharing';

/** Management's switch for LAN desk mode; off unless switched on (a fresh database listens on loopback only). */
export async function isSharingEnabled(db: Kysely<Schema>): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SHARING_KEY).executeTakeFirst();
  return row?.value === '1';
}

export async function sharingState(ctx: CoreContext): Promise<SharingState> {
  const { door, listener } = lanLink(ctx);
  const enabled = await isSharingEnabled(ctx.db);
  const status = listener?.status() ?? { listening: false, port: null, problem: enabled ? ('noListener' as const) : null };
  const code = enabled ? door.current() : null;
  return {
    enabled,
    listening: status.listening,
    port: status.port,
    addresses: status.listening && status.port !== null ? lanAddresses(status.port) : [],
    problem: status.problem,
    pairingCode: code && { code: code.code, expiresAt: new Date(code.expiresAt).toISOString(), deskId: code.deskId },
  };
}

/**
 * Switches LAN desk mode on or off: stores and audits the switch, then has the shell's listener
 * follow it. Off also ends the pairing code; paired devices keep their tokens for the next time.
 */
export async function setSharing(ctx: CoreContext, { enabled }: { enabled: boolean }): Promise<SharingState> {
  const value = enabled ? '1' : '0';
  await writeTransaction(ctx.db, async (trx) => {
    const before = await isSharingEnabled(trx);
    if (before === enabled) return;
    await trx
      .insertInto('settings')
      .values({ key: SHARING_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await writeAudit(trx, ctx.now(), [{ action: 'amend', entity: 'settings', entityId: 0, field: SHARING_KEY, oldValue: before, newValue: enabled }]);
  });
  const { door, listener } = lanLink(ctx);
  if (!enabled) door.clear();
  await listener?.apply(enabled);
  return sharingState(ctx);
}
