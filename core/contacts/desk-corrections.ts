import type { CallInfo } from '../base/call';
import { ApiError } from '../base/errors';
import type { CoreContext } from '../context';
import { localParts } from '../time/local-parts';
import type { ContactView } from './contact-types';

export const EARLIER_DAY_MESSAGE = 'this contact is from an earlier day; earlier days are corrected in the management area (Verwaltung → Kontakte)';

/**
 * The desk needs no PIN, so whoever stands at it may correct only today's work: a contact that
 * happened today, or one entered today (a back-dated entry fixed right after typing it). Anything
 * older is corrected in the management area, from an unlocked session. "Today" is the site's local
 * day, as the desk's own list shows it. Refused as `locked`, like the management methods: the PIN
 * opens it.
 *
 * Asked before the write transaction opens (the gate may read the settings), it answers the check
 * to run on the contact once the transaction has read it.
 */
export async function correctionRule(ctx: CoreContext, call: CallInfo, timeZone: string): Promise<(contact: ContactView) => void> {
  if (await ctx.gate.isOpen(call.session)) return () => {};
  const today = localParts(ctx.now(), timeZone).day;
  return (contact) => {
    if (contact.localDay === today || localParts(Date.parse(contact.enteredAt), timeZone).day === today) return;
    throw new ApiError('locked', EARLIER_DAY_MESSAGE, 'contactId');
  };
}
