import { ASKERS, CHANNELS } from '../../core/base/enums';
import {
  FILTER_DIMENSIONS,
  MAX_FILTER_VALUES,
  NONE_DIMENSIONS,
  NONE_VALUE,
  type FilterClause,
  type FilterDimension,
  type ReportFilters,
} from '../../core/analysis/filter-inputs';

/**
 * A report filter in the address (`f=`), so a reload or a bookmark keeps it:
 *
 *   f=topic:3,5;language:uk;!referral:none
 *
 * Clauses are separated by `;`, a leading `!` excludes, the dimension is followed by `:` and its values
 * by `,`. The values are ids, codes and enum words, so they need no escaping; the address may still carry
 * the parameter percent-encoded (URLSearchParams writes it so), which `parseFilterParam` reads as well.
 * Reading never throws: a part it does not understand is dropped, so an odd address shows more, not an error.
 * (Catalog checks, such as an id that no longer exists, are the core's: it answers with the field.)
 */

/** The parameter's name in the route's query. */
export const FILTER_PARAM = 'f';

const NUMBER_VALUE = /^[1-9]\d{0,9}$/;
const WORD_VALUE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** One value as the contract wants it for this dimension, or null when it cannot be one. */
function readValue(dimension: FilterDimension, raw: string): number | string | null {
  if (raw === NONE_VALUE) return NONE_DIMENSIONS.includes(dimension) ? NONE_VALUE : null;
  switch (dimension) {
    case 'channel':
      return (CHANNELS as readonly string[]).includes(raw) ? raw : null;
    case 'asker':
      return (ASKERS as readonly string[]).includes(raw) ? raw : null;
    case 'language':
      return WORD_VALUE.test(raw) ? raw : null;
    case 'sdg': {
      const goal = NUMBER_VALUE.test(raw) ? Number(raw) : 0;
      return goal >= 1 && goal <= 17 ? goal : null;
    }
    default: {
      const id = NUMBER_VALUE.test(raw) ? Number(raw) : 0;
      return id >= 1 && id <= 2_147_483_647 ? id : null;
    }
  }
}

const isDimension = (s: string): s is FilterDimension => (FILTER_DIMENSIONS as readonly string[]).includes(s);

/** The filter an address names; `[]` for none. Bad clauses and values are left out, a dimension's second clause too. */
export function parseFilterParam(raw: string | null | undefined): ReportFilters {
  if (!raw) return [];
  const clauses: FilterClause[] = [];
  for (const part of raw.split(';')) {
    const exclude = part.startsWith('!');
    const [name = '', list = '', ...rest] = (exclude ? part.slice(1) : part).split(':');
    if (rest.length > 0 || !isDimension(name) || clauses.some((c) => c.dimension === name)) continue;
    const values: (number | string)[] = [];
    for (const token of list.split(',')) {
      const value = readValue(name, token.trim());
      if (value !== null && !values.includes(value) && values.length < MAX_FILTER_VALUES) values.push(value);
    }
    if (values.length > 0) clauses.push({ dimension: name, values, exclude });
  }
  return clauses;
}

/** The `f=` value for a filter; '' for none. */
export function writeFilterParam(filters: readonly FilterClause[] | undefined): string {
  return (filters ?? [])
    .filter((c) => c.values.length > 0)
    .map((c) => `${c.exclude ? '!' : ''}${c.dimension}:${c.values.join(',')}`)
    .join(';');
}

/**
 * Drill-down and the picker: the filter with `values` added to the dimension's clause. A value already
 * there is not added again. An excluding clause is replaced: a contact asked for by value is one with it.
 */
export function withFilterValues(
  filters: readonly FilterClause[],
  dimension: FilterDimension,
  values: readonly (number | string)[],
  exclude = false,
): ReportFilters {
  const clause = filters.find((c) => c.dimension === dimension);
  const keep = clause && clause.exclude === exclude ? clause.values : [];
  const merged = [...keep, ...values.filter((v, i) => !keep.includes(v) && values.indexOf(v) === i)];
  if (merged.length === 0) return [...filters];
  const next: FilterClause = { dimension, values: merged.slice(0, MAX_FILTER_VALUES), exclude };
  return clause ? filters.map((c) => (c === clause ? next : c)) : [...filters, next];
}

/** The filter without one value of a dimension's clause; the clause goes when its last value does. */
export function withoutFilterValue(filters: readonly FilterClause[], dimension: FilterDimension, value: number | string): ReportFilters {
  return filters.flatMap((c) => {
    if (c.dimension !== dimension) return [c];
    const values = c.values.filter((v) => v !== value);
    return values.length > 0 ? [{ ...c, values }] : [];
  });
}

/** Whether the filter already holds this value (including it, not excluding it). */
export const filtersInclude = (filters: readonly FilterClause[], dimension: FilterDimension, value: number | string) =>
  filters.some((c) => c.dimension === dimension && !c.exclude && c.values.includes(value));
