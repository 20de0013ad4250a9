/**
 * Headless report for a scheduled task, e.g. on the 1st of each month:
 *   npm run report -- --last-month --format xlsx --out \\server\share\kontaktdesk-bericht.xlsx
 *   npm run report -- --view "Monatsbericht Gemeinderat" --format json
 *   npm run report -- --mail "Monatsbericht Gemeinderat"     (sends a mail schedule now: report-mail.ts)
 * Reads an existing database (never creates one) and writes the file atomically. See REPORT_USAGE.
 */
import { resolveFilters } from '../core/analysis/check-filters';
import { withAtomicFile } from '../core/base/atomic-write';
import { ApiError } from '../core/base/errors';
import { resolvePeriodRule } from '../core/views/period-rules';
import { findSavedView, listSavedViews } from '../core/views/saved-views';
import { exportFileName, refuseRawInPublication, writeExportCounted, type ExportFormat, type ExportPeriod } from '../core/exports/export-report';
import { writeToFile } from '../core/exports/sinks';
import type { Core } from '../core/open-core';
import { localParts } from '../core/time/local-parts';
import { openExistingCore, runCli, userPath } from './cli-support';
import { sendScheduleNow } from './report-mail';
import { monthBefore, parseReportOptions, REPORT_USAGE, UsageError, type ReportFormat, type ReportOptions } from './report-options';

const EXPORT_FORMAT: Record<Exclude<ReportFormat, 'json'>, ExportFormat> = {
  csv: 'report-csv',
  xlsx: 'report-xlsx',
  html: 'report-html',
  'raw-csv': 'raw-csv',
  'raw-xlsx': 'raw-xlsx',
};

/** Progress of a long export on stderr: one updating line on a terminal, a line per tenth in a log. */
function progressPrinter(): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (done, total) => {
    if (total === 0) return;
    const pct = Math.floor((done / total) * 100);
    if (tty) {
      process.stderr.write(`\rcontacts ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${pct} %)${done === total ? '\n' : ''}`);
    } else if (Math.floor(pct / 10) > lastTenth) {
      lastTenth = Math.floor(pct / 10);
      process.stderr.write(`contacts ${done} / ${total} (${pct} %)\n`);
    }
  };
}

/** What the command line names but the database does not hold (no such view, an unknown id): exit code 2, like a bad argument. */
class NotFound extends Error {}

async function periodOf(options: ReportOptions, core: Core): Promise<ExportPeriod> {
  const catalog = await core.context.catalog.catalog();
  const today = localParts(core.context.now(), catalog.settings.timeZone).day;
  let period: ExportPeriod;
  if (options.period.kind === 'view') {
    const { name } = options.period;
    const view = await findSavedView(core.context.db, name);
    if (!view) {
      const names = (await listSavedViews(core.context.db)).map((v) => `"${v.name}"`);
      throw new NotFound(`no saved view called "${name}"; ${names.length === 0 ? 'there are no saved views yet' : `saved views: ${names.join(', ')}`}`);
    }
    try {
      period = {
        ...resolvePeriodRule(view.period, today, catalog.settings.openingDate),
        publication: view.publication,
        publicationMethod: view.publicationMethod,
        topicGroups: view.topicGroups,
        filters: view.filters,
      };
    } catch (err) {
      if (err instanceof ApiError) throw new NotFound(`the view "${view.name}": ${err.message}`);
      throw err;
    }
  } else {
    const { publication, publicationMethod, topicGroups, filters } = options;
    const days = options.period.kind === 'days' ? { from: options.period.from, to: options.period.to } : monthBefore(today);
    period = { ...days, publication, publicationMethod, topicGroups, ...(filters.length > 0 && { filters }) };
  }
  // Ids the catalog does not know (a view may name an entry deleted from the database by hand): said before any file is begun.
  try {
    resolveFilters(catalog, period.filters);
  } catch (err) {
    if (err instanceof ApiError) throw new NotFound(`${options.period.kind === 'view' ? `the view "${options.period.name}": ` : '--filter '}${err.message}`);
    throw err;
  }
  return period;
}

/** "2026-03-01..2026-03-31 (publication)", with the view's name, the method, topic groups and the filter's size when there are. */
function periodSummary(options: ReportOptions, period: ExportPeriod): string {
  const view = options.period.kind === 'view' ? `"${options.period.name}" ` : '';
  const filtered = period.filters?.length ? ` (${period.filters.length === 1 ? '1 filter' : `${period.filters.length} filters`})` : '';
  const publication = period.publication ? ` (publication${period.publicationMethod === 'suppression' ? ', suppression' : ''})` : '';
  return `${view}${period.from}..${period.to}${publication}${period.topicGroups ? ' (topic groups)' : ''}${filtered}`;
}

/** Writes the file and returns what it holds, for the summary line. */
async function writeReport(core: Core, options: ReportOptions, period: ExportPeriod, out: string) {
  if (options.format === 'json') {
    const report = await core.handlers.getReport(period);
    await withAtomicFile(out, (temp) => writeToFile(temp, async (stream) => void stream.write(`${JSON.stringify(report, null, 2)}\n`)));
    return `${report.total} contacts`;
  }
  const format = EXPORT_FORMAT[options.format];
  const written = await withAtomicFile(out, (temp) =>
    writeToFile(temp, (stream) => writeExportCounted(core.context, period, format, stream, { onProgress: progressPrinter() })),
  );
  // In publication mode a small report total is hidden in the file, so here too.
  const contacts = written.contacts ?? '·';
  return format.startsWith('raw-') ? `${contacts} contacts` : `${contacts} contacts, ${written.rows} table rows`;
}

export async function main(argv: string[]): Promise<number> {
  let options: ReportOptions;
  try {
    options = parseReportOptions(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`report: ${err.message}\n\n${REPORT_USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(REPORT_USAGE);
    return 0;
  }
  const opened = await openExistingCore('report', options.dataDir, options.demo);
  if (typeof opened === 'number') return opened;
  const { core } = opened;
  try {
    if (options.mail !== undefined) return await sendScheduleNow(core, options.mail);
    let period: ExportPeriod;
    try {
      period = await periodOf(options, core);
      // A saved view in publication mode: its raw data is refused like the app refuses it, before any file is begun.
      if (options.format !== 'json') refuseRawInPublication(period, EXPORT_FORMAT[options.format]);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'format') {
        console.error(`report: --format ${options.format}: ${err.message.slice('format: '.length)}`);
        return 2;
      }
      if (!(err instanceof NotFound)) throw err;
      console.error(`report: ${err.message}`);
      return 2;
    }
    const out = userPath(options.out ?? exportFileName(period, options.format === 'json' ? 'json' : EXPORT_FORMAT[options.format]));
    let written;
    try {
      written = await writeReport(core, options, period, out);
    } catch (err) {
      console.error(`report: could not write ${out}: ${(err as Error).message}`);
      return 1;
    }
    console.log(`report ${periodSummary(options, period)}: ${options.format}, ${written} -> ${out}`);
    return 0;
  } finally {
    await core.close();
  }
}

runCli('report', main);
