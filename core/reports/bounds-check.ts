/**
 * The model behind publication mode, shared by every table, and the bounds check.
 *
 * Every figure a table publishes (a cell, a row, a total, a running total) is an *entry*; a *line* is a
 * published sum: its members add up to its sum. Some entries are *public* (shown elsewhere whatever a
 * table does, e.g. the report's total), some are *unpublished* (counts no table shows but a reader
 * can work out, e.g. a month's recorded part next to its imported part): those are always hidden.
 *
 * What a reader knows about a hidden entry: every published line, and that it is at least 1 when it
 * is positive (zeros are shown, so "·" means "not zero" — `lowerBound`). Nothing marks an
 * unpublished count, so of those a reader knows only that they are not negative. From that, each hidden entry
 * has an interval of possible values. The check here finds hidden entries whose interval is a single
 * value (*pinned*), exactly, and hides further entries until there are none.
 *
 * Why the check is exact. Every entry lies on at most two lines (asserted), with coefficient +1 as a
 * member and −1 as a sum; each table below keeps its lines so that they form a bipartite (balanced)
 * signed graph, which makes the system totally unimodular: the intervals have whole-number ends. A
 * hidden entry is not pinned exactly when it can move by one while every line keeps its sum and no
 * hidden entry drops below its lower bound. Such a move decomposes into circuits: closed walks over
 * hidden entries (lines as nodes, entries as edges, an entry on fewer than two lines ending in a
 * "free" node that needs no balance). So: the entry is open when a walk exists that starts with it
 * going up or down, balances every line it passes, and only lowers entries that have room (value above
 * the lower bound). `cheapestOpening` searches that walk (Dijkstra over line × sign); allowing shown
 * entries at a cost gives the cheapest set of entries to hide so that a pinned entry opens.
 */

/** Sensitive: a count of fewer people than the threshold, but not none. */
export const isSmall = (n: number, threshold: number): boolean => n > 0 && n < threshold;

/** A published sum: `members` add up to `sum` (indices into `Figures.values`). */
export interface Line {
  members: number[];
  sum: number;
}

/**
 * What an entry is; decides what hiding it costs and whether a hidden one must stay open (not pinned):
 * `count` a cell or row (must stay open), `total` a published sum (must stay open; hidden only when
 * there is nothing cheaper), `running` a running total (cheap; must stay open only when small),
 * `unpublished` a count no table shows (always hidden; must stay open only when small). Followers
 * (sums a screen shows only when all their members are) are `running`: derived, like running totals.
 */
export type Role = 'count' | 'total' | 'running' | 'unpublished';

export interface Figures {
  values: number[];
  roles: Role[];
  hidden: boolean[];
  /** Shown elsewhere whatever we do (the report's total contacts), so never hidden here. */
  pinned: Set<number>;
  /**
   * Sums a screen shows only when none of their members is hidden (a weekday's total under the heat
   * map): never hidden on their own, always hidden with a member (see `hideFollowers`).
   */
  followers: Set<number>;
  lines: Line[];
  /** For each entry, the lines (indices into `lines`) it is on: at most two. */
  linesOf: number[][];
  /** For each line, how many of its entries are hidden. */
  hiddenOn: number[];
  threshold: number;
  /** Lower bounds a reader has from other tables, where higher than the default (1 when positive). */
  lowerBounds: Map<number, number>;
}

export function figures(
  values: number[],
  lines: Line[],
  options: { threshold: number; roles?: Role[]; pinned?: number[]; lowerBounds?: Map<number, number> },
): Figures {
  const linesOf: number[][] = values.map(() => []);
  lines.forEach((line, l) => entriesOf(line).forEach((i) => linesOf[i]!.push(l)));
  if (linesOf.some((ls) => ls.length > 2)) throw new Error('suppression: an entry lies on more than two lines');
  const f: Figures = {
    values,
    roles: options.roles ?? values.map(() => 'count'),
    hidden: values.map(() => false),
    pinned: new Set(options.pinned ?? []),
    followers: new Set(),
    lines,
    linesOf,
    hiddenOn: lines.map(() => 0),
    threshold: options.threshold,
    lowerBounds: options.lowerBounds ?? new Map(),
  };
  f.roles.forEach((role, i) => role === 'unpublished' && hide(f, i));
  return f;
}

export function hide(f: Figures, i: number): void {
  if (f.hidden[i]) return;
  f.hidden[i] = true;
  for (const l of f.linesOf[i]!) f.hiddenOn[l]!++;
}

/** Lexicographic: is key `a` before key `b`? */
function before(a: number[], b: number[]): boolean {
  const d = a.findIndex((v, j) => v !== b[j]);
  return d >= 0 && a[d]! < b[d]!;
}

/** The candidate with the smallest key, tie → first: "prefer …, then the smallest". */
export function best(candidates: number[], key: (i: number) => number[]): number | undefined {
  let winner: { i: number; k: number[] } | undefined;
  for (const i of candidates) {
    const k = key(i);
    if (!winner || before(k, winner.k)) winner = { i, k };
  }
  return winner?.i;
}

export const entriesOf = (line: Line) => [...line.members, line.sum];
export const canHide = (f: Figures, i: number) => !f.hidden[i] && !f.pinned.has(i) && !f.followers.has(i);

/** Hides every follower with a hidden member; true when it hid any. */
export function hideFollowers(f: Figures): boolean {
  let hid = false;
  for (const line of f.lines) {
    if (f.followers.has(line.sum) && !f.hidden[line.sum] && line.members.some((i) => f.hidden[i])) {
      hide(f, line.sum);
      hid = true;
    }
  }
  return hid;
}
export const shown = (f: Figures, i: number) => (f.hidden[i] ? null : f.values[i]!);

/** Must this entry, once hidden, keep at least two possible values? */
export function mustStayOpen(f: Figures, i: number): boolean {
  const role = f.roles[i];
  return role === 'count' || role === 'total' || isSmall(f.values[i]!, f.threshold);
}

export const lowerBound = (f: Figures, i: number) => Math.max(f.lowerBounds.get(i) ?? 0, f.roles[i] === 'unpublished' ? 0 : Math.min(1, f.values[i]!));
/** How far a hidden entry can go down before it hits what the reader knows it to be at least. */
const room = (f: Figures, i: number) => f.values[i]! - lowerBound(f, i);
const coefficient = (f: Figures, i: number, l: number) => (f.lines[l]!.sum === i ? -1 : 1);

/**
 * What hiding a shown entry costs: by role first (a total is worth three cells), then by its value; a
 * zero costs more than any count (zeros are shown: "·" should mean "not zero" wherever it can).
 */
const ROLE_COST: Record<Role, number> = { running: 1, count: 4, total: 12, unpublished: 0 };
const cost = (f: Figures, i: number) => (f.hidden[i] || f.followers.has(i) ? 0 : ROLE_COST[f.roles[i]!] * 1e9 + (f.values[i] === 0 ? 5e8 : f.values[i]!));

/** Entries on one line only: their other end is "free" (no line to balance). */
const looseEntries = (f: Figures) => f.values.map((_, j) => j).filter((j) => f.linesOf[j]!.length === 1);

/**
 * The walks that would open hidden entry `e`, as a graph over states: "free", or (line, c) with c ∈ ±1
 * the amount the walk has so far added to that line's balance. For each direction e can move in
 * (down only with room), the state the walk starts in (where e leads) and the state it must reach
 * (e's other end, cancelling e there); `moves` lists the steps out of a state over `usable` entries.
 */
function walks(f: Figures, e: number, usable: (j: number) => boolean) {
  const free = 2 * f.lines.length;
  const state = (l: number, c: number) => 2 * l + (c > 0 ? 1 : 0);
  const [p, q] = f.linesOf[e]!;
  const loose = looseEntries(f);
  const ends = [1, -1]
    .filter((dir) => dir > 0 || room(f, e) >= 1)
    .map((dir) => ({
      start: q === undefined ? free : state(q, coefficient(f, e, q) * dir),
      goal: p === undefined ? free : state(p, -coefficient(f, e, p) * dir),
    }));
  /** Entry j moved by d, landing in `to`, for every step out of state s. */
  const moves = (s: number, visit: (j: number, to: number) => void): void => {
    if (s === free) {
      for (const j of loose) {
        if (!usable(j)) continue;
        const l = f.linesOf[j]![0]!;
        visit(j, state(l, coefficient(f, j, l)));
        if (room(f, j) >= 1) visit(j, state(l, -coefficient(f, j, l)));
      }
      return;
    }
    const l = s >> 1;
    const c = s & 1 ? 1 : -1;
    for (const j of entriesOf(f.lines[l]!)) {
      if (!usable(j)) continue;
      const d = -c * coefficient(f, j, l);
      if (d < 0 && room(f, j) < 1) continue;
      const other = f.linesOf[j]!.find((m) => m !== l);
      visit(j, other === undefined ? free : state(other, coefficient(f, j, other) * d));
    }
  };
  return { states: free + 1, free, ends, unconstrained: p === undefined && q === undefined, moves };
}

/** Is hidden entry `e` pinned: does what is published leave it a single possible value? (A search over hidden entries only.) */
export function isPinned(f: Figures, e: number): boolean {
  const w = walks(f, e, (j) => j !== e && f.hidden[j]!);
  if (w.unconstrained) return false;
  return !w.ends.some(({ start, goal }) => {
    const seen = new Array<boolean>(w.states).fill(false);
    const queue = [start];
    seen[start] = true;
    while (queue.length > 0) {
      const s = queue.pop()!;
      if (s === goal) return true;
      w.moves(s, (_j, to) => {
        if (!seen[to]) (seen[to] = true), queue.push(to);
      });
    }
    return false;
  });
}

/**
 * The cheapest set of shown entries to hide so that hidden entry `e` is not pinned ([] when it is
 * open already), or null when nothing can open it: Dijkstra over the walks, a shown entry costing
 * what hiding it costs. A follower may be on the walk: the walk then also passes one of its members
 * (its line has no other entries), and hiding that member hides the follower.
 */
function cheapestOpening(f: Figures, e: number): number[] | null {
  const usable = (j: number) => j !== e && (f.hidden[j] || canHide(f, j) || (f.followers.has(j) && !f.pinned.has(j)));
  const w = walks(f, e, usable);
  if (w.unconstrained) return [];
  let best: { total: number; path: number[] } | null = null;
  for (const { start, goal } of w.ends) {
    const dist = new Array<number>(w.states).fill(Infinity);
    const via = new Array<{ from: number; j: number } | undefined>(w.states);
    const done = new Array<boolean>(w.states).fill(false);
    dist[start] = 0;
    for (;;) {
      let s = -1;
      for (let k = 0; k < w.states; k++) if (!done[k] && dist[k]! < Infinity && (s < 0 || dist[k]! < dist[s]!)) s = k;
      if (s < 0 || s === goal) break;
      done[s] = true;
      w.moves(s, (j, to) => {
        const d = dist[s]! + cost(f, j);
        if (d < dist[to]!) (dist[to] = d), (via[to] = { from: s, j });
      });
    }
    if (dist[goal] === Infinity || (best && dist[goal]! >= best.total)) continue;
    const path: number[] = [];
    for (let s = goal; s !== start; s = via[s]!.from) if (!f.hidden[via[s]!.j]) path.push(via[s]!.j);
    best = { total: dist[goal]!, path: [...new Set(path)] };
  }
  return best?.path ?? null;
}

/** The hidden entries that must stay open but are pinned. */
export const pinnedEntries = (f: Figures): number[] => f.values.map((_, i) => i).filter((i) => f.hidden[i] && mustStayOpen(f, i) && isPinned(f, i));

/**
 * Secondary suppression against bounds: until no hidden entry that must stay open is pinned, hide the
 * cheapest set of shown entries that opens the first pinned one. Hiding only adds ways to move, so an
 * entry once open stays open and this ends. Returns the entries nothing could open (e.g. a table of
 * one entry whose total is public).
 */
export function keepHiddenOpen(f: Figures): number[] {
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of pinnedEntries(f)) {
      if (!isPinned(f, e)) continue; // opened by an earlier step of this pass
      const extra = cheapestOpening(f, e);
      if (extra === null || extra.length === 0) continue;
      extra.forEach((i) => f.followers.has(i) || hide(f, i));
      hideFollowers(f);
      changed = true;
    }
  }
  return pinnedEntries(f);
}
