import { z } from 'zod';
import { EARLIEST_DAY } from './limits';
import { ASKERS, CHANNELS, VOID_REASONS, type Asker, type Channel, type VoidReason } from './enums';

/** Building blocks shared by the contract's input schemas. */
export const catalogId = z.number().int().positive().max(2_147_483_647);

export const channelSchema = z.enum(CHANNELS);
export const askerSchema = z.enum(ASKERS);
export const voidReasonSchema = z.enum(VOID_REASONS);
export type { Asker, Channel, VoidReason };

export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'not a calendar day');

const uniqueIds = (ids: number[]) => new Set(ids).size === ids.length;

export const topicIdsSchema = z.array(catalogId).min(1).max(3).refine(uniqueIds, 'each topic only once');
export const referralIdsSchema = z.array(catalogId).max(5).refine(uniqueIds, 'each organisation only once');

export const instantSchema = z.iso.datetime({ offset: true });

export const themeDaySchema = z
  .strictObject({
    /** Absent to create a new theme day. */
    id: catalogId.optional(),
    title: z.string().trim().min(1).max(80),
    organisationId: catalogId.nullable(),
    kind: z.enum(['single', 'weekly']),
    /** The date of a single theme day. */
    day: isoDaySchema.optional(),
    /** ISO weekday (1 = Monday) of a weekly one. */
    weekday: z.number().int().min(1).max(7).optional(),
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
    /** A weekly theme day applies from/until these days (inclusive); open-ended when absent. */
    validFrom: isoDaySchema.optional(),
    validTo: isoDaySchema.optional(),
  })
  .refine((t) => t.endHour > t.startHour, { message: 'must be after startHour', path: ['endHour'] })
  .refine((t) => (t.kind === 'single' ? t.day !== undefined && t.weekday === undefined : t.weekday !== undefined && t.day === undefined), {
    message: 'a single theme day needs day, a weekly one needs weekday',
    path: ['kind'],
  })
  .refine((t) => !t.validFrom || !t.validTo || t.validFrom <= t.validTo, { message: 'must not be before validFrom', path: ['validTo'] });

export const openingHoursSchema = z
  .array(
    z
      .strictObject({ weekday: z.number().int().min(1).max(7), startHour: z.number().int().min(0).max(23), endHour: z.number().int().min(1).max(24) })
      .refine((s) => s.endHour > s.startHour, { message: 'must be after startHour', path: ['endHour'] }),
  )
  .max(28);

/** No contact lies before it (logContact refuses older ones); the report's calendar arithmetic (year before, previous period) needs four-digit years. */

/** Whether `to` lies less than `years` calendar years after `from` (both YYYY-MM-DD). */
const withinYears = (from: string, to: string, years: number) => {
  const span = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return span < years || (span === years && to.slice(5) < from.slice(5));
};

export const reportPeriodSchema = z
  .strictObject({
    from: isoDaySchema.refine((day) => day >= EARLIEST_DAY, 'lies before the year 2000'),
    to: isoDaySchema,
    /** Publication mode: small cells suppressed. */
    publication: z.boolean().default(false),
  })
  .refine((p) => p.from <= p.to, { message: 'must not be before from', path: ['to'] })
  .refine((p) => withinYears(p.from, p.to, 50), { message: 'period longer than 50 years', path: ['to'] });
