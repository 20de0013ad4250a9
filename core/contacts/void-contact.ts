import type { CallInfo } from '../base/call';
import type { UndoContactInput, VoidContactInput } from './contact-inputs';
import { ApiError } from '../base/errors';
import { UNDO_WINDOW_MS } from '../base/limits';
import type { CoreContext } from '../context';
import { writeAudit } from '../audit/write-audit';
import type { ContactView } from './contact-types';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { batchIds } from './log-contact';
import { countDay, readContact, UNDONE } from './read-contacts';
import { correctionRule } from './desk-corrections';
import { readRollupFacts } from '../rollups/rollup-facts';
import { applyToRollup } from '../rollups/rollup';
import { writeTransaction } from '../db/write-transaction';

/**
 * Voids a contact of any day with a reason code: it stays listed, struck through, and stops counting
 * in its own day's rollups. `call` without an unlocked session (the desk) may void only today's work.
 */
export async function voidContact(ctx: CoreContext, input: VoidContactInput, call: CallInfo = {}): Promise<ContactView> {
  const now = ctx.now();
  const { settings } = await ctx.catalog.catalog();
  const assertMayCorrect = await correctionRule(ctx, call, settings.timeZone);
  return writeTransaction(ctx.db, async (trx) => {
    const before = await readContact(trx, input.contactId, settings.timeZone);
    assertMayCorrect(before);
    if (before.voided) throw new ApiError('conflict', 'this contact is already voided', 'contactId');
    await applyToRollup(trx, (await readRollupFacts(trx, before.id))!, -1);
    await trx.updateTable('contacts').set({ voided_at: now, void_reason: input.reason }).where('id', '=', before.id).execute();
    await writeAudit(trx, now, [{ action: 'void', entity: 'contact', entityId: before.id, field: 'voidReason', newValue: input.reason }]);
    return readContact(trx, before.id, settings.timeZone);
  });
}

/** The contacts one Undo takes back: the contact, or every contact of its batch ("+N"). */
async function undoGroup(db: Kysely<Schema>, contactId: number, entryKind: string): Promise<number[]> {
  if (entryKind !== 'batch') return [contactId];
  const row = await db.selectFrom('contacts').select('request_id').where('id', '=', contactId).executeTakeFirstOrThrow();
  return row.request_id ? batchIds(db, row.request_id.split(':')[0]!) : [contactId];
}

/** Takes back a tap made moments ago (a whole batch at once). Older contacts are voided with a reason instead. */
export async function undoContact(ctx: CoreContext, input: UndoContactInput): Promise<{ todayCount: number }> {
  const now = ctx.now();
  const { settings } = await ctx.catalog.catalog();
  return writeTransaction(ctx.db, async (trx) => {
    const before = await readContact(trx, input.contactId, settings.timeZone);
    if (before.voided) throw new ApiError('conflict', 'this contact is already voided', 'contactId');
    if (now - Date.parse(before.enteredAt) > UNDO_WINDOW_MS) {
      throw new ApiError('conflict', 'too late to undo; void the contact with a reason instead', 'contactId');
    }
    const ids = await undoGroup(trx, before.id, before.entryKind);
    for (const id of ids) {
      const facts = await readRollupFacts(trx, id);
      if (!facts) continue; // a contact of the batch voided on its own meanwhile
      await applyToRollup(trx, facts, -1);
      await trx.updateTable('contacts').set({ voided_at: now, void_reason: UNDONE }).where('id', '=', id).execute();
      // What was taken back, so the log can say so (a batch's contacts share their topics).
      await writeAudit(trx, now, [{ action: 'undo', entity: 'contact', entityId: id, oldValue: { topicIds: before.topicIds } }]);
    }
    return { todayCount: await countDay(trx, before.localDay) };
  });
}
