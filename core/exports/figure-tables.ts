import type { Breakdown, Report } from '../reports/report-types';
import type { Cell, ReportTable } from './report-tables';

/**
 * The export tables of "Beitrag zu den SDGs" and of the daily or weekly series, and the wording of the
 * referral tables (README, "Reports"): what each figure counts is said in its header or row label.
 */

const text = (value: string): Cell => ({ kind: 'text', value });
const count = (value: number | null): Cell => ({ kind: 'count', value });
const day = (value: string): Cell => ({ kind: 'day', value });
const empty: Cell = { kind: 'empty' };

export const REFERRALS_HEADER = 'Weitervermittlungen (je genannte Stelle)';
export const REFERRALS_SUM = 'Summe: Weitervermittlungen (ein Kontakt mit zwei Stellen zählt zweimal)';
export const CONTACTS_WITH_REFERRAL = 'Kontakte mit Weitervermittlung (jeder einmal)';
export const CROSS_CORNER = 'Thema → Stelle (Kontakte je Paar)';
export const CROSS_SUM = 'Summe: Thema-Stelle-Paare (ein Kontakt mit zwei Themen oder zwei Stellen zählt mehrfach)';

/** Topic names by id, from the topic tables (retired topics that count are in them too). */
function topicNames(r: Report): Map<number | string, string> {
  const rows: Breakdown['rows'] = [...r.byTopic.contacts.rows, ...r.byTopic.mentions.rows];
  return new Map(rows.map((row) => [row.key, row.label.de]));
}

export function sdgTable(r: Report): ReportTable {
  const names = topicNames(r);
  const rows = r.bySdg.rows.map((row) => [
    text(row.label.de),
    count(row.n),
    text(
      row.topicIds
        .map((id) => names.get(id))
        .filter((n) => n !== undefined)
        .join(', '),
    ),
  ]);
  return {
    title: 'Beitrag zu den SDGs',
    header: ['SDG-Ziel', 'Kontakte (jeder einmal je Ziel)', 'über die Themen'],
    rows: [
      ...rows,
      [text('Summe der Zeilen (Kontakt-Ziel-Paare)'), count(r.bySdg.total), empty],
      [text('Kontakte mit mindestens einem Ziel (jeder einmal)'), count(r.bySdg.contacts), empty],
    ],
  };
}

/** The daily or weekly series; none for a monthly one (the month table is that series). */
export function seriesTables(r: Report): ReportTable[] {
  const { unit, points, importedNotInSeries } = r.series;
  if (unit === 'month') return [];
  const importedRow =
    importedNotInSeries === undefined
      ? []
      : [
          [
            text(`Importierte Monatswerte, nicht nach ${unit === 'day' ? 'Tagen' : 'Wochen'} (in keiner Zeile)`),
            ...(unit === 'week' ? [empty, empty] : []),
            count(importedNotInSeries),
          ],
        ];
  if (unit === 'day') {
    return [{ title: 'Verlauf je Tag', header: ['Tag', 'Kontakte'], rows: [...points.map((p) => [day(p.key), count(p.n)]), ...importedRow] }];
  }
  return [
    {
      title: 'Verlauf je Woche',
      header: ['Kalenderwoche (ISO)', 'von', 'bis', 'Kontakte'],
      rows: [...points.map((p) => [text(p.key), day(p.from), day(p.to), count(p.n)]), ...importedRow],
    },
  ];
}

/** The referral table as `breakdownTable` made it, its sum row labelled, and the contacts with a referral below. */
export function withReferralLabels(t: ReportTable, r: Report): ReportTable {
  const rows = t.rows.map((row, i) => (i === t.rows.length - 1 ? [text(REFERRALS_SUM), ...row.slice(1)] : row));
  const width = t.header.length;
  return { ...t, rows: [...rows, [text(CONTACTS_WITH_REFERRAL), count(r.contactsWithReferral), ...Array.from({ length: width - 2 }, () => empty)]] };
}
