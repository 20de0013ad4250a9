/**
 * `npm run load-test`: the load test issue 6 asks for, over several app processes since issue 14. A
 * script, not a timed test.
 *
 *   npm run load-test -- [--processes 1] [--desks 10] [--seconds 60] [--burst 200] [--data DIR] [--database sqlite|postgres|postgres://…]
 *
 * Opens a fresh database, starts N app processes on it (tools/load-test-child.ts: each its own Node
 * process with its own core and the real HTTP server on loopback) and drives them through the typed
 * HTTP client as the desks would:
 *  1. steady: each process gets `--desks` desks, each logging one contact per second for S seconds
 *     (all desks of all processes staggered within the second);
 *  2. burst: B taps sent at once, split evenly across the processes.
 * Every contact carries its own requestId (the idempotency key); a failed request is retried once, at
 * the same process, with the same requestId. Then the database itself is asked: every acknowledged
 * contact must be there exactly once (one row per request id, whichever process stored it), and the
 * rows must be the acknowledged ones (a contact whose answer was lost may be stored once; it is shown
 * as "stored, unacknowledged").
 *
 * Output: a table per phase, a table per process, then one line `LOAD_JSON {…}`. Exit codes: 0 all
 * acknowledged contacts stored once, 1 a contact missing or counted twice (or the run crashed, or a
 * process did not close cleanly), 2 bad arguments.
 *
 * `--database` picks the backend: `sqlite` (default), `postgres` (a throw-away PostgreSQL server is
 * started on 127.0.0.1 with fsync on, like a real one, and removed afterwards) or a `postgres://` URL of
 * an existing empty database. More than one process needs PostgreSQL: on SQLite the single-instance
 * lock refuses a second process on the same data folder. `--data DIR` puts the SQLite file in DIR
 * (which must not hold a database yet) and keeps it; by default a temp folder is used and removed.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client, ParsedInput } from '../core/api/contract';
import { databaseFile } from '../core/app/data-location';
import { maskedUrl } from '../core/db/database-handle';
import pg from 'pg';
import { POSTGRES_INSTALL_HINT, postgresBinDir } from '../scripts/system-packages';
import { createDatabase, startTempPostgres, type TempPostgres } from './postgres-server';
import { createHttpClient } from '../renderer/api/http-transport';
import { mulberry32, round3, stats, table } from './bench-common';
import { runCli } from '../scripts/cli-support';
import { parseOptions, UsageError, USAGE, type Options } from './load-test-options';
import { startAppProcesses, stopAll, type AppProcess, type ProcessTarget } from './load-test-processes';

// ---------------------------------------------------------------- backends

/** The fresh database the processes open, and the stored rows counted per request id. */
interface Backend {
  label: string;
  target: ProcessTarget;
  /** Rows per request id, read from the database itself (not through the app); `null` for rows without one. */
  rowsPerRequestId(): Promise<Map<string | null, number>>;
  close(): Promise<void>;
}

function openSqliteBackend(dataDir: string): Backend {
  const file = databaseFile(dataDir, false);
  if (existsSync(file)) throw new UsageError(`${file} exists already; the load test needs a fresh database (give an empty --data folder)`);
  return {
    label: `sqlite ${file}`,
    target: { data: dataDir },
    async rowsPerRequestId() {
      // A separate read-only connection on the file: what is on disk, not what the app believes.
      const reader = new Database(file, { readonly: true });
      try {
        const rows = reader.prepare('select request_id as id, count(*) as n from contacts group by request_id').all() as { id: string | null; n: number }[];
        return new Map(rows.map((r) => [r.id, r.n]));
      } finally {
        reader.close();
      }
    },
    close: async () => undefined,
  };
}

/** PostgreSQL: the given empty database, or a fresh one on a throw-away local server (fsync on). */
async function openPostgresBackend(url: string | undefined): Promise<Backend> {
  let server: TempPostgres | undefined;
  if (url === undefined) {
    if (!postgresBinDir())
      throw new UsageError(`PostgreSQL is not installed. Run:\n  ${POSTGRES_INSTALL_HINT}\nor give --database postgres://… of an empty database`);
    server = await startTempPostgres({ durable: true });
    try {
      url = (await createDatabase(server.url, 'kontaktdesk_load')).url;
    } catch (err) {
      server.stop();
      throw err;
    }
  }
  const reader = new pg.Client({ connectionString: url });
  const stop = async () => {
    await reader.end().catch(() => undefined);
    server?.stop();
  };
  try {
    await reader.connect();
    // Checked before any process opens it: a database with contacts is refused untouched (not even migrated).
    const { rows } = await reader.query("select to_regclass('contacts') is not null as migrated");
    if (rows[0].migrated && (await reader.query('select count(*)::int as n from contacts')).rows[0].n !== 0) {
      throw new UsageError(`${maskedUrl(url)} holds contacts already; the load test needs an empty database`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    label: `postgres ${maskedUrl(url)}${server ? ' (throw-away local server, fsync on)' : ''}`,
    target: { postgres: url },
    async rowsPerRequestId() {
      // Its own connection, outside every app process's pool: what the server has stored.
      const counted = await reader.query('select request_id as id, count(*)::int as n from contacts group by request_id');
      return new Map(counted.rows.map((r: { id: string | null; n: number }) => [r.id, r.n]));
    },
    close: stop,
  };
}

// ---------------------------------------------------------------- taps

type LogInput = ParsedInput<'logContact'>;

interface Tap {
  /** Index into the processes: the one that was asked (both attempts go to the same one). */
  process: number;
  requestId: string;
  ok: boolean;
  retried: boolean;
  ms: number;
  error?: string;
}

/** One contact: sent, and on failure sent once more with the same requestId. Latency is until the answer that counted. */
async function tap(clients: Client[], process: number, input: LogInput): Promise<Tap> {
  const t0 = performance.now();
  let error = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await clients[process]!.logContact(input);
      return { process, requestId: input.requestId!, ok: true, retried: attempt > 0, ms: performance.now() - t0 };
    } catch (err) {
      error = (err as Error).message;
    }
  }
  return { process, requestId: input.requestId!, ok: false, retried: true, ms: performance.now() - t0, error };
}

async function makeInputs(client: Client, seed: number) {
  const catalog = await client.getCatalog({});
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const topics = catalog.topics.filter((t) => !t.retired).map((t) => t.id);
  const languages = catalog.languages.filter((l) => !l.retired).map((l) => l.id);
  const desks = catalog.desks.filter((d) => !d.retired).map((d) => d.id);
  return (desk: number): LogInput => ({
    requestId: randomUUID(),
    topicIds: [pick(topics)],
    referralIds: [],
    languageId: pick(languages),
    channel: pick(['in_person', 'phone', 'email'] as const),
    asker: rnd() < 0.9 ? 'citizen' : 'organisation',
    deskId: desks[desk % desks.length],
    count: 1,
  });
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

/**
 * Each desk taps once a second; `desks` desks per process, all desks of all processes spread over the
 * second (desk d of process p is desk p·desks+d). Taps do not wait for earlier answers.
 */
async function steady(clients: Client[], input: (desk: number) => LogInput, desks: number, seconds: number): Promise<Tap[]> {
  const all = clients.length * desks;
  const start = performance.now() + 100;
  const runs: Promise<Tap>[] = [];
  for (let s = 0; s < seconds; s++) {
    for (let d = 0; d < all; d++) {
      await sleepUntil(start + s * 1000 + (d * 1000) / all);
      runs.push(tap(clients, Math.floor(d / desks), input(d)));
    }
  }
  return Promise.all(runs);
}

/** n taps at once, dealt round-robin: each process gets n/N (the first ones one more when it does not divide). */
const burst = (clients: Client[], input: (desk: number) => LogInput, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => tap(clients, i % clients.length, input(i))));

// ---------------------------------------------------------------- report

function summarise(name: string, taps: Tap[], seconds: number) {
  const acked = taps.filter((t) => t.ok);
  const s = acked.length > 0 ? stats(acked.map((t) => t.ms)) : null;
  return {
    phase: name,
    sent: taps.length,
    acknowledged: acked.length,
    failed: taps.length - acked.length,
    retried: taps.filter((t) => t.retried).length,
    p50Ms: s ? round3(s.p50) : null,
    p99Ms: s ? round3(s.p99) : null,
    maxMs: s ? round3(s.max) : null,
    seconds: round3(seconds),
    /** Throughput: acknowledged contacts per second of the phase (in the steady phase, the offered rate when all goes well). */
    ackedPerSecond: seconds > 0 ? round3(acked.length / seconds) : null,
    errors: [...new Set(taps.flatMap((t) => (t.error ? [t.error] : [])))].slice(0, 5),
  };
}
type Summary = ReturnType<typeof summarise>;

/** Every acknowledged request id once in the database; any other row must belong to a tap whose answer was lost. */
function countCheck(taps: Tap[], rows: Map<string | null, number>) {
  const acked = new Set(taps.filter((t) => t.ok).map((t) => t.requestId));
  const unacked = new Set(taps.filter((t) => !t.ok).map((t) => t.requestId));
  const missing = [...acked].filter((id) => !rows.has(id)).length;
  const duplicated = [...rows].filter(([id, n]) => id !== null && n > 1).length;
  const totalRows = [...rows.values()].reduce((a, b) => a + b, 0);
  const storedUnacknowledged = [...rows.keys()].filter((id) => id !== null && unacked.has(id)).length;
  const unexpected = [...rows].filter(([id]) => id === null || (!unacked.has(id) && !acked.has(id))).reduce((a, [, n]) => a + n, 0);
  const ok = missing === 0 && duplicated === 0 && unexpected === 0 && totalRows === acked.size + storedUnacknowledged;
  return { acknowledged: acked.size, totalRows, missing, duplicated, storedUnacknowledged, unexpected, ok };
}

/** One process's share: its taps per phase and in all, and how many of the contacts it acknowledged are stored exactly once. */
function perProcess(app: AppProcess, index: number, phases: { name: string; taps: Tap[]; seconds: number }[], rows: Map<string | null, number>) {
  const own = phases.map((p) => ({ ...p, taps: p.taps.filter((t) => t.process === index) }));
  const all = own.flatMap((p) => p.taps);
  const total = summarise(
    `process ${app.number}`,
    all,
    phases.reduce((a, p) => a + p.seconds, 0),
  );
  const ackedIds = all.filter((t) => t.ok).map((t) => t.requestId);
  return {
    ...total,
    process: app.number,
    pid: app.pid,
    url: app.url,
    phases: own.map((p) => summarise(p.name, p.taps, p.seconds)),
    storedOnce: ackedIds.filter((id) => rows.get(id) === 1).length,
    missing: ackedIds.filter((id) => !rows.has(id)).length,
    duplicated: ackedIds.filter((id) => (rows.get(id) ?? 0) > 1).length,
  };
}

const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(1));
const latencyCells = (p: Summary) => [p.sent, p.acknowledged, p.failed, p.retried, fmt(p.p50Ms), fmt(p.p99Ms), fmt(p.maxMs)];

async function run(options: Options, backend: Backend): Promise<number> {
  const loadAtStart = loadavg()[0]!;
  const apps = await startAppProcesses(options.processes, backend.target);
  let unclean: string[] = [];
  try {
    const clients = apps.map((app) => createHttpClient(app.url));
    const input = await makeInputs(clients[0]!, 6);
    const servers = apps.map((app) => `${app.url} (pid ${app.pid})`).join(', ');
    console.log(
      `Kontaktdesk load test: ${backend.label}, ${apps.length} app process${apps.length === 1 ? '' : 'es'}: ${servers}; ${cpus().length} cores, load ${loadAtStart.toFixed(2)}`,
    );

    const phaseRuns: { name: string; taps: Tap[]; seconds: number }[] = [];
    let t0 = performance.now();
    const steadyTaps = await steady(clients, input, options.desks, options.seconds);
    const perProcessDesks = apps.length > 1 ? ` × ${apps.length} processes` : '';
    phaseRuns.push({
      name: `steady: ${options.desks} desks${perProcessDesks} × ${options.seconds} s at 1/s`,
      taps: steadyTaps,
      seconds: (performance.now() - t0) / 1000,
    });
    if (options.burst > 0) {
      t0 = performance.now();
      const burstTaps = await burst(clients, input, options.burst);
      phaseRuns.push({ name: `burst: ${options.burst} concurrent`, taps: burstTaps, seconds: (performance.now() - t0) / 1000 });
    }
    const phases = phaseRuns.map((p) => summarise(p.name, p.taps, p.seconds));
    const all = phaseRuns.flatMap((p) => p.taps);
    const rows = await backend.rowsPerRequestId();
    const check = countCheck(all, rows);
    const total = summarise(
      'total',
      all,
      phases.reduce((a, p) => a + p.seconds, 0),
    );
    const processes = apps.map((app, i) => perProcess(app, i, phaseRuns, rows));
    const loadAtEnd = loadavg()[0]!;

    console.log(
      table(
        ['phase', 'sent', 'acked', 'failed', 'retried', 'p50 ms', 'p99 ms', 'max ms', 's', 'acked/s'],
        [...phases, total].map((p) => [p.phase, ...latencyCells(p), p.seconds.toFixed(1), fmt(p.ackedPerSecond)]),
      ),
    );
    for (const p of phases) for (const e of p.errors) console.log(`  ${p.phase}: error "${e}"`);
    console.log('');
    console.log(
      table(
        ['process', 'pid', 'sent', 'acked', 'failed', 'retried', 'p50 ms', 'p99 ms', 'max ms', 'stored once'],
        [
          ...processes.map((p) => [`process ${p.process}`, p.pid, ...latencyCells(p), p.storedOnce]),
          ['total', '', ...latencyCells(total), processes.reduce((a, p) => a + p.storedOnce, 0)],
        ],
      ),
    );
    console.log(
      `count check (read from the database): ${check.totalRows} rows for ${check.acknowledged} acknowledged contacts; ` +
        `missing ${check.missing}, counted twice ${check.duplicated}, stored but unacknowledged ${check.storedUnacknowledged}, ` +
        `unexpected ${check.unexpected}: ${check.ok ? 'ok' : 'FAILED'}`,
    );
    console.log(`load average (1 min): ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end, ${cpus().length} cores`);

    unclean = await stopAll(apps);
    if (unclean.length > 0) console.error(`load-test: did not close cleanly: ${unclean.join(', ')}`);
    const json = {
      database: options.database,
      processes: options.processes,
      desks: options.desks,
      seconds: options.seconds,
      burst: options.burst,
      phases,
      total,
      check,
      perProcess: processes,
      load: { cores: cpus().length, start: round3(loadAtStart), end: round3(loadAtEnd) },
    };
    console.log(`LOAD_JSON ${JSON.stringify(json)}`);
    return check.ok && unclean.length === 0 ? 0 : 1;
  } finally {
    await stopAll(apps);
  }
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (err) {
    console.error(`load-test: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') return (console.log(USAGE), 0);

  const keep = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kontaktdesk-load-'));
  mkdirSync(dataDir, { recursive: true });
  let backend: Backend;
  try {
    backend = options.database === 'postgres' ? await openPostgresBackend(options.postgresUrl) : openSqliteBackend(dataDir);
  } catch (err) {
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
    if (err instanceof UsageError) return (console.error(`load-test: ${err.message}`), 2);
    throw err;
  }
  try {
    return await run(options, backend);
  } finally {
    await backend.close();
    if (keep) console.log(`database kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

runCli('load-test', main);
