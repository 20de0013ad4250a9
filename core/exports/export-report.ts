import type { Writable } from 'node:stream';
import { RAW_IN_PUBLICATION, type ExportReportInput } from './export-inputs';
import { invalidField } from '../base/errors';
import type { CoreContext } from '../context';
import { computeReport } from '../reports/compute-report';
import type { ReportPeriod } from '../reports/report-types';
import type { ExportFile } from './export-types';
import { resolveFilters } from '../analysis/check-filters';
import { namingFieldsUnder } from './field-names';
import { addRawContactsSheet, writeRawContactsCsv, type RawExportOptions, type RawPeriod } from './raw-contacts';
import { reportCsv } from './report-csv';
import { HTML_MIME, pageTableRows, reportHtml } from './report-html';
import { reportTables, tableRowCount } from './report-tables';
import { writeReportXlsx } from './report-xlsx';
import { put, writeToBuffer } from './sinks';
import { CSV_MIME, streamingWorkbook, XLSX_MIME } from './xlsx-workbook';

export type ExportFormat = ExportReportInput['format'];
export type ExportPeriod = ExportReportInput['period'];

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** `2026-03` for a whole month, `2026` for a whole year, else `2026-03-01_2026-04-15`. */
export function periodSlug(p: Pick<ReportPeriod, 'from' | 'to'>): string {
  const month = p.from.slice(0, 7);
  if (p.from === `${month}-01` && p.to === lastDayOfMonth(month)) return month;
  const year = p.from.slice(0, 4);
  if (p.from === `${year}-01-01` && p.to === `${year}-12-31`) return year;
  return `${p.from}_${p.to}`;
}

/**
 * `kontaktdesk-bericht-2026-03.xlsx` (report, period as short as it goes, `-veroeffentlichung` in
 * publication mode) or `kontaktdesk-kontakte-2026-03-01_2026-03-31.csv` (raw: always both days, so a
 * folder of raw files sorts and reads unambiguously).
 */
export function exportFileName(period: ExportPeriod, format: ExportFormat | 'json'): string {
  const ext = format === 'json' ? 'json' : format.endsWith('xlsx') ? 'xlsx' : format.endsWith('html') ? 'html' : 'csv';
  if (format.startsWith('raw-')) return `kontaktdesk-kontakte-${period.from}_${period.to}.${ext}`;
  return `kontaktdesk-bericht-${periodSlug(period)}${period.publication ? '-veroeffentlichung' : ''}.${ext}`;
}

export const mimeTypeOf = (format: ExportFormat) => (format.endsWith('xlsx') ? XLSX_MIME : format.endsWith('html') ? HTML_MIME : CSV_MIME);

export interface ExportWritten {
  /** Rows written: contacts for raw exports, table rows for reports (`ExportFile.rows`). */
  rows: number;
  /** Contacts the export covers. */
  contacts: number | null;
}

/**
 * The raw export's period with its filter checked against the catalog, as the report checks it: an
 * unknown id is refused naming the field, a merged entry stands for the one it was merged into.
 */
async function rawPeriod(ctx: CoreContext, period: ExportPeriod): Promise<RawPeriod> {
  return { from: period.from, to: period.to, filters: resolveFilters(await ctx.catalog.catalog(), period.filters) };
}

/** Never raw data in publication mode: one row per contact would undo it. Refused naming `format`, nothing written. */
export function refuseRawInPublication(period: Pick<ExportPeriod, 'publication'>, format: ExportFormat): void {
  if (period.publication && format.startsWith('raw-')) throw invalidField('format', RAW_IN_PUBLICATION);
}

/**
 * Writes an export to `out`; the XLSX writer ends the stream itself, the CSV writers leave that to
 * the caller (`writeToFile`, `writeToBuffer` do it). Raw exports are refused in publication mode (the
 * contract's schema refuses them first; this holds for the command line too), before anything is written.
 */
export async function writeExportCounted(
  ctx: CoreContext,
  period: ExportPeriod,
  format: ExportFormat,
  out: Writable,
  options: RawExportOptions = {},
): Promise<ExportWritten> {
  refuseRawInPublication(period, format);
  switch (format) {
    case 'report-csv': {
      const report = await computeReport(ctx, period);
      const tables = reportTables(report);
      await put(out, reportCsv(report, tables));
      return { rows: tableRowCount(tables), contacts: report.total };
    }
    case 'report-xlsx': {
      const report = await computeReport(ctx, period);
      return { rows: (await writeReportXlsx(report, out, { ctx, options })).tableRows, contacts: report.total };
    }
    case 'report-html': {
      const report = await computeReport(ctx, period);
      await put(out, reportHtml(report));
      return { rows: pageTableRows(report), contacts: report.total };
    }
    case 'raw-csv': {
      const rows = await writeRawContactsCsv(ctx, await rawPeriod(ctx, period), out, options);
      return { rows, contacts: rows };
    }
    case 'raw-xlsx': {
      const workbook = streamingWorkbook(out);
      const rows = await addRawContactsSheet(workbook, ctx, await rawPeriod(ctx, period), options);
      await workbook.commit();
      return { rows, contacts: rows };
    }
  }
}

/** `writeExportCounted`, returning the rows written (`ExportFile.rows`). */
export const writeExport = async (...args: Parameters<typeof writeExportCounted>): Promise<number> => (await writeExportCounted(...args)).rows;

/** The contract method: the export as one base64 file, for a save dialog (Electron) or a download (browser). */
export async function exportReport(ctx: CoreContext, { period, format }: ExportReportInput): Promise<ExportFile> {
  // Before the period's fields are named under `period`: the refusal is about `format`.
  refuseRawInPublication(period, format);
  const { buffer, result } = await namingFieldsUnder('period', () => writeToBuffer((out) => writeExportCounted(ctx, period, format, out)));
  return { fileName: exportFileName(period, format), mimeType: mimeTypeOf(format), base64: buffer.toString('base64'), rows: result.rows };
}
