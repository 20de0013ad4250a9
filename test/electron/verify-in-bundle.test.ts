import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_BUNDLE_OPTIONS } from '../../scripts/build-electron';
import { projectRoot } from '../../scripts/paths';

/**
 * The backup check's worker thread where the desktop app runs it: in a CommonJS bundle built exactly
 * as dist/electron/main.cjs is, laid out as the installed app (dist/electron/*.cjs beside
 * node_modules/better-sqlite3), under plain Node without tsx and without NODE_PATH. (Under tsx and
 * vitest the other backup tests run it; the Electron runtime itself needs better-sqlite3 built for
 * its ABI, which only `npm run package` does.)
 */

let app: string;
let probe: string;

const PROBE = `
import { verifyBackupFile } from './core/backup/verify-backup';
verifyBackupFile(process.argv[2]!).then(
  (counts) => console.log(JSON.stringify({ ok: true, counts })),
  (err: Error) => console.log(JSON.stringify({ ok: false, message: err.message })),
);
`;

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'kontaktdesk-bundle-'));
  probe = join(app, 'dist', 'electron', 'verify-probe.cjs');
  await build({ ...MAIN_BUNDLE_OPTIONS, stdin: { contents: PROBE, resolveDir: projectRoot, sourcefile: 'verify-probe.ts', loader: 'ts' }, outfile: probe });
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(join(projectRoot, 'node_modules', 'better-sqlite3'), join(app, 'node_modules', 'better-sqlite3'), 'dir');
});
afterAll(() => rmSync(app, { recursive: true, force: true }));

/** Runs the bundle with plain Node in a bare environment: no loader, no NODE_PATH, started from elsewhere. */
const check = (file: string) =>
  JSON.parse(execFileSync(process.execPath, [probe, file], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' }).trim()) as
    | { ok: true; counts: Record<string, number> }
    | { ok: false; message: string };

function sampleDatabase(name: string): string {
  const file = join(app, name);
  const sqlite = new Database(file);
  sqlite.exec('create table contacts (id integer primary key, note text); create table topics (id integer primary key)');
  const insert = sqlite.prepare('insert into contacts (note) values (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(200));
  })();
  sqlite.close();
  return file;
}

describe('the backup check in the bundled desktop main', () => {
  it('runs its worker from the bundle under plain Node and counts the rows', () => {
    expect(check(sampleDatabase('good.sqlite'))).toEqual({ ok: true, counts: { contacts: 500, topics: 0 } });
  });

  it('refuses a damaged file with the same readable reason', () => {
    const file = sampleDatabase('damaged.sqlite');
    const sqlite = new Database(file, { readonly: true });
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    const root = Number(sqlite.prepare("select rootpage from sqlite_master where name = 'contacts'").pluck().get());
    sqlite.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize / 2, 0xa5), 0, pageSize / 2, (root - 1) * pageSize);
    closeSync(fd);
    const answer = check(file);
    expect(answer.ok).toBe(false);
    expect((answer as { message: string }).message).toMatch(/^(integrity_check failed: .+|database disk image is malformed)$/);
  });
});
