import { z } from 'zod';
import { reportFiltersSchema } from '../analysis/filter-inputs';
import { hasControlCharacter } from '../base/control-characters';
import { catalogId, recordedDaySchema } from '../base/primitive-schemas';
import { publicationMethodSchema } from '../publication/publication-inputs';
import { RELATIVE_PERIOD_KINDS, REPORT_SECTIONS, VIEW_NAME_MAX } from './view-types';

export { REPORT_SECTIONS, RELATIVE_PERIOD_KINDS };

const nameLength = `a name is 1 to ${VIEW_NAME_MAX} characters, e.g. Monatsbericht Gemeinderat`;

export const viewNameSchema = z
  .string()
  .trim()
  .min(1, nameLength)
  .max(VIEW_NAME_MAX, nameLength)
  .refine((s) => !hasControlCharacter(s), 'a name has no line breaks or control characters');

/** A period that moves with today (resolved by core/views/period-rules.ts), or a fixed range of days. */
export const periodRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(RELATIVE_PERIOD_KINDS) }),
  z
    .strictObject({ kind: z.literal('fixed'), from: recordedDaySchema, to: recordedDaySchema })
    .refine((p) => p.from <= p.to, { message: 'must not be before from', path: ['to'] }),
]);

export const reportSectionsSchema = z
  .array(z.enum(REPORT_SECTIONS))
  .min(1, 'a view shows at least one section')
  .max(REPORT_SECTIONS.length)
  .superRefine((sections, ctx) => {
    sections.forEach((s, i) => {
      if (sections.indexOf(s) !== i) ctx.addIssue({ code: 'custom', message: 'each section only once', path: [i] });
    });
  });

/**
 * Creates a view (no id) or changes one in full (id), its name included: a rename is a save. The
 * filters' catalog ids are checked against the catalog when saving (core/views/saved-views.ts).
 */
export const saveSavedViewSchema = z
  .strictObject({
    id: catalogId.optional(),
    name: viewNameSchema,
    period: periodRuleSchema,
    filters: reportFiltersSchema,
    sections: reportSectionsSchema,
    publication: z.boolean().default(false),
    publicationMethod: publicationMethodSchema,
    topicGroups: z.boolean().default(false),
  })
  // As getReport: with suppression a filtered report differenced against the whole would reveal suppressed cells.
  .refine((v) => !v.publication || v.publicationMethod !== 'suppression' || v.filters.length === 0, {
    message: 'filters are not available with small-cell suppression; use the cell-key method',
    path: ['filters'],
  });

export const deleteSavedViewSchema = z.strictObject({ id: catalogId });
export const listSavedViewsSchema = z.strictObject({});

export type PeriodRuleInput = z.output<typeof periodRuleSchema>;
export type SaveSavedViewInput = z.output<typeof saveSavedViewSchema>;
export type DeleteSavedViewInput = z.output<typeof deleteSavedViewSchema>;
