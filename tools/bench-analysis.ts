/**
 * The analysis section of `npm run bench` (issue 16, "Speed (the moonshot)"): the core against DuckDB 1.5 in
 * memory (`@duckdb/node-api`, a dev dependency used only here) on the same rows, the bench's cached
 * 1,000,000 contacts over ten years (tools/bench-reports-dataset.ts).
 *
 *  1. DuckDB: the counting contacts, their topics and referrals loaded into `:memory:` (tools/bench-analysis-duckdb.ts;
 *     load time reported);
 *  2. the issue's eight rows (tools/bench-analysis-cases.ts): reports for a month, a year and since opening, without
 *     and with 1–2 filters, and two-dimension pivots — the core's `handlers.getReport` / `getPivot` against DuckDB SQL
 *     for the same twelve breakdowns (and the topic × referral cross table), the core's runs of every row first, then DuckDB's, over different
 *     periods and filters; p50/p95 of each, the ratio core/DuckDB at p95, the target, and whether every figure of
 *     every breakdown agrees in every run;
 *  2b. publication mode (issue 17, tools/bench-analysis-publication.ts): five of those rows asked with and without
 *     `publication: true` (the cell-key method) in turn, p50/p95 of each and their ratio, target ≤ 1.2×;
 *  3. in a child process of its own (tools/bench-analysis-child.ts), on a copy of the file: the desk after a start
 *     (open → tap stored → listDay answers, target ≤ 1 s), taps while the first filtered report builds what it needs,
 *     and the app's resident memory after all rows (target ≤ 300 MB) — without DuckDB in the process;
 *  4. with `--analysis-10m`: since opening at 10,000,000 contacts (generated once on request and cached beside the
 *     1M file; minutes), targets ≤ 100 ms unfiltered and ≤ 800 ms filtered.
 *
 * Options (read by tools/bench.ts): `--only-analysis`, `--skip-analysis`, `--analysis-10m`,
 * `--analysis-load=csv|appender` (how the rows reach DuckDB; CSV by default, see tools/bench-analysis-duckdb.ts).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore, type Core } from '../core/open-core';
import { projectRoot } from '../scripts/paths';
import {
  ANALYSIS_RUNS,
  ANALYSIS_WARMUP,
  analysisCases,
  compareFigures,
  describeRun,
  PLAIN_REPORT,
  pivotFigures,
  reportFigures,
  tenMillionCases,
  type AnalysisCase,
} from './bench-analysis-cases';
import { duckPivot, duckReport, loadDuckDb, type DuckSide, type LoadRoute } from './bench-analysis-duckdb';
import { printPublication, timePublication, PUBLICATION_TARGET_RATIO } from './bench-analysis-publication';
import { countedContactsIn, ms, round3, roundStats, stats, table, type Stats } from './bench-common';
import { ensureDataset } from './bench-reports-dataset';
import { DATA_FROM, DATA_TO, NOW } from './bench-reports-site';

export const TARGET_RSS_MB = 300;
export const TARGET_DESK_READY_MS = 1000;
/** Tap p99 while the analysis structures build: part 5's target for taps under long work (tools/bench-tap-under-load.ts). */
export const TARGET_TAP_WHILE_BUILDING_P99_MS = 100;
const TEN_MILLION = 10_000_000;

export interface AnalysisOptions {
  /** A scratch folder (the desk's copy of the file goes there); removed by the caller. */
  dir: string;
  tenMillion: boolean;
  loadRoute: LoadRoute;
}

export interface CaseResult {
  id: string;
  label: string;
  runs: number;
  core: Stats | null;
  duckdb: Stats;
  /** Core p95 / DuckDB p95; below 1 means the core was faster. */
  ratioP95: number | null;
  targetMs: number;
  withinTarget: boolean;
  fasterThanDuckDb: boolean;
  /** p95 within the target, faster than DuckDB in the same run, and every figure agreeing. */
  met: boolean;
  figuresAgree: boolean;
  comparedRuns: number;
  disagreeingRuns: number;
  mismatches: string[];
  /** Why the core side has no figures (e.g. a method that is not built yet). */
  coreError?: string;
  /** Filtered runs whose report did not carry the filter back (`Report.filters` empty): the core ignored it. */
  filtersIgnored?: number;
}

/** The core's answer to one run; turned into Figures by the caller, outside the timed part. */
async function coreAnswer(core: Core, run: AnalysisCase['runs'][number]) {
  if (run.pivot) return { pivot: await core.handlers.getPivot({ from: run.from, to: run.to, ...run.pivot, filters: run.filters, publication: false }) };
  return { report: await core.handlers.getReport({ from: run.from, to: run.to, ...PLAIN_REPORT, filters: run.filters }) };
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

type CoreFigures = Awaited<ReturnType<typeof pivotFigures>> | (ReturnType<typeof reportFigures> & { filtersCarried: boolean });

/** One row's core side: every run timed (after the warm-up), every answer's figures kept for the comparison. */
interface CoreSide {
  ms: number[];
  answers: (CoreFigures | null)[];
  error?: string;
}

/**
 * The core's runs of one row. All rows' core runs come before DuckDB is even loaded: DuckDB's threads, its
 * hundreds of megabytes and the garbage of its result objects would otherwise land in the core's timings.
 */
async function timeCore(core: Core, c: AnalysisCase): Promise<CoreSide> {
  const side: CoreSide = { ms: [], answers: [] };
  collectGarbage();
  for (const [i, run] of c.runs.entries()) {
    if (side.error) {
      side.answers.push(null);
      continue;
    }
    try {
      const t0 = performance.now();
      const answer = await coreAnswer(core, run);
      if (i >= ANALYSIS_WARMUP) side.ms.push(performance.now() - t0);
      side.answers.push(
        answer.pivot
          ? pivotFigures(answer.pivot)
          : Object.assign(reportFigures(answer.report!), { filtersCarried: answer.report!.filters.length === run.filters.length }),
      );
    } catch (err) {
      side.error = (err as Error).message;
      side.answers.push(null);
    }
  }
  return side;
}

/** One row: DuckDB's runs on the same periods and filters (on a clean heap), then every run's figures compared with the core's. */
async function timeCase(core: CoreSide, duck: DuckSide, c: AnalysisCase): Promise<CaseResult> {
  const coreMs = core.ms;
  const duckMs: number[] = [];
  const mismatches: string[] = [];
  let compared = 0;
  let disagreeing = 0;
  let filtersIgnored = 0;
  const coreError = core.error;
  const coreAnswers = core.answers;
  collectGarbage();
  const duckAnswers = [];
  for (const [i, run] of c.runs.entries()) {
    const t0 = performance.now();
    duckAnswers.push(
      run.pivot
        ? await duckPivot(duck.connection, run.from, run.to, run.pivot.rows, run.pivot.columns, run.filters)
        : await duckReport(duck.connection, run.from, run.to, run.filters),
    );
    if (i >= ANALYSIS_WARMUP) duckMs.push(performance.now() - t0);
  }
  for (const [i, run] of c.runs.entries()) {
    const coreFigures = coreAnswers[i];
    const duckFigures = duckAnswers[i]!;
    if (!coreFigures) continue;
    compared++;
    if ('filtersCarried' in coreFigures && !coreFigures.filtersCarried) filtersIgnored++;
    const differ = compareFigures(coreFigures, duckFigures);
    if (differ.length) {
      disagreeing++;
      if (mismatches.length < 10) mismatches.push(...differ.slice(0, 10 - mismatches.length).map((m) => `${describeRun(run)}: ${m}`));
    }
  }
  const coreStats = coreMs.length ? roundStats(stats(coreMs)) : null;
  const duckStats = roundStats(stats(duckMs));
  const ratio = coreStats ? round3(coreStats.p95 / duckStats.p95) : null;
  return {
    id: c.id,
    label: c.label,
    runs: duckMs.length,
    core: coreStats,
    duckdb: duckStats,
    ratioP95: ratio,
    targetMs: c.targetMs,
    withinTarget: coreStats !== null && coreStats.p95 <= c.targetMs,
    fasterThanDuckDb: ratio !== null && ratio < 1,
    met: coreStats !== null && coreStats.p95 <= c.targetMs && ratio! < 1 && disagreeing === 0,
    figuresAgree: compared === c.runs.length && disagreeing === 0,
    comparedRuns: compared,
    disagreeingRuns: disagreeing,
    mismatches,
    ...(coreError ? { coreError } : {}),
    ...(filtersIgnored ? { filtersIgnored } : {}),
  };
}

function printCases(results: CaseResult[]) {
  console.log(
    table(
      ['case', 'core p50', 'core p95', 'DuckDB p50', 'DuckDB p95', 'core/DuckDB', 'target', 'met', 'figures agree'],
      results.map((r) => [
        r.label,
        r.core ? ms(r.core.p50) : '–',
        r.core ? ms(r.core.p95) : '–',
        ms(r.duckdb.p50),
        ms(r.duckdb.p95),
        r.ratioP95 === null ? '–' : `${r.ratioP95.toFixed(2)}×`,
        `≤ ${r.targetMs}`,
        r.met ? 'yes' : !r.core ? 'NO (no answer)' : r.core.p95 > r.targetMs ? 'NO' : r.ratioP95! >= 1 ? 'NO (slower than DuckDB)' : 'NO (figures)',
        r.figuresAgree ? 'yes' : r.comparedRuns === 0 ? '–' : `NO (${r.disagreeingRuns} of ${r.comparedRuns} runs)`,
      ]),
    ),
  );
  for (const r of results) {
    if (r.coreError) console.log(`  ${r.label}: the core failed: ${r.coreError}`);
    if (r.filtersIgnored)
      console.log(`  ${r.label}: ${r.filtersIgnored} of ${r.comparedRuns} reports came back without their filter (filters ignored by the core)`);
    for (const m of r.mismatches.slice(0, 5)) console.log(`  ${r.label} mismatch: ${m}`);
  }
}

/** The rows of one dataset: DuckDB loaded beside an open core, every case timed, DuckDB closed again. */
async function runDataset(file: string, cases: (core: Core) => Promise<AnalysisCase[]>, route: LoadRoute) {
  const opened = performance.now();
  const core = await openCore({ file, now: () => NOW });
  const openMs = performance.now() - opened;
  let duck: DuckSide | null = null;
  try {
    // The core may build its analysis structures after opening; the first filtered report waits for them. Timed
    // once here, so that no row's runs mix the path used while they build with the one used after.
    const primed = performance.now();
    await core.handlers.getReport({ from: DATA_FROM, to: DATA_TO, ...PLAIN_REPORT, filters: [{ dimension: 'channel', values: ['email'], exclude: false }] });
    const firstFilteredMs = performance.now() - primed;
    console.log(`first filtered report since opening (waits for whatever the core builds for analysis): ${firstFilteredMs.toFixed(0)} ms`);
    const rows = await cases(core);
    const coreSides: CoreSide[] = [];
    for (const c of rows) coreSides.push(await timeCore(core, c));
    // Publication mode (issue 17) against the same questions without it, still before DuckDB is loaded.
    const publication = await timePublication(core, rows);
    duck = await loadDuckDb(file, route);
    const counted = countedContactsIn(file);
    console.log(
      `openCore ${openMs.toFixed(0)} ms; DuckDB in memory loaded in ${(duck.loadMs / 1000).toFixed(1)} s through the ${route} ` +
        `(${duck.rows.contacts.toLocaleString('en')} counting contacts${duck.rows.contacts === counted ? '' : ` — the file holds ${counted}: MISMATCH`}, ` +
        `${duck.rows.contactTopics.toLocaleString('en')} topic rows, ${duck.rows.contactReferrals.toLocaleString('en')} referral rows)`,
    );
    const results: CaseResult[] = [];
    for (const [i, c] of rows.entries()) {
      const r = await timeCase(coreSides[i]!, duck, c);
      results.push(r);
      // A line per row as it ends: the whole table only comes after the last.
      console.log(`  … ${r.label}: core p95 ${r.core ? ms(r.core.p95) : '–'}, DuckDB p95 ${ms(r.duckdb.p95)} (load average ${loadavg()[0]!.toFixed(2)})`);
    }
    const rssWithDuckMB = Math.round(process.memoryUsage().rss / 1e5) / 10;
    return {
      openMs: round3(openMs),
      duckLoadMs: round3(duck.loadMs),
      duckRows: duck.rows,
      firstFilteredMs: round3(firstFilteredMs),
      results,
      publication,
      rssWithDuckMB,
    };
  } finally {
    duck?.close();
    await core.close();
  }
}

/** The app alone in a child process: desk after a start, taps while the structures build, memory after all rows. */
function runChild(file: string, dir: string): Record<string, unknown> {
  const copy = join(dir, 'analysis-desk.sqlite');
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(projectRoot, 'tools', 'bench-analysis-child.ts'), copy], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('ANALYSIS_CHILD '));
  if (!line) return { error: `child failed (exit ${child.status}): ${(child.stderr || child.stdout).slice(-2000)}` };
  return JSON.parse(line.slice('ANALYSIS_CHILD '.length)) as Record<string, unknown>;
}

interface ChildResult {
  desk: { openMs: number; tapMs: number; listDayMs: number; readyMs: number; todayCount: number; listDayCount: number; listDayHoldsTap: boolean };
  firstFilteredReportMs: number;
  tapEveryMs: number;
  tapsWhileBuilding: Stats | null;
  tapsAfter: Stats | null;
  failedTaps: number;
  rssMB: { atStart: number; afterOpen: number; afterFirstFiltered: number; afterAllCases: number; afterCollection: number };
  caseFailures: string[];
}

function printChild(r: ChildResult) {
  const d = r.desk;
  const deskMet = d.readyMs <= TARGET_DESK_READY_MS && d.listDayHoldsTap;
  console.log(
    `desk after a start (copy of the file, own process): openCore ${d.openMs.toFixed(0)} ms, first tap stored ${d.tapMs.toFixed(1)} ms later, ` +
      `listDay ${d.listDayMs.toFixed(1)} ms (holds the tap: ${d.listDayHoldsTap ? 'yes' : 'NO'}, today ${d.listDayCount}); ` +
      `ready in ${d.readyMs.toFixed(0)} ms (target ≤ ${TARGET_DESK_READY_MS} ms: ${deskMet ? 'met' : 'MISSED'})`,
  );
  const w = r.tapsWhileBuilding;
  const a = r.tapsAfter;
  const tapMet = w !== null && w.p99 <= TARGET_TAP_WHILE_BUILDING_P99_MS && r.failedTaps === 0;
  console.log(
    `taps every ${r.tapEveryMs} ms while the first filtered report after the start runs (${r.firstFilteredReportMs.toFixed(0)} ms, builds what analysis needs): ` +
      (w ? `n ${w.n}, p50 ${ms(w.p50)}, p99 ${ms(w.p99)}, max ${ms(w.max)}` : 'none due') +
      `; afterwards ${a ? `p50 ${ms(a.p50)}, p99 ${ms(a.p99)}` : '–'}` +
      `${w && a ? `, ratio p99 ${(w.p99 / a.p99).toFixed(2)}×` : ''}; failed ${r.failedTaps} ` +
      `(target p99 ≤ ${TARGET_TAP_WHILE_BUILDING_P99_MS} ms: ${tapMet ? 'met' : 'MISSED'})`,
  );
  const rssMet = r.rssMB.afterAllCases <= TARGET_RSS_MB;
  console.log(
    `resident memory of the app process (no DuckDB in it): ${r.rssMB.afterOpen} MB after open, ${r.rssMB.afterFirstFiltered} MB after the first filtered report, ` +
      `${r.rssMB.afterAllCases} MB after every row's reports and pivots (target ≤ ${TARGET_RSS_MB} MB: ${rssMet ? 'met' : 'MISSED'}), ` +
      `${r.rssMB.afterCollection} MB once their garbage is collected`,
  );
  for (const f of r.caseFailures) console.log(`  in the child: ${f}`);
  return { deskMet, tapMet, rssMet };
}

/** The section, printed; its share of the JSON (`analysis`). */
export async function benchAnalysis(options: AnalysisOptions): Promise<Record<string, unknown>> {
  const log = (s = '') => console.log(s);
  log(
    `6. analysis (issue 16): the core against DuckDB in memory on the same rows; ${ANALYSIS_WARMUP} warm-up + ${ANALYSIS_RUNS} runs per row over ` +
      `different periods and filters, every row's core runs first, then DuckDB loaded and its runs (ms); load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}`,
  );
  const dataset = await ensureDataset(false, log);
  const oneMillion = await runDataset(dataset.file, async (core) => analysisCases(await core.handlers.getCatalog({})), options.loadRoute);
  printCases(oneMillion.results);
  printPublication(oneMillion.publication);
  const publicationMet = oneMillion.publication.length > 0 && oneMillion.publication.every((r) => r.met);
  log(`publication within ${PUBLICATION_TARGET_RATIO}× of the same questions without it: ${publicationMet ? 'met' : 'NOT met'}`);
  log(`(main process with core and DuckDB together: ${oneMillion.rssWithDuckMB} MB resident; information only)`);

  const child = runChild(dataset.file, options.dir);
  const childVerdicts = 'error' in child ? null : printChild(child as unknown as ChildResult);
  if ('error' in child) log(`desk/memory child: ${String(child.error)}`);

  let tenMillion: Record<string, unknown> = { skipped: true };
  if (options.tenMillion) {
    log();
    log('at 10,000,000 contacts (--analysis-10m)');
    const big = await ensureDataset(false, log, TEN_MILLION);
    const run = await runDataset(big.file, async (core) => tenMillionCases(await core.handlers.getCatalog({})), options.loadRoute);
    printCases(run.results);
    tenMillion = { file: big.file, contacts: big.contacts, ...run };
  }
  const allMet = oneMillion.results.every((r) => r.met) && childVerdicts !== null && Object.values(childVerdicts).every(Boolean);
  log(`analysis targets: ${allMet ? 'all met' : 'not all met'}; figures agree in every row: ${oneMillion.results.every((r) => r.figuresAgree) ? 'yes' : 'no'}`);
  log();
  return {
    dataset: { file: dataset.file, contacts: dataset.contacts, key: dataset.key },
    warmup: ANALYSIS_WARMUP,
    runs: ANALYSIS_RUNS,
    loadRoute: options.loadRoute,
    ...oneMillion,
    app: {
      ...child,
      targets: { rssMB: TARGET_RSS_MB, deskReadyMs: TARGET_DESK_READY_MS, tapWhileBuildingP99Ms: TARGET_TAP_WHILE_BUILDING_P99_MS },
      verdicts: childVerdicts,
    },
    tenMillion,
    allTargetsMet: allMet,
    publicationTargetRatio: PUBLICATION_TARGET_RATIO,
    publicationTargetsMet: publicationMet,
  };
}
