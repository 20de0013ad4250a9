import type { Topic } from '../catalog/catalog-types';
import type { Label, SdgBreakdown, SdgRow } from './report-types';
import type { GoalCounts } from './count-source';
import { EMPTY_CELL, type Cell } from '../publication/cell-key';
import { CellSum, sumOfCells, trueCount, type Publish } from './publish-cells';

/**
 * The 17 UN Sustainable Development Goals by their official short names (German as the Austrian
 * federal government and the UN's German pages give them). Reports label a goal "1 Keine Armut".
 */
const GOAL_NAMES: readonly [string, string][] = [
  ['Keine Armut', 'No poverty'],
  ['Kein Hunger', 'Zero hunger'],
  ['Gesundheit und Wohlergehen', 'Good health and well-being'],
  ['Hochwertige Bildung', 'Quality education'],
  ['Geschlechtergleichheit', 'Gender equality'],
  ['Sauberes Wasser und Sanitäreinrichtungen', 'Clean water and sanitation'],
  ['Bezahlbare und saubere Energie', 'Affordable and clean energy'],
  ['Menschenwürdige Arbeit und Wirtschaftswachstum', 'Decent work and economic growth'],
  ['Industrie, Innovation und Infrastruktur', 'Industry, innovation and infrastructure'],
  ['Weniger Ungleichheiten', 'Reduced inequalities'],
  ['Nachhaltige Städte und Gemeinden', 'Sustainable cities and communities'],
  ['Nachhaltige/r Konsum und Produktion', 'Responsible consumption and production'],
  ['Maßnahmen zum Klimaschutz', 'Climate action'],
  ['Leben unter Wasser', 'Life below water'],
  ['Leben an Land', 'Life on land'],
  ['Frieden, Gerechtigkeit und starke Institutionen', 'Peace, justice and strong institutions'],
  ['Partnerschaften zur Erreichung der Ziele', 'Partnerships for the goals'],
];

/** "8 Menschenwürdige Arbeit und Wirtschaftswachstum" / "8 Decent work and economic growth". */
export function sdgLabel(goal: number): Label {
  const [de, en] = GOAL_NAMES[goal - 1]!;
  return { de: `${goal} ${de}`, en: `${goal} ${en}` };
}

/**
 * Contacts per SDG goal: the counted contacts' goals (`GoalCounts`: once per goal any of a contact's
 * topics carries, with the goals the catalog gives the topics now; `goalKeys` their key sums) plus the
 * imported monthly counts (one topic each). A contact counts once for every goal any of its topics
 * carries — twice under goal 1 never, however many of its topics carry goal 1 — and not at all when
 * none of its topics carries a goal.
 *
 * Rows: every goal a topic of the catalog carries (retired topics only while their goal's published
 * count is above 0), in goal order. `total` is the cell of all contact–goal pairs; `contacts` the cell
 * of the contacts with at least one goal; each published by `publish` (core/reports/publish-cells.ts).
 */
export function sdgBreakdown(
  topics: readonly Topic[],
  goals: GoalCounts,
  goalKeys: GoalCounts | undefined,
  importedByTopic: Map<number, Cell>,
  publish: Publish = trueCount,
): SdgBreakdown {
  const goalsOf = new Map(topics.map((t) => [t.id, t.sdgs]));
  const perGoal = new Map<number, CellSum>();
  const goalSum = (g: number) => perGoal.get(g) ?? perGoal.set(g, new CellSum()).get(g)!;
  for (const [g, n] of goals.perGoal) goalSum(g).addCount(n, goalKeys?.perGoal.get(g));
  const contacts = new CellSum().addCount(goals.contacts, goalKeys?.contacts);
  for (const [topicId, cell] of importedByTopic) {
    const carried = new Set(goalsOf.get(topicId) ?? []);
    if (carried.size === 0) continue;
    contacts.add(cell);
    for (const g of carried) goalSum(g).add(cell);
  }

  const carriedBy = new Map<number, number[]>();
  for (const t of topics) {
    if (t.mergedInto !== null) continue; // its contacts now carry the topic it was merged into
    for (const g of t.sdgs) carriedBy.set(g, [...(carriedBy.get(g) ?? []), t.id]);
  }
  const rows: SdgRow[] = [];
  for (let goal = 1; goal <= 17; goal++) {
    const topicIds = carriedBy.get(goal) ?? [];
    const n = publish(perGoal.get(goal)?.cell ?? EMPTY_CELL);
    const active = topicIds.some((id) => !topics.find((t) => t.id === id)!.retired);
    if (n > 0 || active) rows.push({ key: goal, label: sdgLabel(goal), n, topicIds });
  }
  return { rows, total: publish(sumOfCells([...perGoal.values()].map((s) => s.cell))), contacts: publish(contacts.cell) };
}
