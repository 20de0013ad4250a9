import type { Catalog, TopicGroup } from '../catalog/catalog-types';
import { addCells, EMPTY_CELL, type Cell } from '../publication/cell-key';
import { splitCrossKey } from '../rollups/rollup-keys';
import { sumOfCells, type Publish } from './publish-cells';
import type { Breakdown, BreakdownRow, CrossTable, Label } from './report-types';

/** A row of a breakdown before it is published: its cell, and for topics the imported part of it. */
export interface BreakdownEntry {
  key: number | string;
  label: Label;
  retired?: boolean;
  cell: Cell;
  /** Topics: the imported monthly counts in `cell`. */
  imported?: Cell;
  group?: { id: number; topicIds: number[] };
}

/**
 * A breakdown over catalog entries: every active entry, plus retired ones whose published count is
 * above 0; largest published count first (ties in catalog order). The total is a cell of its own: all
 * the entries' contacts (or mentions) together, published from their summed count and key, so with
 * the cell-key method it need not equal the sum of the published rows. `showImported`: rows carry
 * their imported part (never in publication mode: it is a count of its own).
 */
export function publishBreakdown(entries: readonly BreakdownEntry[], publish: Publish, showImported = true): Breakdown {
  const rows = entries
    .map(
      (e): BreakdownRow => ({
        key: e.key,
        label: e.label,
        n: publish(e.cell),
        ...(e.retired && { retired: true }),
        ...(showImported && e.imported && e.imported.n > 0 && { imported: e.imported.n }),
        ...(e.group && { group: e.group }),
      }),
    )
    .filter((r) => !r.retired || r.n! > 0)
    .sort((a, b) => b.n! - a.n!);
  return { rows, total: publish(sumOfCells(entries.map((e) => e.cell))) };
}

/** Entries of catalog items by id: each item's cell from `cells` (none: an empty cell). */
export function catalogEntries<T>(
  items: readonly T[],
  describe: (item: T) => { key: number | string; countKey: number; label: Label; retired?: boolean },
  cells: Map<number, Cell>,
): BreakdownEntry[] {
  return items.map((item) => {
    const { countKey, ...rest } = describe(item);
    return { ...rest, cell: cells.get(countKey) ?? EMPTY_CELL };
  });
}

/**
 * The active topic groups a report shows, in list order, each with its topics; a topic is in at most
 * one active group (the catalog keeps it so; should two claim it, the first in the list has it, so the
 * groups' contacts never overlap and their cells add up).
 */
export function activeTopicGroups(catalog: Pick<Catalog, 'topicGroups'>): TopicGroup[] {
  const claimed = new Set<number>();
  const groups: TopicGroup[] = [];
  for (const g of [...(catalog.topicGroups ?? [])].filter((g) => !g.retired && g.mergedInto === null).sort((a, b) => a.position - b.position)) {
    const topicIds = g.topicIds.filter((id) => !claimed.has(id));
    topicIds.forEach((id) => claimed.add(id));
    groups.push({ ...g, topicIds });
  }
  return groups;
}

const topicLabel = (t: { labelDe: string; labelEn: string }): Label => ({ de: t.labelDe, en: t.labelEn });
export const groupRowKey = (groupId: number) => `group:${groupId}`;

/**
 * The topic table: each topic's cell with its imported monthly counts added (an imported count names
 * one topic per contact: one first topic and one mention each). With `groups`, each group is one row
 * (its topics' cells added: for first topics the contacts are disjoint; for mentions a contact with two
 * topics of the group counts twice, as it does in the topic table) and only topics in no group stay
 * single rows. The total is the same cell either way.
 */
export function topicBreakdown(
  catalog: Pick<Catalog, 'topics'>,
  cells: Map<number, Cell>,
  importedByTopic: Map<number, Cell>,
  publish: Publish,
  options: { groups: readonly TopicGroup[] | null; showImported: boolean },
): Breakdown {
  const topicEntries = catalog.topics.map((t): BreakdownEntry & { id: number } => ({
    id: t.id,
    key: t.id,
    label: topicLabel(t),
    ...(t.retired && { retired: true }),
    cell: addCells(cells.get(t.id) ?? EMPTY_CELL, importedByTopic.get(t.id) ?? EMPTY_CELL),
    imported: importedByTopic.get(t.id) ?? EMPTY_CELL,
  }));
  if (!options.groups) return publishBreakdown(topicEntries, publish, options.showImported);
  const byId = new Map(topicEntries.map((e) => [e.id, e]));
  const grouped = new Set(options.groups.flatMap((g) => g.topicIds));
  const groupEntries = options.groups.map(
    (g): BreakdownEntry => ({
      key: groupRowKey(g.id),
      label: topicLabel(g),
      cell: sumOfCells(g.topicIds.map((id) => byId.get(id)?.cell)),
      imported: sumOfCells(g.topicIds.map((id) => byId.get(id)?.imported)),
      group: { id: g.id, topicIds: g.topicIds },
    }),
  );
  return publishBreakdown([...groupEntries, ...topicEntries.filter((e) => !grouped.has(e.id))], publish, options.showImported);
}

/**
 * Topics (or topic groups) × referral organisations. A cell counts the contacts with that topic and a
 * referral to that organisation; a group's cell adds its topics' cells (topic–referral pairs). Row and
 * column totals and the grand total are cells of their own over every cell of their row, column or
 * table. A row or column is shown when one of its published cells is above 0.
 */
export function publishCrossTable(catalog: Catalog, cross: Map<number, Cell>, publish: Publish, groups: readonly TopicGroup[] | null): CrossTable {
  const groupOf = new Map<number, number>();
  for (const g of groups ?? []) for (const id of g.topicIds) groupOf.set(id, g.id);
  const rowKeyOf = (topicId: number): number | string => (groupOf.has(topicId) ? groupRowKey(groupOf.get(topicId)!) : topicId);

  // Cells by row key and organisation, and the totals' cells.
  const cells = new Map<number | string, Map<number, Cell>>();
  const rowCells = new Map<number | string, Cell>();
  const columnCells = new Map<number, Cell>();
  let all = EMPTY_CELL;
  for (const [key, cell] of cross) {
    const { topicId, organisationId } = splitCrossKey(key);
    const rowKey = rowKeyOf(topicId);
    let row = cells.get(rowKey);
    if (!row) cells.set(rowKey, (row = new Map()));
    row.set(organisationId, addCells(row.get(organisationId) ?? EMPTY_CELL, cell));
    rowCells.set(rowKey, addCells(rowCells.get(rowKey) ?? EMPTY_CELL, cell));
    columnCells.set(organisationId, addCells(columnCells.get(organisationId) ?? EMPTY_CELL, cell));
    all = addCells(all, cell);
  }
  const published = new Map([...cells].map(([rowKey, row]) => [rowKey, new Map([...row].map(([org, cell]) => [org, publish(cell)]))]));
  const shownRows = new Set<number | string>();
  const shownColumns = new Set<number>();
  for (const [rowKey, row] of published) {
    for (const [org, n] of row) {
      if (n <= 0) continue;
      shownRows.add(rowKey);
      shownColumns.add(org);
    }
  }
  const candidates: { key: number | string; label: Label; group?: { id: number; topicIds: number[] } }[] = [
    ...(groups ?? []).map((g) => ({ key: groupRowKey(g.id), label: topicLabel(g), group: { id: g.id, topicIds: g.topicIds } })),
    ...catalog.topics.filter((t) => !groupOf.has(t.id)).map((t) => ({ key: t.id, label: topicLabel(t) })),
  ];
  const rows = candidates.filter((r) => shownRows.has(r.key));
  const columns = catalog.organisations.filter((o) => shownColumns.has(o.id)).map((o) => ({ key: o.id, label: { de: o.name, en: o.name } }));
  return {
    rows,
    columns,
    cells: rows.map((r) => columns.map((c) => published.get(r.key)?.get(c.key) ?? 0)),
    rowTotals: rows.map((r) => publish(rowCells.get(r.key) ?? EMPTY_CELL)),
    columnTotals: columns.map((c) => publish(columnCells.get(c.key) ?? EMPTY_CELL)),
    total: publish(all),
  };
}
