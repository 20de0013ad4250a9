/**
 * The report section of `npm run bench` (issue 3, "Performance"):
 *
 *  1. a database of 1,000,000 contacts over ten years (2016-12-01 … 2026-11-30), generated once through
 *     openSqlite (same schema, same migrations) with raw prepared statements, the rollups filled by
 *     `rebuildRollup`; cached under the temp folder, keyed by GENERATION_KEY, and reused by later runs;
 *  2. month and year reports through the real core (`openCore` → `handlers.getReport`);
 *  3. the same figures from hand-written GROUP BY SQL over the base tables (not the rollups), run by the
 *     `sqlite3` command-line tool on the same file; the ratio core/CLI, and whether the figures agree;
 *  4. the raw XLSX export of ≥ 100,000 contacts;
 *  5. the renderer bundle: gzip size of dist/renderer/assets, and whether chart.js is tree-shaken.
 *
 * Part 1 lives in tools/bench-reports-dataset.ts (the site it generates in bench-reports-site.ts), 2 in
 * bench-reports-timing.ts, 3 in bench-reports-baseline.ts (the CLI itself in bench-reports-sqlite-cli.ts), 4 in
 * bench-reports-xlsx.ts, 5 in bench-reports-bundle.ts; the breakdown of computeReport in bench-reports-profile.ts,
 * the bench's own period arithmetic in bench-reports-calendar.ts. This file runs them in order, prints the tables
 * and assembles the section's share of the BENCH_JSON line (`reports`).
 *
 * Options (read by tools/bench.ts): `--only-reports`, `--skip-reports`, `--reports-regenerate` (throw the
 * cached database away), `--profile-reports` (time the queries inside computeReport even when the targets are met),
 * `--skip-bundle` (no vite build).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sqliteHandle } from '../core/db/database-handle';
import { openCore } from '../core/open-core';
import { ms, round3, roundStats, table, type Stats } from './bench-common';
import { baseline, CLI_MONTH, CLI_REPEATS, CLI_YEAR, TARGET_RATIO, type Baseline } from './bench-reports-baseline';
import { benchBundle, TARGET_BUNDLE_KB, type BundleResult } from './bench-reports-bundle';
import { ensureDataset } from './bench-reports-dataset';
import { profileReport, type ProfileRow } from './bench-reports-profile';
import { DATA_FROM, DATA_TO, NOW } from './bench-reports-site';
import { findSqliteCli } from './bench-reports-sqlite-cli';
import { monthPeriods, RUNS, TARGET_MONTH_MS, TARGET_YEAR_MS, timeReports, WARMUP, yearPeriods } from './bench-reports-timing';
import { benchXlsx, TARGET_XLSX_S, XLSX_RUNS } from './bench-reports-xlsx';

export interface ReportsOptions {
  regenerate: boolean;
  profile: boolean;
  skipBundle: boolean;
  /** A scratch folder for export files; removed by the caller. */
  dir: string;
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export async function benchReports(options: ReportsOptions): Promise<Record<string, unknown>> {
  const log = (s = '') => console.log(s);
  log(
    `4. reports on 1,000,000 contacts over ten years (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')})`,
  );
  const dataset = await ensureDataset(options.regenerate, log);
  const cli = findSqliteCli(log);
  const opened = performance.now();
  const core = await openCore({ file: dataset.file, now: () => NOW });
  const openMs = performance.now() - opened;
  try {
    const catalog = await core.handlers.getCatalog({});
    const counted = sqliteHandle(core.database).sqlite.prepare('select count(*) as n, sum(voided_at is not null) as v from contacts').get() as {
      n: number;
      v: number;
    };
    log(
      `openCore on the 1M file: ${openMs.toFixed(0)} ms (rollups current, no rebuild); contacts ${counted.n.toLocaleString('en')}, voided ${counted.v.toLocaleString('en')}`,
    );

    const month = await timeReports(core, monthPeriods());
    const year = await timeReports(core, yearPeriods());
    const monthPub = await timeReports(core, monthPeriods(), true);
    const monthMet = month.stats.p95 <= TARGET_MONTH_MS;
    const yearMet = year.stats.p95 <= TARGET_YEAR_MS;
    const row = (label: string, s: Stats, target: number | null) => [
      label,
      s.n,
      ms(s.p50),
      ms(s.p95),
      ms(s.max),
      target === null ? '' : `≤ ${target}`,
      target === null ? '' : `${round3(s.p95 / target)}×, ${verdict(s.p95 <= target)}`,
    ];
    log(
      `core.handlers.getReport, ${WARMUP} warm-up then ${RUNS} runs over different periods (ms; target judged at p95; load average now ${loadavg()[0]!.toFixed(2)})`,
    );
    log(
      table(
        ['report', 'n', 'p50', 'p95', 'max', 'target', 'p95/target'],
        [
          row('month, all dimensions', month.stats, TARGET_MONTH_MS),
          row('year', year.stats, TARGET_YEAR_MS),
          row('month, publication mode (info)', monthPub.stats, null),
        ],
      ),
    );

    let baselines: { month: Baseline; year: Baseline } | null = null;
    if (cli.available) {
      baselines = { month: await baseline(core, dataset.file, CLI_MONTH, catalog), year: await baseline(core, dataset.file, CLI_YEAR, catalog) };
      log();
      log(
        `hand-written GROUP BY over contacts/contact_topics/contact_referrals in the sqlite3 CLI (${cli.version?.split(' ')[0]}; ` +
          `better-sqlite3 bundles ${(sqliteHandle(core.database).sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}), ` +
          `15 queries per report, sum of "Run Time: real", median of ${CLI_REPEATS}; core alternated with it on the same period (ms)`,
      );
      const b = baselines;
      log(
        table(
          ['period', 'CLI median', 'CLI runs', 'CLI process', 'core median', 'core/CLI', 'target', 'figures agree'],
          (['month', 'year'] as const).map((k) => [
            `${k} ${b[k].period.from}…${b[k].period.to}`,
            ms(b[k].cliMedianMs),
            b[k].cliRealMs.map((v) => v.toFixed(0)).join(' '),
            ms(b[k].cliProcessMedianMs),
            ms(b[k].coreMedianMs),
            `${b[k].ratio.toFixed(3)}×`,
            `≤ ${TARGET_RATIO}× ${verdict(b[k].ratio <= TARGET_RATIO)}`,
            b[k].figuresAgree ? 'yes' : 'NO',
          ]),
        ),
      );
      log(
        `CLI per query, median ms: month ${Object.entries(b.month.cliPerQueryMs)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')}; ` +
          `year ${Object.entries(b.year.cliPerQueryMs)
            .map(([k, v]) => `${k} ${v.toFixed(0)}`)
            .join(', ')}`,
      );
      log(
        `core p50 over ${RUNS} months / years against the CLI median: ${(month.stats.p50 / b.month.cliMedianMs).toFixed(3)}× / ${(year.stats.p50 / b.year.cliMedianMs).toFixed(3)}×`,
      );
      const agree = b.month.figuresAgree && b.year.figuresAgree;
      log(
        `figures agree: ${agree ? 'yes' : 'no'} (every figure of both reports: totals, monthly, topics as contacts and mentions, referrals, language, channel, asker, desk, theme days, heat map, cross-table, comparisons, since opening)`,
      );
      for (const m of [...b.month.mismatches, ...b.year.mismatches]) log(`  mismatch ${m}`);
    } else {
      log(`CLI baseline skipped: ${cli.note}`);
    }

    let profile: Record<string, ProfileRow[]> | undefined;
    if (options.profile || !monthMet || !yearMet || (baselines && (baselines.month.ratio > TARGET_RATIO || baselines.year.ratio > TARGET_RATIO))) {
      profile = { month: await profileReport(core, CLI_MONTH), year: await profileReport(core, CLI_YEAR) };
      for (const [k, rows] of Object.entries(profile)) {
        log();
        log(`profile of computeReport, ${k} (each statement alone via better-sqlite3, ms)`);
        log(
          table(
            ['step', 'p50', 'max', 'rows', 'plan'],
            rows.map((r) => [r.step, ms(r.p50), ms(r.max), r.rows ?? '', r.plan ?? '']),
          ),
        );
      }
    }

    log();
    const xlsx = await benchXlsx(core, options.dir);
    log(`raw XLSX export of ${xlsx.period.from} … ${xlsx.period.to} (${xlsx.contacts.toLocaleString('en')} contacts), ${XLSX_RUNS} runs (s)`);
    log(
      table(
        ['path', 'rows', 'runs', 'median', 'MB', 'target', 'median/target'],
        [
          [
            'handlers.exportReport (base64)',
            xlsx.contract.rows,
            xlsx.contract.seconds.map((s) => s.toFixed(2)).join(' '),
            xlsx.contract.medianSeconds.toFixed(2),
            xlsx.contract.megabytes,
            `≤ ${TARGET_XLSX_S}`,
            `${(xlsx.contract.medianSeconds / TARGET_XLSX_S).toFixed(2)}×`,
          ],
          [
            'writeExport → atomic file',
            xlsx.file.rows,
            xlsx.file.seconds.map((s) => s.toFixed(2)).join(' '),
            xlsx.file.medianSeconds.toFixed(2),
            xlsx.file.megabytes,
            `≤ ${TARGET_XLSX_S}`,
            `${(xlsx.file.medianSeconds / TARGET_XLSX_S).toFixed(2)}×`,
          ],
        ],
      ),
    );
    log(`XLSX: ${verdict(xlsx.met)}`);

    let bundle: BundleResult | { skipped: true } | { error: string } = { skipped: true };
    if (!options.skipBundle) {
      try {
        bundle = await benchBundle();
        log();
        log(`renderer bundle (vite build in ${bundle.buildSeconds.toFixed(1)} s; gzip by node:zlib, default level; KB = 1000 bytes)`);
        log(
          table(
            ['asset', 'bytes', 'gzip'],
            bundle.assets.map((a) => [a.file, a.bytes, a.gzipBytes]),
          ),
        );
        log(
          `total ${bundle.totalKB} KB, gzip ${bundle.totalGzipKB} KB (JS ${bundle.jsGzipKB}, CSS ${bundle.cssGzipKB}); target ≤ ${TARGET_BUNDLE_KB} KB: ` +
            `${(bundle.totalGzipKB / TARGET_BUNDLE_KB).toFixed(2)}×, ${verdict(bundle.met)}`,
        );
        const c = bundle.chartJs;
        log(
          `chart.js: used ids present ${c.usedPresent.join(', ') || 'none'}; unused controllers present: ${c.unusedControllersPresent.join(', ') || 'none'}; ` +
            `class names present: ${c.classNamesPresent.join(', ') || 'none'} → tree-shaken: ${c.treeShaken ? 'yes' : 'NO'}` +
            (c.unusedOtherPresent.length > 0 ? `; unused scales/plugins still bundled: ${c.unusedOtherPresent.join(', ')}` : ''),
        );
      } catch (err) {
        bundle = { error: (err as Error).message };
        log(`renderer bundle failed: ${(err as Error).message}`);
      }
    }
    log();

    return {
      dataset: { ...dataset, from: DATA_FROM, to: DATA_TO },
      openCoreMs: round3(openMs),
      month: { ...roundStats(month.stats), targetMs: TARGET_MONTH_MS, met: monthMet, ratioP95ToTarget: round3(month.stats.p95 / TARGET_MONTH_MS) },
      year: { ...roundStats(year.stats), targetMs: TARGET_YEAR_MS, met: yearMet, ratioP95ToTarget: round3(year.stats.p95 / TARGET_YEAR_MS) },
      monthPublication: roundStats(monthPub.stats),
      cli: {
        ...cli,
        targetRatio: TARGET_RATIO,
        ...(baselines && { month: baselines.month, year: baselines.year, figuresAgree: baselines.month.figuresAgree && baselines.year.figuresAgree }),
      },
      profile,
      xlsx,
      bundle,
    };
  } finally {
    await core.close();
  }
}
