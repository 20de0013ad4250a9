import type { Breakdown, CrossTable, Report } from '../reports/report-types';
import { comparisonTable } from './comparison-table';
import { filterWords } from '../analysis/filter-words';
import { publicationNote } from '../publication/publication-notes';
import { localParts, localTimeLabel } from '../time/local-parts';
import { dayDe, WEEKDAYS_DE, weekdayDe } from './german-format';
import { CROSS_CORNER, CROSS_SUM, REFERRALS_HEADER, sdgTable, seriesTables, withReferralLabels } from './figure-tables';

/**
 * A report as the tables both file formats print: one model, so the CSV sections and the XLSX sheets
 * cannot drift apart. Cells carry their kind; each writer formats them (CSV as German text, XLSX as
 * numbers and dates). `null` in a number cell means suppressed in publication mode.
 */
export type Cell =
  | { kind: 'text'; value: string }
  | { kind: 'count'; value: number | null }
  /** A measured figure shown with `digits` decimals. */
  | { kind: 'decimal'; value: number | null; digits: number }
  /** A percentage in percent (−3.2 means −3.2 %). */
  | { kind: 'percent'; value: number | null }
  | { kind: 'day'; value: string } // YYYY-MM-DD
  | { kind: 'month'; value: string } // YYYY-MM
  | { kind: 'empty' };

export interface ReportTable {
  /** Section title in the CSV, sheet name in the XLSX (at most 31 characters, none of `[]:*?/\`). */
  title: string;
  header: string[];
  rows: Cell[][];
  /** A two-column list of figures (key, value) rather than a table of like values. */
  keyValue?: boolean;
}

const text = (value: string): Cell => ({ kind: 'text', value });
const count = (value: number | null): Cell => ({ kind: 'count', value });
const decimal = (value: number | null, digits = 1): Cell => ({ kind: 'decimal', value, digits });
/**
 * A rate (per open hour, ratio). Null means suppressed in publication mode, like a count; otherwise
 * it means there is no rate (no open hours, nothing to compare with) and the cell stays empty.
 */
const rate = (r: Report, value: number | null, digits: number): Cell => (value === null && r.publication.enabled ? count(null) : decimal(value, digits));
const day = (value: string): Cell => ({ kind: 'day', value });
/** Open hours: whole hours as they are, a slot in progress to two decimals (README, "Contacts per open hour"). */
const hours = (value: number): Cell => decimal(value, Number.isInteger(value) ? 0 : 2);
const empty: Cell = { kind: 'empty' };

const SUM = 'Summe';

/** Catalog breakdowns get a column marking entries retired since; channel and who-asked have none. */
function breakdownTable(title: string, keyHeader: string, countHeader: string, b: Breakdown, catalog = true): ReportTable {
  if (!catalog) {
    const rows = b.rows.map((r) => [text(r.label.de), count(r.n)]);
    return { title, header: [keyHeader, countHeader], rows: [...rows, [text(SUM), count(b.total)]] };
  }
  const rows = b.rows.map((r) => [text(r.label.de), count(r.n), text(r.retired ? 'archiviert' : '')]);
  return { title, header: [keyHeader, countHeader, 'Status'], rows: [...rows, [text(SUM), count(b.total), empty]] };
}

/**
 * A topic table with "davon importiert" after its counts, as on screen: only when a topic row has an
 * imported part (never in publication mode, where topic rows carry none); a topic without one gets 0,
 * as a month without one does in the month table, and the total row the report's `imported`. Imported
 * monthly counts name one topic each, so the part is the same for contacts and mentions.
 */
function withImportedColumn(table: ReportTable, b: Breakdown, r: Report): ReportTable {
  const importedOf = new Map(r.byTopic.contacts.rows.flatMap((row) => (row.imported === undefined ? [] : [[row.key, row.imported] as const])));
  if (importedOf.size === 0) return table;
  const [keyHeader, countHeader, ...rest] = table.header;
  return {
    ...table,
    header: [keyHeader!, countHeader!, 'davon importiert', ...rest],
    rows: table.rows.map((cells, i) => {
      const row = b.rows[i];
      const part = row === undefined ? count(r.imported === undefined ? 0 : r.imported) : count(importedOf.get(row.key as number) ?? 0);
      return [cells[0]!, cells[1]!, part, ...cells.slice(2)];
    }),
  };
}

/** `2026-04-01T05:00:00.000Z` → `01.04.2026 07:00` on the site's clock. */
function localStamp(iso: string, timeZone: string): string {
  const p = localParts(Date.parse(iso), timeZone);
  return `${dayDe(p.day)} ${localTimeLabel(p)}`;
}

/** What the summary says of publication mode: off, or on by which method (suppression with its threshold). */
function publicationWords(r: Report): string {
  if (!r.publication.enabled) return 'aus';
  if (r.publication.method === 'cellKey') return 'ein: Zellschlüssel-Verfahren (jede Zahl um höchstens 2 verändert), ohne Rohdaten';
  return `ein: Unterdrückung kleiner Zahlen, Werte unter ${r.publication.threshold} unterdrückt (·), ohne Rohdaten`;
}

function summaryTable(r: Report): ReportTable {
  const rows: Cell[][] = [
    [text('Einrichtung'), text(r.site.name)],
    [text('Zeitraum von'), day(r.period.from)],
    [text('Zeitraum bis'), day(r.period.to)],
    // A filtered report says so under its period; an unfiltered one counts every contact, as it always has.
    ...(r.filters.length > 0 ? [[text('Filter'), text(filterWords(r.filters, 'de'))]] : []),
    // A published report carries its one sentence near the top, as on screen and on paper (German, like every export).
    ...(r.publication.enabled ? [[text('Hinweis'), text(publicationNote(r.publication.method, 'de'))]] : []),
    [text('Tage'), count(r.period.days)],
    [text('Kontakte'), count(r.total)],
    // Imported monthly counts know topic and month only: under any other filter they are left out, and said so.
    ...(r.importedNotIncluded !== undefined ? [[text('Importierte Monatswerte, vom Filter nicht erfasst'), count(r.importedNotIncluded)]] : []),
    // Monthly counts imported from earlier tallies, when the period has any (see README, "Import").
    ...(r.imported !== undefined ? [[text('davon importiert'), count(r.imported)]] : []),
    [text('Themennennungen'), count(r.byTopic.mentions.total)],
    [text('Öffnungsstunden'), hours(r.openHours.hours)],
    // Days with opening hours on which the site was closed (public holidays, its own closures): not in the hours above.
    [text('Schließtage (ohne Öffnungsstunden)'), count(r.openHours.closedDays)],
    [text('Kontakte je Öffnungsstunde'), rate(r, r.openHours.perOpenHour, 2)],
    [text('Schlagzeile'), text(r.headline.de)],
    [text('Seit Eröffnung am'), day(r.headline.sinceOpening.from)],
    [text('Kontakte seit Eröffnung'), count(r.headline.sinceOpening.total)],
    [text('Monate seit Eröffnung'), count(r.headline.sinceOpening.months)],
    [text('Veröffentlichungsmodus'), text(publicationWords(r))],
    [text('Zeitzone'), text(r.site.timeZone)],
    [text('Erstellt'), text(localStamp(r.generatedAt, r.site.timeZone))],
  ];
  return { title: 'Kennzahlen', header: ['Kennzahl', 'Wert'], rows, keyValue: true };
}

function monthlyTable(r: Report): ReportTable {
  const imported = r.monthly.some((m) => m.imported !== undefined);
  return {
    title: 'Monatsverlauf',
    header: imported ? ['Monat', 'Kontakte', 'Kumuliert', 'davon importiert'] : ['Monat', 'Kontakte', 'Kumuliert'],
    rows: r.monthly.map((m) => [
      { kind: 'month', value: m.month },
      count(m.n),
      count(m.cumulative),
      ...(imported ? [m.imported === undefined ? count(0) : count(m.imported)] : []),
    ]),
  };
}

function themeDayTable(r: Report): ReportTable {
  return {
    title: 'Thementage',
    header: [
      'Thementag',
      'Partnerorganisation',
      'Termine',
      'Stunden',
      'Kontakte',
      'Kontakte je Stunde',
      'Stunden an Vergleichstagen',
      'Kontakte an Vergleichstagen',
      'Vergleichstage je Stunde',
      'Verhältnis',
    ],
    rows: r.themeDays.map((t) => [
      text(t.title),
      text(t.organisation ?? ''),
      count(t.occurrences),
      decimal(t.hours),
      count(t.contacts),
      rate(r, t.perOpenHour, 2),
      decimal(t.ordinaryHours),
      count(t.ordinaryContacts),
      rate(r, t.ordinaryPerOpenHour, 2),
      rate(r, t.ratio, 2),
    ]),
  };
}

/** A count from a list; `null` (suppressed) stays null, a missing entry counts nothing. Never `??`: it would unsuppress. */
const valueAt = (list: (number | null)[] | undefined, i: number) => {
  const v = list?.[i];
  return v === undefined ? 0 : v;
};
const cellOf = (grid: (number | null)[][], i: number, j: number) => valueAt(grid[i], j);

const HOURS = Array.from({ length: 24 }, (_, h) => h);

function heatmapTable(r: Report): ReportTable {
  return {
    title: 'Wochentag × Stunde',
    header: ['Wochentag', ...HOURS.map((h) => `${String(h).padStart(2, '0')} Uhr`)],
    rows: WEEKDAYS_DE.map((name, i) => [text(name), ...HOURS.map((h) => count(cellOf(r.heatmap, i, h)))]),
  };
}

function crossTable(t: CrossTable): ReportTable {
  return {
    title: 'Thema → Weitervermittlung',
    // Cells count contacts; the sums count topic–referral pairs (see figure-tables.ts).
    header: [CROSS_CORNER, ...t.columns.map((c) => c.label.de), CROSS_SUM],
    rows: [
      ...t.rows.map((row, i) => [text(row.label.de), ...t.columns.map((_, j) => count(cellOf(t.cells, i, j))), count(valueAt(t.rowTotals, i))]),
      [text(CROSS_SUM), ...t.columnTotals.map(count), count(t.total)],
    ],
  };
}

/** Every table of a report, in reading order. */
function openSlotTable(r: Report): ReportTable {
  return {
    title: 'Öffnungszeiten',
    header: ['Wochentag', 'Von', 'Bis', 'Öffnungsstunden', 'Kontakte', 'Kontakte je Öffnungsstunde'],
    rows: r.openHours.bySlot.map((s) => [
      text(weekdayDe(s.weekday)),
      text(`${String(s.startHour).padStart(2, '0')}:00`),
      text(`${String(s.endHour).padStart(2, '0')}:00`),
      hours(s.hours),
      count(s.contacts),
      rate(r, s.perOpenHour, 2),
    ]),
  };
}

export function reportTables(r: Report): ReportTable[] {
  return [
    summaryTable(r),
    monthlyTable(r),
    ...seriesTables(r),
    withImportedColumn(breakdownTable('Themen – Kontakte', 'Thema', 'Kontakte (je Kontakt das erste Thema)', r.byTopic.contacts), r.byTopic.contacts, r),
    withImportedColumn(breakdownTable('Themen – Nennungen', 'Thema', 'Nennungen (alle Themen je Kontakt)', r.byTopic.mentions), r.byTopic.mentions, r),
    sdgTable(r),
    withReferralLabels(breakdownTable('Weitervermittlung', 'Organisation', REFERRALS_HEADER, r.byReferral), r),
    breakdownTable('Sprache', 'Sprache', 'Kontakte', r.byLanguage),
    breakdownTable('Kanal', 'Kanal', 'Kontakte', r.byChannel, false),
    breakdownTable('Wer fragt', 'Wer fragt', 'Kontakte', r.byAsker, false),
    breakdownTable('Schalter', 'Schalter', 'Kontakte', r.byDesk),
    themeDayTable(r),
    openSlotTable(r),
    heatmapTable(r),
    crossTable(r.topicReferrals),
    comparisonTable(r),
  ];
}

/** Rows below the headers, over all tables: what `ExportFile.rows` reports for a report export. */
export const tableRowCount = (tables: ReportTable[]) => tables.reduce((n, t) => n + t.rows.length, 0);
