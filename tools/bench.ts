/**
 * `npm run bench`: the figures issue 2 asks for. A script, not a test; nothing here asserts.
 *
 * Output: a readable table on stdout, then exactly one machine-readable line that starts with
 * `BENCH_JSON ` followed by a single JSON object (no line breaks inside). Extract it with
 * `npm run bench | sed -n 's/^BENCH_JSON //p'`.
 *
 * Measures, in one run:
 *  1. `core.handlers.logContact` on a fresh temp SQLite file (WAL, synchronous=FULL, as openSqlite sets);
 *  2. the same rows written with raw better-sqlite3 prepared statements on a second fresh file opened
 *     through openSqlite (identical schema and pragmas) — 1 and 2 run alternately in rounds so disk and
 *     fsync noise hits both alike; target core/raw ≤ 1.3× at p99;
 *  3. click → persisted → counter updated in headless Chromium against the real app in browser mode,
 *     timed inside the page; target p95 ≤ 50 ms;
 *  3b. (issue 11) a second window of the same desk: tap in window A → window B's counter shows the new
 *     number, pushed by the server, timed in both pages on the clock they share; target p95 ≤ 2 s.
 *
 *  4. reports (issue 3): month and year reports on a generated database of 1,000,000 contacts over ten
 *     years, against hand-written GROUP BY SQL run by the sqlite3 CLI on the same file; the raw XLSX export
 *     of 100,000 contacts; the renderer bundle's gzip size and chart.js tree-shaking (tools/bench-reports.ts).
 *     The database is generated once (about a minute) and cached in the temp folder; the JSON has it under `reports`.
 *  5. (issue 12) tap latency while long work runs in the app process: "Jetzt sichern" (backup and its
 *     verification) on a copy of that 1M database, and a 60,000-row import committing into it; taps through the
 *     real API at a steady rate, timed from when each was due; target p99 ≤ 100 ms (JSON: `tapUnderLoad`).
 *
 *  6. (issue 16) analysis: reports of a month, a year and since opening, with and without filters, and pivots,
 *     through the core against DuckDB in memory on the same 1M rows, with "figures agree" for every figure; the
 *     desk after a start, taps while the analysis structures build, and the app's resident memory (JSON: `analysis`).
 *
 * Parts 1+2 live in tools/bench-core.ts, 3 in tools/bench-ui.ts, 3b in tools/bench-second-window.ts, 5 in
 * tools/bench-tap-under-load.ts, 6 in tools/bench-analysis.ts.
 *
 * Options: `--skip-ui` skips parts 3 and 3b; `--profile` adds a breakdown of where logContact spends its time
 * (printed anyway when the p99 ratio misses its target); `--only-reports` runs part 4 alone, `--skip-reports`
 * leaves it out; `--reports-regenerate` makes the 1M database anew, `--profile-reports` times the statements
 * inside computeReport (printed anyway when a report target is missed), `--skip-bundle` leaves out the vite build;
 * `--skip-tap-load` leaves out part 5 (as does `--only-reports`), `--only-tap-load` runs it alone;
 * `--only-analysis` runs part 6 alone, `--skip-analysis` leaves it out, `--analysis-10m` adds its rows at 10,000,000
 * contacts (generated once on request, minutes), `--analysis-load=csv|appender` picks how DuckDB is loaded,
 * `--analysis-postgres` also runs the same questions on a PostgreSQL copy of the 1M rows (tools/bench-analysis-postgres.ts; JSON `analysisPostgres`).
 *
 * The machine's load average is printed too: the figures are only comparable between quiet runs, since
 * Chromium, the app server and this script share the same cores (and other work may be running).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ms, round3, roundStats, table, type Stats } from './bench-common';
import { benchCoreVsRaw, PER_ROUND, profileCore, ROUNDS, TARGET_RATIO_P99, WARMUP } from './bench-core';
import { benchAnalysis } from './bench-analysis';
import { benchAnalysisPostgres } from './bench-analysis-postgres';
import { benchReports } from './bench-reports';
import { benchTapUnderLoad } from './bench-tap-under-load';
import { benchSecondWindow, SECOND_WINDOW_TAPS, SECOND_WINDOW_WARMUP, TARGET_SECOND_WINDOW_P95_MS, type SecondWindowResult } from './bench-second-window';
import { benchUi, TARGET_UI_P95_MS, UI_CLICKS, UI_WARMUP, type UiResult } from './bench-ui';

const args = new Set(process.argv.slice(2));

// ---------------------------------------------------------------- machine

/** The file system the temp files live on: tmpfs makes fsync free and the figures meaningless for a real disk. */
function fsTypeOf(path: string): string {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' '))
      .filter((f) => f.length > 2 && path.startsWith(f[1]!))
      .sort((a, b) => b[1]!.length - a[1]!.length);
    return mounts[0] ? `${mounts[0][2]} (${mounts[0][0]} on ${mounts[0][1]})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

function machine() {
  const cpu = cpus();
  const probe = new Database(':memory:');
  const sqliteVersion = (probe.prepare('select sqlite_version() as v').get() as { v: string }).v;
  probe.close();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    /** Other work on the machine skews every figure here; this is the 1/5/15-minute load at the start. */
    loadavgAtStart: loadavg()
      .map((l) => Math.round(l * 100) / 100)
      .join(' / '),
    sqlite: sqliteVersion,
    tempDir: tmpdir(),
    tempFs: fsTypeOf(tmpdir()),
  };
}

// ---------------------------------------------------------------- part 3b

/** Part 3b, printed; its share of the JSON (`secondWindow`). */
async function runSecondWindow(dir: string) {
  let result: SecondWindowResult;
  try {
    result = await benchSecondWindow(dir);
  } catch (err) {
    console.log(`3b. second-window benchmark failed: ${(err as Error).message}`);
    console.log();
    return { error: (err as Error).message };
  }
  const { taps } = result;
  const met = taps.p95 <= TARGET_SECOND_WINDOW_P95_MS;
  console.log(
    `3b. tap in window A → window B's counter updated (pushed), two headless Chromium windows, ${SECOND_WINDOW_WARMUP} warm-up + ${SECOND_WINDOW_TAPS} taps (ms)`,
  );
  console.log(
    table(
      ['', 'n', 'p50', 'p95', 'p99', 'mean', 'max'],
      [['tap → second window', taps.n, ms(taps.p50), ms(taps.p95), ms(taps.p99), ms(taps.mean), ms(taps.max)]],
    ),
  );
  console.log(
    `p95 ${taps.p95.toFixed(1)} ms (target ≤ ${TARGET_SECOND_WINDOW_P95_MS} ms: ${met ? 'met' : 'MISSED'}); ` +
      `database holds ${result.dbNonVoided} non-voided contacts, expected ${result.expected}: ${result.ok ? 'ok' : 'MISMATCH'}`,
  );
  console.log();
  return { ...result, taps: roundStats(taps), targetP95Ms: TARGET_SECOND_WINDOW_P95_MS, targetMet: met };
}

// ---------------------------------------------------------------- main

/** Parts 1–3 (issue 2) and 3b (issue 11): the tap path, the click and the second window; returns their share of the JSON. */
async function benchDesk(dir: string) {
  const { result: cvr, core, raw } = await benchCoreVsRaw(dir);
  console.log(`1+2. logContact: core vs raw better-sqlite3 (WAL, synchronous=FULL); ${WARMUP} warm-up, then ${ROUNDS} alternating rounds of ${PER_ROUND} (ms)`);
  console.log(
    table(
      ['', 'n', 'p50', 'p95', 'p99', 'mean', 'max'],
      [
        ['core.handlers.logContact', cvr.core.n, ms(cvr.core.p50), ms(cvr.core.p95), ms(cvr.core.p99), ms(cvr.core.mean), ms(cvr.core.max)],
        ['raw better-sqlite3', cvr.raw.n, ms(cvr.raw.p50), ms(cvr.raw.p95), ms(cvr.raw.p99), ms(cvr.raw.mean), ms(cvr.raw.max)],
      ],
    ),
  );
  console.log(
    table(
      ['round', 'first', 'core p50', 'core p99', 'raw p50', 'raw p99'],
      cvr.perRound.map((r) => [r.round, r.first, ms(r.coreP50), ms(r.coreP99), ms(r.rawP50), ms(r.rawP99)]),
    ),
  );
  const ratioOk = cvr.ratioP99 <= TARGET_RATIO_P99;
  console.log(
    `ratio core/raw: p50 ${cvr.ratioP50.toFixed(2)}×, p99 ${cvr.ratioP99.toFixed(2)}× (target ≤ ${TARGET_RATIO_P99}× at p99: ${ratioOk ? 'met' : 'MISSED'})`,
  );
  console.log(`rows stored (non-voided): core ${cvr.rowsCheck.core}, raw ${cvr.rowsCheck.raw}`);
  console.log();

  let profile: { step: string; stats: Stats }[] | undefined;
  if (args.has('--profile') || !ratioOk) {
    const rows = await profileCore(core, raw);
    profile = rows.map(([step, s]) => ({ step, stats: roundStats(s) }));
    console.log('profile: pieces of logContact, each alone on the warm files (ms)');
    console.log(
      table(
        ['step', 'p50', 'p99', 'mean'],
        rows.map(([step, s]) => [step, ms(s.p50), ms(s.p99), ms(s.mean)]),
      ),
    );
    console.log();
  }
  await core.close();
  await raw.close();

  let ui: UiResult | { skipped: true } | { error: string } = { skipped: true };
  if (!args.has('--skip-ui')) {
    try {
      ui = await benchUi(dir);
      console.log(`3. click → persisted → counter updated, headless Chromium 1366×768, ${UI_WARMUP} warm-up + ${UI_CLICKS} clicks (ms)`);
      console.log(
        table(
          ['', 'n', 'p50', 'p95', 'p99', 'mean', 'max'],
          [
            ['click → counter', ui.clicks.n, ms(ui.clicks.p50), ms(ui.clicks.p95), ms(ui.clicks.p99), ms(ui.clicks.mean), ms(ui.clicks.max)],
            ...(
              [
                ['  of which HTTP exchange', ui.http],
                ['  of which page (JS, render)', ui.page],
              ] as const
            ).flatMap(([label, s]) => (s ? [[label, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.mean), ms(s.max)]] : [])),
          ],
        ),
      );
      console.log(
        `p95 ${ui.clicks.p95.toFixed(1)} ms (target ≤ ${TARGET_UI_P95_MS} ms: ${ui.clicks.p95 <= TARGET_UI_P95_MS ? 'met' : 'MISSED'}); ` +
          `database holds ${ui.dbNonVoided} non-voided contacts, expected ${ui.expected}: ${ui.ok ? 'ok' : 'MISMATCH'}; ` +
          `load average ${ui.loadavg1.before.toFixed(2)} → ${ui.loadavg1.after.toFixed(2)} on ${cpus().length} cores`,
      );
      console.log(
        `p50 of clicks 1–50: ${ui.trend.first50P50.toFixed(1)} ms, of clicks ${UI_CLICKS - 49}–${UI_CLICKS}: ${ui.trend.last50P50.toFixed(1)} ms ` +
          `(today's list holds ${UI_WARMUP}…${UI_WARMUP + UI_CLICKS} rows meanwhile)`,
      );
    } catch (err) {
      ui = { error: (err as Error).message };
      console.log(`3. click benchmark failed: ${(err as Error).message}`);
    }
    console.log();
  }
  const secondWindow = args.has('--skip-ui') ? { skipped: true } : await runSecondWindow(dir);

  return {
    logContact: {
      warmup: WARMUP,
      rounds: ROUNDS,
      perRound: PER_ROUND,
      core: roundStats(cvr.core),
      raw: roundStats(cvr.raw),
      ratioP50: round3(cvr.ratioP50),
      ratioP99: round3(cvr.ratioP99),
      targetRatioP99: TARGET_RATIO_P99,
      ratioTargetMet: ratioOk,
      roundDetail: cvr.perRound.map((r) => ({
        ...r,
        coreP50: round3(r.coreP50),
        coreP99: round3(r.coreP99),
        rawP50: round3(r.rawP50),
        rawP99: round3(r.rawP99),
      })),
      rowsCheck: cvr.rowsCheck,
      profile,
    },
    click:
      'clicks' in ui
        ? {
            ...ui,
            clicks: roundStats(ui.clicks),
            http: ui.http && roundStats(ui.http),
            page: ui.page && roundStats(ui.page),
            targetP95Ms: TARGET_UI_P95_MS,
            targetMet: ui.clicks.p95 <= TARGET_UI_P95_MS,
          }
        : ui,
    secondWindow,
  };
}

async function main() {
  const facts = machine();
  console.log('Kontaktdesk benchmark');
  console.log(
    table(
      ['fact', 'value'],
      Object.entries(facts).map(([k, v]) => [k, String(v)]),
    ),
  );
  console.log();

  const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-bench-'));
  try {
    const onlyTapLoad = args.has('--only-tap-load');
    const onlyAnalysis = args.has('--only-analysis');
    const desk = args.has('--only-reports') || onlyTapLoad || onlyAnalysis ? {} : await benchDesk(dir);
    const reports =
      args.has('--skip-reports') || onlyTapLoad || onlyAnalysis
        ? { skipped: true }
        : await benchReports({
            dir,
            regenerate: args.has('--reports-regenerate'),
            profile: args.has('--profile-reports'),
            skipBundle: args.has('--skip-bundle'),
          });
    const tapUnderLoad =
      args.has('--skip-tap-load') || args.has('--only-reports') || onlyAnalysis
        ? { skipped: true }
        : await benchTapUnderLoad(dir).catch((err: Error) => {
            console.log(`5. tap-under-load benchmark failed: ${err.message}`);
            return { error: err.message };
          });
    const analysis =
      args.has('--skip-analysis') || args.has('--only-reports') || onlyTapLoad
        ? { skipped: true }
        : await benchAnalysis({
            dir,
            tenMillion: args.has('--analysis-10m'),
            loadRoute: args.has('--analysis-load=appender') ? 'appender' : 'csv',
          }).catch((err: Error) => {
            console.log(`6. analysis benchmark failed: ${err.stack ?? err.message}`);
            return { error: err.message };
          });
    // The same questions on a PostgreSQL copy of the 1M rows: figures without targets (minutes: COPY into a temp server).
    const analysisPostgres = args.has('--analysis-postgres')
      ? await benchAnalysisPostgres().catch((err: Error) => {
          console.log(`6b. PostgreSQL analysis benchmark failed: ${err.message}`);
          return { error: err.message };
        })
      : { skipped: true };
    const json = { machine: facts, ...desk, reports, tapUnderLoad, analysis, analysisPostgres };
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
