import { z } from 'zod';
import { EARLIEST_DAY, MAX_BATCH } from './limits';
import type { MethodName } from './method-names';
import {
  askerSchema,
  catalogId,
  channelSchema,
  instantSchema,
  isoDaySchema,
  openingHoursSchema,
  referralIdsSchema,
  reportPeriodSchema,
  themeDaySchema,
  topicIdsSchema,
  voidReasonSchema,
} from './schemas';
import type { Catalog, SiteSettings } from '../catalog/catalog-types';
import type { ExportFile } from '../exports/export-types';
import type { Report } from '../reports/report-types';
import type { ThemeDayChange } from '../theme-days/theme-day-types';
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
      /** Batch entry: this many contacts with the same values, stored together and marked as a batch. */
      count: z.number().int().min(1).max(MAX_BATCH).default(1),
    })
      // Undo takes a batch back as a whole, found by its key.
      .refine((i) => i.count === 1 || i.requestId !== undefined, { message: 'a batch (count > 1) needs a requestId', path: ['requestId'] }),
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
      .refine(({ contactId: _id, ...changes }) => Object.values(changes).some((v) => v !== undefined), 'name at least one field to change'),
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
  getReport: {
    input: reportPeriodSchema,
    output: returns<Report>(),
  },
  exportReport: {
    input: z.strictObject({
      period: reportPeriodSchema,
      /** `report-*`: the report's tables; `raw-*`: one row per contact of the period. */
      format: z.enum(['report-csv', 'report-xlsx', 'raw-csv', 'raw-xlsx']),
    }),
    output: returns<ExportFile>(),
  },
  saveThemeDay: {
    input: z.strictObject({
      themeDay: themeDaySchema,
      /** Only count what saving would re-attribute; change nothing. */
      dryRun: z.boolean().default(false),
    }),
    output: returns<ThemeDayChange>(),
  },
  retireThemeDay: {
    input: z.strictObject({ id: catalogId, dryRun: z.boolean().default(false) }),
    output: returns<ThemeDayChange>(),
  },
  updateSettings: {
    input: z
      .strictObject({
        openingDate: isoDaySchema.refine((day) => day >= EARLIEST_DAY, 'lies before the year 2000').optional(),
        openingHours: openingHoursSchema.optional(),
        smallCellThreshold: z.number().int().min(1).max(100).optional(),
      })
      // Values, not keys: IPC's structured clone keeps a key whose value is undefined (JSON drops it).
      .refine((i) => Object.values(i).some((v) => v !== undefined), 'name at least one setting to change'),
    output: returns<SiteSettings>(),
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
