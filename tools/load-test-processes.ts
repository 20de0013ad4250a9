/**
 * The app processes `npm run load-test -- --processes N` drives: N separate Node processes
 * (tools/load-test-child.ts), each with its own core and HTTP server, all on the one database.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../scripts/paths';

/** What a child prints on stdout once it listens, followed by `{"url":…,"pid":…}`. */
export const READY_PREFIX = 'LOAD_CHILD ';
/** Where a child finds the PostgreSQL URL to open. */
export const CHILD_POSTGRES_ENV = 'KONTAKTDESK_LOAD_TEST_POSTGRES';

/** Generous: N processes start together on a 2-core machine that may be busy with other work. */
const READY_TIMEOUT_MS = 120_000;
/** A child that has not closed its server and database by then is killed (and the run says so). */
const STOP_TIMEOUT_MS = 30_000;

export interface AppProcess {
  /** 1-based, as printed. */
  number: number;
  pid: number;
  url: string;
  /** Closes its server and database; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export type ProcessTarget = { data: string } | { postgres: string };

function startAppProcess(number: number, target: ProcessTarget): Promise<AppProcess> {
  // The URL may hold a password: handed over in the environment, which only this user can read, not in the process list.
  const [args, env] = 'data' in target ? [['--data', target.data], process.env] : [[], { ...process.env, [CHILD_POSTGRES_ENV]: target.postgres }];
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'tools', 'load-test-child.ts'), ...args], {
    cwd: projectRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // What a process says on stderr (a lost connection, an internal error) is part of the run's story: passed on, named.
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const line of d.toString().split('\n').filter(Boolean)) console.error(`process ${number}: ${line}`);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.stdin.end();
    const timer = setTimeout(() => {
      console.error(`process ${number} (pid ${child.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; killed`);
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`process ${number} did not start within ${READY_TIMEOUT_MS / 1000} s:\n${stdout}${stderr}`));
    }, READY_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line.slice(READY_PREFIX.length)) as { url: string; pid: number };
      resolve({ number, pid: ready.pid, url: ready.url, stop });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`process ${number} exited with ${code} before it served:\n${stdout}${stderr}`));
    });
  });
}

/**
 * Starts all N at once (they migrate a fresh database together; the migrator serialises them). When
 * one cannot start, the others are stopped again and the first failure is thrown.
 */
export async function startAppProcesses(count: number, target: ProcessTarget): Promise<AppProcess[]> {
  const starts = await Promise.allSettled(Array.from({ length: count }, (_, i) => startAppProcess(i + 1, target)));
  const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failed) return starts.map((s) => (s as PromiseFulfilledResult<AppProcess>).value);
  await stopAll(starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
  throw failed.reason;
}

/** Stops every process; the ones that did not exit cleanly, as "process N (exit code)". */
export async function stopAll(processes: AppProcess[]): Promise<string[]> {
  const codes = await Promise.all(processes.map((p) => p.stop()));
  return processes.flatMap((p, i) => (codes[i] === 0 ? [] : [`process ${p.number} (exit ${codes[i]})`]));
}
