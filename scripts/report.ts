/**
 * Headless report for a scheduled task, e.g. on the 1st of each month:
 *   npm run report -- --last-month --format xlsx --out \\server\share\kontaktdesk-bericht.xlsx
 * Reads an existing database (never creates one) and writes the file atomically. See REPORT_USAGE.
 */
import { withAtomicFile } from '../core/base/atomic-write';
import { exportFileName, writeExportCounted, type ExportFormat, type ExportPeriod } from '../core/exports/export-report';
import { writeToFile } from '../core/exports/sinks';
import type { Core } from '../core/open-core';
import { localParts } from '../core/time/local-parts';
import { openExistingCore, runCli, userPath } from './cli-support';
import { monthBefore, parseReportOptions, REPORT_USAGE, UsageError, type ReportFormat, type ReportOptions } from './report-options';

const EXPORT_FORMAT: Record<Exclude<ReportFormat, 'json'>, ExportFormat> = {
  csv: 'report-csv',
  xlsx: 'report-xlsx',
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

async function periodOf(options: ReportOptions, core: Core): Promise<ExportPeriod> {
  const { publication } = options;
  if (options.period.kind === 'days') return { from: options.period.from, to: options.period.to, publication };
  const { timeZone } = (await core.context.catalog.catalog()).settings;
  return { ...monthBefore(localParts(core.context.now(), timeZone).day), publication };
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
    const period = await periodOf(options, core);
    const out = userPath(options.out ?? exportFileName(period, options.format === 'json' ? 'json' : EXPORT_FORMAT[options.format]));
    let written;
    try {
      written = await writeReport(core, options, period, out);
    } catch (err) {
      console.error(`report: could not write ${out}: ${(err as Error).message}`);
      return 1;
    }
    console.log(`report ${period.from}..${period.to}${period.publication ? ' (publication)' : ''}: ${options.format}, ${written} -> ${out}`);
    return 0;
  } finally {
    await core.close();
  }
}

runCli('report', main);
