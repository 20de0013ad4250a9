import fc from 'fast-check';
import type { Client } from '../../core/api/contract';
import { computePivot } from '../../core/analysis/compute-pivot';
import type { FilterClause, FilterDimension } from '../../core/analysis/filter-inputs';
import { FILTER_DIMENSIONS } from '../../core/analysis/filter-inputs';
import { PIVOT_DIMENSIONS, pivotSchema, type PivotDimension } from '../../core/analysis/pivot-inputs';
import type { Pivot } from '../../core/analysis/pivot-types';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { CoreContext } from '../../core/context';
import type { Kysely } from 'kysely';
import type { Schema } from '../../core/db/schema';
import { pivotMismatches, reportMismatches } from './recount-compare';
import { readRecountData } from './recount';

/**
 * Random periods and filters (fast-check) for the issue 16 property tests, and the two checks: a
 * report's every figure, and a pivot's every cell and total, against the recount of test/support/recount.ts.
 * The seed is fixed (PROPERTY_SEED, or KONTAKTDESK_PROPERTY_SEED to replay another); fast-check names
 * it with the smallest counterexample when a check fails.
 */
export const PROPERTY_SEED = Number(process.env.KONTAKTDESK_PROPERTY_SEED ?? 160_016);

const DAY = 86_400_000;
const dayAt = (t: number) => new Date(t).toISOString().slice(0, 10);
const EARLIEST = Date.parse('2023-09-01T00:00:00Z');
const LATEST = Date.parse('2026-12-31T00:00:00Z');

/**
 * Checked first on every run: the whole history, so that whatever a write just changed is in the
 * figures (a random period may miss the few contacts it touched), unfiltered and under two filters.
 */
const WHOLE_HISTORY = { from: '2023-09-01', to: '2026-12-31' };
const EXAMPLE_FILTERS: FilterClause[][] = [
  [],
  [{ dimension: 'language', values: ['de'], exclude: true }],
  [
    { dimension: 'channel', values: ['phone', 'email'], exclude: false },
    { dimension: 'referral', values: ['none'], exclude: true },
  ],
];

export interface Period {
  from: string;
  to: string;
}

/** Any span, whole months, quarters, years, "since opening": the shapes reports are asked for, past, running and future. */
export function periodArbitrary(openingDate: string, today: string): fc.Arbitrary<Period> {
  const span = fc
    .tuple(
      fc.integer({ min: 0, max: (LATEST - EARLIEST) / DAY }),
      fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 400 }), fc.integer({ min: 401, max: 900 })),
    )
    .map(([start, length]) => ({ from: dayAt(EARLIEST + start * DAY), to: dayAt(Math.min(LATEST, EARLIEST + (start + length - 1) * DAY)) }));
  const month = fc.integer({ min: 0, max: 39 }).map((i) => {
    const first = Date.UTC(2023, 9 + i, 1);
    return { from: dayAt(first), to: dayAt(Date.UTC(2023, 10 + i, 0)) };
  });
  const quarter = fc.integer({ min: 0, max: 12 }).map((i) => ({ from: dayAt(Date.UTC(2023, 9 + 3 * i, 1)), to: dayAt(Date.UTC(2023, 12 + 3 * i, 0)) }));
  const year = fc.integer({ min: 2023, max: 2026 }).map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` }));
  return fc.oneof(span, month, quarter, year, fc.constant({ from: openingDate, to: today }));
}

/** Every value a filter clause may name, from the catalog as it is (retired and merged entries included). */
export function filterUniverse(catalog: Catalog): Record<FilterDimension, (number | string)[]> {
  const carried = [...new Set(catalog.topics.flatMap((t) => t.sdgs))];
  return {
    topic: catalog.topics.map((t) => t.id),
    firstTopic: catalog.topics.map((t) => t.id),
    referral: ['none', ...catalog.organisations.map((o) => o.id)],
    language: catalog.languages.slice(0, 9).map((l) => l.code),
    channel: ['in_person', 'phone', 'email'],
    asker: ['citizen', 'organisation'],
    desk: catalog.desks.map((d) => d.id),
    themeDay: ['none', ...catalog.themeDays.map((t) => t.id)],
    sdg: [...carried, ...[2, 17].filter((g) => !carried.includes(g))],
  };
}

/** What the schema refuses: every first topic asked for excluded as a topic. */
function contradicts(filters: FilterClause[]): boolean {
  const first = filters.find((c) => c.dimension === 'firstTopic' && !c.exclude);
  const excluded = filters.find((c) => c.dimension === 'topic' && c.exclude);
  return !!first && !!excluded && first.values.every((v) => excluded.values.includes(v));
}

export function filtersArbitrary(universe: Record<FilterDimension, (number | string)[]>): fc.Arbitrary<FilterClause[]> {
  const clause = (dimension: FilterDimension): fc.Arbitrary<FilterClause> =>
    fc.record({
      dimension: fc.constant(dimension),
      values: fc.subarray(universe[dimension], { minLength: 1, maxLength: Math.min(3, universe[dimension].length) }),
      exclude: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    });
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constant<FilterDimension[]>([]) },
      { weight: 6, arbitrary: fc.subarray([...FILTER_DIMENSIONS], { minLength: 1, maxLength: 3 }) },
    )
    .chain((dims): fc.Arbitrary<FilterClause[]> => (dims.length === 0 ? fc.constant([]) : fc.tuple(...dims.map(clause))))
    .filter((filters) => !contradicts(filters));
}

/** The reading side: a core's client and context, and the database to recount from. */
export interface Reader {
  client: Client;
  context: CoreContext;
  db: Kysely<Schema>;
}

async function todayOf(reader: Reader): Promise<string> {
  const catalog = await reader.client.getCatalog({});
  return new Intl.DateTimeFormat('sv-SE', { timeZone: catalog.settings.timeZone }).format(reader.context.now());
}

const failure = (what: string, input: unknown, mismatches: unknown[]) =>
  new Error(`${what} differs from the recount (seed ${PROPERTY_SEED}):\n${JSON.stringify({ input, mismatches }, null, 1)}`);

/**
 * `numRuns` random (period, filters): every figure of the report equals the recount. `unfiltered`: no
 * filter at all, the reports as they were before issue 16 (which holds the recount itself to account).
 */
export async function checkReports(
  reader: Reader,
  { numRuns, seed = PROPERTY_SEED, unfiltered = false }: { numRuns: number; seed?: number; unfiltered?: boolean },
): Promise<void> {
  const data = await readRecountData(reader.db);
  const catalog = await reader.client.getCatalog({});
  const periods = periodArbitrary(data.openingDate, await todayOf(reader));
  await fc.assert(
    fc.asyncProperty(periods, unfiltered ? fc.constant<FilterClause[]>([]) : filtersArbitrary(filterUniverse(catalog)), async (period, filters) => {
      const input = { ...period, filters };
      const report = await reader.client.getReport(input);
      const mismatches = reportMismatches(data, input, report);
      if (mismatches.length > 0) throw failure('report', input, mismatches);
    }),
    { seed, numRuns, examples: (unfiltered ? [[]] : EXAMPLE_FILTERS).map((filters): [Period, FilterClause[]] => [WHOLE_HISTORY, filters]) },
  );
}

async function pivotOf(reader: Reader, input: unknown): Promise<Pivot> {
  const viaContract = (reader.client as unknown as { getPivot?: (i: unknown) => Promise<Pivot> }).getPivot;
  return viaContract ? viaContract(input) : computePivot(reader.context, pivotSchema.parse(input));
}

/** `numRuns` random pivots: every cell and total equals the recount. */
export async function checkPivots(reader: Reader, { numRuns, seed = PROPERTY_SEED }: { numRuns: number; seed?: number }): Promise<void> {
  const data = await readRecountData(reader.db);
  const catalog = await reader.client.getCatalog({});
  const periods = periodArbitrary(data.openingDate, await todayOf(reader));
  const dimensions = fc.tuple(fc.constantFrom(...PIVOT_DIMENSIONS), fc.constantFrom(...PIVOT_DIMENSIONS)).filter(([a, b]) => a !== b) as fc.Arbitrary<
    [PivotDimension, PivotDimension]
  >;
  await fc.assert(
    fc.asyncProperty(periods, dimensions, filtersArbitrary(filterUniverse(catalog)), async (period, [rows, columns], filters) => {
      const input = { ...period, rows, columns, filters };
      const pivot = await pivotOf(reader, input);
      const mismatches = pivotMismatches(data, input, pivot);
      if (mismatches.length > 0) throw failure('pivot', input, mismatches);
    }),
    {
      seed,
      numRuns,
      examples: [
        [WHOLE_HISTORY, ['topic', 'language'], EXAMPLE_FILTERS[0]!],
        [WHOLE_HISTORY, ['themeDay', 'hour'], EXAMPLE_FILTERS[1]!],
        [WHOLE_HISTORY, ['referral', 'week'], EXAMPLE_FILTERS[2]!],
        [WHOLE_HISTORY, ['firstTopic', 'weekday'], EXAMPLE_FILTERS[0]!],
        [WHOLE_HISTORY, ['channel', 'asker'], EXAMPLE_FILTERS[0]!],
        [WHOLE_HISTORY, ['desk', 'month'], EXAMPLE_FILTERS[0]!],
      ] as [Period, [PivotDimension, PivotDimension], FilterClause[]][],
    },
  );
}
