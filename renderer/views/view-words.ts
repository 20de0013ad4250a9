import type { TFunction } from 'i18next';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import { filterWords } from '../../core/analysis/filter-words';
import { resolveFilters } from '../../core/analysis/check-filters';
import type { Catalog } from '../../core/catalog/catalog-types';
import { resolvePeriodRule } from '../../core/views/period-rules';
import { REPORT_SECTIONS, type PeriodRule, type SavedView } from '../../core/views/view-types';
import type { Route } from '../app/route';
import type { Formatter, ReportLanguage } from '../ui/format';

/** A period rule in words: "Letzter Monat", or "Fest: 01.01.2025 – 31.03.2025". */
export const periodRuleWords = (rule: PeriodRule, t: TFunction, f: Formatter): string =>
  rule.kind === 'fixed' ? t('savedViews.fixed', { range: f.range(rule.from, rule.to) }) : t(`savedViews.rules.${rule.kind}`);

/**
 * A saved filter in words, as every export prints it. A value the catalog no longer knows (an entry
 * deleted since) would make the core refuse the view; here it shows as its bare id rather than hide the view.
 */
export function savedFilterWords(catalog: Catalog, filters: ReportFilters, lang: ReportLanguage): string {
  try {
    return filterWords(resolveFilters(catalog, filters), lang);
  } catch {
    return filterWords(
      filters.map((c) => ({ ...c, labels: [] })),
      lang,
    );
  }
}

/** "alle" or "3 Abschnitte". */
export const sectionsWords = (view: SavedView, t: TFunction): string =>
  view.sections.length >= REPORT_SECTIONS.length ? t('savedViews.allSections') : t('savedViews.sectionsCount', { count: view.sections.length });

/**
 * Where opening a view goes: the report for the rule's period as of today (site time zone), with the
 * view's filter, publication mode (with its method), topic groups and sections in the address. Throws (field `period`) when the rule
 * has no days yet, e.g. "last month" in the site's first month.
 */
export function viewRoute(
  view: Pick<SavedView, 'period' | 'filters' | 'sections' | 'publication' | 'publicationMethod' | 'topicGroups'>,
  today: string,
  openingDate: string,
): Route {
  const { from, to } = resolvePeriodRule(view.period, today, openingDate);
  return {
    screen: 'reports',
    tab: 'report',
    period: {
      from,
      to,
      publication: view.publication,
      ...(view.publication && view.publicationMethod === 'suppression' && { publicationMethod: view.publicationMethod }),
      ...(view.topicGroups && { topicGroups: true }),
      ...(view.filters.length > 0 && { filters: view.filters }),
    },
    sections: view.sections,
  };
}
