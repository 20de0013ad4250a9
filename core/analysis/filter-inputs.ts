import { z } from 'zod';
import { ASKERS, CHANNELS } from '../base/enums';
import { catalogId } from '../base/primitive-schemas';

/**
 * Report filters (issue 16): a list of clauses, each on one dimension with one or more values.
 * Within a clause the values are alternatives (any of them); clauses must all hold (and). `exclude`
 * turns a clause around: contacts with none of the values. `none` is a value where a contact may have
 * nothing: no referral, no theme day.
 *
 *  - topic       any of the contact's topics (topic mentions)     catalog topic ids
 *  - firstTopic  the contact's first topic                          catalog topic ids
 *  - referral    any organisation the contact was referred to     organisation ids, or 'none'
 *  - language    the contact's language                            language codes ('de', 'uk', …)
 *  - channel     in_person | phone | email
 *  - asker       citizen | organisation
 *  - desk        desk ids
 *  - themeDay    the theme day the contact fell in                 theme day ids, or 'none'
 *  - sdg         a UN goal one of the contact's topics carries    1–17
 */
export const FILTER_DIMENSIONS = ['topic', 'firstTopic', 'referral', 'language', 'channel', 'asker', 'desk', 'themeDay', 'sdg'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Dimensions where a contact can have no value, so `none` can be asked for. */
export const NONE_DIMENSIONS: readonly FilterDimension[] = ['referral', 'themeDay'];
export const NONE_VALUE = 'none';

/** The most values one clause holds: more than any catalog list on one screen. */
export const MAX_FILTER_VALUES = 200;

const filterValueSchema = z.union([catalogId, z.string().min(1).max(40)]);

export const filterClauseSchema = z.strictObject({
  dimension: z.enum(FILTER_DIMENSIONS),
  values: z.array(filterValueSchema).min(1, 'name at least one value').max(MAX_FILTER_VALUES),
  exclude: z.boolean().default(false),
});
export type FilterClause = z.output<typeof filterClauseSchema>;

/** What a dimension's values must look like; the catalog check (unknown ids) follows in check-filters.ts. */
function valueProblem(dimension: FilterDimension, value: number | string): string | null {
  if (value === NONE_VALUE) return NONE_DIMENSIONS.includes(dimension) ? null : `"none" does not apply to ${dimension}`;
  switch (dimension) {
    case 'channel':
      return (CHANNELS as readonly unknown[]).includes(value) ? null : `expected one of ${CHANNELS.join(', ')}`;
    case 'asker':
      return (ASKERS as readonly unknown[]).includes(value) ? null : `expected one of ${ASKERS.join(', ')}`;
    case 'language':
      return typeof value === 'string' ? null : 'expected a language code';
    case 'sdg':
      return typeof value === 'number' && value >= 1 && value <= 17 ? null : 'expected a goal from 1 to 17';
    default:
      return typeof value === 'number' ? null : 'expected a catalog id';
  }
}

export const reportFiltersSchema = z
  .array(filterClauseSchema)
  .max(FILTER_DIMENSIONS.length)
  .superRefine((clauses, ctx) => {
    const seen = new Set<FilterDimension>();
    clauses.forEach((clause, i) => {
      if (seen.has(clause.dimension))
        ctx.addIssue({ code: 'custom', message: `${clause.dimension} is filtered twice; put all values in one clause`, path: [i, 'dimension'] });
      seen.add(clause.dimension);
      const values = new Set<number | string>();
      clause.values.forEach((value, j) => {
        const problem = values.has(value) ? 'each value only once' : valueProblem(clause.dimension, value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [i, 'values', j] });
        values.add(value);
      });
    });
    // A first topic the same filter excludes as a topic can never match: say so instead of answering 0.
    const first = clauses.find((c) => c.dimension === 'firstTopic' && !c.exclude);
    const excludedTopics = clauses.find((c) => c.dimension === 'topic' && c.exclude);
    if (first && excludedTopics && first.values.every((v) => excludedTopics.values.includes(v))) {
      ctx.addIssue({
        code: 'custom',
        message: 'contradicts the topic filter: every first topic asked for is excluded as a topic',
        path: [clauses.indexOf(first), 'values'],
      });
    }
  })
  .default([]);
export type ReportFilters = z.output<typeof reportFiltersSchema>;

/** A clause as the report object carries it: with each value's label, so every page and export can print it. */
export interface ResolvedFilterClause extends FilterClause {
  labels: { de: string; en: string }[];
}
