import type { Report } from '../../core/reports/report-types';

/**
 * Every count of a report that belongs to one set of contacts, keyed by what it counts (`topic:12`,
 * `language:uk`, `heat:1:9`, `cross:3:7`, …). A row a report does not list counts 0. `null`: hidden
 * by small-cell suppression.
 */
export function reportCells(r: Report): Map<string, number | null> {
  const cells = new Map<string, number | null>();
  cells.set('total', r.total);
  cells.set('contactsWithReferral', r.contactsWithReferral);
  const rows = (name: string, b: { rows: { key: number | string; n: number | null }[] }) => {
    for (const row of b.rows) cells.set(`${name}:${row.key}`, row.n);
  };
  rows('topic', r.byTopic.contacts);
  rows('mention', r.byTopic.mentions);
  rows('referral', r.byReferral);
  rows('language', r.byLanguage);
  rows('channel', r.byChannel);
  rows('asker', r.byAsker);
  for (const m of r.monthly) cells.set(`month:${m.month}`, m.n);
  r.heatmap.forEach((hours, d) => hours.forEach((n, h) => cells.set(`heat:${d + 1}:${h}`, n)));
  r.topicReferrals.rows.forEach((t, i) => r.topicReferrals.columns.forEach((o, j) => cells.set(`cross:${t.key}:${o.key}`, r.topicReferrals.cells[i]![j]!)));
  return cells;
}

/** A cell's count in a report: 0 when the report does not list it. */
export const cellIn = (cells: Map<string, number | null>, cell: string): number | null => (cells.has(cell) ? cells.get(cell)! : 0);
