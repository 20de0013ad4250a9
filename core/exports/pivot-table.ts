import { dimensionName, filterLine } from '../analysis/filter-words';
import type { PivotDimension } from '../analysis/pivot-inputs';
import type { Pivot, PivotHeader } from '../analysis/pivot-types';
import { dayDe } from './german-format';
import { publicationNote } from '../publication/publication-notes';

/**
 * A pivot as both file formats print it (pivot-csv.ts, pivot-xlsx.ts): the title block, the table with
 * its totals, and the notes that explain them. German, like every export.
 */
export interface PivotSheet {
  /** Site, period, the filter in words, in publication mode the note sentence, which dimension is in the rows and which in the columns. */
  titleLines: string[];
  /** The corner ("Thema \ Sprache"), one label per column, "Summe". */
  header: string[];
  /** One per pivot row, then the totals row ("Summe"): label, cells, the row's total. */
  rows: { label: string; counts: number[] }[];
  /** Below the table: why cells can add up to more than the totals, what was left out. */
  notes: string[];
}

export const PIVOT_SUM = 'Summe';

/** What a contact can have several of, in the plural: "mehreren Themen". */
const SEVERAL: Partial<Record<PivotDimension, string>> = { topic: 'mehreren Themen', referral: 'mehreren Weitervermittlungen' };

const headerLabel = (h: PivotHeader) => (h.retired ? `${h.label.de} (archiviert)` : h.label.de);

/** "Ein Kontakt mit mehreren Themen steht in mehreren Zeilen, …": only when a dimension holds several values per contact. */
function multiValuedNote(p: Pivot): string | null {
  const parts: string[] = [];
  if (p.multiValued.includes(p.rowDimension)) parts.push(`mit ${SEVERAL[p.rowDimension] ?? 'mehreren Werten'} steht in mehreren Zeilen`);
  if (p.multiValued.includes(p.columnDimension)) parts.push(`mit ${SEVERAL[p.columnDimension] ?? 'mehreren Werten'} steht in mehreren Spalten`);
  if (parts.length === 0) return null;
  return (
    `Hinweis: Ein Kontakt ${parts.join(', einer ')}. ` +
    'Die Summen zählen jeden Kontakt nur einmal, daher können die Zellen zusammen mehr ergeben als die Summen.'
  );
}

export function pivotSheet(p: Pivot, siteName: string): PivotSheet {
  const rowName = dimensionName(p.rowDimension, 'de');
  const columnName = dimensionName(p.columnDimension, 'de');
  const notes = [multiValuedNote(p)].filter((n) => n !== null);
  if (p.importedNotIncluded > 0) {
    notes.push(`Nicht enthalten: ${p.importedNotIncluded} Kontakte aus importierten Monatswerten (von ihnen sind nur Thema und Monat bekannt).`);
  }
  return {
    titleLines: [
      `${siteName} – Pivot-Tabelle der Kontakte`,
      `Zeitraum: ${dayDe(p.period.from)} – ${dayDe(p.period.to)}`,
      filterLine(p.filters, 'de'),
      // A published pivot says so under its filter, in the words every published report uses (cell-key method).
      ...(p.publication ? [publicationNote('cellKey', 'de')] : []),
      `Zeilen: ${rowName}, Spalten: ${columnName}`,
    ],
    header: [`${rowName} \\ ${columnName}`, ...p.columns.map(headerLabel), PIVOT_SUM],
    rows: [
      ...p.rows.map((row, i) => ({ label: headerLabel(row), counts: [...p.columns.map((_, j) => p.cells[i]?.[j] ?? 0), p.rowTotals[i] ?? 0] })),
      { label: PIVOT_SUM, counts: [...p.columnTotals, p.total] },
    ],
    notes,
  };
}

/** German names for file names: `kontaktdesk-pivot-thema-sprache-2026.csv`. */
const FILE_SLUGS: Record<PivotDimension, string> = {
  topic: 'thema',
  firstTopic: 'erstes-thema',
  referral: 'weitervermittlung',
  language: 'sprache',
  channel: 'kanal',
  asker: 'wer-fragt',
  desk: 'schalter',
  themeDay: 'thementag',
  month: 'monat',
  week: 'woche',
  weekday: 'wochentag',
  hour: 'stunde',
};

export const pivotFileSlug = (rows: PivotDimension, columns: PivotDimension) => `${FILE_SLUGS[rows]}-${FILE_SLUGS[columns]}`;
