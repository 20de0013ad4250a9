import { invalidField } from '../base/errors';
import type { Catalog } from '../catalog/catalog-types';
import { ASKER_LABELS, CHANNEL_LABELS } from '../reports/report-labels';
import type { Label } from '../reports/report-types';
import { sdgLabel } from '../reports/sdg-breakdown';
import { NONE_VALUE, type FilterClause, type FilterDimension, type ReportFilters, type ResolvedFilterClause } from './filter-inputs';

const NONE_LABELS: Partial<Record<FilterDimension, Label>> = {
  referral: { de: 'keine Weitervermittlung', en: 'no referral' },
  themeDay: { de: 'kein Thementag', en: 'no theme day' },
};

interface Entry {
  key: number | string;
  label: Label;
  /** Set when the entry was merged into another: a filter on it means the survivor (its contacts moved there). */
  mergedInto?: number | null;
}

function entriesOf(catalog: Catalog, dimension: FilterDimension): Entry[] {
  switch (dimension) {
    case 'topic':
    case 'firstTopic':
      return catalog.topics.map((t) => ({ key: t.id, label: { de: t.labelDe, en: t.labelEn }, mergedInto: t.mergedInto }));
    case 'referral':
      return catalog.organisations.map((o) => ({ key: o.id, label: { de: o.name, en: o.name }, mergedInto: o.mergedInto }));
    case 'language':
      return catalog.languages.map((l) => ({ key: l.code, label: { de: l.labelDe, en: l.labelEn } }));
    case 'desk':
      return catalog.desks.map((d) => ({ key: d.id, label: { de: d.name, en: d.name }, mergedInto: d.mergedInto }));
    case 'themeDay':
      return catalog.themeDays.map((t) => ({ key: t.id, label: { de: t.title, en: t.title } }));
    case 'channel':
      return Object.entries(CHANNEL_LABELS).map(([key, label]) => ({ key, label }));
    case 'asker':
      return Object.entries(ASKER_LABELS).map(([key, label]) => ({ key, label }));
    case 'sdg':
      return Array.from({ length: 17 }, (_, i) => ({ key: i + 1, label: sdgLabel(i + 1) }));
  }
}

const DIMENSION_NOUNS: Record<FilterDimension, string> = {
  topic: 'topic',
  firstTopic: 'topic',
  referral: 'organisation',
  language: 'language',
  channel: 'channel',
  asker: 'asker',
  desk: 'desk',
  themeDay: 'theme day',
  sdg: 'goal',
};

function resolveClause(catalog: Catalog, clause: FilterClause, index: number): ResolvedFilterClause {
  const entries = entriesOf(catalog, clause.dimension);
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const values: (number | string)[] = [];
  const labels: Label[] = [];
  clause.values.forEach((value, j) => {
    let entry = value === NONE_VALUE ? undefined : byKey.get(value);
    // Follow merges (a saved view may name a topic merged since): the survivor holds its contacts now.
    for (let hops = 0; entry?.mergedInto != null && hops < entries.length; hops++) entry = byKey.get(entry.mergedInto);
    const label = value === NONE_VALUE ? NONE_LABELS[clause.dimension] : entry?.label;
    if (!label) throw invalidField(`filters.${index}.values.${j}`, `unknown ${DIMENSION_NOUNS[clause.dimension]} ${JSON.stringify(value)}`);
    const key = value === NONE_VALUE ? value : entry!.key;
    if (values.includes(key)) return; // two merged entries that became one
    values.push(key);
    labels.push(label);
  });
  return { ...clause, values, labels };
}

/**
 * Checks a filter against the catalog and gives every value its label: an unknown id or code is refused
 * naming the field (`filters.1.values.0`); a merged entry stands for the entry it was merged into.
 */
export function resolveFilters(catalog: Catalog, filters: ReportFilters | undefined): ResolvedFilterClause[] {
  return (filters ?? []).map((clause, i) => resolveClause(catalog, clause, i));
}
