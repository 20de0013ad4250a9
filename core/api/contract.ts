import { z } from 'zod';
import type { MethodName } from './method-names';
import {
  askerSchema,
  catalogId,
  channelSchema,
  instantSchema,
  isoDaySchema,
  referralIdsSchema,
  topicIdsSchema,
  voidReasonSchema,
} from './schemas';
import type { Catalog } from '../catalog/catalog-types';
import type { ContactView, DayList, LoggedContact } from '../contacts/contact-types';

/** Phantom marker carrying a method's output type; never read at run time. */
const returns = <T>() => undefined as unknown as T;

/**
 * THE contract: every method once, with its input schema and output type.
 * Both transports (IPC and HTTP) and the typed client are derived from this object.
 */
export const contract = {
  getCatalog: {
    input: z.strictObject({}),
    output: returns<Catalog>(),
  },
  logContact: {
    input: z.strictObject({
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
    }),
    output: returns<LoggedContact>(),
  },
  amendContact: {
    input: z
      .strictObject({
        contactId: catalogId,
        topicIds: topicIdsSchema.optional(),
        referralIds: referralIdsSchema.optional(),
        languageId: catalogId.optional(),
        channel: channelSchema.optional(),
        asker: askerSchema.optional(),
      })
      .refine((i) => Object.keys(i).length > 1, 'name at least one field to change'),
    output: returns<ContactView>(),
  },
  undoContact: {
    input: z.strictObject({ contactId: catalogId }),
    output: returns<{ todayCount: number }>(),
  },
  voidContact: {
    input: z.strictObject({ contactId: catalogId, reason: voidReasonSchema }),
    output: returns<ContactView>(),
  },
  listDay: {
    input: z.strictObject({ day: isoDaySchema.optional() }),
    output: returns<DayList>(),
  },
} satisfies Record<MethodName, { input: z.ZodType; output: unknown }>;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

/** What the core implements: one handler per method, receiving already-parsed input. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };

/** What the renderer calls: one function per method, receiving raw input. */
export type Client = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };
