import { parseArgs } from 'node:util';
import { reportPeriodSchema } from '../core/reports/report-inputs';
import { lastDayOfMonth } from '../core/reports/calendar-days';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'raw-csv', 'raw-xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Either a period given on the command line, or "the month before today", resolved in the site's time zone once the database is open. */
export type PeriodChoice = { kind: 'days'; from: string; to: string } | { kind: 'last-month' };

export interface ReportOptions {
  period: PeriodChoice;
  publication: boolean;
  format: ReportFormat;
  /** Absent: the export's own file name in the current folder. */
  out?: string;
  dataDir?: string;
  demo: boolean;
  help: boolean;
}

export const REPORT_USAGE = `Usage: npm run report -- PERIOD --format FORMAT [--out FILE] [--data DIR] [--demo] [--publication]
  PERIOD is one of
    --from YYYY-MM-DD --to YYYY-MM-DD   first and last day, both included
    --month YYYY-MM                     one calendar month
    --last-month                        the month before today (site's time zone): for a task on the 1st
  --format FORMAT  json      the report object, as getReport returns it
                   csv       the report's tables for German Excel (; separator, UTF-8 BOM, decimal comma)
                   xlsx      one sheet per table plus the raw contacts
                   raw-csv   one row per contact of the period
                   raw-xlsx  the same as a workbook
  --out FILE       where to write (written atomically; default: kontaktdesk-bericht-… in this folder)
  --data DIR       folder of the database (default: the app's user-data folder); the PostgreSQL database
                   of its database-url file or of KONTAKTDESK_DATABASE_URL, where the PC is set to one
  --demo           read the separate demo database
  --publication    suppress small cells (publication mode; the raw formats do not change)
Exit codes: 0 written, 1 could not read or write, 2 bad arguments or no database.`;

/** A mistake in the command line: exit code 2 with the usage text. */
export class UsageError extends Error {}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month before the one containing `today` (YYYY-MM-DD), as first and last day. */
export function monthBefore(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: lastDayOfMonth(month) };
}

function periodOf(values: { from?: string; to?: string; month?: string; 'last-month'?: boolean }): PeriodChoice {
  const given = [values.from !== undefined || values.to !== undefined, values.month !== undefined, values['last-month'] === true].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one period: --from and --to, --month, or --last-month');
  if (values['last-month']) return { kind: 'last-month' };
  let from: string, to: string;
  if (values.month !== undefined) {
    if (!MONTH.test(values.month)) throw new UsageError(`--month must be YYYY-MM, not "${values.month}"`);
    from = `${values.month}-01`;
    to = lastDayOfMonth(values.month);
  } else {
    if (values.from === undefined || values.to === undefined) throw new UsageError('--from and --to go together');
    from = values.from;
    to = values.to;
  }
  // The contract's own rules, so the command line accepts exactly the periods the app does.
  const parsed = reportPeriodSchema.safeParse({ from, to });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0] ?? 'from')}: ${issue.message}`);
  }
  return { kind: 'days', from, to };
}

export function parseReportOptions(argv: string[]): ReportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        month: { type: 'string' },
        'last-month': { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        demo: { type: 'boolean', default: false },
        publication: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values } = parsed;
  const base = { publication: values.publication, out: values.out, dataDir: values.data, demo: values.demo, help: values.help };
  if (values.help) return { ...base, period: { kind: 'last-month' }, format: 'json' };
  if (values.format === undefined) throw new UsageError(`--format is required: ${REPORT_FORMATS.join(', ')}`);
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${values.format}"`);
  }
  if (values.out === '') throw new UsageError('--out needs a file name');
  return { ...base, period: periodOf(values), format: values.format as ReportFormat };
}
