import { ASKERS, CHANNELS } from '../../core/base/enums';
import type { Catalog } from '../../core/catalog/catalog-types';
import { NONE_VALUE, type FilterDimension, type ResolvedFilterClause } from '../../core/analysis/filter-inputs';
import type { ReportLanguage } from '../ui/format';

/**
 * What the filter picker offers per dimension, and how a filtered value is named on a chip: pure, from the
 * catalog and the UI texts. Merged entries are left out (their history counts under the entry they went
 * into); retired ones stay, marked, since a long period still has their contacts.
 */

export interface FilterChoice {
  value: number | string;
  label: string;
  retired: boolean;
}

/** The UI texts the choices need (t() of the manage namespace). */
export type Texts = (key: string) => string;

const SDG_GOALS = Array.from({ length: 17 }, (_, i) => i + 1);

const ordered = <T extends { position: number; retired: boolean; mergedInto: number | null }>(entries: T[]) =>
  entries.filter((e) => e.mergedInto === null).sort((a, b) => Number(a.retired) - Number(b.retired) || a.position - b.position);

export function filterChoices(catalog: Catalog, dimension: FilterDimension, lang: ReportLanguage, t: Texts): FilterChoice[] {
  const de = lang === 'de';
  switch (dimension) {
    case 'topic':
    case 'firstTopic':
      return ordered(catalog.topics).map((e) => ({ value: e.id, label: de ? e.labelDe : e.labelEn, retired: e.retired }));
    case 'referral':
      return [
        { value: NONE_VALUE, label: t('reportFilters.noReferral'), retired: false },
        ...ordered(catalog.organisations).map((e) => ({ value: e.id, label: e.name, retired: e.retired })),
      ];
    case 'language':
      return ordered(catalog.languages).map((e) => ({ value: e.code, label: de ? e.labelDe : e.labelEn, retired: e.retired }));
    case 'channel':
      return CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`), retired: false }));
    case 'asker':
      return ASKERS.map((a) => ({ value: a, label: t(`asker.${a}`), retired: false }));
    case 'desk':
      return ordered(catalog.desks).map((e) => ({ value: e.id, label: e.name, retired: e.retired }));
    case 'themeDay':
      return [
        { value: NONE_VALUE, label: t('reportFilters.noThemeDay'), retired: false },
        ...catalog.themeDays
          .slice()
          .sort((a, b) => Number(a.retired) - Number(b.retired) || a.title.localeCompare(b.title, lang))
          .map((d) => ({ value: d.id, label: d.title, retired: d.retired })),
      ];
    case 'sdg':
      return SDG_GOALS.map((g) => ({ value: g, label: `${g} ${t(`catalog.sdg.g${g}`)}`, retired: false }));
  }
}

/**
 * A chip's name for a value: the report's own label once the report for this filter is loaded (what print
 * and exports say too), else the catalog's, else the raw value (an id the catalog no longer has).
 */
export function filterValueLabel(
  catalog: Catalog,
  resolved: readonly ResolvedFilterClause[] | undefined,
  dimension: FilterDimension,
  value: number | string,
  lang: ReportLanguage,
  t: Texts,
): string {
  const clause = resolved?.find((c) => c.dimension === dimension);
  const index = clause ? clause.values.indexOf(value) : -1;
  const fromReport = index >= 0 ? clause?.labels[index]?.[lang] : undefined;
  if (fromReport) return fromReport;
  return filterChoices(catalog, dimension, lang, t).find((c) => c.value === value)?.label ?? (typeof value === 'number' ? `#${value}` : value);
}
