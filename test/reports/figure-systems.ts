/**
 * What a reader can write down from a published report's SDG section and daily/weekly series, on top
 * of `reportSystem` (recoverability.ts), for the same independent bounds check (linear programming,
 * not the production code's walks). Names:
 *
 * - `sdg{g}` goal rows, `sdgT` their total, `sdgC` the contacts with a goal; unpublished `noGoal`
 *   (total − sdgC) and slacks `slk…` (≥ 0) for what a reader knows without equalities: a goal counts
 *   at most the mentions of its topics added up and at least each of them; sdgC at most the rows
 *   added up and at least each row;
 * - `sp{i}` series points; for a daily series each month's days add up to its recorded part (`n{k}`,
 *   or `rec{k}` for a month with imported counts) and each weekday's days to the heat map's weekday
 *   total `hr{d}` (the test data has no contacts known by day only); for a weekly series
 *   the parts of week i in month k, `wf{i},{k}` (unpublished), add up to the week and to the month.
 */
import type { Report } from '../../core/reports/report-types';
import { boundsOf, combined, reportSystem, truthOf, type System } from './recoverability';

type Term = [string, number];

function sdgSystem(x: Report, original: Report, truth: boolean): System {
  const shown = new Map<string, number | null>();
  const equations: System['equations'] = [];
  const slack = (name: string, value: number) => shown.set(name, truth ? value : null);
  const mentionIndex = new Map(original.byTopic.mentions.rows.map((r, i) => [r.key, i]));
  const value = (r: Report, g: number) => r.bySdg.rows.find((row) => row.key === g)!.n!;
  x.bySdg.rows.forEach((row) => shown.set(`sdg${row.key}`, row.n));
  shown.set('sdgT', x.bySdg.total).set('sdgC', x.bySdg.contacts);
  equations.push({ terms: [...x.bySdg.rows.map((row): Term => [`sdg${row.key}`, 1]), ['sdgT', -1]], constant: 0 });
  slack('noGoal', original.total! - original.bySdg.contacts!);
  equations.push({
    terms: [
      ['sdgC', 1],
      ['noGoal', 1],
      ['total', -1],
    ],
    constant: 0,
  });
  slack('slkC', original.bySdg.total! - original.bySdg.contacts!);
  equations.push({
    terms: [
      ['sdgC', 1],
      ['slkC', 1],
      ['sdgT', -1],
    ],
    constant: 0,
  });
  for (const row of original.bySdg.rows) {
    const g = row.key;
    slack(`slkCg${g}`, original.bySdg.contacts! - value(original, g));
    equations.push({
      terms: [
        ['sdgC', 1],
        [`sdg${g}`, -1],
        [`slkCg${g}`, -1],
      ],
      constant: 0,
    });
    const topics = row.topicIds.filter((id) => mentionIndex.has(id));
    const mentionsOf = (id: number) => original.byTopic.mentions.rows[mentionIndex.get(id)!]!.n!;
    slack(`slkU${g}`, topics.reduce((s, id) => s + mentionsOf(id), 0) - value(original, g));
    equations.push({ terms: [[`sdg${g}`, 1], [`slkU${g}`, 1], ...topics.map((id): Term => [`tm${mentionIndex.get(id)}`, -1])], constant: 0 });
    for (const id of topics) {
      slack(`slkL${g}_${id}`, value(original, g) - mentionsOf(id));
      equations.push({
        terms: [
          [`sdg${g}`, 1],
          [`tm${mentionIndex.get(id)}`, -1],
          [`slkL${g}_${id}`, -1],
        ],
        constant: 0,
      });
    }
  }
  return { shown, equations };
}

function seriesSystem(x: Report, original: Report, daily: Map<string, number>, truth: boolean): System {
  const shown = new Map<string, number | null>();
  const equations: System['equations'] = [];
  const { unit, points } = x.series;
  if (unit === 'month') return { shown, equations };
  points.forEach((p, i) => shown.set(`sp${i}`, p.n));
  const months = original.monthly.map((m) => m.month);
  const monthName = (k: number) => (original.monthly[k]!.imported !== undefined ? `rec${k}` : `n${k}`);
  const inMonth: Term[][] = months.map(() => []);
  const dayOnly = original.total! - (original.imported ?? 0) - original.heatmap.flat().reduce<number>((s, n) => s + n!, 0);
  if (unit === 'day') {
    if (dayOnly > 0) throw new Error('figure-systems: contacts known by day only would need their weekdays; not modelled here');
    const byWeekday: Term[][] = Array.from({ length: 7 }, () => []);
    points.forEach((p, i) => {
      inMonth[months.indexOf(p.from.slice(0, 7))]!.push([`sp${i}`, 1]);
      byWeekday[(new Date(`${p.from}T12:00:00Z`).getUTCDay() + 6) % 7]!.push([`sp${i}`, 1]);
    });
    byWeekday.forEach((terms, d) => terms.length > 0 && equations.push({ terms: [...terms, [`hr${d}`, -1]], constant: 0 }));
  } else {
    points.forEach((p, i) => {
      const parts = new Map<number, number>();
      for (let d = p.from; d <= p.to; d = new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
        const k = months.indexOf(d.slice(0, 7));
        parts.set(k, (parts.get(k) ?? 0) + (daily.get(d) ?? 0));
      }
      for (const [k, n] of parts) {
        shown.set(`wf${i},${k}`, truth ? n : null);
        inMonth[k]!.push([`wf${i},${k}`, 1]);
      }
      equations.push({ terms: [...[...parts.keys()].map((k): Term => [`wf${i},${k}`, 1]), [`sp${i}`, -1]], constant: 0 });
    });
  }
  inMonth.forEach((terms, k) => equations.push({ terms: [...terms, [monthName(k), -1]], constant: 0 }));
  return { shown, equations };
}

const UNPUBLISHED = /^(noGoal|slk|wf)/;

/**
 * The hidden figures of a published report a reader can pin, the SDG section and the series included.
 * `daily`: recorded contacts per day (a weekly series splits at month ends by them).
 */
export function pinnedWithFigures(r: Report, original: Report, daily: Map<string, number>): string[] {
  const base = reportSystem(r, original);
  const system = combined(base.system, sdgSystem(r, original, false), seriesSystem(r, original, daily, false));
  const truth = new Map([...base.truth, ...truthOf(combined(sdgSystem(original, original, true), seriesSystem(original, original, daily, true)))]);
  const threshold = r.publication.threshold;
  const small = (n: string) => truth.get(n)! > 0 && truth.get(n)! < threshold;
  const unpublished = (n: string) => base.unpublished(n) || UNPUBLISHED.test(n);
  const matters = (n: string) => (n.startsWith('slk') ? false : UNPUBLISHED.test(n) ? small(n) : base.matters(n));
  return [...boundsOf(system, truth, unpublished)].filter(([name, [lo, hi]]) => matters(name) && hi - lo < 1 - 1e-6).map(([name]) => name);
}
