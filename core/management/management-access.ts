import type { CallInfo } from '../base/call';
import { ApiError } from '../base/errors';
import type { CoreContext } from '../context';
import { writeAudit } from '../audit/write-audit';
import { hashPin, verifyPin } from './pin-hash';
import { readPinHash, writePinHash } from './pin-store';
import { writeTransaction } from '../db/write-transaction';
import { endAllSessions, startSession } from './management-gate';
import type { SetManagementPinInput, UnlockManagementInput } from './management-inputs';

export interface ManagementStatus {
  /** False until the first visit sets a PIN. */
  pinSet: boolean;
  /** Whether the caller's own session is open. */
  unlocked: boolean;
  autoLockMinutes: number;
  /** Seconds until another PIN may be tried after too many wrong ones; 0 when it may be tried now. */
  retryAfterSeconds: number;
}

export interface Unlocked {
  /** Sent with every management call by this tab or window only. */
  session: string;
  autoLockMinutes: number;
}

const autoLockMinutes = async (ctx: CoreContext) => (await ctx.catalog.catalog()).settings.autoLockMinutes;

export async function managementStatus(ctx: CoreContext, call: CallInfo): Promise<ManagementStatus> {
  return {
    pinSet: (await readPinHash(ctx.db)) !== undefined,
    unlocked: await ctx.gate.isOpen(call.session),
    autoLockMinutes: await autoLockMinutes(ctx),
    retryAfterSeconds: await ctx.gate.retryAfterSeconds(),
  };
}

/** A wrong PIN counts against the limit shared by every process on the database; a right one resets it. */
async function checkPin(ctx: CoreContext, pin: string, stored: string, field: string): Promise<void> {
  await ctx.gate.assertMayTry();
  const ok = await verifyPin(pin, stored);
  await ctx.gate.recordAttempt(ok);
  if (!ok) throw new ApiError('forbidden', 'wrong PIN', field);
}

export async function unlockManagement(ctx: CoreContext, { pin }: UnlockManagementInput): Promise<Unlocked> {
  const stored = await readPinHash(ctx.db);
  if (stored === undefined) throw new ApiError('conflict', 'no PIN is set yet; set one first');
  await checkPin(ctx, pin, stored, 'pin');
  return { session: await ctx.gate.open(), autoLockMinutes: await autoLockMinutes(ctx) };
}

/**
 * Sets the PIN on first use, or changes it from an open session with the current PIN.
 * A change closes every other session, on every process on the database, in the transaction that
 * changes the PIN: a PIN that leaked stops working everywhere at the next call. The changer gets a
 * new session in the same step.
 */
export async function setManagementPin(ctx: CoreContext, { pin, currentPin }: SetManagementPinInput, call: CallInfo): Promise<Unlocked> {
  const stored = await readPinHash(ctx.db);
  if (stored !== undefined) {
    await ctx.gate.check(call.session);
    if (currentPin === undefined) throw new ApiError('invalid_input', 'give the current PIN to change it', 'currentPin');
    await checkPin(ctx, currentPin, stored, 'currentPin');
  }
  const hash = await hashPin(pin);
  const session = await writeTransaction(ctx.db, async (trx) => {
    // Re-read inside the transaction: two first visits racing must not both set a PIN.
    const now = await readPinHash(trx);
    if (now !== stored) throw new ApiError('conflict', 'the PIN was set meanwhile; unlock with it');
    await writePinHash(trx, hash);
    // Only that it changed; the hash itself never goes into the audit trail.
    await writeAudit(trx, ctx.now(), [{ action: stored === undefined ? 'create' : 'amend', entity: 'settings', entityId: 0, field: 'pin' }]);
    await endAllSessions(trx);
    return startSession(trx, ctx.now());
  });
  return { session, autoLockMinutes: await autoLockMinutes(ctx) };
}

export async function lockManagement(ctx: CoreContext, call: CallInfo): Promise<{ unlocked: false }> {
  await ctx.gate.close(call.session);
  return { unlocked: false };
}
