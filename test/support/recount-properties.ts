import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
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
import { resolveFilters } from '../../core/analysis/check-filters';
import { storeSource } from '../../core/analysis/store-source';
import { publishedCount } from '../../core/publication/cell-key';
import { pivotFigures, pivotMismatches, reportMismatches } from './recount-compare';
import { readRecountData, recountPivot, recountPivotKeys } from './recount';
import { cellDiff, flattenHourly, flattenPeriodCounts, recountHourCells, recountStoreCells, recountTotalCell } from './recount-keys';

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

const DIMENSION_PAIRS = fc.tuple(fc.constantFrom(...PIVOT_DIMENSIONS), fc.constantFrom(...PIVOT_DIMENSIONS)).filter(([a, b]) => a !== b) as fc.Arbitrary<
  [PivotDimension, PivotDimension]
>;

/** Days of a period to ask the count source's `hourly` for: its first, its last and one in between. */
const someDays = (period: Period) => {
  const from = Date.parse(`${period.from}T00:00:00Z`);
  const to = Date.parse(`${period.to}T00:00:00Z`);
  return [...new Set([period.from, dayAt(from + Math.floor((to - from) / DAY / 2) * DAY), period.to])];
};

/**
 * Issue 17: `numRuns` random (period, filters): the analysis store's count source (what a filtered
 * report counts from) gives every count with the key sum of exactly the contacts it counts — period
 * figures, `total` and `hourly` — equal to the recount's.
 */
export async function checkStoreKeys(reader: Reader, { numRuns, seed = PROPERTY_SEED }: { numRuns: number; seed?: number }): Promise<void> {
  const data = await readRecountData(reader.db);
  const catalog = await reader.context.catalog.catalog();
  const periods = periodArbitrary(data.openingDate, await todayOf(reader));
  await fc.assert(
    fc.asyncProperty(periods, filtersArbitrary(filterUniverse(catalog)), async (period, filters) => {
      const source = await storeSource(reader.context.analysis, catalog, resolveFilters(catalog, filters));
      const input = { ...period, filters };
      const mismatches = {
        period: cellDiff(recountStoreCells(data, period.from, period.to, filters), flattenPeriodCounts(await source.period(period.from, period.to))),
        total: cellDiff({ total: recountTotalCell(data, period.from, period.to, filters) }, { total: await source.total(period.from, period.to) }),
        hourly: cellDiff(recountHourCells(data, someDays(period), filters), flattenHourly(await source.hourly(someDays(period)))),
      };
      if (Object.values(mismatches).some((m) => Object.keys(m).length > 0)) throw failure("the store's key sums", input, [mismatches]);
    }),
    { seed, numRuns, examples: EXAMPLE_FILTERS.map((filters): [Period, FilterClause[]] => [WHOLE_HISTORY, filters]) },
  );
}

/** A pivot's figures as the recount publishes them: each from its own count and key sum; rows and columns whose published total is 0 left out. */
export function publishedPivotFigures(data: Awaited<ReturnType<typeof readRecountData>>, input: Parameters<typeof recountPivot>[1]) {
  const figures = recountPivot(data, input);
  const keys = recountPivotKeys(data, input);
  const publish = (counts: Record<string, number>, keysOf: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, publishedCount(n, keysOf[name]!)]));
  const shown = (totals: Record<string, number>) => new Set(Object.keys(totals).filter((name) => totals[name]! > 0));
  const rowTotals = publish(figures.rowTotals, keys.rowTotals);
  const columnTotals = publish(figures.columnTotals, keys.columnTotals);
  const rows = shown(rowTotals);
  const columns = shown(columnTotals);
  const cells = publish(figures.cells, keys.cells);
  return {
    cells: Object.fromEntries(
      Object.entries(cells).filter(([name, n]) => {
        const [row, column] = name.split('|') as [string, string];
        return n !== 0 && rows.has(row) && columns.has(column);
      }),
    ),
    rowTotals: Object.fromEntries([...rows].map((r) => [r, rowTotals[r]!])),
    columnTotals: Object.fromEntries([...columns].map((c) => [c, columnTotals[c]!])),
    total: publishedCount(figures.total, keys.total),
    importedNotIncluded: publishedCount(figures.importedNotIncluded, keys.importedNotIncluded),
  };
}

/**
 * Issue 17: `numRuns` random pivots in publication mode: every cell and total is `publishedCount(n, key)`
 * of the recount's count and key sum, only rows and columns with a published total above 0 are shown,
 * and the grand total — the same contacts, whichever two dimensions — equals that of another pivot.
 */
export async function checkPublishedPivots(reader: Reader, { numRuns, seed = PROPERTY_SEED }: { numRuns: number; seed?: number }): Promise<void> {
  const data = await readRecountData(reader.db);
  const catalog = await reader.client.getCatalog({});
  const periods = periodArbitrary(data.openingDate, await todayOf(reader));
  await fc.assert(
    fc.asyncProperty(
      periods,
      DIMENSION_PAIRS,
      DIMENSION_PAIRS,
      filtersArbitrary(filterUniverse(catalog)),
      async (period, [rows, columns], [rows2, columns2], filters) => {
        const input = { ...period, rows, columns, filters };
        const pivot = await pivotOf(reader, { ...input, publication: true });
        const other = await pivotOf(reader, { ...period, rows: rows2, columns: columns2, filters, publication: true });
        const expected = publishedPivotFigures(data, input);
        const got = pivotFigures(pivot);
        const mismatches: unknown[] = [];
        for (const name of ['cells', 'rowTotals', 'columnTotals', 'total', 'importedNotIncluded'] as const) {
          if (!isDeepStrictEqual(got[name], expected[name])) mismatches.push({ figure: name, expected: expected[name], got: got[name] });
        }
        if (pivot.publication !== true) mismatches.push({ figure: 'publication', expected: true, got: pivot.publication });
        if (other.total !== pivot.total) mismatches.push({ figure: `total of ${rows2} × ${columns2}`, expected: pivot.total, got: other.total });
        if (mismatches.length > 0) throw failure('published pivot', input, mismatches);
      },
    ),
    {
      seed,
      numRuns,
      // Unfiltered, the whole history holds imported monthly counts: `importedNotIncluded` is published from their keys.
      examples: [
        [WHOLE_HISTORY, ['topic', 'language'], ['desk', 'hour'], EXAMPLE_FILTERS[0]!],
        [WHOLE_HISTORY, ['referral', 'week'], ['channel', 'asker'], EXAMPLE_FILTERS[2]!],
      ] as [Period, [PivotDimension, PivotDimension], [PivotDimension, PivotDimension], FilterClause[]][],
    },
  );
}
