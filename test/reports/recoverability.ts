/**
 * The recoverability checker: what a reader can work out from a published report. Independent of the
 * production code (which searches walks in a graph); this one does linear algebra and linear
 * programming over the same published sums.
 *
 * A system is what a reader sees: named figures (null = suppressed) and the sums that tie them
 * (Σ coef·figure = constant).
 * - `recoverSuppressed` solves it exactly (Gauss–Jordan over the suppressed figures): a suppressed
 *   figure is recovered when some combination of the equations pins it alone.
 * - `boundsOf` adds what the reader knows besides the sums: a hidden figure is never negative, and at
 *   least 1 when it is positive (zeros are shown, so "·" means "not zero"). It gives each hidden
 *   figure its interval (smallest and largest value any table consistent with everything published
 *   could have there), by two linear programs each (simplex, Bland's rule). A figure whose interval
 *   is one value is as good as published: `pinnedByBounds` lists those.
 */
import type { CrossTable, MonthPoint, Report } from '../../core/reports/report-types';

export interface System {
  shown: Map<string, number | null>;
  equations: { terms: [string, number][]; constant: number }[];
}

const EPS = 1e-9;

export function recoverSuppressed(s: System): Map<string, number> {
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

/** Only counts matter: a hidden derived sum (see `isDerivedSum`) that a reader can compute reveals no count unless it is small. */
export function canRecoverSuppressed(s: System, threshold = 0): boolean {
  return [...recoverSuppressed(s)].some(([k, v]) => !isDerivedSum(k) || (v > 0 && v < threshold));
}

// ---------------------------------------------------------------------------------------------
// Linear programming: a dense tableau simplex, small and slow, for tables of a few dozen figures.
// ---------------------------------------------------------------------------------------------

interface Tableau {
  rows: number[][]; // each: coefficients, then the right-hand side
  basis: number[];
}

function pivot(t: Tableau, r: number, j: number): void {
  const row = t.rows[r]!;
  const p = row[j]!;
  for (let c = 0; c < row.length; c++) row[c]! /= p;
  t.rows.forEach((other, i) => {
    if (i === r) return;
    const k = other[j]!;
    if (Math.abs(k) > EPS) for (let c = 0; c < other.length; c++) other[c]! -= k * row[c]!;
  });
  t.basis[r] = j;
}

/** Maximises c·x over the tableau's feasible set, entering only `allowed` columns. Infinity when unbounded. */
function maximise(t: Tableau, c: number[], allowed: (j: number) => boolean): number {
  const width = c.length;
  for (;;) {
    let entering = -1;
    for (let j = 0; j < width && entering < 0; j++) {
      if (!allowed(j) || t.basis.includes(j)) continue;
      const reduced = c[j]! - t.rows.reduce((s, row, r) => s + c[t.basis[r]!]! * row[j]!, 0);
      if (reduced > EPS) entering = j;
    }
    if (entering < 0) return t.rows.reduce((s, row, r) => s + c[t.basis[r]!]! * row[width]!, 0);
    let leaving = -1;
    let ratio = Infinity;
    t.rows.forEach((row, r) => {
      if (row[entering]! <= EPS) return;
      const q = row[width]! / row[entering]!;
      if (q < ratio - EPS || (Math.abs(q - ratio) <= EPS && t.basis[r]! < t.basis[leaving]!)) (ratio = q), (leaving = r);
    });
    if (leaving < 0) return Infinity;
    pivot(t, leaving, entering);
  }
}

const copy = (t: Tableau): Tableau => ({ rows: t.rows.map((r) => [...r]), basis: [...t.basis] });

/**
 * For each hidden figure: [smallest, largest] value, given every equation and a lower bound of 1 for
 * figures that are positive in `truth` (0 for those that are zero: the reader cannot tell those apart,
 * so crediting them with knowing which is which only makes the check stricter). `unpublished`
 * figures (counts no table shows, only differences of published ones) have 0: nothing marks them.
 */
export function boundsOf(s: System, truth: Map<string, number>, unpublished: (name: string) => boolean = () => false): Map<string, [number, number]> {
  const unknowns = [...s.shown].filter(([, v]) => v === null).map(([k]) => k);
  const n = unknowns.length;
  const col = new Map(unknowns.map((k, j) => [k, j]));
  const lower = unknowns.map((k) => {
    const v = truth.get(k);
    if (v === undefined) throw new Error(`no true value for ${k}`);
    return unpublished(k) ? 0 : Math.min(1, v);
  });
  // x = lower + y, y ≥ 0: Σ coef·y = constant − Σ coef·(shown or lower).
  const equations = s.equations.map((e) => {
    const row = new Array<number>(n).fill(0);
    let rhs = e.constant;
    for (const [name, coef] of e.terms) {
      const v = s.shown.get(name);
      if (v === undefined) throw new Error(`unknown figure ${name}`);
      if (v === null) {
        row[col.get(name)!]! += coef;
        rhs -= coef * lower[col.get(name)!]!;
      } else rhs -= coef * v;
    }
    return rhs < 0 ? { row: row.map((x) => -x), rhs: -rhs } : { row, rhs };
  });
  const m = equations.length;
  // Phase 1: one artificial per equation, minimise their sum.
  const t: Tableau = {
    rows: equations.map((e, r) => [...e.row, ...Array.from({ length: m }, (_, a) => (a === r ? 1 : 0)), e.rhs]),
    basis: equations.map((_, r) => n + r),
  };
  const phase1 = [...new Array<number>(n).fill(0), ...new Array<number>(m).fill(-1)];
  if (maximise(t, phase1, () => true) < -1e-6) throw new Error('the published figures contradict the true ones');
  // Drive artificials out of the basis; a row where none can leave is redundant.
  for (let r = t.rows.length - 1; r >= 0; r--) {
    if (t.basis[r]! < n) continue;
    const j = t.rows[r]!.findIndex((v, c) => c < n && Math.abs(v) > EPS);
    if (j >= 0) pivot(t, r, j);
    else t.rows.splice(r, 1), t.basis.splice(r, 1);
  }
  const out = new Map<string, [number, number]>();
  const real = (j: number) => j < n;
  unknowns.forEach((name, k) => {
    const objective = new Array<number>(n + m).fill(0);
    objective[k] = 1;
    const max = maximise(copy(t), objective, real);
    objective[k] = -1;
    const min = -maximise(copy(t), objective, real);
    out.set(name, [lower[k]! + min, lower[k]! + max]);
  });
  return out;
}

/**
 * Sums hidden only because a member is: running totals `cum…`, a heat map's weekday totals `hr…`,
 * opening slots `slot…`. Learning one reveals no small count unless it is small itself.
 */
export const isDerivedSum = (name: string) => /^(cum|hr|slot)\d/.test(name);

/**
 * The hidden figures a reader can pin to one value from the bounds; derived sums only when they are
 * small: a large one reveals no small count.
 */
export function pinnedByBounds(s: System, truth: Map<string, number>, threshold: number): string[] {
  return [...boundsOf(s, truth)]
    .filter(([name]) => !isDerivedSum(name) || (truth.get(name)! > 0 && truth.get(name)! < threshold))
    .filter(([, [lo, hi]]) => hi - lo < 1 - 1e-6)
    .map(([name]) => name);
}

/** The true values of a system built from the unsuppressed table. */
export const truthOf = (s: System): Map<string, number> => new Map([...s.shown].map(([k, v]) => [k, v!]));

// ---------------------------------------------------------------------------------------------
// Systems: what each published table lets a reader write down.
// ---------------------------------------------------------------------------------------------

const plus = (name: string): [string, number] => [name, 1];

/** Cells `c{r},{c}`, row totals `R{r}`, column totals `C{c}`, grand total `T`. */
export function crossTableSystem(t: CrossTable): System {
  const shown = new Map<string, number | null>();
  t.cells.forEach((row, r) => row.forEach((v, c) => shown.set(`c${r},${c}`, v)));
  t.rowTotals.forEach((v, r) => shown.set(`R${r}`, v));
  t.columnTotals.forEach((v, c) => shown.set(`C${c}`, v));
  shown.set('T', t.total);
  const equations = [
    ...t.rowTotals.map((_v, r) => ({ terms: [...t.columnTotals.map((_w, c) => plus(`c${r},${c}`)), [`R${r}`, -1]], constant: 0 })),
    ...t.columnTotals.map((_v, c) => ({ terms: [...t.rowTotals.map((_w, r) => plus(`c${r},${c}`)), [`C${c}`, -1]], constant: 0 })),
    { terms: [...t.rowTotals.map((_v, r) => plus(`R${r}`)), ['T', -1]], constant: 0 },
    { terms: [...t.columnTotals.map((_v, c) => plus(`C${c}`)), ['T', -1]], constant: 0 },
  ] as System['equations'];
  return { shown, equations };
}

/** One line: members `n{i}` and their total `total` (breakdowns; heat maps against their total). */
export function lineSystem(members: (number | null)[], total: number | null): System {
  const shown = new Map<string, number | null>(members.map((v, i) => [`n${i}`, v]));
  shown.set('total', total);
  return { shown, equations: [{ terms: [...members.map((_v, i): [string, number] => [`n${i}`, 1]), ['total', -1]], constant: 0 }] };
}

/** Months `n{k}`, running totals `cum{k}` (cum_k = cum_{k−1} + n_k, cum_{−1} = 0); the last one is the report total. */
export function seriesSystem(points: MonthPoint[], reportTotal: number | null): System {
  const shown = new Map<string, number | null>();
  points.forEach((p, k) => shown.set(`n${k}`, p.n).set(`cum${k}`, p.cumulative));
  const equations: System['equations'] = points.map((_p, k) => ({
    terms: [[`cum${k}`, 1], [`n${k}`, -1], ...(k > 0 ? [[`cum${k - 1}`, -1] as [string, number]] : [])],
    constant: 0,
  }));
  if (points.length > 0 && reportTotal !== null) equations.push({ terms: [[`cum${points.length - 1}`, 1]], constant: reportTotal });
  return { shown, equations };
}

/**
 * The monthly series with its imported parts: months `n{k}`, running totals `cum{k}`, each import
 * month's imported part `imp{k}` and recorded part `rec{k}` (never published), the imported total `I`
 * and the recorded total `live` (published as the total of the language, channel, asker and desk
 * tables), and the report total `total`.
 */
export function monthlyWithImportsSystem(
  points: MonthPoint[],
  parts: { total: number | null; imported: number | null; live: number | null; recorded: (number | null)[] },
): System {
  const s = seriesSystem(points, null);
  s.shown.set('total', parts.total).set('I', parts.imported).set('live', parts.live);
  const last = points.length - 1;
  s.equations.push({
    terms: [
      [`cum${last}`, 1],
      ['total', -1],
    ],
    constant: 0,
  });
  s.equations.push({
    terms: [
      ['I', 1],
      ['live', 1],
      ['total', -1],
    ],
    constant: 0,
  });
  const importMonths = points.map((p, k) => (p.imported === undefined ? -1 : k)).filter((k) => k >= 0);
  importMonths.forEach((k) => {
    s.shown.set(`imp${k}`, points[k]!.imported!).set(`rec${k}`, parts.recorded[k]!);
    s.equations.push({
      terms: [
        [`imp${k}`, 1],
        [`rec${k}`, 1],
        [`n${k}`, -1],
      ],
      constant: 0,
    });
  });
  s.equations.push({ terms: [...importMonths.map((k) => plus(`imp${k}`)), ['I', -1]], constant: 0 });
  const recordedOf = (k: number) => (importMonths.includes(k) ? `rec${k}` : `n${k}`);
  s.equations.push({ terms: [...points.map((_p, k) => plus(recordedOf(k))), ['live', -1]], constant: 0 });
  return s;
}

/**
 * A heat map: cells `h{d},{h}`, each weekday's total `hr{d}` (the screen's "Summe": shown only when
 * none of the weekday's hours is hidden), and the heat map's total `totalName`.
 */
export function heatmapSystem(m: (number | null)[][], totalName: string, total: number | null): System {
  const shown = new Map<string, number | null>();
  const equations: System['equations'] = [];
  m.forEach((row, d) => {
    row.forEach((v, h) => shown.set(`h${d},${h}`, v));
    shown.set(`hr${d}`, row.includes(null) ? null : row.reduce<number>((s, n) => s + n!, 0));
    equations.push({ terms: [...row.map((_v, h) => plus(`h${d},${h}`)), [`hr${d}`, -1]], constant: 0 });
  });
  shown.set(totalName, total);
  equations.push({ terms: [...m.map((_r, d) => plus(`hr${d}`)), [totalName, -1]], constant: 0 });
  return { shown, equations };
}

/** Merges systems that share figure names (e.g. a report's tables, all tied to its total). */
export function combined(...systems: System[]): System {
  const shown = new Map<string, number | null>();
  for (const s of systems) for (const [k, v] of s.shown) shown.set(k, v);
  return { shown, equations: systems.flatMap((s) => s.equations) };
}

// ---------------------------------------------------------------------------------------------
// A whole report: every table, tied together where they publish the same count.
// ---------------------------------------------------------------------------------------------

const prefixed = (p: string, s: System): System => ({
  shown: new Map([...s.shown].map(([k, v]) => [`${p}${k}`, v])),
  equations: s.equations.map((e) => ({ ...e, terms: e.terms.map(([k, c]): [string, number] => [`${p}${k}`, c]) })),
});

/** A line whose total has a given name (shared between tables). */
function namedLine(prefix: string, members: (number | null)[], totalName: string, total: number | null): System {
  const shown = new Map<string, number | null>(members.map((v, i) => [`${prefix}${i}`, v]));
  shown.set(totalName, total);
  return { shown, equations: [{ terms: [...members.map((_v, i) => plus(`${prefix}${i}`)), [totalName, -1]], constant: 0 }] };
}

const RECORDED_TABLES = ['byLanguage', 'byChannel', 'byAsker', 'byDesk'] as const;

/**
 * What a reader can write down from a published report `r`, and the true values from the report it
 * was made of. Unpublished counts a reader can reason about get names too: each import month's
 * recorded part `rec{k}`, the contacts known by day only `day`, the contacts since opening before
 * the period `before`, the recorded contacts without a referral `noRef` and the referrals beyond a
 * contact's first `moreRef`. `matters` says which hidden figures must not be pinned: every published one
 * except large running totals, and unpublished ones when small. Comparison deltas are not in the
 * system (a delta is hidden whenever either total is; checked separately).
 */
export function reportSystem(
  r: Report,
  original: Report,
): { system: System; truth: Map<string, number>; matters: (name: string) => boolean; unpublished: (name: string) => boolean } {
  const build = (x: Report, unpublished: (name: string, value: number) => number | null) => {
    const imports = original.monthly.some((m) => (m.imported ?? 0) > 0);
    const liveName = imports ? 'live' : 'total';
    const recorded = original.total! - (original.imported ?? 0);
    const timed = sumOf(original.heatmap.flat());
    const parts: System[] = [];
    if (imports) {
      const recordedParts = original.monthly.map((m) => (m.imported === undefined ? null : unpublished(`rec`, m.n! - m.imported!)));
      const published = RECORDED_TABLES.map((k) => x[k].total).find((t) => t !== null) ?? null;
      parts.push(monthlyWithImportsSystem(x.monthly, { total: x.total, imported: x.imported ?? null, live: published, recorded: recordedParts }));
      if (x === original) parts.at(-1)!.shown.set('live', recorded);
      original.monthly.forEach((m, k) => m.imported !== undefined && parts.at(-1)!.shown.set(`rec${k}`, recordedParts[k]!));
    } else {
      const s = seriesSystem(x.monthly, null);
      s.shown.set('total', x.total);
      s.equations.push({
        terms: [
          [`cum${x.monthly.length - 1}`, 1],
          ['total', -1],
        ],
        constant: 0,
      });
      parts.push(s);
    }
    parts.push(
      namedLine(
        'tc',
        x.byTopic.contacts.rows.map((row) => row.n),
        'total',
        x.byTopic.contacts.total,
      ),
    );
    parts.push(
      namedLine(
        'tm',
        x.byTopic.mentions.rows.map((row) => row.n),
        'tmT',
        x.byTopic.mentions.total,
      ),
    );
    parts.push(
      namedLine(
        'rf',
        x.byReferral.rows.map((row) => row.n),
        'rfT',
        x.byReferral.total,
      ),
    );
    // The contacts with a referral: the recorded contacts less those without one; the referrals named less those beyond a contact's first.
    const withReferral = original.contactsWithReferral!;
    parts.push({
      shown: new Map([
        ['cwr', x.contactsWithReferral],
        ['noRef', unpublished('noRef', recorded - withReferral)],
        ['moreRef', unpublished('moreRef', original.byReferral.total! - withReferral)],
      ]),
      equations: [
        {
          terms: [
            ['cwr', 1],
            ['noRef', 1],
            [liveName, -1],
          ],
          constant: 0,
        },
        {
          terms: [
            ['cwr', 1],
            ['moreRef', 1],
            ['rfT', -1],
          ],
          constant: 0,
        },
      ],
    });
    for (const key of RECORDED_TABLES)
      parts.push(
        namedLine(
          `${key}.`,
          x[key].rows.map((row) => row.n),
          liveName,
          x[key].total,
        ),
      );
    parts.push(
      namedLine(
        'td',
        x.byThemeDay.rows.map((row) => row.n),
        'tdT',
        x.byThemeDay.total,
      ),
    );
    // The heat map against its total, and that total against the recorded contacts (+ those known by day only).
    const heat = heatmapSystem(x.heatmap, 'timed', x.openHours.contacts);
    const dayOnly = recorded - timed;
    if (dayOnly > 0) {
      heat.shown.set('day', unpublished('day', dayOnly));
      heat.equations.push({
        terms: [
          ['timed', 1],
          ['day', 1],
          [liveName, -1],
        ],
        constant: 0,
      });
    } else
      heat.equations.push({
        terms: [
          ['timed', 1],
          [liveName, -1],
        ],
        constant: 0,
      });
    parts.push(heat);
    x.openHours.bySlot.forEach((slot, i) => {
      const hours = Array.from({ length: slot.endHour - slot.startHour }, (_, j) => `h${slot.weekday - 1},${slot.startHour + j}`);
      parts.push({ shown: new Map([[`slot${i}`, slot.contacts]]), equations: [{ terms: [...hours.map(plus), [`slot${i}`, -1]], constant: 0 }] });
    });
    parts.push(prefixed('x.', crossTableSystem(x.topicReferrals)));
    const comparisons = [x.comparisons.previousPeriod, x.comparisons.yearBefore];
    parts.push({ shown: new Map(comparisons.map((c, i) => [`cmp${i}`, c.total])), equations: [] });
    const since = x.headline.sinceOpening.total;
    parts.push({
      shown: new Map([
        ['since', since],
        ['before', unpublished('before', original.headline.sinceOpening.total! - original.total!)],
      ]),
      equations: [
        {
          terms: [
            ['since', 1],
            ['total', -1],
            ['before', -1],
          ],
          constant: 0,
        },
      ],
    });
    return combined(...parts);
  };
  const system = build(r, () => null);
  const truth = truthOf(build(original, (_name, v) => v));
  // Figures with a null true value (a compared period before the opening) are not counts a reader could learn.
  for (const [k, v] of truth) if (v === null) truth.delete(k), system.shown.delete(k);
  const threshold = r.publication.threshold;
  const small = (n: string) => truth.get(n)! > 0 && truth.get(n)! < threshold;
  const unpublishedName = (n: string) => n.startsWith('rec') || ['day', 'before', 'noRef', 'moreRef'].includes(n);
  return { system, truth, matters: (n) => (isDerivedSum(n) || unpublishedName(n) ? small(n) : true), unpublished: unpublishedName };
}

const sumOf = (ns: (number | null)[]) => ns.reduce<number>((s, n) => s + (n ?? 0), 0);

/** The hidden figures of a published report that a reader can pin from its sums and bounds. */
export function pinnedInReport(r: Report, original: Report): string[] {
  const { system, truth, matters, unpublished } = reportSystem(r, original);
  return [...boundsOf(system, truth, unpublished)].filter(([name, [lo, hi]]) => matters(name) && hi - lo < 1 - 1e-6).map(([name]) => name);
}

// ---------------------------------------------------------------------------------------------
// Every number in a report, and what it is.
// ---------------------------------------------------------------------------------------------

/** Numbers in a report by path, array indices as `[]` (e.g. `monthly[].n`). */
export function numbersOf(value: unknown, path = ''): { path: string; at: string; value: number }[] {
  if (typeof value === 'number') return [{ path, at: path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersOf(v, `${path}[]`).map((x) => ({ ...x, at: x.at.replace(`${path}[]`, `${path}[${i}]`) })));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbersOf(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * What each number of a report is. `count`: a count of contacts, hidden when small. `rate`: a count
 * divided by hours (or by another count), hidden with its count. `change`: this period's total minus
 * a compared one. `other`: not a count of people (hours, days, ids, the threshold). A number at a
 * path not listed here makes the tests fail: whoever adds a field decides what it is, and, if it
 * counts people, how publication mode hides it.
 */
export function kindOf(path: string): 'count' | 'rate' | 'change' | 'other' {
  const breakdown = String.raw`(byTopic\.contacts|byTopic\.mentions|byReferral|byLanguage|byChannel|byAsker|byDesk|byThemeDay)`;
  const rules: [RegExp, 'count' | 'rate' | 'change' | 'other'][] = [
    [/^(total|imported|importedNotIncluded)$/, 'count'],
    [new RegExp(`^${breakdown}\\.rows\\[\\]\\.imported$`), 'count'],
    [new RegExp(`^(${breakdown}|topicReferrals)\\.rows\\[\\]\\.group\\.(id|topicIds\\[\\])$`), 'other'],
    [/^monthly\[\]\.(n|cumulative|imported)$/, 'count'],
    [new RegExp(`^${breakdown}\\.(rows\\[\\]\\.n|total)$`), 'count'],
    [new RegExp(`^${breakdown}\\.rows\\[\\]\\.key$`), 'other'],
    [/^heatmap\[\]\[\]$/, 'count'],
    [/^openHours\.(contacts|bySlot\[\]\.contacts)$/, 'count'],
    [/^openHours\.(perOpenHour|bySlot\[\]\.perOpenHour)$/, 'rate'],
    [/^openHours\.(hours|closedDays|openDays\[\]|bySlot\[\]\.(weekday|startHour|endHour|hours))$/, 'other'],
    [/^comparisons\.\w+\.total$/, 'count'],
    [/^comparisons\.\w+\.delta$/, 'change'],
    [/^comparisons\.\w+\.deltaPct$/, 'rate'],
    [/^comparisons\.\w+\.(period|current)\.days$/, 'other'],
    [/^themeDays\[\]\.(contacts|ordinaryContacts)$/, 'count'],
    [/^themeDays\[\]\.(perOpenHour|ordinaryPerOpenHour|ratio)$/, 'rate'],
    [/^themeDays\[\]\.(themeDayId|occurrences|hours|ordinaryHours)$/, 'other'],
    [/^topicReferrals\.(cells\[\]\[\]|rowTotals\[\]|columnTotals\[\]|total)$/, 'count'],
    [/^topicReferrals\.(rows|columns)\[\]\.key$/, 'other'],
    [/^headline\.sinceOpening\.total$/, 'count'],
    [/^headline\.sinceOpening\.months$/, 'other'],
    [/^(publication\.threshold|period\.days)$/, 'other'],
    [/^(series\.points\[\]\.n|series\.importedNotInSeries|contactsWithReferral|bySdg\.(rows\[\]\.n|total|contacts))$/, 'count'],
    [/^bySdg\.rows\[\]\.(key|topicIds\[\])$/, 'other'],
  ];
  const rule = rules.find(([re]) => re.test(path));
  if (!rule)
    throw new Error(
      `a number at "${path}" that publication mode does not know: classify it in test/reports/recoverability.ts (kindOf) and hide it in core/reports/suppression.ts if it counts people`,
    );
  return rule[1];
}
