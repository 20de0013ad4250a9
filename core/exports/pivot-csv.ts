import { BOM, CRLF, csvLine, textField } from './csv-text';
import type { PivotSheet } from './pivot-table';

/**
 * The pivot for German Excel (BOM, `;`, CRLF, like the report CSV): the title block, an empty line,
 * the table with its totals row, and after another empty line the notes. Counts are whole numbers,
 * written without thousands separators (German Excel would read `6.143` as a decimal).
 */
export function pivotCsv(sheet: PivotSheet): string {
  return (
    BOM +
    sheet.titleLines.map((line) => csvLine([textField(line)])).join('') +
    CRLF +
    csvLine(sheet.header.map(textField)) +
    sheet.rows.map((row) => csvLine([textField(row.label), ...row.counts.map(String)])).join('') +
    (sheet.notes.length > 0 ? CRLF + sheet.notes.map((note) => csvLine([textField(note)])).join('') : '')
  );
}
