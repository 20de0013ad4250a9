import { SMALL_BASE } from '../reports/comparison-periods';
import type { Comparison, ComparisonBasis, NotComparableReason, Report } from '../reports/report-types';
import { dayDe } from './german-format';
import type { Cell, ReportTable } from './report-tables';

/** What each comparison compares, in the words of the reports screen (README, "Comparisons"). */
const BASIS_DE: Record<ComparisonBasis, string> = {
  wholeMonths: 'ganze Monate',
  monthDays: 'dieselben Tage des Monats',
  days: 'gleich viele Tage',
};

const reasonDe = (reason: NotComparableReason, openingDate: string): string =>
  'kein Vergleich möglich: ' +
  {
    beforeOpening: `der Vergleichszeitraum liegt vor der Eröffnung am ${dayDe(openingDate)}`,
    startsBeforeOpening: `der Vergleichszeitraum beginnt vor der Eröffnung am ${dayDe(openingDate)}; gezählt nur ab der Eröffnung (Teilzeitraum)`,
    notStarted: 'der Zeitraum hat noch nicht begonnen',
    importedMonthSplit: 'importierte Monatswerte lassen sich nicht auf einzelne Tage aufteilen',
  }[reason];

const text = (value: string): Cell => ({ kind: 'text', value });
const count = (value: number | null): Cell => ({ kind: 'count', value });
const empty: Cell = { kind: 'empty' };

/**
 * One row per comparison. An empty cell means there is nothing to give (no comparison, no
 * percentage of a small base, no count before the opening); "·" only a figure hidden in publication mode.
 */
function comparisonRow(r: Report, label: string, c: Comparison): Cell[] {
  const hidden = r.publication.enabled && c.total === null && c.reason !== 'beforeOpening' && c.reason !== 'notStarted';
  // A change hidden in publication mode (with a hidden total on either side), unlike one that does not exist.
  const changeHidden = r.publication.enabled && c.comparable && c.delta === null;
  const current = `${dayDe(c.current.from)} – ${dayDe(c.current.to)}`;
  const basis = BASIS_DE[c.basis] + (c.running ? `, bis einschließlich heute (${current})` : '');
  const note = c.reason
    ? reasonDe(c.reason, r.site.openingDate)
    : c.smallBase
      ? `weniger als ${SMALL_BASE} Kontakte im Vergleichszeitraum: keine Prozentangabe`
      : '';
  return [
    text(label),
    { kind: 'day', value: c.period.from },
    { kind: 'day', value: c.period.to },
    c.total === null && !hidden ? empty : count(c.total),
    count(r.total),
    c.comparable ? count(c.delta) : empty,
    changeHidden && !c.smallBase ? count(null) : c.deltaPct === null ? empty : { kind: 'percent', value: c.deltaPct },
    text(basis),
    text(note),
  ];
}

export function comparisonTable(r: Report): ReportTable {
  return {
    title: 'Vergleiche',
    header: ['Vergleich mit', 'Von', 'Bis', 'Kontakte damals', 'Kontakte jetzt', 'Differenz', 'Veränderung %', 'Verglichen wird', 'Hinweis'],
    rows: [comparisonRow(r, 'Vorperiode', r.comparisons.previousPeriod), comparisonRow(r, 'Vorjahreszeitraum', r.comparisons.yearBefore)],
  };
}
