import type { FilterDimension, ResolvedFilterClause } from './filter-inputs';
import type { PivotDimension } from './pivot-inputs';

/**
 * A report's filter in words, for every page and export that prints it (report CSV/XLSX, pivot
 * exports, print view, filter bar): "Sprache = Ukrainisch; Thema nicht Wohnen, Arbeit;
 * Weitervermittlung = keine". Pure, with type-only imports (no zod, nothing of the server), so the
 * renderer uses it too.
 */

/** `NONE_VALUE` of filter-inputs.ts, repeated so this file needs nothing of it at run time. */
const NONE = 'none';

export type WordsLanguage = 'de' | 'en';

const DIMENSION_NAMES: Record<FilterDimension | PivotDimension, { de: string; en: string }> = {
  topic: { de: 'Thema', en: 'Topic' },
  firstTopic: { de: 'Erstes Thema', en: 'First topic' },
  referral: { de: 'Weitervermittlung', en: 'Referral' },
  language: { de: 'Sprache', en: 'Language' },
  channel: { de: 'Kanal', en: 'Channel' },
  asker: { de: 'Wer fragt', en: 'Who asked' },
  desk: { de: 'Schalter', en: 'Desk' },
  themeDay: { de: 'Thementag', en: 'Theme day' },
  sdg: { de: 'SDG-Ziel', en: 'SDG goal' },
  month: { de: 'Monat', en: 'Month' },
  week: { de: 'Kalenderwoche', en: 'Week' },
  weekday: { de: 'Wochentag', en: 'Weekday' },
  hour: { de: 'Stunde', en: 'Hour' },
};

const WORDS = {
  de: { none: 'keine', not: 'nicht', noFilter: 'keiner (alle Kontakte)', filter: 'Filter' },
  en: { none: 'none', not: 'not', noFilter: 'none (all contacts)', filter: 'Filter' },
} as const;

/** The name of a filter or pivot dimension: "Sprache" / "Language". */
export const dimensionName = (dimension: FilterDimension | PivotDimension, language: WordsLanguage): string => DIMENSION_NAMES[dimension][language];

/** One value of a clause: its label, "keine" for `none`, the value itself should a label be missing. */
function valueWords(clause: ResolvedFilterClause, index: number, language: WordsLanguage): string {
  const value = clause.values[index]!;
  if (value === NONE) return WORDS[language].none;
  return clause.labels[index]?.[language] ?? String(value);
}

/** "Excluding none" said the way people say it: "mit Weitervermittlung", "an einem Thementag". */
const HAS_SOME: Partial<Record<FilterDimension, { de: string; en: string }>> = {
  referral: { de: 'mit Weitervermittlung', en: 'with a referral' },
  themeDay: { de: 'an einem Thementag', en: 'on a theme day' },
};

/** One clause: "Sprache = Ukrainisch, Arabisch", excluded "Thema nicht Wohnen", or "mit Weitervermittlung, nicht AMS". */
export function clauseWords(clause: ResolvedFilterClause, language: WordsLanguage): string {
  const name = dimensionName(clause.dimension, language);
  const hasSome = HAS_SOME[clause.dimension]?.[language];
  if (clause.exclude && hasSome && clause.values.includes(NONE)) {
    const others = clause.values.map((_, i) => i).filter((i) => clause.values[i] !== NONE);
    const rest = others.map((i) => valueWords(clause, i, language)).join(', ');
    return rest ? `${hasSome}, ${WORDS[language].not} ${rest}` : hasSome;
  }
  const values = clause.values.map((_, i) => valueWords(clause, i, language)).join(', ');
  return clause.exclude ? `${name} ${WORDS[language].not} ${values}` : `${name} = ${values}`;
}

/** All clauses, separated by "; " (they must all hold); "keiner (alle Kontakte)" without any. */
export function filterWords(filters: readonly ResolvedFilterClause[], language: WordsLanguage): string {
  if (filters.length === 0) return WORDS[language].noFilter;
  return filters.map((clause) => clauseWords(clause, language)).join('; ');
}

/** The line printed under the period: "Filter: Sprache = Ukrainisch; Thema = Wohnen, Arbeit". */
export const filterLine = (filters: readonly ResolvedFilterClause[], language: WordsLanguage): string =>
  `${WORDS[language].filter}: ${filterWords(filters, language)}`;
