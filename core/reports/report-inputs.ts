import { z } from 'zod';
import { isoDaySchema, recordedDaySchema } from '../base/primitive-schemas';
import { reportFiltersSchema } from '../analysis/filter-inputs';
import { PUBLICATION_METHODS } from '../publication/publication-inputs';

/** Whether `to` lies less than `years` calendar years after `from` (both YYYY-MM-DD). */
const withinYears = (from: string, to: string, years: number) => {
  const span = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return span < years || (span === years && to.slice(5) < from.slice(5));
};

export const reportPeriodSchema = z
  .strictObject({
    from: recordedDaySchema,
    to: isoDaySchema,
    /** Publication mode: every count published as `publicationMethod` says (README, "Publication mode"). */
    publication: z.boolean().default(false),
    /** With `publication`: `cellKey` (consistent small deviations; also when left out) or `suppression` (small cells hidden; no filters). Ignored without it. */
    publicationMethod: z.enum(PUBLICATION_METHODS).optional(),
    /** Topics shown as their topic groups (Themencluster); topics in no group stay single rows. Left out: single topics. */
    topicGroups: z.boolean().optional(),
    /** Only the contacts these clauses match (core/analysis/filter-inputs.ts); none: every contact. */
    filters: reportFiltersSchema.optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'must not be before from', path: ['to'] })
  .refine((p) => withinYears(p.from, p.to, 50), { message: 'period longer than 50 years', path: ['to'] })
  // Small-cell suppression hides cells of one table; a filtered report differenced against the whole would reveal them.
  // The cell-key method holds under any slicing (core/publication/cell-key.ts).
  .refine((p) => !p.publication || p.publicationMethod !== 'suppression' || !p.filters?.length, {
    message: 'filters are not available with small-cell suppression; use the cell-key method',
    path: ['filters'],
  });
/** `filters` left out: no filter, every contact. */
export type ReportPeriodInput = z.output<typeof reportPeriodSchema>;
