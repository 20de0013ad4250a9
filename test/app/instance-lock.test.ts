import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../core/app/data-location';
import { acquireInstanceLock, AlreadyRunningError, lockFileOf, removeLockIfUnchanged, type InstanceLock } from '../../core/app/instance-lock';
import { processStartOf } from '../../core/base/process-start';
import { startApp } from '../../core/app/start-app';
import { projectRoot } from '../../scripts/paths';

let dataDir: string;
let database: string;
const held: InstanceLock[] = [];
const children: ChildProcess[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-lock-'));
  database = databaseFile(dataDir, false);
});
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const acquire = (file = database, options: Parameters<typeof acquireInstanceLock>[1] = {}) => {
  const lock = acquireInstanceLock(file, { report: () => undefined, ...options });
  held.push(lock);
  return lock;
};
const lockContent = (file = database) => JSON.parse(readFileSync(lockFileOf(file), 'utf8'));
const writeLock = (owner: Record<string, unknown>) =>
  writeFileSync(
    lockFileOf(database),
    JSON.stringify({
      host: hostname(),
      startedAt: '2026-11-25T08:00:00.000Z',
      processStart: null,
      address: 'http://127.0.0.1:4780/',
      lockId: 'earlier',
      ...owner,
    }),
  );

/** The refusal an acquire must end in; fails the test if it succeeded or threw anything else. */
function refusal(attempt: () => unknown): AlreadyRunningError {
  let outcome: unknown = 'acquired';
  try {
    attempt();
  } catch (err) {
    outcome = err;
  }
  expect(outcome).toBeInstanceOf(AlreadyRunningError);
  return outcome as AlreadyRunningError;
}

/** Every file in the data folder with its bytes: compare before and after to prove nothing was written. */
const folderBytes = () => Object.fromEntries(readdirSync(dataDir).map((name) => [name, readFileSync(join(dataDir, name))]));

function spawnIdleProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  children.push(child);
  return new Promise((resolve, reject) => child.once('spawn', () => resolve(child)).once('error', reject));
}

/** A PID that was in use a moment ago and whose process has ended (and been reaped). */
async function pidOfEndedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the instance lock of a database file', () => {
  it('is a file beside the database naming this process, its host, start and address, and release removes it', () => {
    const lock = acquire(database, { address: 'http://127.0.0.1:4780/' });
    expect(lock.file).toBe(join(dataDir, 'kontaktdesk.sqlite.lock'));
    expect(lockContent()).toMatchObject({ pid: process.pid, host: hostname(), address: 'http://127.0.0.1:4780/', processStart: processStartOf(process.pid) });
    expect(Date.parse(lockContent().startedAt)).not.toBeNaN();
    if (process.platform === 'linux') expect(lockContent().processStart).toMatch(/^linux:\d+$/);
    // Written through a temp file: none is left beside it.
    expect(readdirSync(dataDir)).toEqual(['kontaktdesk.sqlite.lock']);
    lock.release();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a second start while the first holds it, naming the first one’s address and PID, and writes nothing', () => {
    acquire(database, { address: 'http://127.0.0.1:4780/' });
    const before = folderBytes();
    const refused = refusal(() => acquire());
    expect(refused.message).toContain('already running with this database');
    expect(refused.message).toContain(`PID ${process.pid}`);
    expect(refused.message).toContain('http://127.0.0.1:4780/');
    expect(folderBytes()).toEqual(before);
  });

  it('names the address once the first one announces it, and only while the lock is still its own', () => {
    const first = acquire(database);
    expect(refusal(() => acquire()).message).toMatch(/still starting/);
    first.announce('http://127.0.0.1:4791/');
    expect(refusal(() => acquire()).message).toContain('http://127.0.0.1:4791/');
    expect(readdirSync(dataDir)).toEqual(['kontaktdesk.sqlite.lock']);
  });

  it('refuses while another running process holds it', async () => {
    const other = await spawnIdleProcess();
    writeLock({ pid: other.pid, processStart: processStartOf(other.pid!) });
    const before = folderBytes();
    expect(refusal(() => acquire()).message).toContain(`PID ${other.pid}`);
    expect(folderBytes()).toEqual(before);
  });

  it('takes over a lock whose process has ended (kill -9), saying so in one line', async () => {
    const dead = await pidOfEndedProcess();
    writeLock({ pid: dead });
    const lines: string[] = [];
    const lock = acquire(database, { report: (line) => lines.push(line), address: 'desktop window' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`stale lock from PID ${dead}\\b`));
    expect(lockContent()).toMatchObject({ pid: process.pid, address: 'desktop window' });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose PID now belongs to a process started at another time', async () => {
    const other = await spawnIdleProcess();
    writeLock({ pid: other.pid, processStart: 'linux:1' });
    const lines: string[] = [];
    acquire(database, { report: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`stale lock from PID ${other.pid}\\b.*another program`))]);
    expect(lockContent().pid).toBe(process.pid);
  });

  it('refuses a lock from another computer, naming it and the lock file to delete if Kontaktdesk is not running there', () => {
    writeLock({ host: 'empfang-pc-2', pid: process.pid });
    const before = folderBytes();
    const refused = refusal(() => acquire());
    expect(refused.message).toContain('empfang-pc-2');
    expect(refused.message).toContain(lockFileOf(database));
    expect(refused.message).toMatch(/delete/);
    expect(folderBytes()).toEqual(before);
  });

  it.each([
    ['empty (killed before the first byte)', ''],
    ['cut off mid-write', '{"pid": 12'],
    ['valid JSON but no owner', '{"pid": "twelve"}'],
  ])('takes over a lock file that names no owner: %s', (_case, text) => {
    writeFileSync(lockFileOf(database), text);
    const lines: string[] = [];
    acquire(database, { report: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/unreadable lock file/)]);
    expect(lockContent().pid).toBe(process.pid);
  });

  it('a stale lock replaced by another start’s fresh one after it was judged is put back, not removed', async () => {
    writeLock({ pid: await pidOfEndedProcess() });
    const judged = readFileSync(lockFileOf(database), 'utf8');
    writeLock({ pid: process.pid, processStart: processStartOf(process.pid), lockId: 'the-winner' });
    const fresh = readFileSync(lockFileOf(database));
    expect(removeLockIfUnchanged(lockFileOf(database), judged)).toBe(false);
    expect(readFileSync(lockFileOf(database))).toEqual(fresh);
    expect(readdirSync(dataDir)).toEqual(['kontaktdesk.sqlite.lock']);
    // Unchanged since it was judged: it goes.
    expect(removeLockIfUnchanged(lockFileOf(database), fresh.toString())).toBe(true);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('release and announce leave alone a lock that another process has taken over meanwhile', () => {
    const lock = acquire();
    writeLock({ pid: 4_000_000, lockId: 'the-next-one' });
    const theirs = readFileSync(lock.file);
    lock.announce('http://127.0.0.1:4780/');
    lock.release();
    expect(readFileSync(lock.file)).toEqual(theirs);
  });

  it('the demo database and the real one beside it each have their own lock', () => {
    const real = acquire(database);
    const demo = acquire(databaseFile(dataDir, true));
    expect(demo.file).toBe(join(dataDir, 'kontaktdesk-demo.sqlite.lock'));
    expect(readdirSync(dataDir).sort()).toEqual(['kontaktdesk-demo.sqlite.lock', 'kontaktdesk.sqlite.lock']);
    real.release();
    expect(readdirSync(dataDir)).toEqual(['kontaktdesk-demo.sqlite.lock']);
  });

  // Whatever order the processes run in, exactly one may win: for a fresh lock and for a stale one.
  it.each([
    ['no lock yet', () => undefined],
    ['a stale lock', async () => writeLock({ pid: await pidOfEndedProcess() })],
  ])('several starts at the same instant (%s): exactly one gets it', { timeout: 60_000 }, async (_case, prepare) => {
    await prepare();
    const contenders = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test', 'app', 'lock-contender.ts'), database], {
        cwd: projectRoot,
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      children.push(child);
      let out = '';
      const said = (words: RegExp) =>
        new Promise<void>((resolve, reject) => {
          const check = () => (words.test(out) ? resolve() : undefined);
          child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), check()));
          child.once('exit', (code) => reject(new Error(`contender exited with ${code} before saying ${words}: ${out}`)));
          check();
        });
      return { child, said, answer: () => out.match(/^(held|refused)$/m)?.[1] };
    });
    await Promise.all(contenders.map((c) => c.said(/^ready$/m)));
    for (const c of contenders) c.child.stdin!.write('go\n');
    await Promise.all(contenders.map((c) => c.said(/^(held|refused)$/m)));
    const answers = contenders.map((c) => c.answer());
    expect(answers.filter((a) => a === 'held')).toHaveLength(1);
    expect(answers.filter((a) => a === 'refused')).toHaveLength(3);
    const winner = contenders[answers.indexOf('held')]!.child;
    expect(lockContent().pid).toBe(winner.pid);
    expect(readdirSync(dataDir)).toEqual(['kontaktdesk.sqlite.lock']);
  });
});

describe('startApp and the instance lock', () => {
  it('refuses before the database is touched while another instance holds it', async () => {
    acquire(database, { address: 'http://127.0.0.1:4780/' });
    const before = folderBytes();
    await expect(startApp({ dataDir, report: () => undefined })).rejects.toThrow(AlreadyRunningError);
    expect(folderBytes()).toEqual(before);
  });

  it('holds the lock while running, names the announced address, and close releases it', async () => {
    const app = await startApp({ dataDir, report: () => undefined });
    try {
      expect(lockContent()).toMatchObject({ pid: process.pid, address: null });
      app.announce('http://127.0.0.1:4792/');
      expect(lockContent().address).toBe('http://127.0.0.1:4792/');
    } finally {
      await app.close();
    }
    expect(existsSync(lockFileOf(database))).toBe(false);
  });

  it('a start that fails (a database from a newer version) leaves no lock behind', async () => {
    const future = new Database(database);
    future.exec('create table schema_migrations (version integer primary key, name text not null, applied_at bigint not null)');
    future.prepare('insert into schema_migrations values (999, ?, 0)').run('from the future');
    future.close();
    await expect(startApp({ dataDir, report: () => undefined })).rejects.toThrow(/999/);
    expect(existsSync(lockFileOf(database))).toBe(false);
  });

  it('takes no file lock on PostgreSQL, where several PCs share the database by design', async () => {
    acquire(database, { address: 'http://127.0.0.1:4780/' });
    // Nothing listens on port 1: the start fails for the server, not for the lock.
    const started = startApp({ dataDir, postgres: 'postgres://kontaktdesk@127.0.0.1:1/kontaktdesk', report: () => undefined });
    await expect(started).rejects.toThrow(/Cannot open the PostgreSQL database/);
    await expect(started).rejects.not.toThrow(AlreadyRunningError);
  });
});
