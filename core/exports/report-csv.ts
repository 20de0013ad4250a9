import type { Report } from '../reports/report-types';
import { BOM, CRLF, csvLine, textField } from './csv-text';
import { dayDe, decimalDe, monthDe, SUPPRESSED } from './german-format';
import { reportTables, type Cell, type ReportTable } from './report-tables';

/** A cell as German Excel reads it. Numbers are formatted here, so a negative delta is never mistaken for a formula. */
function csvCell(cell: Cell): string {
  switch (cell.kind) {
    case 'text':
      return textField(cell.value);
    case 'count':
      return cell.value === null ? SUPPRESSED : String(cell.value);
    case 'decimal':
      return cell.value === null ? '' : decimalDe(cell.value, cell.digits);
    case 'percent':
      return cell.value === null ? '' : decimalDe(cell.value, 1);
    case 'day':
      return dayDe(cell.value);
    case 'month':
      return monthDe(cell.value);
    case 'empty':
      return '';
  }
}

const tableCsv = (t: ReportTable) => csvLine([textField(t.title)]) + csvLine(t.header.map(textField)) + t.rows.map((row) => csvLine(row.map(csvCell))).join('');

/**
 * The report's tables one after another, each under a title line and separated by an empty line.
 * A percentage change or a rate is empty where none exists (the compared period had no contacts,
 * no open hours); suppressed cells show "·".
 */
export function reportCsv(report: Report, tables: ReportTable[] = reportTables(report)): string {
  return BOM + tables.map(tableCsv).join(CRLF);
}
