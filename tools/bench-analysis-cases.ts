/**
 * The rows of the analysis bench (issue 16's table): which periods and filters each row runs, its target, and
 * how a core answer (Report or Pivot) is turned into the same Figures the DuckDB side returns, so that every
 * figure of every breakdown can be compared. Pure: no database here.
 */
import type { ReportFilters } from '../core/analysis/filter-inputs';
import type { PivotDimension } from '../core/analysis/pivot-inputs';
import type { Pivot } from '../core/analysis/pivot-types';
import type { Catalog } from '../core/catalog/catalog-types';
import type { Breakdown, Report } from '../core/reports/report-types';
import type { Figures } from './bench-analysis-duckdb';
import { monthEnd } from './bench-reports-calendar';
import { DATA_FROM } from './bench-reports-site';
import { monthPeriods, yearPeriods } from './bench-reports-timing';

/**
 * Untimed runs first: the issue asks for a warm core (code paths compiled, each pivot kind and filter set seen
 * once). The months timed are other months than these; years and "since opening" have only 10 and 12 to choose from.
 */
export const ANALYSIS_WARMUP = 8;
export const ANALYSIS_RUNS = 20;

/** A report input's publication fields as the handlers take them (parsed): without publication mode, single topics. */
export const PLAIN_REPORT = { publication: false, publicationMethod: 'cellKey', topicGroups: false } as const;
/** The same with publication mode on, by the cell-key method (issue 17). */
export const PUBLISHED_REPORT = { publication: true, publicationMethod: 'cellKey', topicGroups: false } as const;

export interface AnalysisRun {
  from: string;
  to: string;
  filters: ReportFilters;
  /** A pivot of these two dimensions instead of a report. */
  pivot?: { rows: PivotDimension; columns: PivotDimension };
}

export interface AnalysisCase {
  id: string;
  label: string;
  /** p95 target in ms for the core (issue 16); the core must also beat DuckDB in the same run. */
  targetMs: number;
  /** Warm-up runs first, then measured ones; periods and filters rotate so no run repeats the one before. */
  runs: AnalysisRun[];
}

/** Catalog ids the filters name, looked up by position (topics, organisations) and code (languages), so the bench reads like its site. */
function catalogPicks(catalog: Catalog) {
  const byPosition = <T extends { position: number; id: number }>(xs: T[], position: number) => xs.find((x) => x.position === position)?.id ?? xs[0]!.id;
  const topic = (position: number) => byPosition(catalog.topics, position);
  const organisation = (position: number) => byPosition(catalog.organisations, position);
  const desks = [...catalog.desks].sort((a, b) => a.position - b.position);
  const themeDays = catalog.themeDays;
  return { topic, organisation, secondDesk: (desks[1] ?? desks[0]!).id, themeDay: themeDays[1]?.id ?? themeDays[0]?.id };
}

/** One or two clauses each: the kinds of question management asks (issue 16, "What management can do"). */
export function filterSets(catalog: Catalog) {
  const { topic, organisation, secondDesk, themeDay } = catalogPicks(catalog);
  const clause = (dimension: ReportFilters[number]['dimension'], values: (number | string)[], exclude = false) => ({ dimension, values, exclude });
  const month: ReportFilters[] = [
    [clause('language', ['uk'])],
    [clause('channel', ['phone']), clause('asker', ['organisation'])],
    [clause('topic', [topic(2)])],
    [clause('referral', ['none']), clause('language', ['ar', 'fa'])],
    [clause('firstTopic', [topic(5)]), clause('channel', ['in_person'])],
    [clause('desk', [secondDesk])],
    [clause('sdg', [10])],
    [clause('themeDay', ['none'], true)],
  ];
  const year: ReportFilters[] = [
    [clause('topic', [topic(8)])],
    [clause('firstTopic', [topic(5)])],
    [clause('language', ['uk']), clause('topic', [topic(2)])],
    [clause('firstTopic', [topic(4)]), clause('referral', ['none'], true)],
    [clause('language', ['ar'])],
    [clause('sdg', [3]), clause('asker', ['organisation'])],
    ...(themeDay === undefined ? [] : [[clause('themeDay', [themeDay])]]),
    [clause('referral', [organisation(4), organisation(6)]), clause('channel', ['email'], true)],
  ];
  const sinceOpening: ReportFilters[] = [
    [clause('topic', [topic(9)])],
    [clause('firstTopic', [topic(7)]), clause('language', ['de'], true)],
    [clause('channel', ['email'])],
    [clause('referral', [organisation(4)]), clause('language', ['uk'])],
    [clause('language', ['tr', 'hr'])],
    [clause('firstTopic', [topic(3)])],
  ];
  return { month, year, sinceOpening };
}

/** Since opening up to the end of each of the data's last months: ten years, a slightly different end each run. */
function sinceOpeningPeriods(count: number): { from: string; to: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const index = 2026 * 12 + 10 - (i % 12); // 2026-11, 2026-10, …
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { from: DATA_FROM, to: monthEnd(month) };
  });
}

const PIVOTS: { rows: PivotDimension; columns: PivotDimension }[] = [
  { rows: 'topic', columns: 'language' },
  { rows: 'referral', columns: 'asker' },
  { rows: 'firstTopic', columns: 'month' },
  { rows: 'channel', columns: 'hour' },
];

/** The issue's eight rows, each with ANALYSIS_WARMUP + ANALYSIS_RUNS runs. */
export function analysisCases(catalog: Catalog): AnalysisCase[] {
  const n = ANALYSIS_WARMUP + ANALYSIS_RUNS;
  const sets = filterSets(catalog);
  const months = monthPeriods().slice(0, n); // 35 shuffled months of the data
  const years = yearPeriods().slice(0, n);
  const since = sinceOpeningPeriods(n);
  const runs = (periods: { from: string; to: string }[], filters: ReportFilters[] = [[]]) =>
    periods.map((p, i) => ({ ...p, filters: filters[i % filters.length]! }));
  const pivots = (periods: { from: string; to: string }[]) => periods.map((p, i) => ({ ...p, filters: [], pivot: PIVOTS[i % PIVOTS.length]! }));
  return [
    { id: 'monthUnfiltered', label: 'month, unfiltered', targetMs: 3, runs: runs(months) },
    { id: 'yearUnfiltered', label: 'year, unfiltered', targetMs: 10, runs: runs(years) },
    { id: 'sinceOpeningUnfiltered', label: 'since opening, unfiltered', targetMs: 30, runs: runs(since) },
    { id: 'monthFiltered', label: 'month, 1–2 filters', targetMs: 5, runs: runs(months, sets.month) },
    { id: 'yearFiltered', label: 'year, 1–2 filters', targetMs: 20, runs: runs(years, sets.year) },
    { id: 'sinceOpeningFiltered', label: 'since opening, 1–2 filters', targetMs: 80, runs: runs(since, sets.sinceOpening) },
    { id: 'pivotYear', label: 'pivot, a year', targetMs: 5, runs: pivots(years) },
    { id: 'pivotSinceOpening', label: 'pivot, since opening', targetMs: 30, runs: pivots(since) },
  ];
}

/** At 10,000,000 contacts (`--analysis-10m`): since opening only, with the issue's two targets. */
export function tenMillionCases(catalog: Catalog): AnalysisCase[] {
  return analysisCases(catalog)
    .filter((c) => c.id === 'sinceOpeningUnfiltered' || c.id === 'sinceOpeningFiltered')
    .map((c) => ({ ...c, id: `${c.id}10m`, label: `${c.label} (10M)`, targetMs: c.id === 'sinceOpeningUnfiltered' ? 100 : 800 }));
}

// ---------------------------------------------------------------- figures of the core's answers

function rowsOf(b: Breakdown): Map<string, number> {
  return new Map(b.rows.filter((r) => (r.n ?? 0) !== 0).map((r) => [String(r.key), r.n!]));
}

const one = (n: number | null | undefined) => new Map(n ? [['', n]] : []);

/** A report's twelve breakdowns (and its cross table), keyed as the DuckDB queries key them (tools/bench-analysis-duckdb.ts). */
export function reportFigures(r: Report): Figures {
  const heatmap = new Map<string, number>();
  r.heatmap.forEach((hours, d) => hours.forEach((n, h) => n && heatmap.set(`${d + 1}:${h}`, n)));
  const cross = new Map<string, number>();
  r.topicReferrals.rows.forEach((t, i) =>
    r.topicReferrals.columns.forEach((o, j) => {
      const n = r.topicReferrals.cells[i]![j];
      if (n) cross.set(`${t.key}:${o.key}`, n);
    }),
  );
  return new Map([
    ['total', one(r.total)],
    ['firstTopic', rowsOf(r.byTopic.contacts)],
    ['topicMentions', rowsOf(r.byTopic.mentions)],
    ['referral', rowsOf(r.byReferral)],
    ['contactsWithReferral', one(r.contactsWithReferral)],
    ['language', rowsOf(r.byLanguage)],
    ['channel', rowsOf(r.byChannel)],
    ['asker', rowsOf(r.byAsker)],
    ['desk', rowsOf(r.byDesk)],
    ['themeDay', rowsOf(r.byThemeDay)],
    ['monthly', new Map(r.monthly.filter((m) => m.n).map((m) => [m.month, m.n!]))],
    ['heatmap', heatmap],
    ['cross', cross],
  ]);
}

/** A pivot's cells and totals, keyed `row|column`, as the DuckDB pivot queries key them. */
export function pivotFigures(p: Pivot): Figures {
  const cells = new Map<string, number>();
  p.rows.forEach((r, i) =>
    p.columns.forEach((c, j) => {
      const n = p.cells[i]![j]!;
      if (n) cells.set(`${r.key}|${c.key}`, n);
    }),
  );
  const totals = (headers: Pivot['rows'], ns: number[]) => new Map(headers.flatMap((h, i) => (ns[i] ? [[String(h.key), ns[i]!] as const] : [])));
  return new Map([
    ['cell', cells],
    ['row', totals(p.rows, p.rowTotals)],
    ['column', totals(p.columns, p.columnTotals)],
    ['total', one(p.total)],
  ]);
}

/** Every figure of every breakdown, both ways: `name[key]: core x, duckdb y` for each that differs. */
export function compareFigures(core: Figures, duck: Figures): string[] {
  const out: string[] = [];
  for (const name of new Set([...core.keys(), ...duck.keys()])) {
    const a = core.get(name) ?? new Map<string, number>();
    const b = duck.get(name) ?? new Map<string, number>();
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if ((a.get(key) ?? 0) !== (b.get(key) ?? 0)) out.push(`${name}[${key}]: core ${a.get(key) ?? 0}, duckdb ${b.get(key) ?? 0}`);
    }
  }
  return out;
}

/** How a run is named in a mismatch list. */
export function describeRun(run: AnalysisRun): string {
  const filters = run.filters.map((c) => `${c.exclude ? '!' : ''}${c.dimension}:${c.values.join(',')}`).join(';');
  return `${run.from}…${run.to}${filters ? ` [${filters}]` : ''}${run.pivot ? ` pivot ${run.pivot.rows}×${run.pivot.columns}` : ''}`;
}
