import { z } from 'zod';
import { MAX_BATCH } from '../base/limits';
import {
  askerSchema,
  catalogId,
  channelSchema,
  instantSchema,
  isoDaySchema,
  recordedDaySchema,
  referralIdsSchema,
  topicIdsSchema,
  voidReasonSchema,
} from '../base/primitive-schemas';
import { ENTRY_KINDS } from '../base/enums';

/** Input schemas of the contact methods; the contract composes them, the handlers take their parsed types. */

export const logContactSchema = z
  .strictObject({
    /** Client-made idempotency key: a retried tap with the same key is stored once. */
    requestId: z.uuid().optional(),
    topicIds: topicIdsSchema,
    referralIds: referralIdsSchema.default([]),
    languageId: catalogId,
    channel: channelSchema,
    asker: askerSchema,
    deskId: catalogId.optional(),
    /** Back-dating; defaults to now. */
    occurredAt: instantSchema.optional(),
    /** Batch entry: this many contacts with the same values, stored together and marked as a batch. */
    count: z.number().int().min(1).max(MAX_BATCH).default(1),
  })
  // Undo takes a batch back as a whole, found by its key.
  .refine((i) => i.count === 1 || i.requestId !== undefined, { message: 'a batch (count > 1) needs a requestId', path: ['requestId'] });
export type LogContactInput = z.output<typeof logContactSchema>;

export const amendContactSchema = z
  .strictObject({
    contactId: catalogId,
    topicIds: topicIdsSchema.optional(),
    referralIds: referralIdsSchema.optional(),
    languageId: catalogId.optional(),
    channel: channelSchema.optional(),
    asker: askerSchema.optional(),
  })
  .refine(({ contactId: _id, ...changes }) => Object.values(changes).some((v) => v !== undefined), 'name at least one field to change');
export type AmendContactInput = z.output<typeof amendContactSchema>;

export const undoContactSchema = z.strictObject({ contactId: catalogId });
export type UndoContactInput = z.output<typeof undoContactSchema>;

export const voidContactSchema = z.strictObject({ contactId: catalogId, reason: voidReasonSchema });
export type VoidContactInput = z.output<typeof voidContactSchema>;

export const listDaySchema = z.strictObject({ day: isoDaySchema.optional() });
export type ListDayInput = z.output<typeof listDaySchema>;

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
    from: recordedDaySchema,
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
export type ContactListInput = z.output<typeof contactListSchema>;
