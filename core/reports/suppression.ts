/**
 * Publication mode: small-cell suppression with secondary suppression. Pure functions over the
 * report's tables; `null` means suppressed (shown as "·").
 *
 * The model. Every published figure (a cell or a total) is an entry; a *line* is a published sum:
 * its members add up to its sum (a breakdown's rows and its total; a cross-table row and its row
 * total; the row totals and the grand total; …). A reader who sees all but one entry of a line
 * computes the last one, and may chain such steps across lines. So:
 *
 * 1. Primary: every count with 0 < n < threshold is hidden. Zero is not sensitive (it says nothing
 *    about anyone) and stays. Totals are counts too: a small total is hidden like a small cell.
 * 2. Secondary: until stable, every line with exactly one hidden entry gets a second one hidden.
 * 3. Cross-table only: rows and columns cross, so two lines with two hidden entries each can still
 *    be combined into an exact value (a "bridge", see `hideBridges`); those get one more.
 *
 * Afterwards no hidden entry is a linear function of what is shown. (Exception: a table of one entry
 * whose total is public anyway, e.g. the series of a one-month report: the entry is that total; it is
 * still marked "·".) Not covered: what a reader can infer from bounds (a hidden count is at least 1,
 * since zeros are shown), and links *between* tables beyond the shared report total and the theme
 * days (see `applyPublicationMode`).
 */
import type { Breakdown, CrossTable, MonthPoint, Report, ThemeDayComparison } from './report-types';
import { suppressImportedParts } from './imported-suppression';

/** Sensitive: a count of fewer people than the threshold, but not none. */
export const isSmall = (n: number, threshold: number): boolean => n > 0 && n < threshold;

/** A published sum: `members` add up to `sum` (indices into `Figures.values`). */
interface Line {
  members: number[];
  sum: number;
}

interface Figures {
  values: number[];
  hidden: boolean[];
  /** Shown elsewhere whatever we do (the report's total contacts), so never hidden here. */
  pinned: Set<number>;
  lines: Line[];
  /** For each entry, the lines (indices into `lines`) it is on. */
  linesOf: number[][];
  /** For each line, how many of its entries are hidden. */
  hiddenOn: number[];
}

function figures(values: number[], lines: Line[], pinned: number[] = []): Figures {
  const linesOf: number[][] = values.map(() => []);
  lines.forEach((line, l) => entriesOf(line).forEach((i) => linesOf[i]!.push(l)));
  return { values, hidden: values.map(() => false), pinned: new Set(pinned), lines, linesOf, hiddenOn: lines.map(() => 0) };
}

function hide(f: Figures, i: number): void {
  f.hidden[i] = true;
  for (const l of f.linesOf[i]!) f.hiddenOn[l]!++;
}

const entriesOf = (line: Line) => [...line.members, line.sum];
const canHide = (f: Figures, i: number) => !f.hidden[i] && !f.pinned.has(i);
const shown = (f: Figures, i: number) => (f.hidden[i] ? null : f.values[i]!);
const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);

/** Input tables come straight from the report engine; a null there would mean "suppressed twice". */
function known(n: number | null): number {
  if (n === null) throw new Error('suppression: table is already suppressed');
  return n;
}

/** Lexicographic: is key `a` before key `b`? */
function before(a: number[], b: number[]): boolean {
  const d = a.findIndex((v, j) => v !== b[j]);
  return d >= 0 && a[d]! < b[d]!;
}

/** The candidate with the smallest key, tie → first: "prefer …, then the smallest". */
function best(candidates: number[], key: (i: number) => number[]): number | undefined {
  let winner: { i: number; k: number[] } | undefined;
  for (const i of candidates) {
    const k = key(i);
    if (!winner || before(k, winner.k)) winner = { i, k };
  }
  return winner?.i;
}

function hideSmall(f: Figures, threshold: number): void {
  f.values.forEach((n, i) => {
    if (!f.pinned.has(i) && isSmall(n, threshold)) hide(f, i);
  });
}

/**
 * The second entry to hide on a line that has exactly one hidden entry: a positive member,
 * preferring one whose other line already has hidden entries (hiding it there costs nothing
 * extra), then the smallest (least information lost), tie → first. If none is left, the line's
 * total; if that is pinned, a zero member (harmless to hide, and it leaves two unknowns).
 */
function partnerFor(f: Figures, l: number): number | undefined {
  const line = f.lines[l]!;
  const positives = line.members.filter((i) => canHide(f, i) && f.values[i]! > 0);
  const alreadyCovered = (i: number) => f.linesOf[i]!.some((other) => other !== l && f.hiddenOn[other]! > 0);
  const partner = best(positives, (i) => [alreadyCovered(i) ? 0 : 1, f.values[i]!]);
  if (partner !== undefined) return partner;
  if (canHide(f, line.sum)) return line.sum;
  return line.members.find((i) => canHide(f, i));
}

/** Step 2: until no line has exactly one hidden entry (hiding a partner may leave its other line with one). */
function hideLoneUnknowns(f: Figures): void {
  for (let changed = true; changed; ) {
    changed = false;
    f.lines.forEach((_line, l) => {
      if (f.hiddenOn[l] !== 1) return;
      const partner = partnerFor(f, l);
      // No partner: the line is all pinned or hidden but this one entry; nothing here can protect it.
      if (partner === undefined) return;
      hide(f, partner);
      changed = true;
    });
  }
}

function protect(f: Figures, threshold: number): Figures {
  hideSmall(f, threshold);
  hideLoneUnknowns(f);
  return f;
}

/**
 * A 1-D table. The total stays published: it is the headline figure, and two hidden rows protect
 * each other against it. It is hidden only when it is itself small (then every positive row is small
 * and hidden too), unless `totalIsPublic`: the total is the report's total contacts, shown anyway.
 */
export function suppressBreakdown(b: Breakdown, threshold: number, totalIsPublic = false): Breakdown {
  const values = [...b.rows.map((r) => known(r.n)), known(b.total)];
  const totalAt = b.rows.length;
  const line = { members: b.rows.map((_, i) => i), sum: totalAt };
  const f = protect(figures(values, [line], totalIsPublic ? [totalAt] : []), threshold);
  return { rows: b.rows.map((r, i) => ({ ...r, n: shown(f, i) })), total: shown(f, totalAt) };
}

/**
 * Step 3. Make lines the nodes of a graph and hidden entries its edges (in a cross-table every entry
 * lies on exactly two lines: a cell on its row and column, a row total on its row and on the row
 * totals, the grand total on both totals vectors). A hidden entry on a cycle is safe: adding +1, −1
 * around the cycle changes no published sum. A *bridge* (an edge on no cycle) is not: summing the
 * lines on one side of it isolates it. Lines with one hidden entry are the simplest bridges; step 2
 * removed those, this removes the rest by hiding an entry that joins the two sides.
 */
function hideBridges(f: Figures): void {
  const entries = f.lines.map(entriesOf);
  const ends = (i: number) => f.linesOf[i] as [number, number];
  /** The lines reachable from `start` over hidden entries, not using `without`. */
  const side = (start: number, without: number): Set<number> => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      for (const i of entries[queue.pop()!]!) {
        if (!f.hidden[i] || i === without) continue;
        for (const next of ends(i)) if (!seen.has(next)) seen.add(next), queue.push(next);
      }
    }
    return seen;
  };
  // One pass is enough: hiding more only adds cycles, so an entry found on a cycle stays on one.
  for (let e = 0; e < f.values.length; e++) {
    if (!f.hidden[e]) continue;
    const [a, b] = ends(e);
    const sideA = side(a, e);
    if (sideA.has(b)) continue;
    const sideB = side(b, e);
    const joins = (i: number) => {
      const [x, y] = ends(i);
      return (sideA.has(x) && sideB.has(y)) || (sideA.has(y) && sideB.has(x));
    };
    const candidates = f.values.map((_, i) => i).filter((i) => canHide(f, i) && joins(i));
    // Always one after step 2 (each side then has a row-like and a column-like line, and every
    // such pair shares an entry); see the tests.
    const joiner = best(candidates, (i) => [f.values[i]! > 0 ? 0 : 1, f.values[i]!]);
    if (joiner !== undefined) hide(f, joiner);
  }
}

/**
 * Topics × organisations. Row totals, column totals and the grand total stay published unless
 * small (then hidden, which the totals vectors then treat like any hidden entry), or, rarely, when a
 * row or column has no positive cell left to pair with (then its total is the partner).
 */
export function suppressCrossTable(t: CrossTable, threshold: number): CrossTable {
  const rows = t.rowTotals.length;
  const cols = t.columnTotals.length;
  const cell = (r: number, c: number) => r * cols + c;
  const rowTotal = (r: number) => rows * cols + r;
  const colTotal = (c: number) => rows * cols + rows + c;
  const grand = rows * cols + rows + cols;
  const values = [...t.cells.flat().map(known), ...t.rowTotals.map(known), ...t.columnTotals.map(known), known(t.total)];
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines: Line[] = [
    ...range(rows).map((r) => ({ members: range(cols).map((c) => cell(r, c)), sum: rowTotal(r) })),
    ...range(cols).map((c) => ({ members: range(rows).map((r) => cell(r, c)), sum: colTotal(c) })),
    { members: range(rows).map(rowTotal), sum: grand },
    { members: range(cols).map(colTotal), sum: grand },
  ];
  const f = protect(figures(values, lines), threshold);
  hideBridges(f);
  return {
    ...t,
    cells: t.cells.map((row, r) => row.map((_, c) => shown(f, cell(r, c)))),
    rowTotals: t.rowTotals.map((_, r) => shown(f, rowTotal(r))),
    columnTotals: t.columnTotals.map((_, c) => shown(f, colTotal(c))),
    total: shown(f, grand),
  };
}

/**
 * Weekday × hour. No row or column totals are published, only the grand total (= the report's
 * total contacts, always shown): one line over all cells.
 */
export function suppressHeatmap(m: (number | null)[][], threshold: number): (number | null)[][] {
  const values = m.flat().map(known);
  const totalAt = values.length;
  const f = protect(figures([...values, sum(values)], [{ members: values.map((_, i) => i), sum: totalAt }], [totalAt]), threshold);
  let at = 0;
  return m.map((row) => row.map(() => shown(f, at++)));
}

/**
 * Which running totals can be shown. Two shown running totals reveal the sum of the months between
 * them (the start counts as a shown 0, the last running total is the report total), so every stretch
 * between shown running totals must hold zero or at least two hidden months. Show month k's running
 * total when the stretch it closes has ≠ 1 hidden months and the months after it have ≠ 1 too (so the
 * final stretch, closed by the always-known report total, is also fine).
 */
function showableRunningTotals(hidden: boolean[]): boolean[] {
  let inStretch = 0;
  let after = hidden.filter(Boolean).length;
  return hidden.map((h) => {
    if (h) inStretch++, after--;
    const show = inStretch !== 1 && after !== 1;
    if (show) inStretch = 0;
    return show;
  });
}

/**
 * The monthly series: months against the period total (the report's total, always shown), then the
 * cumulative line. A running total next to a hidden month would give it away (this one minus the
 * previous one), so publication mode hides (null) every running total that would let a reader close
 * a stretch around a single hidden month. With no hidden month, all running totals stay.
 */
export function suppressSeries(points: MonthPoint[], threshold: number): MonthPoint[] {
  const values = points.map((p) => known(p.n));
  const totalAt = values.length;
  const f = protect(figures([...values, sum(values)], [{ members: values.map((_, i) => i), sum: totalAt }], [totalAt]), threshold);
  const showRunning = showableRunningTotals(values.map((_, i) => f.hidden[i]!));
  return points.map((p, i) => ({ ...p, n: shown(f, i), cumulative: showRunning[i] ? p.cumulative : null }));
}

/**
 * A theme day's comparison row. Its contacts are the same count as its row in `byThemeDay`, so they
 * are hidden exactly when that row is (small, or hidden as a partner there); per-hour and ratio are
 * hidden with them (contacts = per hour × hours, which are shown). The same for the ordinary days'
 * contacts when those are small.
 */
function suppressThemeDay(d: ThemeDayComparison, threshold: number, hiddenInBreakdown: boolean): ThemeDayComparison {
  const hideDay = hiddenInBreakdown || isSmall(known(d.contacts), threshold);
  const hideOrdinary = isSmall(known(d.ordinaryContacts), threshold);
  return {
    ...d,
    contacts: hideDay ? null : d.contacts,
    perOpenHour: hideDay ? null : d.perOpenHour,
    ordinaryContacts: hideOrdinary ? null : d.ordinaryContacts,
    ordinaryPerOpenHour: hideOrdinary ? null : d.ordinaryPerOpenHour,
    ratio: hideDay || hideOrdinary ? null : d.ratio,
  };
}

/**
 * The report as published: every table suppressed with the report's threshold. The report total
 * (the headline) is always shown, so any table whose total equals it treats its total as public.
 * Pure: a new object; parts without counts to hide are shared with the input.
 * Already applied → returned as it is (the hidden values are gone; suppressing again needs them).
 */
export function applyPublicationMode(report: Report): Report {
  if (report.publication.enabled) return report;
  const { threshold } = report.publication;
  const breakdown = (b: Breakdown) => suppressBreakdown(b, threshold, b.total === report.total);
  const byThemeDay = breakdown(report.byThemeDay);
  const hiddenThemeDays = new Set(byThemeDay.rows.filter((r) => r.n === null).map((r) => r.key));
  return suppressImportedParts(report, {
    ...report,
    publication: { ...report.publication, enabled: true },
    monthly: suppressSeries(report.monthly, threshold),
    byTopic: { contacts: breakdown(report.byTopic.contacts), mentions: breakdown(report.byTopic.mentions) },
    byReferral: breakdown(report.byReferral),
    byLanguage: breakdown(report.byLanguage),
    byChannel: breakdown(report.byChannel),
    byAsker: breakdown(report.byAsker),
    byDesk: breakdown(report.byDesk),
    byThemeDay,
    heatmap: suppressHeatmap(report.heatmap, threshold),
    themeDays: report.themeDays.map((d) => suppressThemeDay(d, threshold, hiddenThemeDays.has(d.themeDayId))),
    topicReferrals: suppressCrossTable(report.topicReferrals, threshold),
  });
}
