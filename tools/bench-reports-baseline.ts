/**
 * Part 3 of the report bench: the same figures from hand-written GROUP BY SQL over the base tables (not the
 * rollups), run by the `sqlite3` CLI on the same file; the ratio core/CLI, and whether every figure agrees.
 */
import { performance } from 'node:perf_hooks';
import type { Catalog } from '../core/catalog/catalog-types';
import type { Core } from '../core/open-core';
import type { Breakdown, Report } from '../core/reports/report-types';
import { median, round3 } from './bench-common';
import { periodsOf, type Period, type ReportPeriods } from './bench-reports-calendar';
import { runCli, type CliRun, type Figures } from './bench-reports-sqlite-cli';
import { DATA_FROM } from './bench-reports-site';
import { report } from './bench-reports-timing';

export const CLI_REPEATS = 5;
export const TARGET_RATIO = 1.0;
/** The periods the CLI baseline runs on: the last whole month and the last whole year of the data. */
export const CLI_MONTH = { from: '2026-10-01', to: '2026-10-31' };
export const CLI_YEAR = { from: '2025-01-01', to: '2025-12-31' };

/**
 * One query per figure of the report, as a database engineer would write them without the rollup:
 * GROUP BY over contacts, contact_topics and contact_referrals, voided contacts left out.
 */
function cliQueries({ period, previous, yearBefore, sinceOpening }: ReportPeriods): [string, string][] {
  const inP = (q: Period, alias = 'c') => `${alias}.local_day between '${q.from}' and '${q.to}' and ${alias}.voided_at is null`;
  const w = inP(period);
  return [
    ['total', `select count(*) from contacts c where ${w};`],
    ['monthly', `select c.local_month, count(*) from contacts c where ${w} group by c.local_month;`],
    [
      'topic',
      `select ct.topic_id, count(*) from contacts c join contact_topics ct on ct.contact_id = c.id where ${w} and ct.ordinal = 0 group by ct.topic_id;`,
    ],
    ['mention', `select ct.topic_id, count(*) from contacts c join contact_topics ct on ct.contact_id = c.id where ${w} group by ct.topic_id;`],
    [
      'referral',
      `select cr.organisation_id, count(*) from contacts c join contact_referrals cr on cr.contact_id = c.id where ${w} group by cr.organisation_id;`,
    ],
    ['language', `select c.language_id, count(*) from contacts c where ${w} group by c.language_id;`],
    ['channel', `select c.channel, count(*) from contacts c where ${w} group by c.channel;`],
    ['asker', `select c.asker, count(*) from contacts c where ${w} group by c.asker;`],
    ['desk', `select c.desk_id, count(*) from contacts c where ${w} group by c.desk_id;`],
    ['theme', `select c.theme_day_id, count(*) from contacts c where ${w} and c.theme_day_id is not null group by c.theme_day_id;`],
    ['heatmap', `select c.local_weekday || ':' || c.local_hour, count(*) from contacts c where ${w} group by c.local_weekday, c.local_hour;`],
    [
      'cross',
      `select ct.topic_id || ':' || cr.organisation_id, count(*) from contacts c join contact_topics ct on ct.contact_id = c.id ` +
        `join contact_referrals cr on cr.contact_id = c.id where ${w} group by ct.topic_id, cr.organisation_id;`,
    ],
    ['previous', `select count(*) from contacts c where ${inP(previous)};`],
    ['yearBefore', `select count(*) from contacts c where ${inP(yearBefore)};`],
    ['sinceOpening', `select count(*) from contacts c where ${inP(sinceOpening)};`],
  ];
}

/** The same figures from the core's report, keyed like the CLI's output (zero cells left out). */
function reportFigures(r: Report, catalog: Catalog): Figures {
  const one = (n: number) => new Map([['', n]]);
  const rows = (b: Breakdown, key: (k: number | string) => string = String) => new Map(b.rows.filter((x) => (x.n ?? 0) !== 0).map((x) => [key(x.key), x.n!]));
  const languageId = new Map(catalog.languages.map((l) => [l.code, String(l.id)]));
  const heat = new Map<string, number>();
  r.heatmap.forEach((hours, d) => hours.forEach((n, h) => n && heat.set(`${d + 1}:${h}`, n)));
  const cross = new Map<string, number>();
  r.topicReferrals.rows.forEach((t, i) =>
    r.topicReferrals.columns.forEach((o, j) => {
      const n = r.topicReferrals.cells[i]![j];
      if (n) cross.set(`${t.key}:${o.key}`, n);
    }),
  );
  return {
    total: one(r.total!), // the bench reads reports without publication mode: nothing is hidden
    monthly: new Map(r.monthly.filter((m) => m.n).map((m) => [m.month, m.n!])),
    topic: rows(r.byTopic.contacts),
    mention: rows(r.byTopic.mentions),
    referral: rows(r.byReferral),
    language: rows(r.byLanguage, (k) => languageId.get(String(k)) ?? `?${k}`),
    channel: rows(r.byChannel),
    asker: rows(r.byAsker),
    desk: rows(r.byDesk),
    theme: rows(r.byThemeDay),
    heatmap: heat,
    cross,
    // Null only for a compared period before the opening date; the bench's periods all lie after it.
    previous: one(r.comparisons.previousPeriod.total ?? 0),
    yearBefore: one(r.comparisons.yearBefore.total ?? 0),
    sinceOpening: one(r.headline.sinceOpening.total!),
  };
}

function compareFigures(core: Figures, cli: Figures): string[] {
  const out: string[] = [];
  for (const name of Object.keys(cli)) {
    const a = core[name] ?? new Map<string, number>();
    const b = cli[name]!;
    // The CLI prints nothing for an empty group and 0 for a count; the report lists zeros. Compare non-zero cells.
    const keys = new Set([...a.keys(), ...b.keys()].filter((k) => (a.get(k) ?? 0) !== 0 || (b.get(k) ?? 0) !== 0));
    for (const k of keys) if ((a.get(k) ?? 0) !== (b.get(k) ?? 0)) out.push(`${name}[${k}]: core ${a.get(k) ?? 0}, cli ${b.get(k) ?? 0}`);
  }
  return out;
}

export interface Baseline {
  period: Period;
  cliRealMs: number[];
  cliMedianMs: number;
  cliProcessMedianMs: number;
  cliPerQueryMs: Record<string, number>;
  coreMs: number[];
  coreMedianMs: number;
  ratio: number;
  figuresAgree: boolean;
  mismatches: string[];
  /** Cross-checks that the bench's period arithmetic matches the report's. */
  periodsAgree: boolean;
}

export async function baseline(core: Core, file: string, p: Period, catalog: Catalog): Promise<Baseline> {
  const periods = periodsOf(p);
  const queries = cliQueries(periods);
  runCli(file, queries); // warm the page cache and the CLI binary
  const cliRuns: CliRun[] = [];
  const coreMs: number[] = [];
  let last: Report | null = null;
  for (let i = 0; i < CLI_REPEATS; i++) {
    // Alternate, so noise hits both sides alike.
    cliRuns.push(runCli(file, queries));
    const t0 = performance.now();
    last = await report(core, p);
    coreMs.push(performance.now() - t0);
  }
  const mismatches = compareFigures(reportFigures(last!, catalog), cliRuns[0]!.figures);
  const c = last!.comparisons;
  const periodsAgree =
    c.previousPeriod.period.from === periods.previous.from &&
    c.previousPeriod.period.to === periods.previous.to &&
    c.yearBefore.period.from === periods.yearBefore.from &&
    c.yearBefore.period.to === periods.yearBefore.to &&
    last!.headline.sinceOpening.from === DATA_FROM;
  const perQuery = Object.fromEntries(Object.keys(cliRuns[0]!.perQuery).map((k) => [k, round3(median(cliRuns.map((r) => r.perQuery[k]!)))]));
  const cliMedianMs = median(cliRuns.map((r) => r.realMs));
  const coreMedianMs = median(coreMs);
  return {
    period: p,
    cliRealMs: cliRuns.map((r) => round3(r.realMs)),
    cliMedianMs: round3(cliMedianMs),
    cliProcessMedianMs: round3(median(cliRuns.map((r) => r.processMs))),
    cliPerQueryMs: perQuery,
    coreMs: coreMs.map(round3),
    coreMedianMs: round3(coreMedianMs),
    ratio: round3(coreMedianMs / cliMedianMs),
    figuresAgree: mismatches.length === 0 && periodsAgree,
    mismatches: mismatches.slice(0, 20),
    periodsAgree,
  };
}
