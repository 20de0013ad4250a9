import { z } from 'zod';
import { ENTRY_KINDS } from '../contacts/contact-types';
import { EARLIEST_DAY } from './limits';
import { catalogId, isoDaySchema } from './schemas';

/** A page of the contact browser: enough to scan a busy day, small enough to render at once. */
export const DEFAULT_CONTACT_PAGE = 50;
/** The most contacts one call returns, whatever the caller asks for. */
export const MAX_CONTACT_PAGE = 200;

/**
 * What listContacts accepts: a range of local days (in the site's time zone, as the reports count),
 * optional filters, and the keyset cursor of the previous page. Whether topicId and deskId name
 * catalog entries is checked by the handler, which knows the catalog.
 */
export const contactListSchema = z
  .strictObject({
    from: isoDaySchema.refine((day) => day >= EARLIEST_DAY, 'lies before the year 2000'),
    to: isoDaySchema,
    /** Contacts with this topic in any position (retired topics included: their history stays browsable). */
    topicId: catalogId.optional(),
    deskId: catalogId.optional(),
    entryKind: z.enum(ENTRY_KINDS).optional(),
    /** Leave voided contacts out; by default they are listed, struck through, with their reason. */
    hideVoided: z.boolean().default(false),
    /** The `nextBefore` of the previous page: continues with the contacts after that one, newest first. */
    before: catalogId.optional(),
    limit: z.number().int().min(1).max(MAX_CONTACT_PAGE).default(DEFAULT_CONTACT_PAGE),
  })
  .refine((i) => i.from <= i.to, { message: 'must not be before from', path: ['to'] });
