import { isSmall } from './bounds-check';

/**
 * Publication mode for the contacts with a referral, against the referral table: hidden when small;
 * when the referrals named exceed them by a small count (the referrals beyond the first of their
 * contacts); and when the referral table's total is hidden and they equal it (every contact referred
 * once: the same count). Their tie to the recorded contacts is checked where those are known (suppression.ts).
 */
export function suppressContactsWithReferral(contacts: number, referrals: { count: number; shown: boolean }, threshold: number): number | null {
  const hide = isSmall(contacts, threshold) || isSmall(referrals.count - contacts, threshold) || (!referrals.shown && referrals.count === contacts);
  return hide ? null : contacts;
}
