/**
 * The analysis bench on PostgreSQL (issue 16, "Speed": "On PostgreSQL the same filters must work; quote its figures
 * without targets"): the same 1,000,000 contacts as the SQLite bench file, the same rows (tools/bench-analysis-cases.ts),
 * timed through the real handlers of a core opened on a throw-away PostgreSQL 15 server.
 *
 *  1. load: a core opened on an empty database creates the schema (migrations); its seeded catalog and settings are
 *     replaced by the file's rows, streamed as CSV into `COPY … FROM STDIN` through `psql` (the server's own client;
 *     the `pg` driver cannot COPY without an extra package). Ids are kept, sequences set after, the change-log
 *     triggers (migration 0011) are off during the load so the log does not fill with 2.7M rows, the rollups are
 *     rebuilt by `rebuildRollup` and the tables vacuumed and analysed as a site's autovacuum would have left them;
 *  2. a fresh core: how long its analysis store takes to load (PostgreSQL is read through Kysely, in slices);
 *  3. every run of every row through `handlers.getReport` / `getPivot` (warm-up runs first, p50/p95 of the rest);
 *  4. the same runs through a core on a copy of the SQLite file: every figure of every breakdown must agree.
 *
 * Usage: node --import tsx tools/bench-analysis-postgres.ts (prints a table and one line `ANALYSIS_POSTGRES {json}`).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { openCore, type Core } from '../core/open-core';
import { COPIED_TABLES } from '../core/db/tables';
import { rebuildRollup, ROLLUP_VERSION } from '../core/rollups/rollup';
import { LOGGED_TABLES } from '../migrations/0011-contact-changes';
import { postgresBinDir } from '../scripts/system-packages';
import {
  ANALYSIS_RUNS,
  ANALYSIS_WARMUP,
  analysisCases,
  compareFigures,
  describeRun,
  PLAIN_REPORT,
  pivotFigures,
  reportFigures,
  type AnalysisRun,
} from './bench-analysis-cases';
import type { Figures } from './bench-analysis-duckdb';
import { ms, round3, roundStats, stats, table, type Stats } from './bench-common';
import { ensureDataset } from './bench-reports-dataset';
import { DATA_FROM, DATA_TO, NOW } from './bench-reports-site';
import { createDatabase, startTempPostgres } from './postgres-server';

type Log = (s?: string) => void;

/** The rollups are recounted on the server rather than copied: PostgreSQL's own GROUP BY is part of what a move costs. */
const ROLLUP_TABLES = new Set(['rollup_daily', 'rollup_hourly']);
const LOADED_TABLES = COPIED_TABLES.filter((t) => !ROLLUP_TABLES.has(t));
/** Rows per write to psql's stdin. */
const CSV_CHUNK = 10_000;

const seconds = (since: number) => round3((performance.now() - since) / 1000);
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One value in PostgreSQL's CSV: NULL unquoted and empty, text quoted (so '' stays an empty string), numbers as they are. */
function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return `"${v.replaceAll('"', '""')}"`;
  throw new Error(`cannot copy a value of type ${typeof v}`);
}

/** Streams `rows` into `table (columns)` with `COPY … FROM STDIN` through psql; the row count. */
async function copyInto(psql: string, url: string, tableName: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
  const statement = `copy ${quoted(tableName)} (${columns.map(quoted).join(', ')}) from stdin with (format csv)`;
  const child = spawn(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  child.stdin.on('error', () => undefined); // psql gone early: its exit code and stderr say why
  const exited = new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', done);
  });
  let count = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length && !child.stdin.write(lines.join(''))) await Promise.race([once(child.stdin, 'drain'), exited]);
    lines = [];
  };
  for (const row of rows) {
    lines.push(`${row.map(csvValue).join(',')}\n`);
    if (++count % CSV_CHUNK === 0) await flush();
  }
  await flush();
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`COPY into ${tableName} failed (psql exit ${code}): ${stderr.trim()}`);
  return count;
}

async function postgresColumns(db: Kysely<any>, tableName: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${tableName} order by ordinal_position`.execute(db);
  return rows.map((r) => r.column_name);
}

export interface PostgresLoad {
  tables: Record<string, { rows: number; seconds: number }>;
  copySeconds: number;
  rollupSeconds: number;
  vacuumSeconds: number;
  totalSeconds: number;
}

/** Step 1: the file's rows into the (migrated, seeded) database at `url`, ids kept; see the header. */
async function loadFromSqlite(url: string, file: string, log: Log): Promise<PostgresLoad> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries not found');
  const psql = join(bin, 'psql');
  const started = performance.now();
  const core = await openCore({ postgres: url, now: () => NOW });
  const sqlite = new Database(file, { readonly: true });
  try {
    await core.context.analysis.start(); // the empty database's store, so that nothing reads while the rows arrive
    const db = core.database.db as Kysely<any>;
    await sql.raw(`truncate table ${LOADED_TABLES.map(quoted).join(', ')}, contact_changes restart identity cascade`).execute(db);
    for (const [t] of LOGGED_TABLES) await sql.raw(`alter table ${quoted(t)} disable trigger user`).execute(db);
    const tables: PostgresLoad['tables'] = {};
    try {
      for (const t of LOADED_TABLES) {
        const inFile = new Set((sqlite.prepare(`pragma table_info(${quoted(t)})`).all() as { name: string }[]).map((c) => c.name));
        const columns = (await postgresColumns(db, t)).filter((c) => inFile.has(c));
        if (!columns.length) continue;
        const t0 = performance.now();
        const rows = sqlite
          .prepare(`select ${columns.map(quoted).join(', ')} from ${quoted(t)}`)
          .raw()
          .iterate() as Iterable<unknown[]>;
        const n = await copyInto(psql, url, t, columns, rows);
        tables[t] = { rows: n, seconds: seconds(t0) };
        if (n >= 100_000) log(`  … COPY ${t}: ${n.toLocaleString('en')} rows in ${tables[t].seconds.toFixed(1)} s`);
      }
    } finally {
      for (const [t] of LOGGED_TABLES) await sql.raw(`alter table ${quoted(t)} enable trigger user`).execute(db);
    }
    for (const t of LOADED_TABLES) {
      if (!(await postgresColumns(db, t)).includes('id')) continue;
      await sql.raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select coalesce(max(id), 0) + 1 from ${quoted(t)}), false)`).execute(db);
    }
    const copySeconds = round3(Object.values(tables).reduce((s, x) => s + x.seconds, 0));
    await sql`analyze`.execute(db);
    const rolled = performance.now();
    await db.transaction().execute(async (trx) => {
      await rebuildRollup(trx);
      await sql`insert into settings (key, value) values ('rollupVersion', ${String(ROLLUP_VERSION)})
        on conflict (key) do update set value = excluded.value`.execute(trx);
    });
    const rollupSeconds = seconds(rolled);
    await sql`truncate table contact_changes`.execute(db); // no store may replay the load row by row
    const vacuumed = performance.now();
    await sql`vacuum analyze`.execute(db);
    return { tables, copySeconds, rollupSeconds, vacuumSeconds: seconds(vacuumed), totalSeconds: seconds(started) };
  } finally {
    sqlite.close();
    await core.close();
  }
}

interface Answer {
  figures: Figures;
  /** The whole answer, to tell "identical" from "same figures". */
  json: string;
  filtersCarried: boolean;
}

async function answer(core: Core, run: AnalysisRun): Promise<{ ms: number; answer: Answer }> {
  const t0 = performance.now();
  const result = run.pivot
    ? { pivot: await core.handlers.getPivot({ from: run.from, to: run.to, ...run.pivot, filters: run.filters, publication: false }) }
    : { report: await core.handlers.getReport({ from: run.from, to: run.to, ...PLAIN_REPORT, filters: run.filters }) };
  const took = performance.now() - t0;
  const figures = result.pivot ? pivotFigures(result.pivot) : reportFigures(result.report!);
  const filtersCarried = result.pivot ? true : result.report!.filters.length === run.filters.length;
  return { ms: took, answer: { figures, json: JSON.stringify(result), filtersCarried } };
}

export interface PostgresCaseResult {
  id: string;
  label: string;
  runs: number;
  postgres: Stats | null;
  error?: string;
  figuresAgree: boolean;
  comparedRuns: number;
  disagreeingRuns: number;
  /** Runs whose whole answer (labels, order, every field) equals the SQLite core's, beyond the compared figures. */
  identicalAnswers: number;
  filtersIgnored: number;
  mismatches: string[];
}

/** Opens a core on a copy of the SQLite file (opening may migrate; the cached file stays as it is). */
async function sqliteReference(file: string, dir: string): Promise<Core> {
  const copy = join(dir, 'reference.sqlite');
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const core = await openCore({ file: copy, now: () => NOW });
  await core.context.analysis.start();
  return core;
}

function printCases(log: Log, results: PostgresCaseResult[]) {
  log(
    table(
      ['case', 'PostgreSQL p50', 'PostgreSQL p95', 'runs', 'figures agree with SQLite', 'identical answers'],
      results.map((r) => [
        r.label,
        r.postgres ? ms(r.postgres.p50) : '–',
        r.postgres ? ms(r.postgres.p95) : '–',
        r.postgres ? r.postgres.n : 0,
        r.figuresAgree ? 'yes' : `NO (${r.disagreeingRuns} of ${r.comparedRuns} runs)`,
        `${r.identicalAnswers} of ${r.comparedRuns}`,
      ]),
    ),
  );
  for (const r of results) {
    if (r.error) log(`  ${r.label}: PostgreSQL failed: ${r.error}`);
    if (r.filtersIgnored) log(`  ${r.label}: ${r.filtersIgnored} reports came back without their filter`);
    for (const m of r.mismatches.slice(0, 5)) log(`  ${r.label} mismatch: ${m}`);
  }
}

/** The PostgreSQL share of the analysis bench, printed; its JSON. */
export async function benchAnalysisPostgres(log: Log = (s = '') => console.log(s)): Promise<Record<string, unknown>> {
  log(
    `analysis on PostgreSQL (issue 16; figures without targets): ${ANALYSIS_WARMUP} warm-up + ${ANALYSIS_RUNS} runs per row, ms; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}`,
  );
  const dataset = await ensureDataset(false, log);
  const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-bench-pg-'));
  const server = await startTempPostgres({ durable: false });
  const cores: Core[] = [];
  try {
    const database = await createDatabase(server.url, 'analysis_bench');
    log(`loading ${dataset.contacts.toLocaleString('en')} contacts from ${dataset.file} into PostgreSQL (COPY through psql)…`);
    const load = await loadFromSqlite(database.url, dataset.file, log);
    log(
      `loaded in ${load.totalSeconds.toFixed(1)} s: COPY ${load.copySeconds.toFixed(1)} s, rollups rebuilt ${load.rollupSeconds.toFixed(1)} s, ` +
        `vacuum analyze ${load.vacuumSeconds.toFixed(1)} s`,
    );

    const opened = performance.now();
    const pgCore = await openCore({ postgres: database.url, now: () => NOW });
    cores.push(pgCore);
    const openMs = performance.now() - opened;
    await pgCore.context.analysis.start();
    const storeLoadMs = performance.now() - opened;
    const store = pgCore.context.analysis.size;
    log(
      `fresh core on PostgreSQL: openCore ${openMs.toFixed(0)} ms; analysis store loaded (Kysely, in slices) ${(storeLoadMs / 1000).toFixed(1)} s after open ` +
        `(${store.contacts.toLocaleString('en')} contacts, ${(store.bytes / 1e6).toFixed(1)} MB)`,
    );
    const primed = performance.now();
    await pgCore.handlers.getReport({
      from: DATA_FROM,
      to: DATA_TO,
      ...PLAIN_REPORT,
      filters: [{ dimension: 'channel', values: ['email'], exclude: false }],
    });
    const firstFilteredMs = performance.now() - primed;

    // PostgreSQL alone while it is timed; the SQLite core's answers come after, untimed.
    const cases = analysisCases(await pgCore.handlers.getCatalog({}));
    const timed = [];
    for (const c of cases) {
      const samples: number[] = [];
      const answers: (Answer | null)[] = [];
      let error: string | undefined;
      for (const [i, run] of c.runs.entries()) {
        try {
          const r = await answer(pgCore, run);
          if (i >= ANALYSIS_WARMUP) samples.push(r.ms);
          answers.push(r.answer);
        } catch (err) {
          error = (err as Error).message;
          break;
        }
      }
      const s = samples.length ? roundStats(stats(samples)) : null;
      log(`  … ${c.label}: PostgreSQL p95 ${s ? ms(s.p95) : '–'} (load average ${loadavg()[0]!.toFixed(2)})`);
      timed.push({ c, stats: s, answers, error });
    }

    log('the same runs through a core on a copy of the SQLite file, for the comparison…');
    const sqliteCore = await sqliteReference(dataset.file, dir);
    cores.push(sqliteCore);
    const results: PostgresCaseResult[] = [];
    for (const { c, stats: s, answers, error } of timed) {
      const mismatches: string[] = [];
      let disagreeing = 0;
      let identical = 0;
      let filtersIgnored = 0;
      for (const [i, pg] of answers.entries()) {
        const run = c.runs[i]!;
        const reference = (await answer(sqliteCore, run)).answer;
        if (!pg!.filtersCarried) filtersIgnored++;
        if (pg!.json === reference.json) identical++;
        const differ = compareFigures(pg!.figures, reference.figures).map((m) => m.replace('core ', 'postgres ').replace('duckdb ', 'sqlite '));
        if (differ.length) {
          disagreeing++;
          if (mismatches.length < 10) mismatches.push(...differ.slice(0, 10 - mismatches.length).map((m) => `${describeRun(run)}: ${m}`));
        }
      }
      results.push({
        id: c.id,
        label: c.label,
        runs: c.runs.length,
        postgres: s,
        ...(error ? { error } : {}),
        figuresAgree: !error && answers.length === c.runs.length && disagreeing === 0,
        comparedRuns: answers.length,
        disagreeingRuns: disagreeing,
        identicalAnswers: identical,
        filtersIgnored,
        mismatches,
      });
    }
    printCases(log, results);
    const agree = results.every((r) => r.figuresAgree);
    log(`figures agree: ${agree ? 'yes' : 'no'} (every figure of every breakdown of every run, PostgreSQL against SQLite)`);
    log();
    return {
      dataset: { file: dataset.file, contacts: dataset.contacts, key: dataset.key },
      postgres: { binaries: postgresBinDir(), durable: false },
      warmup: ANALYSIS_WARMUP,
      runs: ANALYSIS_RUNS,
      load: {
        ...load,
        openMs: round3(openMs),
        storeLoadSeconds: round3(storeLoadMs / 1000),
        storeContacts: store.contacts,
        storeMB: round3(store.bytes / 1e6),
      },
      firstFilteredMs: round3(firstFilteredMs),
      cases: results,
      figuresAgree: agree,
    };
  } finally {
    for (const core of cores) await core.close().catch(() => undefined);
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchAnalysisPostgres()
    .then((json) => console.log(`ANALYSIS_POSTGRES ${JSON.stringify(json)}`))
    .catch((err: Error) => {
      console.error(err.stack ?? err.message);
      process.exitCode = 1;
    });
}
