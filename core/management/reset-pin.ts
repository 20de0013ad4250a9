import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/write-audit';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { clearPinHash } from './pin-store';
import { clearWrongPins, endAllSessions } from './management-gate';

/**
 * Removes the stored PIN hash, audited; true when a PIN was set. In the same transaction every open
 * management session ends (on every process on the database) and wrong PINs count from nothing, so the
 * next visit sets a new PIN without waiting out the old one's back-off. Contacts and settings stay.
 */
export async function clearManagementPin(db: Kysely<Schema>, now: number): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const had = await clearPinHash(trx);
    await endAllSessions(trx);
    await clearWrongPins(trx);
    if (had) await writeAudit(trx, now, [{ action: 'void', entity: 'settings', entityId: 0, field: 'pin' }]);
    return had;
  });
}
