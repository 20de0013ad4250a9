import type { CallInfo } from '../base/call';
import type { AmendContactInput } from './contact-inputs';
import { ApiError } from '../base/errors';
import type { CoreContext } from '../context';
import { writeAudit, type AuditEntry } from '../audit/write-audit';
import type { ContactView } from './contact-types';
import { assertActiveId, assertActiveIds } from './contact-refs';
import { correctionRule } from './desk-corrections';
import { readContact } from './read-contacts';
import { readRollupFacts } from '../rollups/rollup-facts';
import { applyToRollup } from '../rollups/rollup';
import { writeTransaction } from '../db/write-transaction';

const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Changes fields of a stored contact, of any day; each changed field leaves one audit row (old → new),
 * and the rollups of the contact's own day move in the same transaction. `call` without an unlocked
 * session (the desk) may change only today's work.
 */
export async function amendContact(ctx: CoreContext, input: AmendContactInput, call: CallInfo = {}): Promise<ContactView> {
  const now = ctx.now();
  const [active, { settings }] = await Promise.all([ctx.catalog.active(), ctx.catalog.catalog()]);
  const tz = settings.timeZone;
  const assertMayCorrect = await correctionRule(ctx, call, tz);

  return writeTransaction(ctx.db, async (trx) => {
    const before = await readContact(trx, input.contactId, tz);
    assertMayCorrect(before);
    if (before.voided) throw new ApiError('conflict', 'a voided contact cannot be changed', 'contactId');
    const countedAs = (await readRollupFacts(trx, before.id))!;
    const changes: AuditEntry[] = [];
    const note = (field: string, oldValue: unknown, newValue: unknown) =>
      changes.push({ action: 'amend', entity: 'contact', entityId: before.id, field, oldValue, newValue });

    if (input.topicIds && !sameIds(input.topicIds, before.topicIds)) {
      assertActiveIds('topicIds', input.topicIds, active.topics, before.topicIds);
      await trx.deleteFrom('contact_topics').where('contact_id', '=', before.id).execute();
      await trx
        .insertInto('contact_topics')
        .values(input.topicIds.map((topic_id, ordinal) => ({ contact_id: before.id, topic_id, ordinal })))
        .execute();
      note('topicIds', before.topicIds, input.topicIds);
    }
    const referralIds = input.referralIds && [...input.referralIds].sort((a, b) => a - b);
    if (referralIds && !sameIds(referralIds, before.referralIds)) {
      assertActiveIds('referralIds', input.referralIds!, active.organisations, before.referralIds);
      await trx.deleteFrom('contact_referrals').where('contact_id', '=', before.id).execute();
      if (referralIds.length > 0) {
        await trx
          .insertInto('contact_referrals')
          .values(referralIds.map((organisation_id) => ({ contact_id: before.id, organisation_id })))
          .execute();
      }
      note('referralIds', before.referralIds, referralIds);
    }
    if (input.languageId !== undefined && input.languageId !== before.languageId) {
      assertActiveId('languageId', input.languageId, active.languages, before.languageId);
      note('languageId', before.languageId, input.languageId);
    }
    if (input.channel !== undefined && input.channel !== before.channel) note('channel', before.channel, input.channel);
    if (input.asker !== undefined && input.asker !== before.asker) note('asker', before.asker, input.asker);

    const scalar = {
      ...(input.languageId !== undefined && { language_id: input.languageId }),
      ...(input.channel !== undefined && { channel: input.channel }),
      ...(input.asker !== undefined && { asker: input.asker }),
    };
    if (changes.length > 0) await applyToRollup(trx, countedAs, -1);
    if (Object.keys(scalar).length > 0) await trx.updateTable('contacts').set(scalar).where('id', '=', before.id).execute();
    if (changes.length > 0) await applyToRollup(trx, (await readRollupFacts(trx, before.id))!, 1);
    await writeAudit(trx, now, changes);
    return readContact(trx, before.id, tz);
  });
}
