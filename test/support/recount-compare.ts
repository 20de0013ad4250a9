import { isDeepStrictEqual } from 'node:util';
import type { FilterClause } from '../../core/analysis/filter-inputs';
import type { PivotDimension } from '../../core/analysis/pivot-inputs';
import type { Pivot } from '../../core/analysis/pivot-types';
import type { Breakdown, Report } from '../../core/reports/report-types';
import { recountPivot, recountReport, totalIn, type PivotFigures, type RecountData, type ReportFigures } from './recount';

/** The same figures read from a report the core made, in the shape of the recount's. */
export function asCounts(b: Breakdown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of b.rows) if (row.n) out[String(row.key)] = row.n;
  return out;
}

export function reportFigures(r: Report): ReportFigures {
  const cross: Record<string, number> = {};
  r.topicReferrals.rows.forEach((row, i) =>
    r.topicReferrals.columns.forEach((col, j) => {
      const n = r.topicReferrals.cells[i]![j];
      if (n) cross[`${row.key}:${col.key}`] = n;
    }),
  );
  return {
    days: r.period.days,
    total: r.total!,
    imported: r.imported ?? 0,
    importedNotIncluded: r.importedNotIncluded ?? 0,
    topicContacts: asCounts(r.byTopic.contacts),
    topicContactsTotal: r.byTopic.contacts.total!,
    topicMentions: asCounts(r.byTopic.mentions),
    topicMentionsTotal: r.byTopic.mentions.total!,
    referrals: asCounts(r.byReferral),
    referralsTotal: r.byReferral.total!,
    contactsWithReferral: r.contactsWithReferral!,
    languages: asCounts(r.byLanguage),
    channels: asCounts(r.byChannel),
    askers: asCounts(r.byAsker),
    desks: asCounts(r.byDesk),
    themeDays: asCounts(r.byThemeDay),
    monthly: r.monthly.map((m) => ({ month: m.month, n: m.n!, cumulative: m.cumulative! })),
    series: {
      unit: r.series.unit,
      points: r.series.points.map((p) => ({ key: p.key, from: p.from, to: p.to, n: p.n! })),
      importedNotInSeries: r.series.importedNotInSeries ?? 0,
    },
    heatmap: r.heatmap.map((row) => row.map((n) => n!)),
    openHourContacts: r.openHours.contacts!,
    topicReferrals: cross,
    topicReferralsTotal: r.topicReferrals.total!,
    sdg: Object.fromEntries(r.bySdg.rows.filter((row) => row.n).map((row) => [String(row.key), row.n!])),
    sdgTotal: r.bySdg.total!,
    sdgContacts: r.bySdg.contacts!,
    sinceOpening: r.headline.sinceOpening.total!,
  };
}

export interface Mismatch {
  figure: string;
  expected: unknown;
  got: unknown;
}

/** Key-by-key differences of two count maps, so a failure names the cells, not the whole table. */
function countDiff(expected: Record<string, number>, got: Record<string, number>) {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort();
  return Object.fromEntries(keys.filter((k) => (expected[k] ?? 0) !== (got[k] ?? 0)).map((k) => [k, { expected: expected[k] ?? 0, got: got[k] ?? 0 }]));
}

const isCountMap = (v: unknown): v is Record<string, number> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((n) => typeof n === 'number');

function compareFigures(expected: object, got: object): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [figure, e] of Object.entries(expected)) {
    const g = (got as Record<string, unknown>)[figure];
    if (isCountMap(e) && isCountMap(g)) {
      const diff = countDiff(e, g);
      if (Object.keys(diff).length > 0) out.push({ figure, expected: 'the recount', got: diff });
    } else if (Array.isArray(e) && Array.isArray(g) && e.length === g.length) {
      // Lists (months, series points, heat-map rows): only the entries that differ.
      const diff = e.flatMap((x, i) => (isDeepStrictEqual(x, g[i]) ? [] : [{ at: i, expected: x, got: g[i] }]));
      if (diff.length > 0) out.push({ figure, expected: 'the recount', got: diff });
    } else if (figure === 'series' && isDeepStrictEqual(Object.keys(e ?? {}), Object.keys(g ?? {}))) {
      out.push(...compareFigures(e as object, g as object).map((m) => ({ ...m, figure: `series.${m.figure}` })));
    } else if (!isDeepStrictEqual(e, g)) out.push({ figure, expected: e, got: g });
  }
  return out;
}

/** Every figure of a report against the recount; the comparisons over the spans the report itself names. */
export function reportMismatches(data: RecountData, input: { from: string; to: string; filters: readonly FilterClause[] }, report: Report): Mismatch[] {
  const expected = recountReport(data, input.from, input.to, input.filters);
  const out = compareFigures(expected, reportFigures(report));
  // The filter the report states: every clause asked for, in order, each value with its label.
  const stated = report.filters.map((c) => ({ dimension: c.dimension, exclude: c.exclude, labelled: c.labels.length === c.values.length }));
  const asked = input.filters.map((c) => ({ dimension: c.dimension, exclude: c.exclude, labelled: true }));
  if (!isDeepStrictEqual(stated, asked)) out.push({ figure: 'filters', expected: asked, got: stated });
  for (const kind of ['previousPeriod', 'yearBefore'] as const) {
    const c = report.comparisons[kind];
    if (c.total === null) {
      if (c.reason !== 'beforeOpening' && c.reason !== 'notStarted') out.push({ figure: `comparisons.${kind}.total`, expected: 'a count', got: null });
      continue;
    }
    const want = totalIn(data, c.period.from, c.period.to, input.filters);
    if (want !== c.total) out.push({ figure: `comparisons.${kind}.total (${c.period.from}…${c.period.to})`, expected: want, got: c.total });
    if (c.comparable && c.delta !== expected.total - want) out.push({ figure: `comparisons.${kind}.delta`, expected: expected.total - want, got: c.delta });
  }
  return out;
}

export function pivotFigures(p: Pivot): PivotFigures {
  const cells: Record<string, number> = {};
  p.rows.forEach((row, i) =>
    p.columns.forEach((col, j) => {
      const n = p.cells[i]![j]!;
      if (n) cells[`${row.key}|${col.key}`] = n;
    }),
  );
  return {
    cells,
    rowTotals: Object.fromEntries(p.rows.map((row, i) => [String(row.key), p.rowTotals[i]!])),
    columnTotals: Object.fromEntries(p.columns.map((col, j) => [String(col.key), p.columnTotals[j]!])),
    total: p.total,
    importedNotIncluded: p.importedNotIncluded,
  };
}

export function pivotMismatches(
  data: RecountData,
  input: { from: string; to: string; rows: PivotDimension; columns: PivotDimension; filters: readonly FilterClause[] },
  pivot: Pivot,
): Mismatch[] {
  const out = compareFigures(recountPivot(data, input), pivotFigures(pivot));
  // Only rows and columns with at least one contact are listed.
  if (pivot.rowTotals.some((n) => n === 0)) out.push({ figure: 'rows', expected: 'no empty row', got: pivot.rowTotals });
  if (pivot.columnTotals.some((n) => n === 0)) out.push({ figure: 'columns', expected: 'no empty column', got: pivot.columnTotals });
  return out;
}
