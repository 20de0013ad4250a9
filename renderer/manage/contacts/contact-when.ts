import type { TFunction } from 'i18next';
import type { ContactView } from '../../../core/contacts/contact-types';
import type { Formatter } from '../../ui/format';

/**
 * When a contact happened, in words: "09.03.2026, 10:15", or the day alone for one imported
 * without a time (its stored time is a placeholder). Earlier days need the date, not only the time.
 */
export function whenText(c: ContactView, t: TFunction, f: Formatter): string {
  return c.entryKind === 'imported_day' ? f.day(c.localDay) : t('contactBrowser.when', { day: f.day(c.localDay), time: c.localTime });
}

/**
 * The desk's edit and void dialogs name a contact by `localTime`, which on the desk is always
 * today's. Handed this copy, they name the day as well; they send back only what changed, never
 * the contact, so the copy goes no further.
 */
export const withDayInTitle = (c: ContactView, t: TFunction, f: Formatter): ContactView => ({ ...c, localTime: whenText(c, t, f) });
