import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterClause } from '../../core/analysis/filter-inputs';
import type { PivotDimension } from '../../core/analysis/pivot-inputs';
import { seededRandom } from '../../core/demo/random';
import { ANALYSIS_WARMUP, compareFigures, reportFigures, type AnalysisCase } from '../../tools/bench-analysis-cases';
import { PUBLICATION_CASE_IDS, PUBLICATION_REPEATS, timePublication } from '../../tools/bench-analysis-publication';
import { duckPivot, duckReport, loadDuckDb, type DuckSide, type Figures, type LoadRoute } from '../../tools/bench-analysis-duckdb';
import { HISTORY_NOW, HISTORY_OPENING, logTaps } from '../support/recount-history';
import { matchingContacts, readRecountData, recountPivot, type RecountData } from '../support/recount';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The DuckDB side of the analysis bench (tools/bench-analysis-duckdb.ts) on a few hundred contacts written through
 * the real core: its breakdowns equal the core's unfiltered report figure by figure, and its filter and pivot SQL
 * equal the plain recount of test/support/recount.ts — so "figures agree: no" in the bench points at the core.
 */
const FROM = HISTORY_OPENING;
const TO = '2026-03-10';

let core: TempCore;
let data: RecountData;
const duck: Partial<Record<LoadRoute, DuckSide>> = {};
let clauses: FilterClause[][];

beforeAll(async () => {
  core = await openTempCore(HISTORY_NOW);
  await core.client.updateSettings({ openingDate: HISTORY_OPENING });
  const catalog = await core.client.getCatalog({});
  const zebra = catalog.organisations.find((o) => o.name === 'ZEBRA')!.id;
  const { themeDay } = await core.client.saveThemeDay({
    themeDay: { title: 'Flucht und Migration', organisationId: zebra, kind: 'weekly', weekday: 3, startHour: 14, endHour: 17, validFrom: '2024-06-01' },
    dryRun: false,
  });
  await logTaps(core.client, seededRandom(1616), HISTORY_NOW, 220);
  // Voided contacts never count: two of today's taps voided again.
  for (let i = 0; i < 3; i++) {
    const { contact } = await core.client.logContact({
      topicIds: [catalog.topics[0]!.id],
      languageId: catalog.languages[0]!.id,
      channel: 'phone',
      asker: 'citizen',
    });
    if (i < 2) await core.client.voidContact({ contactId: contact.id, reason: 'duplicate' });
  }
  data = await readRecountData(core.database.db);
  duck.appender = await loadDuckDb(core.file, 'appender');
  duck.csv = await loadDuckDb(core.file, 'csv');

  const topic = (i: number) => catalog.topics[i]!.id;
  const clause = (dimension: FilterClause['dimension'], values: (number | string)[], exclude = false): FilterClause => ({ dimension, values, exclude });
  clauses = [
    [clause('topic', [topic(1), topic(3)])],
    [clause('topic', [topic(0)], true)],
    [clause('firstTopic', [topic(2)])],
    [clause('firstTopic', [topic(0), topic(1)], true), clause('channel', ['email'], true)],
    [clause('referral', ['none'])],
    [clause('referral', ['none', catalog.organisations[3]!.id]), clause('asker', ['organisation'])],
    [clause('referral', ['none'], true)],
    [clause('language', [catalog.languages[0]!.code, catalog.languages[2]!.code])],
    [clause('desk', [catalog.desks[0]!.id]), clause('channel', ['phone'])],
    [clause('themeDay', [themeDay!.id])],
    [clause('themeDay', ['none'], true)],
    [clause('themeDay', [themeDay!.id], true)],
    [clause('sdg', [10, 3])],
  ];
}, 120_000);

afterAll(async () => {
  for (const side of Object.values(duck)) side.close();
  await core?.dispose();
});

const asObject = (m: Map<string, number> | undefined) => Object.fromEntries([...(m ?? new Map<string, number>())].sort());
const breakdownOf = (contacts: ReturnType<typeof matchingContacts>, key: (c: (typeof contacts)[number]) => string) => {
  const out = new Map<string, number>();
  for (const c of contacts) out.set(key(c), (out.get(key(c)) ?? 0) + 1);
  return asObject(out);
};

describe('the analysis bench, DuckDB side', () => {
  it('loads the counting contacts only, the same through the appender and through CSV', () => {
    const counting = data.contacts.length;
    expect(counting).toBeGreaterThan(220);
    for (const side of [duck.appender!, duck.csv!]) {
      expect(side.rows.contacts).toBe(counting);
      expect(side.rows.contactTopics).toBe(data.contacts.reduce((s, c) => s + c.topics.length, 0));
      expect(side.rows.contactReferrals).toBe(data.contacts.reduce((s, c) => s + c.referrals.length, 0));
    }
  });

  it("answers every figure of the twelve breakdowns as the core's unfiltered report does", async () => {
    for (const [from, to] of [
      [FROM, TO],
      ['2025-01-01', '2025-12-31'],
      ['2026-03-01', '2026-03-31'],
    ] as const) {
      const report = await core.client.getReport({ from, to, publication: false });
      const core_ = reportFigures(report);
      for (const side of [duck.appender!, duck.csv!]) {
        const figures: Figures = await duckReport(side.connection, from, to);
        expect(compareFigures(core_, figures)).toEqual([]);
      }
      expect(report.total).toBeGreaterThan(0);
    }
  });

  it('turns every kind of filter clause into SQL that matches the plain recount', async () => {
    for (const filters of clauses) {
      const expected = matchingContacts(data, FROM, TO, filters);
      const figures = await duckReport(duck.appender!.connection, FROM, TO, filters);
      const label = JSON.stringify(filters);
      expect(figures.get('total')!.get('') ?? 0, label).toBe(expected.length);
      expect(asObject(figures.get('firstTopic')), label).toEqual(breakdownOf(expected, (c) => String(c.topics[0])));
      expect(asObject(figures.get('language')), label).toEqual(breakdownOf(expected, (c) => c.languageCode));
    }
    // Not vacuous: the clauses select different, non-empty parts of the contacts.
    const sizes = clauses.map((f) => matchingContacts(data, FROM, TO, f).length);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeLessThan(data.contacts.length);
  });

  it('counts pivot cells and totals as the plain recount does', async () => {
    const pairs: [PivotDimension, PivotDimension, FilterClause[]][] = [
      ['topic', 'language', []],
      ['referral', 'month', []],
      ['themeDay', 'hour', clauses[0]!],
      ['firstTopic', 'week', []],
      ['weekday', 'referral', clauses[4]!],
    ];
    for (const [rows, columns, filters] of pairs) {
      const expected = recountPivot(data, { from: FROM, to: TO, rows, columns, filters });
      const figures = await duckPivot(duck.appender!.connection, FROM, TO, rows, columns, filters);
      const label = `${rows} × ${columns}`;
      expect(asObject(figures.get('cell')), label).toEqual(Object.fromEntries(Object.entries(expected.cells).sort()));
      expect(asObject(figures.get('row')), label).toEqual(Object.fromEntries(Object.entries(expected.rowTotals).sort()));
      expect(asObject(figures.get('column')), label).toEqual(Object.fromEntries(Object.entries(expected.columnTotals).sort()));
      expect(figures.get('total')!.get(''), label).toBe(expected.total);
    }
  });
});

describe('the analysis bench, publication rows (issue 17)', () => {
  it('asks each question with and without publication mode: every run timed after the warm-up, figures changed by at most 2, some changed', async () => {
    const periods = ['2024-06', '2024-09', '2024-11', '2025-01', '2025-03', '2025-05', '2025-08', '2025-10', '2025-12', '2026-02'].map((m) => ({
      from: `${m}-01`,
      to: new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10),
    }));
    const runsOf = (extra: Partial<AnalysisCase['runs'][number]> = {}) => periods.map((p) => ({ ...p, filters: [], ...extra }));
    const cases: AnalysisCase[] = [
      { id: 'monthUnfiltered', label: 'month, unfiltered', targetMs: 3, runs: runsOf() },
      { id: 'sinceOpeningUnfiltered', label: 'since opening', targetMs: 30, runs: periods.map((p) => ({ from: FROM, to: p.to, filters: [] })) },
      { id: 'monthFiltered', label: 'month, filtered', targetMs: 5, runs: runsOf({ filters: clauses[1]! }) },
      { id: 'pivotYear', label: 'pivot', targetMs: 5, runs: runsOf({ pivot: { rows: 'topic', columns: 'language' } }) },
      { id: 'notMeasured', label: 'not a publication row', targetMs: 5, runs: runsOf() },
    ];
    const results = await timePublication(core, cases);
    expect(results.map((r) => r.id)).toEqual(PUBLICATION_CASE_IDS.filter((id) => cases.some((c) => c.id === id)));
    for (const r of results) {
      expect(r.error, r.id).toBeUndefined();
      expect(r.runs, r.id).toBe((periods.length - ANALYSIS_WARMUP) * PUBLICATION_REPEATS);
      expect([r.plain?.n, r.publication?.n], r.id).toEqual([r.runs, r.runs]);
      expect(r.ratioP50! > 0 && r.ratioP95! > 0 && r.ratioPairedMedian! > 0, r.id).toBe(true);
      expect(r.beyondTwo, r.id).toBe(0);
      expect(r.perturbedFigures, r.id).toBeGreaterThan(0);
    }
  }, 120_000);
});
