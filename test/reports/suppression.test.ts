import { seededRandom } from '../../core/demo/random';
import { describe, expect, it } from 'vitest';
import type { Breakdown, CrossTable, MonthPoint, Report } from '../../core/reports/report-types';
import {
  applyPublicationMode,
  suppressBreakdown,
  suppressCrossTable,
  suppressHeatmap,
  suppressSeries,
} from '../../core/reports/suppression';

const _ = null; // a suppressed figure, "·" — keeps the expected matrices readable

// ---------------------------------------------------------------------------------------------
// The checker. A system is what a reader sees: named figures (null = suppressed) and the sums
// that tie them (Σ coef·figure = constant). `recoverSuppressed` solves it exactly (Gauss–Jordan
// over the suppressed figures): a suppressed figure is recovered when some combination of the
// equations pins it alone. This finds chains of lines with one unknown (the simple attack) and
// also cells that only a combination of several lines gives away.
// ---------------------------------------------------------------------------------------------

interface System {
  shown: Map<string, number | null>;
  equations: { terms: [string, number][]; constant: number }[];
}

const EPS = 1e-9;

function recoverSuppressed(s: System): Map<string, number> {
  const unknowns = [...s.shown].filter(([, v]) => v === null).map(([k]) => k);
  const col = new Map(unknowns.map((k, j) => [k, j]));
  const rhs = unknowns.length;
  const m = s.equations.map((e) => {
    const row = new Array<number>(rhs + 1).fill(0);
    row[rhs] = e.constant;
    for (const [name, coef] of e.terms) {
      const v = s.shown.get(name);
      if (v === undefined) throw new Error(`unknown figure ${name}`);
      const j = v === null ? col.get(name)! : rhs;
      row[j] = row[j]! + (v === null ? coef : -coef * v);
    }
    return row;
  });
  const pivots: number[] = [];
  for (let j = 0, r = 0; j < unknowns.length && r < m.length; j++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[j]!) > EPS);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pivot = m[r]![j]!;
    m[r] = m[r]!.map((v) => v / pivot);
    for (let i = 0; i < m.length; i++) {
      const k = m[i]![j]!;
      if (i !== r && Math.abs(k) > EPS) m[i] = m[i]!.map((v, c) => v - k * m[r]![c]!);
    }
    pivots.push(j);
    r++;
  }
  const recovered = new Map<string, number>();
  pivots.forEach((j, i) => {
    const alone = m[i]!.every((v, c) => c === j || c === rhs || Math.abs(v) < EPS);
    if (alone) recovered.set(unknowns[j]!, Math.round(m[i]![rhs]!));
  });
  return recovered;
}

/** Only counts matter: a hidden running total that a reader can compute reveals no count. */
function canRecoverSuppressed(s: System): boolean {
  return [...recoverSuppressed(s).keys()].some((k) => !k.startsWith('cum'));
}

function crossTableSystem(t: CrossTable): System {
  const shown = new Map<string, number | null>();
  t.cells.forEach((row, r) => row.forEach((v, c) => shown.set(`c${r},${c}`, v)));
  t.rowTotals.forEach((v, r) => shown.set(`R${r}`, v));
  t.columnTotals.forEach((v, c) => shown.set(`C${c}`, v));
  shown.set('T', t.total);
  const plus = (name: string): [string, number] => [name, 1];
  const equations = [
    ...t.rowTotals.map((_v, r) => ({ terms: [...t.columnTotals.map((_w, c) => plus(`c${r},${c}`)), [`R${r}`, -1]], constant: 0 })),
    ...t.columnTotals.map((_v, c) => ({ terms: [...t.rowTotals.map((_w, r) => plus(`c${r},${c}`)), [`C${c}`, -1]], constant: 0 })),
    { terms: [...t.rowTotals.map((_v, r) => plus(`R${r}`)), ['T', -1]], constant: 0 },
    { terms: [...t.columnTotals.map((_v, c) => plus(`C${c}`)), ['T', -1]], constant: 0 },
  ] as System['equations'];
  return { shown, equations };
}

/** One line: the members and their total (for breakdowns, and heat maps against the grand total). */
function lineSystem(members: (number | null)[], total: number | null): System {
  const shown = new Map<string, number | null>(members.map((v, i) => [`n${i}`, v]));
  shown.set('total', total);
  return { shown, equations: [{ terms: [...members.map((_v, i): [string, number] => [`n${i}`, 1]), ['total', -1]], constant: 0 }] };
}

/** Months, running totals (cum_k = cum_{k−1} + n_k, cum_0 = 0) and the last one = the report total. */
function seriesSystem(points: MonthPoint[], reportTotal: number): System {
  const shown = new Map<string, number | null>();
  points.forEach((p, k) => shown.set(`n${k}`, p.n).set(`cum${k}`, p.cumulative));
  const equations: System['equations'] = points.map((_p, k) => ({
    terms: [[`cum${k}`, 1], [`n${k}`, -1], ...(k > 0 ? [[`cum${k - 1}`, -1] as [string, number]] : [])],
    constant: 0,
  }));
  if (points.length > 0) equations.push({ terms: [[`cum${points.length - 1}`, 1]], constant: reportTotal });
  return { shown, equations };
}

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
    const b: Breakdown = { rows: [{ key: 'phone', label: label('Telefon'), n: 1, retired: true }, { key: 'email', label: label('E-Mail'), n: 9 }], total: 10 };
    const copy = structuredClone(b);
    expect(suppressBreakdown(b, 3).rows).toEqual([{ key: 'phone', label: label('Telefon'), n: _, retired: true }, { key: 'email', label: label('E-Mail'), n: _ }]);
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
    expect(recoverSuppressed(crossTableSystem(naive))).toEqual(new Map([['c0,0', 2], ['c0,1', 5], ['c1,1', 4], ['c2,0', 7]]));
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
    expect(suppressHeatmap([[0, 5, 1], [7, 0, 9]], 3)).toEqual([[0, _, _], [7, 0, 9]]);
    // Two small cells: enough.
    expect(suppressHeatmap([[2, 5, 1], [7, 0, 9]], 3)).toEqual([[_, 5, _], [7, 0, 9]]);
  });

  it('nothing small, all zero, threshold 1: unchanged', () => {
    expect(suppressHeatmap([[3, 0], [4, 9]], 3)).toEqual([[3, 0], [4, 9]]);
    expect(suppressHeatmap([[0, 0], [0, 0]], 3)).toEqual([[0, 0], [0, 0]]);
    expect(suppressHeatmap([[1, 0], [2, 1]], 1)).toEqual([[1, 0], [2, 1]]);
  });

  it('a week with one contact: the grand total (the report total) is shown anyway, so a zero hour is hidden with it', () => {
    expect(suppressHeatmap([[0, 1], [0, 0]], 3)).toEqual([[_, _], [0, 0]]);
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

  it('two neighbouring small months: their running totals are hidden up to where the stretch closes', () => {
    // 9 1 1 9: stretch 9 → 20 holds the two 1s.
    const out = suppressSeries(series([9, 1, 1, 9]), 3);
    expect(out.map((p) => p.n)).toEqual([9, _, _, 9]);
    expect(cumulative(out)).toEqual([9, _, 11, 20]);
  });

  it('all zero: unchanged', () => {
    const s = series([0, 0, 0]);
    expect(suppressSeries(s, 3)).toEqual(s);
  });

  it('a one-month period with one contact: it equals the report total shown in the headline; still marked "·"', () => {
    // Nothing can protect a count that is published as the total; the month is marked like every small count.
    expect(suppressSeries(series([1]), 3)).toEqual([{ month: '2025-01', n: _, cumulative: _ }]);
  });
});

// ---------------------------------------------------------------------------------------------

function report(overrides: Partial<Report> = {}): Report {
  const empty = breakdown([]);
  return {
    generatedAt: '2025-05-01T00:00:00.000Z',
    site: { name: 'Test', timeZone: 'Europe/Vienna', openingDate: '2024-01-01' },
    period: { from: '2025-01-01', to: '2025-04-30', days: 120 },
    publication: { enabled: false, threshold: 3 },
    total: 29,
    monthly: series([10, 2, 8, 9]),
    byTopic: { contacts: breakdown([20, 7, 2]), mentions: breakdown([22, 9, 2, 1]) },
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
    openHours: { hours: 58, contacts: 29, perOpenHour: 0.5, bySlot: [] },
    comparisons: {
      previousPeriod: { period: { from: '2024-09-03', to: '2024-12-31', days: 120 }, total: 20, delta: 9, deltaPct: 45 },
      yearBefore: { period: { from: '2024-01-01', to: '2024-04-30', days: 121 }, total: 0, delta: 29, deltaPct: null },
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
    expect(out.publication).toEqual({ enabled: true, threshold: 3 });
    expect(input).toEqual(before);
    expect(applyPublicationMode(out)).toBe(out); // applying twice is a no-op
  });

  it('suppresses every table', () => {
    expect(out.monthly.map((p) => [p.n, p.cumulative])).toEqual([[10, 10], [_, _], [_, 20], [9, 29]]);
    expect(ns(out.byTopic.contacts)).toEqual([20, _, _]);
    expect(ns(out.byTopic.mentions)).toEqual([22, 9, _, _]);
    expect(ns(out.byLanguage)).toEqual([_, _]); // 29 − 27 would give the 2 back
    expect(ns(out.byChannel)).toEqual([29, 0, 0]);
    expect(out.heatmap).toEqual([[0, _, _], [7, 0, 16]]);
    expect(withTotals(out.topicReferrals)).toEqual([
      [_, _, 9, 16],
      [8, 4, 10, 22],
      [_, _, 12, 25],
      [17, 15, 31, 63],
    ]);
    expect(out.total).toBe(29);
  });

  it('a breakdown whose total is the report total cannot hide it: a zero row is the partner', () => {
    // byAsker 28 / 1: the 1 needs a partner → 28 (smallest positive). With a report of 2 contacts, all
    // by citizens, the total 2 is public (the headline), so the zero row is hidden with it.
    expect(ns(out.byAsker)).toEqual([_, _]);
    const tiny = applyPublicationMode(report({ total: 2, byAsker: breakdown([2, 0]), byChannel: breakdown([0, 2, 0]) }));
    expect(tiny.byAsker).toMatchObject({ total: 2 });
    expect(ns(tiny.byAsker)).toEqual([_, _]);
    expect(ns(tiny.byChannel)).toEqual([_, _, 0]);
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

  it('cross-tables: nothing recoverable, nothing changed, nothing small shown', () => {
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
    }
  });

  it('breakdowns, with and without a public total: nothing recoverable, nothing changed, nothing small shown', () => {
    for (let k = 0; k < 500; k++) {
      const threshold = int(rand, 1, 5);
      // At least two rows: a one-row table equals its total; when that total is public nothing can hide it.
      const b = breakdown(randomVector(rand, int(rand, 2, 8)));
      const totalIsPublic = rand() < 0.5;
      const out = suppressBreakdown(b, threshold, totalIsPublic);
      expectFaithful(ns(b) as number[], ns(out), threshold);
      if (totalIsPublic) expect(out.total).toBe(b.total);
      else expectFaithful([b.total!], [out.total], threshold);
      expect(canRecoverSuppressed(lineSystem(ns(out), out.total)), JSON.stringify(ns(b))).toBe(false);
    }
  });

  it('heat maps against the grand total: nothing recoverable, nothing changed, nothing small shown', () => {
    for (let k = 0; k < 500; k++) {
      const threshold = int(rand, 1, 5);
      const cols = int(rand, 2, 6);
      // Sparser than the other tables: most hours of a week are quiet.
      const m = Array.from({ length: int(rand, 1, 7) }, () => randomVector(rand, cols).map((n) => (rand() < 0.5 ? 0 : n)));
      const out = suppressHeatmap(m, threshold);
      expectFaithful(m.flat(), out.flat(), threshold);
      expect(canRecoverSuppressed(lineSystem(out.flat(), sum(m.flat()))), JSON.stringify(m)).toBe(false);
    }
  });

  it('monthly series with running totals: no month recoverable, nothing changed, nothing small shown', () => {
    for (let k = 0; k < 500; k++) {
      const threshold = int(rand, 1, 5);
      const ns = randomVector(rand, int(rand, 2, 14));
      const s = series(ns);
      const out = suppressSeries(s, threshold);
      expectFaithful(ns, out.map((p) => p.n), threshold);
      out.forEach((p, i) => p.cumulative === null || expect(p.cumulative).toBe(s[i]!.cumulative));
      expect(out.at(-1)!.cumulative).toBe(sum(ns)); // the end of the line is the total, always shown
      expect(canRecoverSuppressed(seriesSystem(out, sum(ns))), JSON.stringify(ns)).toBe(false);
    }
  });
});
