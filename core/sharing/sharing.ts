import type { Kysely } from 'kysely';
import type { CoreContext } from '../context';
import { writeAudit } from '../audit/write-audit';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import type { SharingState } from '../devices/device-types';
import { lanAddresses } from './lan-addresses';
import { attachLanListener, lanLink, type LanListener } from './lan-link';
import type { SetSharingInput } from './sharing-inputs';

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
export async function setSharing(ctx: CoreContext, { enabled }: SetSharingInput): Promise<SharingState> {
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

/**
 * Gives the switch this shell's listener, and keeps the listener following the switch when another
 * process on the same database (another PC on a shared PostgreSQL server) flips it: the switch is
 * one row for all of them. Returns the detach.
 */
export function attachSharedSwitch(ctx: CoreContext, listener: LanListener): () => void {
  const detach = attachLanListener(ctx, listener);
  let following = Promise.resolve();
  // What a remote change last found; a catalog change that left the switch alone applies nothing again
  // (a port in use would otherwise be retried, and reported, at every catalog edit on another PC).
  let followed: boolean | null = null;
  const stopFollowing = ctx.changes.subscribe((change, origin) => {
    if (origin !== 'remote' || change.kind !== 'catalog') return;
    // One after the other, so two flips in a row end in the switch's last state.
    following = following.then(async () => {
      const enabled = await isSharingEnabled(ctx.db).catch(() => null);
      if (enabled === null || enabled === followed) return;
      followed = enabled;
      if (!enabled) lanLink(ctx).door.clear();
      await listener.apply(enabled);
    });
  });
  return () => {
    stopFollowing();
    detach();
  };
}
