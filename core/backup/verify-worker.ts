import { Worker } from 'node:worker_threads';

/** Lists the schema's own tables; the same statement counts the source on the main thread (verify-backup.ts). */
export const TABLES_SQL = "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name";

/** What the worker found in a copy: integrity_check's complaints (none when the file is sound) and, if sound, its rows per table. */
export interface CopyFindings {
  problems: string[];
  counts: Record<string, number>;
}

/**
 * The worker's code, plain CommonJS run with `eval: true`: there is no worker file to find, so it runs
 * the same under tsx, vitest, plain Node, the esbuild bundles (Electron main, crash child) and from an
 * app.asar (Electron sets up asar reading in worker threads too). better-sqlite3 is required from the
 * module that starts the worker (`from`), so the worker loads the very package, and native build, the
 * main thread uses. One check at a time, each on its own read-only connection, closed before it answers.
 * (Double quotes in require: the bundle checks read `require("…")` as a dependency only for package names.)
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const { from, tablesSql } = workerData;
let Database;
parentPort.on("message", ({ id, file }) => {
  let answer;
  try {
    Database = Database || createRequire(from)("better-sqlite3");
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const problems = copy.pragma("integrity_check", { simple: false }).map((r) => r.integrity_check).filter((r) => r !== "ok");
      const counts = {};
      if (problems.length === 0) {
        for (const table of copy.prepare(tablesSql).pluck().all()) {
          counts[table] = Number(copy.prepare('select count(*) from "' + table.replaceAll('"', '""') + '"').pluck().get());
        }
      }
      answer = { ok: true, problems, counts };
    } finally {
      copy.close();
    }
  } catch (err) {
    answer = { ok: false, message: err instanceof Error ? err.message : String(err), code: err && err.code };
  }
  parentPort.postMessage({ id, ...answer });
});
`;

type Answer = { id: number } & (({ ok: true } & CopyFindings) | { ok: false; message: string; code?: string });

/** A worker left idle this long ends; the next check starts a new one (about 30 ms). */
const IDLE_MS = 5_000;

interface Checker {
  thread: Worker;
  waiting: Map<number, { resolve(findings: CopyFindings): void; reject(err: Error): void }>;
  idle: NodeJS.Timeout | null;
}

let checker: Checker | null = null;
let nextId = 0;

function failAll(c: Checker, err: Error) {
  if (checker === c) checker = null;
  for (const job of c.waiting.values()) job.reject(err);
  c.waiting.clear();
}

/** The running worker, or a new one. It never keeps the process alive: unref'd while it has nothing to do, and ended after IDLE_MS. */
function runningChecker(): Checker {
  if (checker) return checker;
  // No execArgv: the worker's code is plain JavaScript and needs none of the parent's loaders (tsx, inspector).
  const thread = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { from: import.meta.url, tablesSql: TABLES_SQL } });
  const c: Checker = { thread, waiting: new Map(), idle: null };
  thread.on('message', (answer: Answer) => {
    const job = c.waiting.get(answer.id);
    c.waiting.delete(answer.id);
    if (c.waiting.size === 0) {
      thread.unref();
      c.idle = setTimeout(() => {
        // The next check starts a new worker rather than reach this one as it ends.
        if (checker === c) checker = null;
        void thread.terminate();
      }, IDLE_MS).unref();
    }
    if (!job) return;
    if (answer.ok) job.resolve({ problems: answer.problems, counts: answer.counts });
    else job.reject(Object.assign(new Error(answer.message), { code: answer.code }));
  });
  thread.on('error', (err) => failAll(c, err));
  thread.on('exit', (exitCode) => failAll(c, new Error(`the verification worker stopped (exit code ${exitCode}) without an answer`)));
  checker = c;
  return c;
}

/**
 * Runs `integrity_check` and the row counts of the SQLite file `file` in a worker thread, so the main
 * thread keeps serving taps meanwhile (8.6 s on a file of a million contacts). Resolves once the
 * worker's connection to the file is closed, so the file may be renamed or deleted at once (Windows
 * refuses that for an open file). A file SQLite cannot read rejects with SQLite's own message and code.
 */
export function checkCopyInWorker(file: string): Promise<CopyFindings> {
  const c = runningChecker();
  if (c.idle) clearTimeout(c.idle);
  c.idle = null;
  c.thread.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    c.waiting.set(id, { resolve, reject });
    c.thread.postMessage({ id, file });
  });
}
