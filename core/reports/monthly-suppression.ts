/**
 * Publication mode for the monthly series and the imported parts ("davon importiert"): one system,
 * since they are tied together. Entries: each month's count, each running total (the last one is
 * the report total) and, when monthly counts were imported from earlier tallies, each import month's
 * imported part and recorded part (the second never published, but the difference of two published
 * counts), the imported total and the recorded total (published as the total of the language,
 * channel, asker and desk tables). Lines:
 *
 *   running total k = running total k−1 + month k           (the chain; running total −1 = 0)
 *   month m = imported part m + recorded part m              (each import month)
 *   imported total = Σ imported parts
 *   recorded total = Σ recorded parts + Σ months without imports
 *
 * (report total = imported + recorded follows from these.) Every entry lies on at most two lines and
 * the lines form a balanced signed graph, as `bounds-check.ts` needs. The months get their partners
 * first against the report total, as a person would pick them; the running totals that would close a
 * stretch around a single hidden month go (`showableRunningTotals`); then the bounds check hides
 * whatever else a reader could pin, the imported parts included.
 */
import { figures, hide, keepHiddenOpen, shown, type Line, type Role } from './bounds-check';
import type { MonthPoint } from './report-types';
import { hideLoneUnknowns, hideSmall, known, protect, sum } from './suppression-tables';

/**
 * Which running totals can be shown. Two shown running totals reveal the sum of the months between
 * them (the start counts as a shown 0, the last running total is the report total), so every stretch
 * between shown running totals must hold zero or at least two hidden months. Show month k's running
 * total when the stretch it closes has ≠ 1 hidden months and the months after it have ≠ 1 too (so the
 * final stretch, closed by the report total, is also fine).
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

/** A published count that other tables also publish (or hide). */
export interface SharedCount {
  count: number;
  /** Shown elsewhere whatever happens here. */
  isPublic: boolean;
  /** When hidden: what the other tables tell a reader it is at least. */
  atLeast: number;
}

export interface MonthlyResult {
  monthly: MonthPoint[];
  /** The imported total: undefined without imports, null when hidden. */
  imported: number | null | undefined;
  /** Whether the report total had to be hidden here (it never is when public). */
  totalHidden: boolean;
  /** Hidden entries nothing here could keep from being pinned (e.g. a small imported total next to a shown recorded total). */
  stuck: number;
}

/**
 * The months, their running totals and imported parts as published. `total` is the report total;
 * `recorded` the recorded contacts (total − imported), needed when some months hold imported counts.
 */
export function suppressMonthly(points: MonthPoint[], threshold: number, total: SharedCount, recorded?: SharedCount): MonthlyResult {
  const months = points.map((p) => known(p.n));
  const count = months.length;
  if (count === 0) return { monthly: points, imported: undefined, totalHidden: false, stuck: 0 };

  // Partners for the months against the report total, as a line of their own.
  const seed = figures([...months, sum(months)], [{ members: months.map((_, i) => i), sum: count }], {
    threshold,
    roles: [...months.map((): Role => 'count'), 'total'],
    pinned: total.isPublic ? [count] : [],
  });
  if (!total.isPublic) hide(seed, count);
  protect(seed);
  const showRunning = showableRunningTotals(months.map((_, i) => seed.hidden[i]!));

  // The system: months 0…count−1, running totals count…2·count−1, then the imported parts.
  const running = (k: number) => count + k;
  const values = [...months, ...points.map((p) => known(p.cumulative))];
  const roles: Role[] = [...months.map((): Role => 'count'), ...months.map((_, k): Role => (k === count - 1 ? 'total' : 'running'))];
  const lines: Line[] = months.map((_, k) => ({ members: [...(k > 0 ? [running(k - 1)] : []), k], sum: running(k) }));
  const pinned = total.isPublic ? [running(count - 1)] : [];
  const lowerBounds = new Map<number, number>();
  // A hidden report total may only rise in a reader's eyes: the tables it is the total of absorb a rise, not a fall.
  if (!total.isPublic) lowerBounds.set(running(count - 1), total.count);

  const importMonths = points.map((p, k) => ((p.imported ?? 0) > 0 ? k : -1)).filter((k) => k >= 0);
  const split = importMonths.length > 0 && recorded !== undefined;
  const part = (j: number) => 2 * count + 2 * j;
  const recordedPart = (j: number) => 2 * count + 2 * j + 1;
  const importedAt = 2 * count + 2 * importMonths.length;
  const recordedAt = importedAt + 1;
  if (split) {
    importMonths.forEach((k, j) => {
      const imported = known(points[k]!.imported ?? null);
      values.push(imported, months[k]! - imported);
      roles.push('count', 'unpublished');
      lines.push({ members: [part(j), recordedPart(j)], sum: k });
    });
    values.push(sum(importMonths.map((k) => points[k]!.imported!)), recorded.count);
    roles.push('total', 'total');
    lines.push({ members: importMonths.map((_, j) => part(j)), sum: importedAt });
    const withoutImports = months.map((_, k) => k).filter((k) => !importMonths.includes(k));
    lines.push({ members: [...importMonths.map((_, j) => recordedPart(j)), ...withoutImports], sum: recordedAt });
    if (recorded.isPublic) pinned.push(recordedAt);
    else lowerBounds.set(recordedAt, recorded.atLeast);
  }

  const f = figures(values, lines, { threshold, roles, pinned, lowerBounds });
  months.forEach((_, k) => {
    if (seed.hidden[k]) hide(f, k);
    if (!showRunning[k] && k < count - 1) hide(f, running(k));
  });
  if (!total.isPublic) hide(f, running(count - 1));
  if (split && !recorded.isPublic) hide(f, recordedAt);
  hideSmall(f);
  hideLoneUnknowns(f);
  const stuck = keepHiddenOpen(f).length;

  return {
    monthly: points.map((p, k) => {
      const point: MonthPoint = { ...p, n: shown(f, k), cumulative: shown(f, running(k)) };
      if (p.imported === undefined) return point;
      const j = importMonths.indexOf(k);
      return { ...point, imported: j < 0 ? p.imported : shown(f, part(j)) };
    }),
    imported: split ? shown(f, importedAt) : undefined,
    totalHidden: f.hidden[running(count - 1)]!,
    stuck,
  };
}

/** The series alone, against a report total that is published anyway. */
export const suppressSeries = (points: MonthPoint[], threshold: number): MonthPoint[] =>
  suppressMonthly(points, threshold, { count: sum(points.map((p) => known(p.n))), isPublic: true, atLeast: 0 }).monthly;
