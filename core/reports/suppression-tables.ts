/**
 * Publication mode, table by table: small-cell suppression with secondary suppression. Pure
 * functions; `null` means suppressed (shown as "·"). The model and the bounds check are in
 * `bounds-check.ts`. For every table:
 *
 * 1. Primary: every count with 0 < n < threshold is hidden. Zero is not sensitive (it says nothing
 *    about anyone) and stays. Totals are counts too: a small total is hidden like a small cell.
 * 2. Secondary, exact: until stable, every line with exactly one hidden entry gets a second one.
 * 3. Cross-table only: a hidden entry that a combination of rows and columns isolates (a "bridge",
 *    see `hideBridges`) gets one more.
 * 4. Secondary, bounds: a reader knows a hidden count is at least 1 (zeros are shown), so two hidden
 *    1s on a line whose other entries are shown are pinned (10 + · + · = 12 gives 1 and 1). Until no
 *    hidden entry is pinned, the cheapest further entries are hidden (`keepHiddenOpen`).
 *
 * Steps 2 and 3 are special cases of step 4; they stay because they pick the partners a person would.
 */
import type { Breakdown, CrossTable } from './report-types';
import {
  best,
  canHide,
  entriesOf,
  figures,
  hide,
  hideFollowers,
  isSmall,
  keepHiddenOpen,
  lowerBound,
  mustStayOpen,
  shown,
  type Figures,
  type Line,
  type Role,
} from './bounds-check';

export const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);

/** Input tables come straight from the report engine; a null there would mean "suppressed twice". */
export function known(n: number | null): number {
  if (n === null) throw new Error('suppression: table is already suppressed');
  return n;
}

export function hideSmall(f: Figures): void {
  f.values.forEach((n, i) => {
    if (!f.pinned.has(i) && isSmall(n, f.threshold)) hide(f, i);
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

/** Step 2: until no line has exactly one hidden entry that matters (hiding a partner may leave its other line with one). */
export function hideLoneUnknowns(f: Figures): void {
  for (let changed = true; changed; ) {
    changed = false;
    f.lines.forEach((line, l) => {
      if (f.hiddenOn[l] !== 1) return;
      const lone = entriesOf(line).find((i) => f.hidden[i])!;
      if (!mustStayOpen(f, lone)) return;
      const partner = partnerFor(f, l);
      // No partner: the line is all pinned or hidden but this one entry; nothing here can protect it.
      if (partner === undefined) return;
      hide(f, partner);
      changed = true;
    });
  }
}

/** Steps 1, 2 and 4 (and the followers of what they hide); the hidden entries nothing could keep open. */
export function protect(f: Figures): number[] {
  hideSmall(f);
  for (;;) {
    hideLoneUnknowns(f);
    const stuck = keepHiddenOpen(f);
    if (!hideFollowers(f)) return stuck;
  }
}

/** What a published line tells a reader its sum is at least: the shown members plus 1 for each hidden positive one. */
export const lowerBoundOfSum = (f: Figures, l: number): number => sum(f.lines[l]!.members.map((i) => (f.hidden[i] ? lowerBound(f, i) : f.values[i]!)));

/**
 * A table whose total is the same count as a figure that must be hidden elsewhere (the recorded
 * contacts, when only they would give away a small imported count): the rows are protected as if
 * the total were shown, so they stay safe whatever the reader learns about it; then the total goes,
 * and a hidden row with room below it (≥ 2) makes sure the table lets the total move down by one.
 */
function hideTotalToo(f: Figures, totalAt: number, counts: number[]): void {
  if (!counts.some((i) => f.hidden[i] && f.values[i]! >= 2)) {
    const roomy = best(
      counts.filter((i) => canHide(f, i) && f.values[i]! >= 2),
      (i) => [f.values[i]!],
    );
    if (roomy !== undefined) {
      hide(f, roomy);
      protect(f);
    }
  }
  f.pinned.delete(totalAt);
  hide(f, totalAt);
  hideFollowers(f);
}

/** How a table's total is published. */
export type TotalRule =
  /** Like any count: hidden when small or when needed as a partner. */
  | 'own'
  /** Shown elsewhere anyway (the report total): never hidden here. */
  | 'public'
  /** Hidden, because it is a count that must be hidden elsewhere (see `hideTotalToo`). */
  | 'hiddenElsewhere'
  /**
   * A count shared with other tables (the report total, the recorded contacts) that is hidden in all
   * of them. The rows are protected as if a reader could only learn that it might be larger, never
   * smaller: that is all the other tables are sure to absorb (each has a hidden row that can take one more).
   */
  | 'risesOnly';

/** A table's counts (`counts`) under a total, under a `TotalRule`; the hidden entries nothing could keep open. */
function protectWithTotal(f: Figures, totalAt: number, counts: number[], rule: TotalRule): number[] {
  if (rule === 'public' || rule === 'hiddenElsewhere') f.pinned.add(totalAt);
  if (rule === 'risesOnly') {
    f.lowerBounds.set(totalAt, f.values[totalAt]!);
    hide(f, totalAt);
  }
  const stuck = protect(f);
  if (rule === 'hiddenElsewhere') hideTotalToo(f, totalAt, counts);
  return stuck;
}

/**
 * A 1-D table. The total stays published: it is the headline figure, and two hidden rows protect
 * each other against it. It is hidden only when it is itself small (then every positive row is small
 * and hidden too), unless `public`; `hiddenElsewhere` hides it with the rows protected as if shown.
 */
export function suppressBreakdown(b: Breakdown, threshold: number, total: TotalRule | boolean = 'own'): Breakdown {
  return suppressBreakdownWithBound(b, threshold, total === true ? 'public' : total === false ? 'own' : total).breakdown;
}

/** As `suppressBreakdown`, also giving what the published table tells a reader its total is at least. */
export function suppressBreakdownWithBound(b: Breakdown, threshold: number, total: TotalRule): { breakdown: Breakdown; totalAtLeast: number; stuck: number } {
  const values = [...b.rows.map((r) => known(r.n)), known(b.total)];
  const totalAt = b.rows.length;
  const line = { members: b.rows.map((_, i) => i), sum: totalAt };
  const roles: Role[] = [...b.rows.map((): Role => 'count'), 'total'];
  const f = figures(values, [line], { threshold, roles });
  const stuck = protectWithTotal(f, totalAt, line.members, total);
  return {
    breakdown: { rows: b.rows.map((r, i) => ({ ...r, n: shown(f, i) })), total: shown(f, totalAt) },
    totalAtLeast: lowerBoundOfSum(f, 0),
    stuck: stuck.length,
  };
}

/**
 * Step 3. Make lines the nodes of a graph and hidden entries its edges (in a cross-table every entry
 * lies on exactly two lines: a cell on its row and column, a row total on its row and on the row
 * totals, the grand total on both totals vectors). A hidden entry on a cycle is safe from exact
 * recovery: adding +1, −1 around the cycle changes no published sum. A *bridge* (an edge on no cycle)
 * is not: summing the lines on one side of it isolates it. Lines with one hidden entry are the
 * simplest bridges; step 2 removed those, this removes the rest by hiding an entry that joins the two sides.
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
 * row or column has no positive cell left to pair with or the bounds need it (then a total goes).
 */
export function suppressCrossTable(t: CrossTable, threshold: number): CrossTable {
  const rows = t.rowTotals.length;
  const cols = t.columnTotals.length;
  const cell = (r: number, c: number) => r * cols + c;
  const rowTotal = (r: number) => rows * cols + r;
  const colTotal = (c: number) => rows * cols + rows + c;
  const grand = rows * cols + rows + cols;
  const values = [...t.cells.flat().map(known), ...t.rowTotals.map(known), ...t.columnTotals.map(known), known(t.total)];
  const roles = values.map((_, i): Role => (i < rows * cols ? 'count' : 'total'));
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines: Line[] = [
    ...range(rows).map((r) => ({ members: range(cols).map((c) => cell(r, c)), sum: rowTotal(r) })),
    ...range(cols).map((c) => ({ members: range(rows).map((r) => cell(r, c)), sum: colTotal(c) })),
    { members: range(rows).map(rowTotal), sum: grand },
    { members: range(cols).map(colTotal), sum: grand },
  ];
  const f = figures(values, lines, { threshold, roles });
  hideSmall(f);
  hideLoneUnknowns(f);
  hideBridges(f);
  keepHiddenOpen(f);
  return {
    ...t,
    cells: t.cells.map((row, r) => row.map((_, c) => shown(f, cell(r, c)))),
    rowTotals: t.rowTotals.map((_, r) => shown(f, rowTotal(r))),
    columnTotals: t.columnTotals.map((_, c) => shown(f, colTotal(c))),
    total: shown(f, grand),
  };
}

/**
 * How the heat map's total (the contacts with a known hour, `openHours.contacts`) relates to what
 * else is published. With no contacts known by day only it is the recorded contacts (`recorded`):
 * public when they are shown elsewhere, `hiddenElsewhere` when they must be hidden. Otherwise the
 * contacts known by day only are the difference of two published counts when the recorded contacts
 * are shown (`dayOnly`), so they join as a line of their own.
 */
export interface HeatmapTotal {
  rule: TotalRule;
  dayOnly?: { count: number; recorded: number };
}

/** An opening slot: hours [startHour, endHour) of a weekday (1 = Monday); `openHours.bySlot` sums its heat-map cells. */
export interface SlotHours {
  weekday: number;
  startHour: number;
  endHour: number;
}

/**
 * Weekday × hour, against its total. Lines: each weekday's cells add up to the weekday's total (the
 * screen's "Summe" column, shown only when none of its hours is hidden: a follower); the weekday
 * totals add up to the heat map's total; each opening slot's cells add up to the slot's contacts
 * (`openHours.bySlot`, hidden likewise with any of its hours: a follower); and, with contacts known
 * by day only, total + day-only = recorded contacts.
 */
export function suppressHeatmapWithTotal(
  m: (number | null)[][],
  threshold: number,
  total: HeatmapTotal,
  slots: readonly SlotHours[] = [],
): { heatmap: (number | null)[][]; total: number | null; totalAtLeast: number; slotHidden: boolean[]; stuck: number } {
  const cells = m.map((row) => row.map(known));
  const width = cells[0]?.length ?? 0;
  const cellAt = (d: number, h: number) => d * width + h;
  const values = cells.flat();
  const counts = values.map((_, i) => i);
  const roles: Role[] = values.map((): Role => 'count');
  const lines: Line[] = [];
  const add = (value: number, role: Role) => (roles.push(role), values.push(value) - 1);
  // Weekday totals and slots are followers: sums a reader may learn as long as they are not small.
  const rowTotals = cells.map((row, d) => {
    const at = add(sum(row), 'running');
    lines.push({ members: row.map((_, h) => cellAt(d, h)), sum: at });
    return at;
  });
  const totalAt = add(sum(values.slice(0, cells.length * width)), 'total');
  lines.push({ members: rowTotals, sum: totalAt });
  // A slot outside the table (or overlapping another) has no line: its figure follows from its cells only.
  const used = new Set<number>();
  const slotAt = slots.map((slot) => {
    const hours = Array.from({ length: slot.endHour - slot.startHour }, (_, i) => slot.startHour + i);
    const members = hours.map((h) => cellAt(slot.weekday - 1, h));
    if (slot.weekday < 1 || slot.weekday > cells.length || hours.some((h) => h < 0 || h >= width) || members.some((i) => used.has(i))) return -1;
    members.forEach((i) => used.add(i));
    const at = add(sum(members.map((i) => values[i]!)), 'running');
    lines.push({ members, sum: at });
    return at;
  });
  const pinned: number[] = [];
  if (total.dayOnly && total.dayOnly.count > 0) {
    const dayOnlyAt = add(total.dayOnly.count, 'unpublished');
    const recordedAt = add(total.dayOnly.recorded, 'total');
    lines.push({ members: [totalAt, dayOnlyAt], sum: recordedAt });
    pinned.push(recordedAt);
  }
  const f = figures(values, lines, { threshold, roles, pinned });
  [...rowTotals, ...slotAt.filter((at) => at >= 0)].forEach((at) => f.followers.add(at));
  const stuck = protectWithTotal(f, totalAt, counts, total.rule);
  const heatmap = m.map((row, d) => row.map((_, h) => shown(f, cellAt(d, h))));
  const slotHidden = slots.map((slot, i) =>
    slotAt[i]! >= 0 ? f.hidden[slotAt[i]!]! : heatmap[slot.weekday - 1]?.slice(slot.startHour, slot.endHour).includes(null) === true,
  );
  return {
    heatmap,
    total: shown(f, totalAt),
    // What the weekdays tell a reader: a shown weekday total, or its shown hours plus 1 for each hidden one.
    totalAtLeast: f.hidden[totalAt] ? sum(rowTotals.map((at, d) => (f.hidden[at] ? lowerBoundOfSum(f, d) : values[at]!))) : values[totalAt]!,
    slotHidden,
    stuck: stuck.length,
  };
}

/** The heat map alone, against a total that is published anyway. */
export const suppressHeatmap = (m: (number | null)[][], threshold: number): (number | null)[][] =>
  suppressHeatmapWithTotal(m, threshold, { rule: 'public' }).heatmap;
