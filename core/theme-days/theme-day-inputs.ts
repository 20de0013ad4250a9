import { z } from 'zod';
import { catalogId, dryRunSchema, isoDaySchema } from '../base/primitive-schemas';

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

export const saveThemeDaySchema = z.strictObject({
  themeDay: themeDaySchema,
  /** Only count what saving would re-attribute; change nothing. */
  dryRun: dryRunSchema,
});
export const retireThemeDaySchema = z.strictObject({ id: catalogId, dryRun: dryRunSchema });
export type SaveThemeDayInput = z.output<typeof saveThemeDaySchema>;
export type RetireThemeDayInput = z.output<typeof retireThemeDaySchema>;
