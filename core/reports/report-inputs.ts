import { z } from 'zod';
import { isoDaySchema, recordedDaySchema } from '../base/primitive-schemas';
import { reportFiltersSchema } from '../analysis/filter-inputs';

/** Whether `to` lies less than `years` calendar years after `from` (both YYYY-MM-DD). */
const withinYears = (from: string, to: string, years: number) => {
  const span = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return span < years || (span === years && to.slice(5) < from.slice(5));
};

export const reportPeriodSchema = z
  .strictObject({
    from: recordedDaySchema,
    to: isoDaySchema,
    /** Publication mode: small cells suppressed. */
    publication: z.boolean().default(false),
    /** Only the contacts these clauses match (core/analysis/filter-inputs.ts); none: every contact. */
    filters: reportFiltersSchema.optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'must not be before from', path: ['to'] })
  .refine((p) => withinYears(p.from, p.to, 50), { message: 'period longer than 50 years', path: ['to'] })
  // Small-cell suppression hides cells of one table; a filtered report differenced against the whole would reveal them.
  .refine((p) => !p.publication || !p.filters?.length, { message: 'filters are not available in publication mode', path: ['filters'] });
/** `filters` left out: no filter, every contact. */
export type ReportPeriodInput = z.output<typeof reportPeriodSchema>;
