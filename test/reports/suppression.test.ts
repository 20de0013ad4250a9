import { seededRandom } from '../../core/demo/random';
import { describe, expect, it } from 'vitest';
import type { Breakdown, CrossTable, MonthPoint, Report } from '../../core/reports/report-types';
import { suppressMonthly } from '../../core/reports/monthly-suppression';
import { applyPublicationMode, suppressBreakdown, suppressCrossTable, suppressHeatmap, suppressSeries, isSmall } from '../../core/reports/suppression';
import { suppressHeatmapWithTotal } from '../../core/reports/suppression-tables';
import {
  canRecoverSuppressed,
  crossTableSystem,
  heatmapSystem,
  kindOf,
  lineSystem,
  numbersOf,
  pinnedByBounds,
  pinnedInReport,
  recoverSuppressed,
  seriesSystem,
  truthOf,
} from './recoverability';

const _ = null; // a suppressed figure, "·" — keeps the expected matrices readable

// ---------------------------------------------------------------------------------------------
// Builders for crafted tables.
// ---------------------------------------------------------------------------------------------

const label = (s: string) => ({ de: s, en: s });
const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);

function breakdown(ns: number[]): Breakdown {
  return { rows: ns.map((n, i) => ({ key: i, label: label(`r${i}`), n })), total: sum(ns) };
}
const ns = (b: Breakdown) => b.rows.map((r) => r.n);

function crossTable(cells: number[][]): CrossTable {
  const cols = cells[0]?.length ?? 0;
  return {
    rows: cells.map((_r, i) => ({ key: i, label: label(`t${i}`) })),
    columns: Array.from({ length: cols }, (_c, j) => ({ key: j, label: label(`o${j}`) })),
    cells,
    rowTotals: cells.map(sum),
    columnTotals: Array.from({ length: cols }, (_c, j) => sum(cells.map((row) => row[j]!))),
    total: sum(cells.map(sum)),
  };
}

/** The published table as one matrix with its totals: rows + row total, then the column totals + grand total. */
const withTotals = (t: CrossTable) => [...t.cells.map((row, r) => [...row, t.rowTotals[r]]), [...t.columnTotals, t.total]];

function series(ns: number[]): MonthPoint[] {
  let running = 0;
  return ns.map((n, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, n, cumulative: (running += n) }));
}

// ---------------------------------------------------------------------------------------------

describe('suppressBreakdown', () => {
  it('leaves a table with nothing below the threshold unchanged (3 is not below 3; zeros are not sensitive)', () => {
    const b = breakdown([10, 5, 3, 0]);
    expect(suppressBreakdown(b, 3)).toEqual(b);
  });

  it('one small row: total − others would reveal it, so the smallest other positive row goes too', () => {
    // 24 − 10 − 7 − 5 = 2 if only the 2 were hidden. Hide the 5 as well: the reader learns 2 + 5 = 7 only.
    const out = suppressBreakdown(breakdown([10, 7, 2, 5]), 3);
    expect(ns(out)).toEqual([10, 7, _, _]);
    expect(out.total).toBe(24); // the total stays published: two hidden rows protect each other
    expect(canRecoverSuppressed(lineSystem(ns(out), out.total))).toBe(false);
  });

  it('the partner is the smallest positive row, tie → first; zero rows are never partners while a positive one is left', () => {
    expect(ns(suppressBreakdown(breakdown([10, 5, 0, 1, 5]), 3))).toEqual([10, _, 0, _, 5]);
  });

  it('two small rows protect each other: no secondary suppression', () => {
    expect(ns(suppressBreakdown(breakdown([10, 1, 2, 0]), 3))).toEqual([10, _, _, 0]);
  });

  it('all zero: nothing to hide', () => {
    const b = breakdown([0, 0, 0]);
    expect(suppressBreakdown(b, 3)).toEqual(b);
  });

  it('threshold 1: nothing is below it', () => {
    const b = breakdown([1, 2, 0, 1]);
    expect(suppressBreakdown(b, 1)).toEqual(b);
  });

  it('every row small: all hidden; the total 4 is not small and stays', () => {
    const out = suppressBreakdown(breakdown([1, 2, 1]), 3);
    expect(out).toMatchObject({ total: 4 });
    expect(ns(out)).toEqual([_, _, _]);
  });

  it('a small total is hidden like any small count (one small row, the rest zero)', () => {
    // [2, 0, 0] / 2: the row is hidden, and the total would give it back; the total is itself small, so it goes.
    const out = suppressBreakdown(breakdown([2, 0, 0]), 3);
    expect(ns(out)).toEqual([_, 0, 0]);
    expect(out.total).toBe(_);
  });

  it('a total that is public anyway (the report total) stays; then a zero row is the only partner left', () => {
    const out = suppressBreakdown(breakdown([2, 0, 0]), 3, true);
    expect(ns(out)).toEqual([_, _, 0]);
    expect(out.total).toBe(2);
    expect(canRecoverSuppressed(lineSystem(ns(out), out.total))).toBe(false);
  });

  it('keeps labels, keys and the retired mark; does not touch its input', () => {
    const b: Breakdown = {
      rows: [
        { key: 'phone', label: label('Telefon'), n: 1, retired: true },
        { key: 'email', label: label('E-Mail'), n: 9 },
      ],
      total: 10,
    };
    const copy = structuredClone(b);
    expect(suppressBreakdown(b, 3).rows).toEqual([
      { key: 'phone', label: label('Telefon'), n: _, retired: true },
      { key: 'email', label: label('E-Mail'), n: _ },
    ]);
    expect(b).toEqual(copy);
  });

  it('refuses a table that is already suppressed', () => {
    expect(() => suppressBreakdown({ rows: [{ key: 1, label: label('x'), n: null }], total: 5 }, 3)).toThrow(/already suppressed/);
  });
});

describe('suppressCrossTable', () => {
  it('leaves a table with nothing below the threshold unchanged', () => {
    const t = crossTable([
      [3, 0, 9],
      [4, 5, 0],
    ]);
    expect(suppressCrossTable(t, 3)).toEqual(t);
  });

  it('all zero, and threshold 1: unchanged', () => {
    const zeros = crossTable([
      [0, 0],
      [0, 0],
    ]);
    expect(suppressCrossTable(zeros, 3)).toEqual(zeros);
    const ones = crossTable([
      [1, 2],
      [0, 1],
    ]);
    expect(suppressCrossTable(ones, 1)).toEqual(ones);
  });

  // Threshold 3 throughout.
  //        o0  o1  o2 | Σ
  //   t0    2   5   9 | 16
  //   t1    8   4  10 | 22
  //   t2    7   6  12 | 25
  //   Σ    17  15  31 | 63
  const chain = crossTable([
    [2, 5, 9],
    [8, 4, 10],
    [7, 6, 12],
  ]);

  it('3×3: a naive single pass leaves a chain; the checker finds it', () => {
    // Naive: hide the 2; row t0 has one hidden → hide its smallest other, 5; then column o0 → hide 7;
    // column o1 → hide its smallest other, 4 — and stop. Row t2 now has one hidden cell.
    const naive: CrossTable = {
      ...chain,
      cells: [
        [_, _, 9],
        [8, _, 10],
        [_, 6, 12],
      ],
    };
    // t2: 25 − 6 − 12 = 7, then o0: 17 − 8 − 7 = 2 (and t1: 22 − 8 − 10 = 4, then o1: 15 − 4 − 6 = 5).
    expect(recoverSuppressed(crossTableSystem(naive))).toEqual(
      new Map([
        ['c0,0', 2],
        ['c0,1', 5],
        ['c1,1', 4],
        ['c2,0', 7],
      ]),
    );
  });

  it('3×3: iterating, and preferring a partner whose row already has a hidden cell, closes it into a 2×2 block', () => {
    // t0: one hidden (2) → smallest other in t0: 5 (neither o1 nor o2 has hidden cells yet).
    // o0: one hidden (2) → 8 in t1 or 7 in t2, neither row has hidden cells → 7.
    // o1: one hidden (5) → 4 in t1 (no hidden cells) or 6 in t2 (already has the 7) → 6, although larger.
    // Every row and column now has 0 or 2 hidden cells; the four form a cycle (+1 −1 +1 −1 keeps all sums).
    const out = suppressCrossTable(chain, 3);
    expect(withTotals(out)).toEqual([
      [_, _, 9, 16],
      [8, 4, 10, 22],
      [_, _, 12, 25],
      [17, 15, 31, 63],
    ]);
    expect(canRecoverSuppressed(crossTableSystem(out))).toBe(false);
  });

  // Two 2×2 blocks of small cells, joined by one more small cell (t0, o2):
  //        o0  o1  o2  o3 | Σ
  //   t0    1   2   1  10 | 14
  //   t1    2   1   8  10 | 21
  //   t2   10  10   1   2 | 23
  //   t3   10  10   2   1 | 23
  //   Σ    23  23  12  23 | 81
  const bridged = crossTable([
    [1, 2, 1, 10],
    [2, 1, 8, 10],
    [10, 10, 1, 2],
    [10, 10, 2, 1],
  ]);

  it('4×4: every line has two or three hidden cells, yet a combination of lines reveals one (a "bridge")', () => {
    const primaryOnly: CrossTable = {
      ...bridged,
      cells: [
        [_, _, _, 10],
        [_, _, 8, 10],
        [10, 10, _, _],
        [10, 10, _, _],
      ],
    };
    // (t0 + t1) − (o0 + o1): the four cells of the first block cancel, leaving (t0, o2):
    // 14 + 21 − 10 − 8 − 10 − (23 + 23 − 10 − 10 − 10 − 10) = 1. No single line has one unknown.
    expect(recoverSuppressed(crossTableSystem(primaryOnly))).toEqual(new Map([['c0,2', 1]]));
  });

  it('4×4: the bridge is closed by hiding the smallest cell that joins its two sides', () => {
    // Without (t0, o2) the hidden cells split into {t0, t1, o0, o1} and {t2, t3, o2, o3}. Cells joining
    // them: (t0,o3)=10, (t1,o2)=8, (t1,o3)=10, (t2,o0)=10, … → the 8. Now t0–o2–t1–o0 is a cycle.
    const out = suppressCrossTable(bridged, 3);
    expect(withTotals(out)).toEqual([
      [_, _, _, 10, 14],
      [_, _, _, 10, 21],
      [10, 10, _, _, 23],
      [10, 10, _, _, 23],
      [23, 23, 12, 23, 81],
    ]);
    expect(canRecoverSuppressed(crossTableSystem(out))).toBe(false);
  });

  it('a small row total is hidden, and the row totals then need a second hidden total', () => {
    //        o0  o1  o2 | Σ
    //   t0    1   1   0 |  2   ← two small cells, and a small total
    //   t1    5   6   7 | 18
    //   t2    4   8   9 | 21
    //   Σ    10  15  16 | 41
    // o0: one hidden → 5 (t1) or 4 (t2), no hidden there yet → 4. o1: → 6 (t1) or 8 (t2, has the 4) → 8.
    // Row totals: R0 hidden alone → R1 = 18 (t1 clean) or R2 = 21 (t2 has hidden cells) → 21.
    const out = suppressCrossTable(
      crossTable([
        [1, 1, 0],
        [5, 6, 7],
        [4, 8, 9],
      ]),
      3,
    );
    expect(withTotals(out)).toEqual([
      [_, _, 0, _],
      [5, 6, 7, 18],
      [_, _, 9, _],
      [10, 15, 16, 41],
    ]);
    expect(canRecoverSuppressed(crossTableSystem(out))).toBe(false);
  });

  it('no positive cell left to pair with: the line total becomes the partner, and so on through the totals', () => {
    //        o0  o1 | Σ
    //   t0    1   5 |  6
    //   t1    9   0 |  9
    //   Σ    10   5 | 15
    // t0: 1 alone → 5. o0: 1 alone → 9. o1: 5 alone, the other cell is 0 → its total 5.
    // Column totals: C1 alone → C0 = 10. Next pass: t1: 9 alone, other cell 0 → R1 = 9; row totals → R0 = 6.
    const out = suppressCrossTable(
      crossTable([
        [1, 5],
        [9, 0],
      ]),
      3,
    );
    expect(withTotals(out)).toEqual([
      [_, _, _],
      [_, 0, _],
      [_, _, 15],
    ]);
    expect(canRecoverSuppressed(crossTableSystem(out))).toBe(false);
  });

  it('every cell small: all hidden, the totals that are not small stay', () => {
    const out = suppressCrossTable(
      crossTable([
        [1, 2],
        [2, 1],
      ]),
      3,
    );
    expect(withTotals(out)).toEqual([
      [_, _, 3],
      [_, _, 3],
      [3, 3, 6],
    ]);
    expect(canRecoverSuppressed(crossTableSystem(out))).toBe(false);
  });

  it('empty table (no topics referred): unchanged', () => {
    const t = crossTable([]);
    expect(suppressCrossTable(t, 3)).toEqual(t);
  });
});

describe('suppressHeatmap', () => {
  it('primary cells, plus one partner when a single cell would follow from the grand total', () => {
    // 0 5 1 / 7 0 9, grand total 22 (published as the report total): the 1 alone → hide the smallest positive, 5.
    expect(
      suppressHeatmap(
        [
          [0, 5, 1],
          [7, 0, 9],
        ],
        3,
      ),
    ).toEqual([
      [0, _, _],
      [7, 0, 9],
    ]);
    // Two small cells: enough.
    expect(
      suppressHeatmap(
        [
          [2, 5, 1],
          [7, 0, 9],
        ],
        3,
      ),
    ).toEqual([
      [_, 5, _],
      [7, 0, 9],
    ]);
  });

  it('nothing small, all zero, threshold 1: unchanged', () => {
    expect(
      suppressHeatmap(
        [
          [3, 0],
          [4, 9],
        ],
        3,
      ),
    ).toEqual([
      [3, 0],
      [4, 9],
    ]);
    expect(
      suppressHeatmap(
        [
          [0, 0],
          [0, 0],
        ],
        3,
      ),
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(
      suppressHeatmap(
        [
          [1, 0],
          [2, 1],
        ],
        1,
      ),
    ).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('a week with one contact: the cell and the total (small) are hidden; nothing else needs to be', () => {
    expect(
      suppressHeatmapWithTotal(
        [
          [0, 1],
          [0, 0],
        ],
        3,
        { rule: 'own' },
      ),
    ).toMatchObject({
      heatmap: [
        [0, _],
        [0, 0],
      ],
      total: _,
    });
  });

  it('weekday totals count: a weekday "10, ·, ·" whose total follows from the other weekdays and the total needs another weekday with a hidden hour', () => {
    // The screen sums a weekday only when none of its hours is hidden; the reader sums the other
    // weekdays and subtracts: Monday = 37 − 25 = 12, so its two hidden hours are 1 and 1.
    const m = [
      [10, 1, 1],
      [20, 0, 5],
    ];
    const onlyMonday = [
      [10, _, _],
      [20, 0, 5],
    ];
    expect(pinnedByBounds(heatmapSystem(onlyMonday, 'total', 37), truthOf(heatmapSystem(m, 'total', 37)), 3)).toEqual(['h0,1', 'h0,2']);
    const out = suppressHeatmap(m, 3);
    expect(out).toEqual([
      [10, _, _],
      [20, 0, _],
    ]);
    expect(pinnedByBounds(heatmapSystem(out, 'total', 37), truthOf(heatmapSystem(m, 'total', 37)), 3)).toEqual([]);
  });
});

describe('suppressSeries', () => {
  const cumulative = (ps: MonthPoint[]) => ps.map((p) => p.cumulative);

  it('nothing small: months and running totals unchanged', () => {
    const s = series([10, 0, 8, 9]);
    expect(suppressSeries(s, 3)).toEqual(s);
  });

  it('one small month gets a partner; running totals that would close a stretch around one hidden month go', () => {
    // 10 2 8 9 (total 29): the 2 alone against the total → also hide the 8 (smallest positive).
    // Running totals 10 · 20 29: the stretch from 10 to 20 holds two hidden months (2 + 8 = 10, no more).
    // Showing the 12 would give 12 − 10 = 2.
    const out = suppressSeries(series([10, 2, 8, 9]), 3);
    expect(out.map((p) => p.n)).toEqual([10, _, _, 9]);
    expect(cumulative(out)).toEqual([10, _, 20, 29]);
    expect(canRecoverSuppressed(seriesSystem(out, 29))).toBe(false);
  });

  it('looks ahead: no running total may leave a single hidden month before the (known) report total', () => {
    // 1 2 10 20 1: three small months, no partner needed. Showing the running total after month 2 (3)
    // would leave month 5 alone between it and the total 34: 34 − 3 − 10 − 20 = 1. So one stretch.
    const out = suppressSeries(series([1, 2, 10, 20, 1]), 3);
    expect(out.map((p) => p.n)).toEqual([_, _, 10, 20, _]);
    expect(cumulative(out)).toEqual([_, _, _, _, 34]);
    expect(canRecoverSuppressed(seriesSystem(out, 34))).toBe(false);
    // The naive rule "hide the running total of hidden months only" shows 33 after month 4: 34 − 33 = 1.
    const naive = out.map((p, k) => ({ ...p, cumulative: p.n === null ? null : [1, 3, 13, 33, 34][k]! }));
    const recovered = recoverSuppressed(seriesSystem(naive, 34));
    expect([recovered.get('n4'), recovered.has('n0'), recovered.has('n1')]).toEqual([1, false, false]);
  });

  it('two neighbouring small months: a stretch with room around them (see "bounds" for why not just 9 → 11)', () => {
    // 9 1 1 9: the stretch 9 → 11 would hold two hidden counts of at least 1 adding up to 2, so the first
    // 9 goes too; the stretch 0 → 11 then holds three hidden months, and its 11 no longer pins any of them.
    const out = suppressSeries(series([9, 1, 1, 9]), 3);
    expect(out.map((p) => p.n)).toEqual([_, _, _, 9]);
    expect(cumulative(out)).toEqual([_, _, 11, 20]);
  });

  it('all zero: unchanged', () => {
    const s = series([0, 0, 0]);
    expect(suppressSeries(s, 3)).toEqual(s);
  });

  it('a one-month period with one contact: the month, its running total and the report total are all hidden', () => {
    const out = suppressMonthly(series([1]), 3, { count: 1, isPublic: false, atLeast: 1 });
    expect(out.monthly).toEqual([{ month: '2025-01', n: _, cumulative: _ }]);
    expect(out.totalHidden).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Bounds. Zeros are shown, so a reader knows every "·" is at least 1; with a published sum that can
// pin hidden cells although no equation isolates them. `pinnedByBounds` is the checker for that.
// ---------------------------------------------------------------------------------------------

describe('bounds: a hidden count is at least 1, so no hidden count may be the only value the sums allow', () => {
  it('a breakdown [10, 1, 1] of 12: "10, ·, ·" leaves 2 for two counts of at least 1 — so the 10 goes too', () => {
    const b = breakdown([10, 1, 1]);
    const naive = { ...b, rows: b.rows.map((r, i) => ({ ...r, n: i === 0 ? 10 : null })) };
    expect(pinnedByBounds(lineSystem(ns(naive), 12), truthOf(lineSystem(ns(b), 12)), 3)).toEqual(['n1', 'n2']);
    const out = suppressBreakdown(b, 3);
    expect(ns(out)).toEqual([_, _, _]);
    expect(out.total).toBe(12); // hiding the 10 is cheaper than hiding the total
    expect(pinnedByBounds(lineSystem(ns(out), out.total), truthOf(lineSystem(ns(b), b.total)), 3)).toEqual([]);
  });

  it('a heat-map row [10, 1, 1]: the other rows and the published total give its sum 12, so another hour is hidden', () => {
    const m = [
      [10, 1, 1],
      [20, 0, 5],
    ];
    const out = suppressHeatmap(m, 3);
    // The smallest count with room to give (≥ 2): the 5. Now "·" + "·" + "·" = 7 has many solutions.
    expect(out).toEqual([
      [10, _, _],
      [20, 0, _],
    ]);
    expect(pinnedByBounds(lineSystem(out.flat(), 37), truthOf(lineSystem(m.flat(), 37)), 3)).toEqual([]);
  });

  it('a running total is a count too: 1, 1, 10 must not publish "2" after the first two months', () => {
    const s = series([1, 1, 10]);
    const out = suppressSeries(s, 3);
    expect(out.map((p) => p.cumulative).filter((c) => c !== null && c > 0 && c < 3)).toEqual([]);
    expect(pinnedByBounds(seriesSystem(out, 12), truthOf(seriesSystem(s, 12)), 3)).toEqual([]);
  });

  it('9, 1, 1, 9: a stretch between shown running totals that holds two hidden 1s pins both', () => {
    const s = series([9, 1, 1, 9]);
    const naive = s.map((p, k) => ({ ...p, n: [9, null, null, 9][k]!, cumulative: [9, null, 11, 20][k]! }));
    expect(pinnedByBounds(seriesSystem(naive, 20), truthOf(seriesSystem(s, 20)), 3)).toEqual(['n1', 'n2']);
    const out = suppressSeries(s, 3);
    expect(pinnedByBounds(seriesSystem(out, 20), truthOf(seriesSystem(s, 20)), 3)).toEqual([]);
    expect(out.map((p) => p.n)).toEqual([_, _, _, 9]);
    expect(out.map((p) => p.cumulative)).toEqual([_, _, 11, 20]);
  });

  it('a cross-table with a 2×2 block of 1s: every line has two hidden cells, no equation isolates one, yet all four are 1', () => {
    const t = crossTable([
      [1, 1, 10],
      [1, 1, 10],
      [10, 10, 10],
    ]);
    const blockOnly = {
      ...t,
      cells: [
        [_, _, 10],
        [_, _, 10],
        [10, 10, 10],
      ],
    };
    expect(recoverSuppressed(crossTableSystem(blockOnly))).toEqual(new Map());
    expect(pinnedByBounds(crossTableSystem(blockOnly), truthOf(crossTableSystem(t)), 3)).toHaveLength(4);
    const out = suppressCrossTable(t, 3);
    expect(pinnedByBounds(crossTableSystem(out), truthOf(crossTableSystem(t)), 3)).toEqual([]);
    // A 1 can only rise, so each needs a cycle whose falling cells have room: here that takes every cell.
    expect(withTotals(out)).toEqual([
      [_, _, _, 12],
      [_, _, _, 12],
      [_, _, _, 30],
      [12, 12, 30, 54],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

/** A report's monthly series as its `series` (unit month: the same points). */
const monthSeries = (monthly: MonthPoint[]): Report['series'] => ({
  unit: 'month',
  points: monthly.map((m) => ({ key: m.month, from: `${m.month}-01`, to: `${m.month}-28`, n: m.n })),
});

function report(overrides: Partial<Report> = {}): Report {
  const empty = breakdown([]);
  const monthly = overrides.monthly ?? series([10, 2, 8, 9]);
  return {
    generatedAt: '2025-05-01T00:00:00.000Z',
    site: { name: 'Test', timeZone: 'Europe/Vienna', openingDate: '2024-01-01' },
    period: { from: '2025-01-01', to: '2025-04-30', days: 120 },
    publication: { enabled: false, threshold: 3, method: 'suppression' },
    filters: [],
    total: 29,
    monthly,
    series: monthSeries(monthly),
    byTopic: { contacts: breakdown([20, 7, 2]), mentions: breakdown([22, 9, 2, 1]) },
    contactsWithReferral: 0,
    bySdg: { rows: [], total: 0, contacts: 0 },
    byReferral: empty,
    byLanguage: breakdown([27, 2]),
    byChannel: breakdown([29, 0, 0]),
    byAsker: breakdown([28, 1]),
    byDesk: breakdown([29]),
    // Theme days 1 (2 contacts) and 2 (6 contacts) and 3 (10 contacts).
    byThemeDay: { rows: [1, 2, 3].map((id, i) => ({ key: id, label: label(`T${id}`), n: [2, 6, 10][i]! })), total: 18 },
    heatmap: [
      [0, 5, 1],
      [7, 0, 16],
    ],
    openHours: { hours: 58, contacts: 29, perOpenHour: 0.5, bySlot: [], closedDays: 0, closed: [], openDays: [4, 4, 0, 0, 0, 0, 0] },
    comparisons: {
      previousPeriod: {
        period: { from: '2024-09-03', to: '2024-12-31', days: 120 },
        current: { from: '2025-01-01', to: '2025-04-30', days: 120 },
        basis: 'monthDays',
        running: false,
        partial: false,
        comparable: true,
        reason: null,
        total: 20,
        delta: 9,
        deltaPct: 45,
        smallBase: false,
      },
      yearBefore: {
        period: { from: '2024-01-01', to: '2024-04-30', days: 121 },
        current: { from: '2025-01-01', to: '2025-04-30', days: 120 },
        basis: 'wholeMonths',
        running: false,
        partial: false,
        comparable: true,
        reason: null,
        total: 0,
        delta: 29,
        deltaPct: null,
        smallBase: true,
      },
    },
    themeDays: [1, 2, 3].map((id, i) => ({
      themeDayId: id,
      title: `T${id}`,
      organisation: null,
      occurrences: 4,
      hours: 12,
      contacts: [2, 6, 10][i]!,
      perOpenHour: Math.round(([2, 6, 10][i]! / 12) * 100) / 100,
      ordinaryHours: 36,
      ordinaryContacts: [30, 1, 36][i]!,
      ordinaryPerOpenHour: Math.round(([30, 1, 36][i]! / 36) * 100) / 100,
      ratio: 1,
    })),
    topicReferrals: crossTable([
      [2, 5, 9],
      [8, 4, 10],
      [7, 6, 12],
    ]),
    headline: { de: 'x', en: 'x', sinceOpening: { from: '2024-01-01', total: 300, months: 16 } },
    ...overrides,
  };
}

describe('applyPublicationMode', () => {
  const input = report();
  const before = structuredClone(input);
  const out = applyPublicationMode(input);

  it('marks the report published, keeps the threshold, does not touch its input', () => {
    expect(out.publication).toEqual({ enabled: true, threshold: 3, method: 'suppression' });
    expect(input).toEqual(before);
    expect(applyPublicationMode(out)).toBe(out); // applying twice is a no-op
  });

  it('suppresses every table', () => {
    expect(out.monthly.map((p) => [p.n, p.cumulative])).toEqual([
      [10, 10],
      [_, _],
      [_, 20],
      [9, 29],
    ]);
    expect(ns(out.byTopic.contacts)).toEqual([20, _, _]);
    expect(ns(out.byTopic.mentions)).toEqual([22, 9, _, _]);
    expect(ns(out.byLanguage)).toEqual([_, _]); // 29 − 27 would give the 2 back
    expect(ns(out.byChannel)).toEqual([29, 0, 0]);
    expect(out.heatmap).toEqual([
      [0, _, _],
      [7, 0, 16],
    ]);
    expect(withTotals(out.topicReferrals)).toEqual([
      [_, _, 9, 16],
      [8, 4, 10, 22],
      [_, _, 12, 25],
      [17, 15, 31, 63],
    ]);
    expect(out.total).toBe(29);
  });

  it('a breakdown whose total is the report total keeps it: byAsker 28 / 1 hides both rows, not the 29', () => {
    expect(ns(out.byAsker)).toEqual([_, _]);
    expect(out.byAsker.total).toBe(29);
  });

  it('theme days: contacts hidden with their byThemeDay row (small or its partner), per hour and ratio with them', () => {
    // byThemeDay 2 / 6 / 10: the 2 is small, the 6 is its partner. So theme day 2's 6 contacts are hidden in
    // the comparison too — else 18 − 6 − 10 would give back the 2. Theme day 2's ordinary days had 1 contact.
    expect(ns(out.byThemeDay)).toEqual([_, _, 10]);
    expect(out.themeDays.map((d) => [d.contacts, d.perOpenHour, d.ordinaryContacts, d.ordinaryPerOpenHour, d.ratio])).toEqual([
      [_, _, 30, 0.83, _],
      [_, _, _, _, _],
      [10, 0.83, 36, 1, 1],
    ]);
  });
});

/**
 * One month, all recorded (no imports) unless `imported` is given: the tables are made consistent
 * with the counts given (topics, languages, channels, askers, desks, heat map by weekday × hour).
 */
function month(c: {
  threshold?: number;
  topics: number[];
  languages: number[];
  channels: number[];
  heatmap: number[][];
  imported?: number;
  since?: number;
}): Report {
  const recorded = sum(c.languages);
  const total = recorded + (c.imported ?? 0);
  const timed = sum(c.heatmap.flat());
  const monthly: MonthPoint[] = [{ month: '2025-03', n: total, cumulative: total, ...(c.imported && { imported: c.imported }) }];
  return report({
    publication: { enabled: false, threshold: c.threshold ?? 3, method: 'suppression' },
    total,
    ...(c.imported && { imported: c.imported }),
    monthly,
    byTopic: { contacts: breakdown(c.topics), mentions: breakdown(c.topics) },
    byLanguage: breakdown(c.languages),
    byChannel: breakdown(c.channels),
    byAsker: breakdown([recorded, 0]),
    byDesk: breakdown([recorded]),
    byThemeDay: breakdown([]),
    heatmap: c.heatmap,
    openHours: {
      ...report().openHours,
      hours: 50,
      contacts: timed,
      perOpenHour: Math.round((timed / 50) * 100) / 100,
      bySlot: [
        {
          weekday: 1,
          startHour: 0,
          endHour: 3,
          hours: 50,
          contacts: sum(c.heatmap[0]!.slice(0, 3)),
          perOpenHour: Math.round((sum(c.heatmap[0]!.slice(0, 3)) / 50) * 100) / 100,
        },
      ],
    },
    themeDays: [],
    topicReferrals: crossTable([]),
    headline: { de: 'x', en: 'x', sinceOpening: { from: '2024-01-01', total: c.since ?? total + 300, months: 16 } },
  });
}

describe('applyPublicationMode: every number, across tables', () => {
  it('a month with 2 timed contacts publishes neither "2" nor "0,04": total, contacts per open hour, slot and change are hidden', () => {
    const original = month({
      topics: [2, 0],
      languages: [2, 0],
      channels: [0, 2, 0],
      heatmap: [
        [0, 2, 0],
        [0, 0, 0],
      ],
    });
    const out = applyPublicationMode(original);
    expect(out.openHours).toMatchObject({ contacts: _, perOpenHour: _, hours: 50 });
    expect(out.openHours.bySlot[0]).toMatchObject({ contacts: _, perOpenHour: _, hours: 50 });
    expect(out.total).toBe(_);
    expect(out.monthly).toEqual([{ month: '2025-03', n: _, cumulative: _ }]);
    expect(out.byChannel.total).toBe(_);
    // The compared period's 20 contacts are no secret; the change (2 − 20) would give the 2 away.
    expect(out.comparisons.previousPeriod).toMatchObject({ total: 20, delta: _, deltaPct: _ });
    expectHonest(out, original);
    expect(pinnedInReport(out, original)).toEqual([]);
  });

  it('3 contacts in three languages: "·, ·, ·" of a shown 3 could only be 1, 1, 1 — so the report total is hidden too', () => {
    const original = month({
      topics: [3, 0],
      languages: [1, 1, 1],
      channels: [3, 0, 0],
      heatmap: [
        [3, 0, 0],
        [0, 0, 0],
      ],
    });
    const out = applyPublicationMode(original);
    expect(ns(out.byLanguage)).toEqual([_, _, _]);
    expect(out.total).toBe(_);
    expect(out.byLanguage.total).toBe(_);
    expectHonest(out, original);
    expect(pinnedInReport(out, original)).toEqual([]);
  });

  it('imports: 2 imported next to 48 recorded would be 50 − 48; the recorded contacts are hidden where they are a total', () => {
    const original = month({
      topics: [30, 20],
      languages: [40, 8],
      channels: [30, 18, 0],
      heatmap: [
        [20, 8, 0],
        [10, 10, 0],
      ],
      imported: 2,
    });
    const out = applyPublicationMode(original);
    expect(out.total).toBe(50);
    expect(out.imported).toBe(_);
    expect([out.byLanguage.total, out.byChannel.total, out.byAsker.total, out.byDesk.total, out.openHours.contacts]).toEqual([_, _, _, _, _]);
    expectHonest(out, original);
    expect(pinnedInReport(out, original)).toEqual([]);
  });

  it('contacts known by day only: 30 recorded, 28 with an hour — the 2 without one are hidden too', () => {
    const original = month({
      topics: [30, 0],
      languages: [20, 10],
      channels: [30, 0, 0],
      heatmap: [
        [10, 8, 0],
        [5, 5, 0],
      ],
    });
    const out = applyPublicationMode(original);
    expect(out.byChannel.total).toBe(30);
    expect(out.openHours.contacts).toBe(_);
    expectHonest(out, original);
    expect(pinnedInReport(out, original)).toEqual([]);
  });

  it('the headline: 31 since opening against 29 in the period would reveal 2 before it', () => {
    const out = applyPublicationMode(report({ headline: { de: 'x', en: 'x', sinceOpening: { from: '2024-01-01', total: 31, months: 16 } } }));
    expect(out.headline.sinceOpening).toEqual({ from: '2024-01-01', total: _, months: 16 });
    expect(out.headline.de).toBe('Seit der Eröffnung am 1. Jänner 2024: · Kontakte in 16 Monaten');
    expect(out.total).toBe(29);
  });
});

// ---------------------------------------------------------------------------------------------
// Random tables: a seeded generator (mulberry32), 500 tables of each kind.
// ---------------------------------------------------------------------------------------------

/** Counts the way real tables look: many zeros, many small counts, some large. */
function randomCount(rand: () => number): number {
  const u = rand();
  if (u < 0.3) return 0;
  if (u < 0.7) return 1 + Math.floor(rand() * 4);
  return 5 + Math.floor(rand() * 30);
}
const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const randomVector = (rand: () => number, n: number) => Array.from({ length: n }, () => randomCount(rand));

/** Shown figures equal the originals; no small positive count is shown. */
function expectFaithful(original: number[], published: (number | null)[], threshold: number) {
  published.forEach((v, i) => {
    if (v === null) return;
    expect(v).toBe(original[i]);
    expect(v > 0 && v < threshold).toBe(false);
  });
}

describe('random tables (seeded)', () => {
  const rand = seededRandom(20250601);

  it('cross-tables: nothing recoverable, not even by bounds; nothing changed, nothing small shown', () => {
    for (let k = 0; k < 500; k++) {
      const threshold = int(rand, 1, 5);
      const rows = int(rand, 1, 6);
      const cols = int(rand, 1, 6);
      const t = crossTable(Array.from({ length: rows }, () => randomVector(rand, cols)));
      const out = suppressCrossTable(t, threshold);
      const flat = (x: CrossTable) => [...x.cells.flat(), ...x.rowTotals, ...x.columnTotals, x.total];
      expectFaithful(flat(t) as number[], flat(out), threshold);
      const recovered = recoverSuppressed(crossTableSystem(out));
      expect(recovered, `table ${k}: ${JSON.stringify(t.cells)} at ${threshold}`).toEqual(new Map());
      expect(pinnedByBounds(crossTableSystem(out), truthOf(crossTableSystem(t)), threshold), `table ${k}: ${JSON.stringify(t.cells)} at ${threshold}`).toEqual(
        [],
      );
    }
  });

  it('breakdowns, with and without a public total: nothing recoverable, not even by bounds; nothing changed, nothing small shown', () => {
    for (let k = 0; k < 500; k++) {
      const threshold = int(rand, 1, 5);
      // At least two rows: a one-row table equals its total; when that total is public nothing can hide it.
      // A total is public only when it is not small (the report total is hidden when small).
      const b = breakdown(randomVector(rand, int(rand, 2, 8)));
      const totalIsPublic = rand() < 0.5 && !isSmall(b.total!, threshold);
      const out = suppressBreakdown(b, threshold, totalIsPublic);
      expectFaithful(ns(b) as number[], ns(out), threshold);
      if (totalIsPublic) expect(out.total).toBe(b.total);
      else expectFaithful([b.total!], [out.total], threshold);
      expect(canRecoverSuppressed(lineSystem(ns(out), out.total)), JSON.stringify(ns(b))).toBe(false);
      expect(
        pinnedByBounds(lineSystem(ns(out), out.total), truthOf(lineSystem(ns(b), b.total)), threshold),
        `${JSON.stringify(ns(b))} at ${threshold}`,
      ).toEqual([]);
    }
  });

  it('heat maps against the grand total: nothing recoverable, not even by bounds; nothing changed, nothing small shown', () => {
    for (let k = 0; k < 500; k++) {
      const threshold = int(rand, 1, 5);
      const cols = int(rand, 2, 6);
      // Sparser than the other tables: most hours of a week are quiet.
      const m = Array.from({ length: int(rand, 1, 7) }, () => randomVector(rand, cols).map((n) => (rand() < 0.5 ? 0 : n)));
      const total = sum(m.flat());
      const { heatmap: out, total: shownTotal } = suppressHeatmapWithTotal(m, threshold, { rule: isSmall(total, threshold) ? 'own' : 'public' });
      expectFaithful([...m.flat(), total], [...out.flat(), shownTotal], threshold);
      const published = heatmapSystem(out, 'total', shownTotal);
      expect(canRecoverSuppressed(published, threshold), JSON.stringify(m)).toBe(false);
      expect(pinnedByBounds(published, truthOf(heatmapSystem(m, 'total', total)), threshold), `${JSON.stringify(m)} at ${threshold}`).toEqual([]);
    }
  });

  it('monthly series with running totals: no month recoverable, not even by bounds; nothing changed, nothing small shown', () => {
    for (let k = 0; k < 500; k++) {
      const threshold = int(rand, 1, 5);
      const ns = randomVector(rand, int(rand, 2, 14));
      const s = series(ns);
      const total = sum(ns);
      const isPublic = !isSmall(total, threshold);
      const out = suppressMonthly(s, threshold, { count: total, isPublic, atLeast: total }).monthly;
      expectFaithful(
        ns,
        out.map((p) => p.n),
        threshold,
      );
      out.forEach((p, i) => p.cumulative === null || expect(p.cumulative).toBe(s[i]!.cumulative));
      if (isPublic) expect(out.at(-1)!.cumulative).toBe(total); // the end of the line is the report total, shown unless small
      expect(canRecoverSuppressed(seriesSystem(out, isPublic ? total : null)), JSON.stringify(ns)).toBe(false);
      expectFaithful(
        s.map((p) => p.cumulative!),
        out.map((p) => p.cumulative),
        threshold,
      ); // a running total is a count too
      expect(
        pinnedByBounds(seriesSystem(out, isPublic ? total : null), truthOf(seriesSystem(s, total)), threshold),
        `${JSON.stringify(ns)} at ${threshold}`,
      ).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Whole reports: random small reports, made the way the report engine makes them (every table
// counts the same contacts), published, and checked as a reader would read them: all tables at once.
// ---------------------------------------------------------------------------------------------

const zeros = (n: number) => new Array<number>(n).fill(0);
const rows = (counts: number[], prefix: string) => ({ rows: counts.map((n, i) => ({ key: i + 1, label: label(`${prefix}${i}`), n })), total: sum(counts) });

/** A report of a few months: recorded contacts with every attribute, some months with imported monthly counts. */
function randomReport(rand: () => number): Report {
  const threshold = int(rand, 2, 5);
  const months = int(rand, 1, 4);
  const small = rand() < 0.4;
  const recorded = small ? int(rand, 0, 5) : int(rand, 0, 30);
  const perMonth = zeros(months);
  const [topicFirst, mentions, referrals, languages, channels, askers, desks, themes] = [3, 3, 3, 2, 3, 2, 2, 2].map(zeros) as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const cross = [zeros(3), zeros(3), zeros(3)];
  let referred = 0;
  const heat = [zeros(3), zeros(3)];
  const pick = (n: number) => (rand() < 0.5 ? 0 : int(rand, 0, n - 1)); // skewed: small counts elsewhere
  for (let c = 0; c < recorded; c++) {
    perMonth[int(rand, 0, months - 1)]!++;
    const topics = [pick(3), ...(rand() < 0.2 ? [pick(3)] : [])].filter((t, i, all) => all.indexOf(t) === i);
    topicFirst[topics[0]!]!++;
    topics.forEach((t) => mentions[t]!++);
    const refs = rand() < 0.5 ? [] : [pick(3), ...(rand() < 0.3 ? [pick(3)] : [])].filter((o, i, all) => all.indexOf(o) === i);
    refs.forEach((o) => (referrals[o]!++, topics.forEach((t) => cross[t]![o]!++)));
    if (refs.length > 0) referred++;
    languages[pick(2)]!++;
    channels[pick(3)]!++;
    askers[pick(2)]!++;
    desks[pick(2)]!++;
    if (rand() < 0.3) themes[pick(2)]!++;
    if (rand() < 0.9) heat[pick(2)]![pick(3)]!++; // else known by day only
  }
  const importedPerMonth = perMonth.map(() => (rand() < 0.3 ? zeros(3).map(() => (rand() < 0.5 ? 0 : int(rand, 0, 6))) : zeros(3)));
  const importedTotal = sum(importedPerMonth.map(sum));
  const total = recorded + importedTotal;
  let running = 0;
  const monthly = perMonth.map((n, k): MonthPoint => {
    const imported = sum(importedPerMonth[k]!);
    running += n + imported;
    return { month: `2025-0${k + 1}`, n: n + imported, cumulative: running, ...(imported > 0 && { imported }) };
  });
  const importedByTopic = [0, 1, 2].map((t) => sum(importedPerMonth.map((m) => m[t]!)));
  const timed = sum(heat.flat());
  const perHour = (n: number, hours: number) => Math.round((n / hours) * 100) / 100;
  const compared = (n: number) => ({
    ...report().comparisons.previousPeriod,
    total: n,
    delta: total - n,
    deltaPct: n === 0 ? null : Math.round(((total - n) / n) * 1000) / 10,
  });
  const since = total + (rand() < 0.4 ? 0 : int(rand, 1, 40));
  return report({
    publication: { enabled: false, threshold, method: 'suppression' },
    total,
    ...(importedTotal > 0 && { imported: importedTotal }),
    monthly,
    byTopic: {
      contacts: rows(
        topicFirst.map((n, t) => n + importedByTopic[t]!),
        't',
      ),
      mentions: rows(
        mentions.map((n, t) => n + importedByTopic[t]!),
        't',
      ),
    },
    byReferral: rows(referrals, 'o'),
    contactsWithReferral: referred,
    byLanguage: rows(languages, 'l'),
    byChannel: rows(channels, 'c'),
    byAsker: rows(askers, 'a'),
    byDesk: rows(desks, 'd'),
    byThemeDay: rows(themes, 'T'),
    heatmap: heat,
    openHours: {
      ...report().openHours,
      hours: 20,
      contacts: timed,
      perOpenHour: perHour(timed, 20),
      bySlot: [
        { weekday: 1, startHour: 0, endHour: 2, hours: 10, contacts: heat[0]![0]! + heat[0]![1]!, perOpenHour: perHour(heat[0]![0]! + heat[0]![1]!, 10) },
      ],
    },
    comparisons: { previousPeriod: compared(int(rand, 0, 30)), yearBefore: compared(rand() < 0.5 ? int(rand, 0, 4) : int(rand, 0, 30)) },
    themeDays: themes.flatMap((n, i) => {
      if (n === 0) return [];
      const ordinary = int(rand, 0, 12);
      return [
        {
          ...report().themeDays[0]!,
          themeDayId: i + 1,
          contacts: n,
          perOpenHour: perHour(n, 12),
          ordinaryContacts: ordinary,
          ordinaryPerOpenHour: perHour(ordinary, 36),
          ratio: ordinary === 0 ? null : 1,
        },
      ];
    }),
    topicReferrals: crossTable(cross),
    headline: { de: 'x', en: 'x', sinceOpening: { from: '2024-01-01', total: since, months: 16 } },
  });
}

/** Shown numbers are the true ones, no shown count is small, and a rate or change is hidden with any count it is made of. */
function expectHonest(out: Report, original: Report) {
  const truth = new Map(numbersOf(original).map((x) => [x.at, x.value]));
  const { threshold } = out.publication;
  for (const x of numbersOf(out)) {
    const kind = kindOf(x.path);
    if (kind === 'other') continue;
    expect(x.value, x.at).toBe(truth.get(x.at));
    if (kind === 'count') expect(isSmall(x.value, threshold), `${x.at} = ${x.value}`).toBe(false);
  }
  const hiddenWith = (rate: number | null, ...counts: (number | null)[]) => counts.some((n) => n === null) && expect(rate).toBeNull();
  hiddenWith(out.openHours.perOpenHour, out.openHours.contacts);
  out.openHours.bySlot.forEach((s) => hiddenWith(s.perOpenHour, s.contacts));
  out.themeDays.forEach((d) => {
    expect(d.contacts, 'a theme day and its byThemeDay row are the same count').toBe(out.byThemeDay.rows.find((r) => r.key === d.themeDayId)!.n);
    hiddenWith(d.perOpenHour, d.contacts);
    hiddenWith(d.ordinaryPerOpenHour, d.ordinaryContacts);
    hiddenWith(d.ratio, d.contacts, d.ordinaryContacts);
  });
  for (const c of [out.comparisons.previousPeriod, out.comparisons.yearBefore]) {
    hiddenWith(c.delta, c.total, out.total);
    hiddenWith(c.deltaPct, c.total, out.total);
  }
  if (out.headline.sinceOpening.total === null) expect(out.headline.de).toContain(': · Kontakte');
}

describe('whole reports (seeded)', () => {
  const rand = seededRandom(20251202);

  it('every number is classified, shown ones are true and not small, rates go with their counts, and no hidden count is pinned across tables', () => {
    for (let k = 0; k < 150; k++) {
      const original = randomReport(rand);
      const out = applyPublicationMode(original);
      const context = `report ${k}: ${JSON.stringify({ t: original.publication.threshold, total: original.total, imported: original.imported, monthly: original.monthly.map((m) => [m.n, m.imported]) })}`;
      expectHonest(out, original);
      expect(pinnedInReport(out, original), context).toEqual([]);
    }
  });
});
