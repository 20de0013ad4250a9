import { z } from 'zod';
import { isoDaySchema, recordedDaySchema } from '../base/primitive-schemas';
import { reportFiltersSchema } from './filter-inputs';

/**
 * The dimensions a pivot table can put against each other (issue 16). `topic` (every topic of a
 * contact) and `referral` (every organisation it was referred to) can hold several values per contact;
 * the others exactly one. `week` is the ISO week (`2026-W10`), `weekday` 1 = Monday … 7 = Sunday.
 */
export const PIVOT_DIMENSIONS = [
  'topic',
  'firstTopic',
  'referral',
  'language',
  'channel',
  'asker',
  'desk',
  'themeDay',
  'month',
  'week',
  'weekday',
  'hour',
] as const;
export type PivotDimension = (typeof PIVOT_DIMENSIONS)[number];
export const MULTI_VALUED_DIMENSIONS: readonly PivotDimension[] = ['topic', 'referral'];

export const pivotSchema = z
  .strictObject({
    from: recordedDaySchema,
    to: isoDaySchema,
    rows: z.enum(PIVOT_DIMENSIONS),
    columns: z.enum(PIVOT_DIMENSIONS),
    filters: reportFiltersSchema,
    /** Publication mode: every cell and total published by the cell-key method (core/publication/cell-key.ts). */
    publication: z.boolean().default(false),
  })
  .refine((p) => p.from <= p.to, { message: 'must not be before from', path: ['to'] })
  .refine((p) => p.rows !== p.columns, { message: 'choose two different dimensions', path: ['columns'] });
export type PivotInput = z.output<typeof pivotSchema>;
