/**
 * `npm run load-test`: the load test issue 6 asks for. A script, not a timed test.
 *
 *   npm run load-test -- [--desks 10] [--seconds 60] [--burst 200] [--data DIR] [--database sqlite|postgres|postgres://…]
 *
 * Opens a fresh database, starts the real HTTP server on loopback, and drives it through the typed HTTP
 * client as the desks would:
 *  1. steady: N desks, each logging one contact per second for S seconds (desks staggered within the second);
 *  2. burst: B taps sent at once.
 * Every contact carries its own requestId (the idempotency key); a failed request is retried once with
 * the same requestId. Then the database itself is asked: every acknowledged contact must be there exactly
 * once (one row per request id), and the rows must be the acknowledged ones (a contact whose answer was
 * lost may be stored once; it is shown as "stored, unacknowledged").
 *
 * Output: a table, then one line `LOAD_JSON {…}`. Exit codes: 0 all acknowledged contacts stored once,
 * 1 a contact missing or counted twice (or the run crashed), 2 bad arguments.
 *
 * `--database` picks the backend: `sqlite` (default), `postgres` (a throw-away PostgreSQL server is
 * started on 127.0.0.1 with fsync on, like a real one, and removed afterwards) or a `postgres://` URL of
 * an existing empty database. `--data DIR` puts the SQLite file in DIR (which must not hold a database
 * yet) and keeps it; by default a temp folder is used and removed.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Api } from '../core/api/dispatch';
import type { Client, ParsedInput } from '../core/api/contract';
import { openAppCore } from '../core/app/open-app-core';
import { databaseFile } from '../core/app/data-location';
import { isPostgresUrl, maskedUrl } from '../core/db/database-handle';
import pg from 'pg';
import { createDatabase, POSTGRES_INSTALL_HINT, postgresBinDir, startTempPostgres, type TempPostgres } from './postgres-server';
import { createHttpClient } from '../server/http-client';
import { startHttpServer } from '../server/http-server';
import { mulberry32, round3, stats, table } from './bench-common';
import { runCli, userPath } from './cli-support';

const USAGE = `Usage: npm run load-test -- [--desks 10] [--seconds 60] [--burst 200] [--data DIR] [--database sqlite|postgres|URL]
  --desks N       simulated desks, each logging one contact per second (default 10)
  --seconds S     how long the desks log (default 60)
  --burst B       concurrent taps sent at once after the steady phase (default 200; 0 skips it)
  --data DIR      folder for the fresh database, kept afterwards (default: a temp folder, removed)
  --database KIND sqlite (default); postgres (a throw-away local PostgreSQL server, needs the postgresql package);
                  or postgres://USER@HOST:PORT/DB, an existing empty database
Exit codes: 0 every acknowledged contact stored exactly once, 1 missing or duplicated contacts, 2 bad arguments.`;

class UsageError extends Error {}

interface Options {
  desks: number;
  seconds: number;
  burst: number;
  dataDir?: string;
  database: 'sqlite' | 'postgres';
  /** An existing empty PostgreSQL database; absent: a throw-away server. */
  postgresUrl?: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      desks: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '60' },
      burst: { type: 'string', default: '200' },
      data: { type: 'string' },
      database: { type: 'string', default: 'sqlite' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const count = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, not "${text}"`);
    return n;
  };
  const database = values.database.toLowerCase() === 'sqlite' ? 'sqlite' : values.database.toLowerCase() === 'postgres' || isPostgresUrl(values.database) ? 'postgres' : null;
  if (database === null) throw new UsageError(`--database must be sqlite, postgres or a postgres:// URL, not "${values.database}"`);
  return {
    postgresUrl: isPostgresUrl(values.database) ? values.database : undefined,
    desks: count('desks', values.desks, 1),
    seconds: count('seconds', values.seconds, 1),
    burst: count('burst', values.burst, 0),
    dataDir: values.data === undefined ? undefined : userPath(values.data),
    database,
  };
}

// ---------------------------------------------------------------- backends

/** What the load test needs from a database: the contract to serve, and the stored rows counted per request id. */
interface Backend {
  label: string;
  api: Api;
  /** Rows per request id, read from the database itself (not through the app); `null` for rows without one. */
  rowsPerRequestId(): Promise<Map<string | null, number>>;
  close(): Promise<void>;
}

async function openSqliteBackend(dataDir: string): Promise<Backend> {
  const file = databaseFile(dataDir, false);
  if (existsSync(file)) throw new UsageError(`${file} exists already; the load test needs a fresh database (give an empty --data folder)`);
  const core = await openAppCore({ dataDir });
  return {
    label: `sqlite ${file}`,
    api: core.api,
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
    close: () => core.close(),
  };
}

/** PostgreSQL: the given empty database, or a fresh one on a throw-away local server (fsync on). */
async function openPostgresBackend(url: string | undefined): Promise<Backend> {
  let server: TempPostgres | undefined;
  if (url === undefined) {
    if (!postgresBinDir()) throw new UsageError(`PostgreSQL is not installed. Run:\n  ${POSTGRES_INSTALL_HINT}\nor give --database postgres://… of an empty database`);
    server = await startTempPostgres({ durable: true });
    url = (await createDatabase(server.url, 'kontaktdesk_load')).url;
  }
  const core = await openAppCore({ dataDir: '', postgres: url }).catch((err) => {
    server?.stop();
    throw err;
  });
  const reader = new pg.Client({ connectionString: url });
  await reader.connect();
  const stop = async () => {
    await reader.end();
    await core.close();
    server?.stop();
  };
  const { rows } = await reader.query('select count(*)::int as n from contacts');
  if (rows[0].n !== 0) {
    await stop();
    throw new UsageError(`${maskedUrl(url)} holds contacts already; the load test needs an empty database`);
  }
  return {
    label: `postgres ${maskedUrl(url)}${server ? ' (throw-away local server, fsync on)' : ''}`,
    api: core.api,
    async rowsPerRequestId() {
      // Its own connection, outside the app's pool: what the server has stored.
      const counted = await reader.query('select request_id as id, count(*)::int as n from contacts group by request_id');
      return new Map(counted.rows.map((r: { id: string | null; n: number }) => [r.id, r.n]));
    },
    close: stop,
  };
}

// ---------------------------------------------------------------- taps

type LogInput = ParsedInput<'logContact'>;

interface Tap {
  requestId: string;
  ok: boolean;
  retried: boolean;
  ms: number;
  error?: string;
}

/** One contact: sent, and on failure sent once more with the same requestId. Latency is until the answer that counted. */
async function tap(client: Client, input: LogInput): Promise<Tap> {
  const t0 = performance.now();
  let error = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await client.logContact(input);
      return { requestId: input.requestId!, ok: true, retried: attempt > 0, ms: performance.now() - t0 };
    } catch (err) {
      error = (err as Error).message;
    }
  }
  return { requestId: input.requestId!, ok: false, retried: true, ms: performance.now() - t0, error };
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

/** Each desk taps once a second; desks are spread over the second. Taps do not wait for earlier answers. */
async function steady(client: Client, input: (desk: number) => LogInput, desks: number, seconds: number): Promise<Tap[]> {
  const start = performance.now() + 100;
  const runs: Promise<Tap>[] = [];
  for (let s = 0; s < seconds; s++) {
    for (let d = 0; d < desks; d++) {
      await sleepUntil(start + s * 1000 + (d * 1000) / desks);
      runs.push(tap(client, input(d)));
    }
  }
  return Promise.all(runs);
}

const burst = (client: Client, input: (desk: number) => LogInput, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => tap(client, input(i))));

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
    errors: [...new Set(taps.flatMap((t) => (t.error ? [t.error] : [])))].slice(0, 5),
  };
}

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
    backend = options.database === 'postgres' ? await openPostgresBackend(options.postgresUrl) : await openSqliteBackend(dataDir);
  } catch (err) {
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
    if (err instanceof UsageError) return (console.error(`load-test: ${err.message}`), 2);
    throw err;
  }
  const server = await startHttpServer({ api: backend.api, port: 0 });
  try {
    const client = createHttpClient(server.url);
    const input = await makeInputs(client, 6);
    console.log(`Kontaktdesk load test: ${backend.label}, server ${server.url}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`);

    let t0 = performance.now();
    const steadyTaps = await steady(client, input, options.desks, options.seconds);
    const phases = [summarise(`steady: ${options.desks} desks × ${options.seconds} s at 1/s`, steadyTaps, (performance.now() - t0) / 1000)];
    t0 = performance.now();
    const burstTaps = options.burst > 0 ? await burst(client, input, options.burst) : [];
    if (options.burst > 0) phases.push(summarise(`burst: ${options.burst} concurrent`, burstTaps, (performance.now() - t0) / 1000));

    const all = [...steadyTaps, ...burstTaps];
    const check = countCheck(all, await backend.rowsPerRequestId());
    const total = summarise('total', all, phases.reduce((a, p) => a + p.seconds, 0));

    const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(1));
    console.log(
      table(
        ['phase', 'sent', 'acked', 'failed', 'retried', 'p50 ms', 'p99 ms', 'max ms', 's'],
        [...phases, total].map((p) => [p.phase, p.sent, p.acknowledged, p.failed, p.retried, fmt(p.p50Ms), fmt(p.p99Ms), fmt(p.maxMs), p.seconds.toFixed(1)]),
      ),
    );
    for (const p of phases) for (const e of p.errors) console.log(`  ${p.phase}: error "${e}"`);
    console.log(
      `count check (read from the database): ${check.totalRows} rows for ${check.acknowledged} acknowledged contacts; ` +
        `missing ${check.missing}, counted twice ${check.duplicated}, stored but unacknowledged ${check.storedUnacknowledged}, ` +
        `unexpected ${check.unexpected}: ${check.ok ? 'ok' : 'FAILED'}`,
    );
    if (keep) console.log(`database kept in ${dataDir}`);
    const json = { database: options.database, desks: options.desks, seconds: options.seconds, burst: options.burst, phases, total, check };
    console.log(`LOAD_JSON ${JSON.stringify(json)}`);
    return check.ok ? 0 : 1;
  } finally {
    await server.close();
    await backend.close();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

runCli('load-test', main);
