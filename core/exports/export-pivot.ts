import { computePivot } from '../analysis/compute-pivot';
import type { PivotInput } from '../analysis/pivot-inputs';
import type { CoreContext } from '../context';
import { periodSlug } from './export-report';
import type { ExportFile } from './export-types';
import { namingFieldsUnder } from './field-names';
import { pivotCsv } from './pivot-csv';
import type { ExportPivotInput } from './pivot-export-inputs';
import { pivotFileSlug, pivotSheet } from './pivot-table';
import { writePivotXlsx } from './pivot-xlsx';
import { put, writeToBuffer } from './sinks';
import { CSV_MIME, XLSX_MIME } from './xlsx-workbook';

/** `kontaktdesk-pivot-thema-sprache-2026.xlsx`: the dimensions, then the period as short as it goes, `-veroeffentlichung` in publication mode (as the report's file name). */
export const pivotFileName = (p: PivotInput, format: ExportPivotInput['format']) =>
  `kontaktdesk-pivot-${pivotFileSlug(p.rows, p.columns)}-${periodSlug(p)}${p.publication ? '-veroeffentlichung' : ''}.${format === 'pivot-xlsx' ? 'xlsx' : 'csv'}`;

/** The contract method: the pivot `getPivot` answers, as one base64 file. `rows` counts the table's rows, the totals row included. */
export async function exportPivot(ctx: CoreContext, { pivot: input, format }: ExportPivotInput): Promise<ExportFile> {
  const pivot = await namingFieldsUnder('pivot', () => computePivot(ctx, input));
  const { settings } = await ctx.catalog.catalog();
  const sheet = pivotSheet(pivot, settings.siteName);
  const { buffer } = await writeToBuffer((out) => (format === 'pivot-csv' ? put(out, pivotCsv(sheet)) : writePivotXlsx(sheet, out)));
  return {
    fileName: pivotFileName(input, format),
    mimeType: format === 'pivot-xlsx' ? XLSX_MIME : CSV_MIME,
    base64: buffer.toString('base64'),
    rows: sheet.rows.length,
  };
}
