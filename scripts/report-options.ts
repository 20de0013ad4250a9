import { parseArgs } from 'node:util';
import { reportPeriodSchema } from '../core/reports/report-inputs';
import { lastDayOfMonth } from '../core/reports/calendar-days';
import { FILTER_DIMENSIONS, reportFiltersSchema, type FilterDimension, type ReportFilters } from '../core/analysis/filter-inputs';
import { PUBLICATION_METHODS, type PublicationMethod } from '../core/publication/publication-inputs';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html', 'raw-csv', 'raw-xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * A period given on the command line, "the month before today", or a saved view (period rule, filters
 * and publication mode); the last two are resolved in the site's time zone once the database is open.
 */
export type PeriodChoice = { kind: 'days'; from: string; to: string } | { kind: 'last-month' } | { kind: 'view'; name: string };

export interface ReportOptions {
  period: PeriodChoice;
  publication: boolean;
  /** From `--publication-method`; the cell-key method unless told. A view brings its own. */
  publicationMethod: PublicationMethod;
  /** `--topic-groups`: topics as their topic groups. A view brings its own. */
  topicGroups: boolean;
  /** From `--filter`; [] for every contact. A view brings its own. */
  filters: ReportFilters;
  format: ReportFormat;
  /** Absent: the export's own file name in the current folder. */
  out?: string;
  dataDir?: string;
  demo: boolean;
  help: boolean;
  /** `--mail SCHEDULE` (name or id): send that mail schedule's most recent due period now, instead of writing a file. */
  mail?: string;
}

export const REPORT_USAGE = `Usage: npm run report -- PERIOD --format FORMAT [--out FILE] [--data DIR] [--demo]
       [--publication [--publication-method M]] [--topic-groups] [--filter F]…
       npm run report -- --mail SCHEDULE [--data DIR] [--demo]
  --mail SCHEDULE  send a report mail schedule (Verwaltung → Berichtsversand; its name or id) now: its most
                   recent due period, with the schedule's recipients, mode, formats and language, through the
                   saved mail server. A period already sent is not sent again. Exit codes: 0 sent (or sent
                   before), 1 not sent (the reason in plain words; tried again later with back-off),
                   2 bad arguments, no database or no such schedule.
  PERIOD is one of
    --from YYYY-MM-DD --to YYYY-MM-DD   first and last day, both included
    --month YYYY-MM                     one calendar month
    --last-month                        the month before today (site's time zone): for a task on the 1st
    --view NAME                         a saved view (Auswertung → Gespeicherte Ansichten): its period rule
                                        against today (site's time zone), its filters, publication mode
                                        and topic groups
  --format FORMAT  json      the report object, as getReport returns it
                   csv       the report's tables for German Excel (; separator, UTF-8 BOM, decimal comma)
                   xlsx      one sheet per table plus the raw contacts (not in publication mode)
                   html      one self-contained page for a website: charts with their tables, German and
                             English, no scripts, nothing loaded from elsewhere (with --publication)
                   raw-csv   one row per contact of the period; refused in publication mode
                   raw-xlsx  the same as a workbook; refused in publication mode
  --out FILE       where to write (written atomically; default: kontaktdesk-bericht-… in this folder)
  --data DIR       folder of the database (default: the app's user-data folder); the PostgreSQL database
                   of its database-url file or of KONTAKTDESK_DATABASE_URL, where the PC is set to one
  --demo           read the separate demo database
  --publication    publication mode: every count protected as --publication-method says; not with --view
  --publication-method M
                   with --publication: cellKey (default; every count changed by at most 2, the same way
                   everywhere; filters allowed) or suppression (small counts hidden as ·; no --filter)
  --topic-groups   topics as their topic groups (Themencluster); not with --view
  --filter F       only the contacts a filter matches; repeat for several (all must hold); not with --view
                   or --publication-method suppression. F is DIMENSION=VALUE[,VALUE…] (any of the
                   values), or !DIMENSION=… (none of them).
                   Dimensions: ${FILTER_DIMENSIONS.join(', ')}.
                   Values: catalog ids (topic, firstTopic, referral, desk, themeDay), language codes (uk),
                   in_person, phone, email, citizen, organisation, goals 1–17, none (no referral, no
                   theme day).
                   Example: --filter topic=3,5 --filter !language=de
Exit codes: 0 written, 1 could not read or write, 2 bad arguments, no database, no such view, a filter
            naming an unknown entry, or raw data asked for in publication mode (also by a view).`;

/** A mistake in the command line: exit code 2 with the usage text. */
export class UsageError extends Error {}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month before the one containing `today` (YYYY-MM-DD), as first and last day. */
export function monthBefore(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: lastDayOfMonth(month) };
}

/** Dimensions whose values are numbers (catalog ids, goals); `none` stays text. */
const NUMBER_DIMENSIONS: readonly FilterDimension[] = ['topic', 'firstTopic', 'referral', 'desk', 'themeDay', 'sdg'];

/** `--filter topic=3,5`, `--filter !language=de`: checked by the contract's own schema, ids against the catalog later. */
export function parseFilters(given: readonly string[]): ReportFilters {
  const clauses = given.map((text) => {
    const match = /^(!?)([A-Za-z]+)=(.*)$/.exec(text);
    if (!match) throw new UsageError(`--filter must be DIMENSION=VALUE[,VALUE…] or !DIMENSION=…, not "${text}"`);
    const [, not, dimension, list] = match as unknown as [string, string, string, string];
    if (!(FILTER_DIMENSIONS as readonly string[]).includes(dimension)) {
      throw new UsageError(`--filter: unknown dimension "${dimension}"; one of ${FILTER_DIMENSIONS.join(', ')}`);
    }
    const values = list === '' ? [] : list.split(',').map((v) => v.trim());
    const numeric = NUMBER_DIMENSIONS.includes(dimension as FilterDimension);
    return {
      dimension,
      values: values.map((v) => (numeric && /^\d+$/.test(v) ? Number(v) : v)),
      exclude: not === '!',
    };
  });
  const parsed = reportFiltersSchema.safeParse(clauses);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const clause = typeof issue.path[0] === 'number' ? given[issue.path[0]] : undefined;
    throw new UsageError(`--filter${clause ? ` ${clause}` : ''}: ${issue.message}`);
  }
  return parsed.data;
}

function periodOf(values: { from?: string; to?: string; month?: string; 'last-month'?: boolean; view?: string }): PeriodChoice {
  const given = [
    values.from !== undefined || values.to !== undefined,
    values.month !== undefined,
    values['last-month'] === true,
    values.view !== undefined,
  ].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one period: --from and --to, --month, --last-month, or --view');
  if (values['last-month']) return { kind: 'last-month' };
  if (values.view !== undefined) {
    if (values.view.trim() === '') throw new UsageError('--view needs the name of a saved view');
    return { kind: 'view', name: values.view };
  }
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

/** `--mail SCHEDULE`: the schedule says period, mode and formats, so nothing else of a report may be given. */
function mailSchedule(values: Record<string, unknown>): string {
  const name = String(values.mail).trim();
  if (name === '') throw new UsageError('--mail needs the name or id of a mail schedule (Verwaltung → Berichtsversand)');
  const reportOnly = ['from', 'to', 'month', 'last-month', 'view', 'filter', 'format', 'out', 'publication-method'].filter((o) => values[o] !== undefined);
  if (values.publication === true) reportOnly.push('publication');
  if (values['topic-groups'] === true) reportOnly.push('topic-groups');
  if (reportOnly.length > 0) throw new UsageError(`--${reportOnly[0]} does not go with --mail: the schedule says the period, mode and formats`);
  return name;
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
        view: { type: 'string' },
        filter: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        demo: { type: 'boolean', default: false },
        publication: { type: 'boolean', default: false },
        'publication-method': { type: 'string' },
        'topic-groups': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        mail: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values } = parsed;
  const method = values['publication-method'];
  const base = {
    publication: values.publication,
    publicationMethod: (method ?? 'cellKey') as PublicationMethod,
    topicGroups: values['topic-groups'],
    filters: [],
    out: values.out,
    dataDir: values.data,
    demo: values.demo,
    help: values.help,
  };
  if (values.help) return { ...base, period: { kind: 'last-month' }, format: 'json' };
  if (values.mail !== undefined) return { ...base, period: { kind: 'last-month' }, format: 'json', mail: mailSchedule(values) };
  if (values.format === undefined) throw new UsageError(`--format is required: ${REPORT_FORMATS.join(', ')}`);
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${values.format}"`);
  }
  if (values.out === '') throw new UsageError('--out needs a file name');
  const period = periodOf(values);
  const filters = parseFilters(values.filter ?? []);
  // Never raw data in publication mode (core/exports/export-report.ts refuses it too, e.g. for a view in publication mode).
  if (values.publication && values.format.startsWith('raw-')) {
    throw new UsageError(`--format ${values.format} does not go with --publication: raw data is never exported in publication mode`);
  }
  if (period.kind === 'view' && values.publication) throw new UsageError('--publication does not go with --view: the view says whether it is for publication');
  if (period.kind === 'view' && filters.length > 0) throw new UsageError('--filter does not go with --view: the view holds its own filters');
  if (method !== undefined && !(PUBLICATION_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`--publication-method must be one of ${PUBLICATION_METHODS.join(', ')}, not "${method}"`);
  }
  if (method !== undefined && !values.publication) throw new UsageError('--publication-method goes with --publication');
  if (period.kind === 'view' && values['topic-groups'])
    throw new UsageError('--topic-groups does not go with --view: the view says whether it shows topic groups');
  if (values.publication && method === 'suppression' && filters.length > 0) {
    throw new UsageError('--filter does not go with --publication-method suppression: use the cell-key method (the default) for a filtered publication');
  }
  return { ...base, period, filters, format: values.format as ReportFormat };
}
