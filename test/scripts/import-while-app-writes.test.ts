import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../core/open-core';
import { rebuildRollup } from '../../core/rollups/rollup';
import { projectRoot } from '../../scripts/paths';
import { snapshotDatabase } from '../support/db-snapshot';
import { largeContactsCsv } from '../support/large-import';
import { queryRows, queryValue } from '../support/sql-rows';
import { runScript } from '../support/run-script';
import { Kysely, SqliteDialect } from 'kysely';

/** `npm run import -- …` while the desk keeps logging on the same SQLite file (issue 12, defect 5). */

const ROWS = 20_000;
/** A stack trace line, as Node prints them: what a person must never see for an expected condition. */
const STACK_LINE = /^\s+at /m;

let dir: string;
const file = () => join(dir, 'kontaktdesk.sqlite');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-import-live-'));
  await (await openCore({ file: file() })).close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Logger {
  child: ChildProcess;
  /** id → request id of every contact the child saw saved. */
  acks: Map<number, string>;
  stderr(): string;
  until(acks: number): Promise<void>;
  kill(): Promise<NodeJS.Signals | number | null>;
}

/** A desk as its own process (test/support/logging-child.ts): logs contacts through the real core, as fast as it can, and says which were saved. */
function startLogger(databaseFile: string): Logger {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test', 'support', 'logging-child.ts'), databaseFile], { cwd: projectRoot });
  const acks = new Map<number, string>();
  let stderr = '';
  let pending = '';
  let waiters: (() => void)[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const m = /^ack (\d+) (\S+)$/.exec(line);
      if (m) acks.set(Number(m[1]), m[2]!);
    }
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return {
    child,
    acks,
    stderr: () => stderr,
    until: (n) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (acks.size >= n) {
            waiters = waiters.filter((w) => w !== check);
            resolve();
          } else if (child.exitCode !== null) reject(new Error(`the logging process ended: ${stderr}`));
        };
        waiters.push(check);
        void exited.then(check);
        check();
      }),
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** A process that holds the write lock (as a long write of the app would) until it is killed. */
function holdWriteLock(databaseFile: string): Promise<ChildProcess> {
  const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(databaseFile)}); db.exec('begin immediate'); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { cwd: projectRoot });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve(child));
    child.once('exit', (code) => reject(new Error(`the lock holder ended with ${code}`)));
  });
}

async function readOnly<T>(read: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file(), { readonly: true }) }) });
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

describe('npm run import while the app is logging on the same file', { timeout: 240_000 }, () => {
  it('imports every row, loses no tap, and prints no stack trace', async () => {
    const csv = join(dir, 'liste.csv');
    writeFileSync(csv, largeContactsCsv(ROWS));
    const logger = startLogger(file());
    try {
      await logger.until(20);
      const run = await runScript('scripts/import.ts', ['--data', dir, csv]);
      // The desk goes on after the import, too.
      await logger.until(logger.acks.size + 20);
      expect(await logger.kill()).toBe('SIGKILL'); // it never stopped by itself (a refused tap ends it with an error)
      expect(logger.stderr()).toBe('');
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`imported ${ROWS} contacts from ${ROWS} rows`);
    } finally {
      await logger.kill();
    }

    const core = await openCore({ file: file() });
    try {
      const db = core.database.db;
      const saved = await queryRows<{ id: number; request_id: string }>(
        db,
        'select id, request_id from contacts where request_id is not null and voided_at is null',
      );
      const stored = new Map(saved.map((r) => [r.id, r.request_id]));
      for (const [id, requestId] of logger.acks) expect(stored.get(id), `tap ${id}`).toBe(requestId);
      expect(await queryValue(db, "select count(*) from contacts where entry_kind in ('imported', 'imported_day') and voided_at is null")).toBe(ROWS);
      expect(await queryValue(db, 'select count(*) from contacts where voided_at is not null')).toBe(0); // nothing staged is left
      expect(await queryValue(db, "select count(*) from settings where key like 'import_staging%'")).toBe(0);
      expect(await queryRows(db, 'select file_name, rows from imports')).toEqual([{ file_name: 'liste.csv', rows: ROWS }]);
      const rollups = () => queryRows(db, 'select day, dimension, key, n, key_sum from rollup_daily where n <> 0 order by day, dimension, key');
      const incremental = await rollups();
      await rebuildRollup(db);
      expect(await rollups()).toEqual(incremental);
    } finally {
      await core.close();
    }
  });

  it('waits with a progress line, gives up after --wait with one clear line and exit code 1, and writes nothing', async () => {
    const csv = join(dir, 'liste.csv');
    writeFileSync(csv, largeContactsCsv(500));
    const before = await readOnly(snapshotDatabase);
    const holder = await holdWriteLock(file());
    let run;
    try {
      run = await runScript('scripts/import.ts', ['--data', dir, '--wait', '2', csv]);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    expect(run.stdout).toContain('import: waiting for the database (the app is writing) …');
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^import: the database stayed busy for \d+ s \(another program is writing to it\); nothing was imported, try again/),
    ]);
    expect(run.code).toBe(1);
    expect(await readOnly(snapshotDatabase)).toEqual(before);
  });
});
