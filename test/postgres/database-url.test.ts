import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../core/app/data-location';
import { maskedUrl } from '../../core/db/database-handle';
import { openCore } from '../../core/open-core';
import { startAppProcess } from '../support/app-process';
import { runScript } from '../support/run-script';
import { clientsOf } from '../support/temp-core';
import { createTestPostgresDatabase } from '../support/test-database';

/**
 * The test server trusts every local login, so a password in the URL is carried along but not needed:
 * exactly what must never show up in output or in any process's command line.
 */
const PASSWORD = 'Zq8-secret-Wv3';
const withPassword = (url: string) => url.replace('://postgres@', `://postgres:${PASSWORD}@`);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(): Promise<string> {
  const database = await createTestPostgresDatabase();
  cleanups.push(() => database.drop());
  return withPassword(database.url);
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-url-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Whether the app has made its tables there (i.e. opened it); read directly from the server. */
async function hasKontaktdeskTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("select to_regclass('schema_migrations') is not null as present")).rows[0].present;
  } finally {
    await client.end();
  }
}

/** The process and all its descendants, from /proc (Linux), with their command lines. */
function commandLinesOfTree(root: number): string[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree.flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')];
    } catch {
      return [];
    }
  });
}

const appEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, KONTAKTDESK_DATABASE_URL: undefined, ...extra });

/** `npm start -- --browser` on `dataDir` until it serves; what it printed, the command lines of its process tree. */
async function startAndStop(dataDir: string, env: NodeJS.ProcessEnv, extra: string[] = []) {
  const app = await startAppProcess({ dataDir, env, extra });
  let commandLines: string[];
  try {
    commandLines = commandLinesOfTree(app.pid);
  } finally {
    await app.stop();
  }
  return { database: app.dataFile, output: app.output(), commandLines };
}

describe('npm start finds the PostgreSQL URL without the command line', { timeout: 120_000 }, () => {
  it('in KONTAKTDESK_DATABASE_URL: opens that database; the password is in no output and in no command line of its processes', async () => {
    const url = await emptyDatabase();
    const dataDir = tempDir();
    const run = await startAndStop(dataDir, appEnv({ KONTAKTDESK_DATABASE_URL: url }));
    expect(run.database).toBe(maskedUrl(url));
    expect(run.database).toContain(':***@');
    expect(await hasKontaktdeskTables(url)).toBe(true);
    expect(existsSync(databaseFile(dataDir, false))).toBe(false);
    expect(run.output).not.toContain(PASSWORD);
    expect(run.commandLines[0]).toContain('start.ts');
    for (const line of run.commandLines) expect(line).not.toContain(PASSWORD);
  });

  it('in the data folder’s database-url file (0600): the same', async () => {
    const url = await emptyDatabase();
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'database-url'), `${url}\n`, { mode: 0o600 });
    const run = await startAndStop(dataDir, appEnv());
    expect(run.database).toBe(maskedUrl(url));
    expect(await hasKontaktdeskTables(url)).toBe(true);
    expect(existsSync(databaseFile(dataDir, false))).toBe(false);
    expect(run.output).not.toContain(PASSWORD);
    for (const line of run.commandLines) expect(line).not.toContain(PASSWORD);
  });

  it('a database-url file other users can read: refuses to start, gives the chmod command, opens neither database', async () => {
    const url = await emptyDatabase();
    const dataDir = tempDir();
    const file = join(dataDir, 'database-url');
    writeFileSync(file, `${url}\n`);
    chmodSync(file, 0o644);
    const outcome = await startAppProcess({ dataDir, env: appEnv() }).then(
      async (app) => (await app.stop(), `started: ${app.output()}`),
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/^app exited with 1 before it was ready/);
    expect(outcome).toContain(`Kontaktdesk could not start: ${file} can be read or changed by other users`);
    expect(outcome).toContain(`chmod 600 ${file}`);
    expect(outcome).not.toContain(PASSWORD);
    expect(await hasKontaktdeskTables(url)).toBe(false);
    expect(readdirSync(dataDir)).toEqual(['database-url']);
  });

  it('--database still works, warns once on stderr, and prints the URL only masked (its own command line shows it: the reason for the warning)', async () => {
    const url = await emptyDatabase();
    const run = await startAndStop(tempDir(), appEnv(), ['--database', url]);
    expect(run.database).toBe(maskedUrl(url));
    expect(run.output.match(/process list/g)).toHaveLength(1);
    expect(run.output).toContain('KONTAKTDESK_DATABASE_URL');
    expect(run.output).not.toContain(PASSWORD);
    expect(run.commandLines[0]).toContain(PASSWORD);
  });
});

describe('the command-line tools take the URL from the variable or the file as well', { timeout: 120_000 }, () => {
  it('npm run report reads the PostgreSQL database the PC is set to, not a SQLite file', async () => {
    const url = await emptyDatabase();
    const desk = await openCore({ postgres: url, now: () => Date.parse('2026-03-20T10:00:00Z') });
    try {
      const { client } = await clientsOf(desk);
      const catalog = await client.getCatalog({});
      for (const topic of catalog.topics.slice(0, 3)) {
        await client.logContact({ topicIds: [topic.id], languageId: catalog.languages[0]!.id, channel: 'phone', asker: 'citizen' });
      }
    } finally {
      await desk.close();
    }
    // Read on today's clock, as the command does (March is then a finished month).
    const reader = await openCore({ postgres: url });
    const expected = await reader.handlers.getReport({ from: '2026-03-01', to: '2026-03-31', publication: false }).finally(() => reader.close());
    const dataDir = tempDir();
    const out = join(tempDir(), 'bericht.json');
    const run = await runScript('scripts/report.ts', ['--data', dataDir, '--month', '2026-03', '--format', 'json', '--out', out], undefined, {
      KONTAKTDESK_DATABASE_URL: url,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).total).toBe(3);
    expect({ ...JSON.parse(readFileSync(out, 'utf8')), generatedAt: '' }).toEqual(JSON.parse(JSON.stringify({ ...expected, generatedAt: '' })));
  });

  it('npm run report on a PostgreSQL database Kontaktdesk never ran on: "no database", exit 2, and nothing created there', async () => {
    const url = await emptyDatabase();
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'database-url'), url, { mode: 0o600 });
    const run = await runScript('scripts/report.ts', ['--data', dataDir, '--month', '2026-03', '--format', 'json', '--out', join(dataDir, 'x.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`report: no Kontaktdesk database at ${maskedUrl(url)}`);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    expect(await hasKontaktdeskTables(url)).toBe(false);
  });

  it('npm run move-to-postgres moves into the database of KONTAKTDESK_DATABASE_URL, no --to needed', async () => {
    const dataDir = tempDir();
    const source = await openCore({ file: databaseFile(dataDir, false) });
    const catalog = await source.handlers.getCatalog({});
    await source.handlers.logContact({
      topicIds: [catalog.topics[0]!.id],
      languageId: catalog.languages[0]!.id,
      channel: 'phone',
      asker: 'citizen',
      referralIds: [],
      count: 1,
    });
    await source.close();
    const url = await emptyDatabase();

    const run = await runScript('scripts/move-to-postgres.ts', ['--data', dataDir], undefined, { KONTAKTDESK_DATABASE_URL: url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Moved to ${maskedUrl(url)}`);
    expect(run.stdout).not.toContain(PASSWORD);
    const moved = new pg.Client({ connectionString: url });
    await moved.connect();
    try {
      expect((await moved.query('select count(*)::int as n from contacts')).rows[0].n).toBe(1);
    } finally {
      await moved.end();
    }
  });

  it('npm run move-to-postgres -- --to URL still works, with the warning, and no password in its output', async () => {
    const dataDir = tempDir();
    await (await openCore({ file: databaseFile(dataDir, false) })).close();
    const url = await emptyDatabase();
    const run = await runScript('scripts/move-to-postgres.ts', ['--data', dataDir, '--to', url]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Warning: --to .*process list/);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });
});

describe('the PostgreSQL client’s own errors carry no password', () => {
  it('a database that does not exist, a URL the client cannot read: the reason, the URL masked', async () => {
    const url = await emptyDatabase();
    const missing = url.replace(/\/[^/]+$/, '/kd_no_such_database');
    const unreadable = url.replace(`:${PASSWORD}@`, `:ab#${PASSWORD}@`);
    const messages: string[] = [];
    for (const target of [missing, unreadable]) {
      await openCore({ postgres: target }).then(
        (core) => core.close().then(() => messages.push('opened')),
        (err: Error) => messages.push(err.message),
      );
    }
    expect(messages[0]).toMatch(/^Cannot open the PostgreSQL database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/kd_no_such_database: .*does not exist/);
    expect(messages[1]).toMatch(/^Cannot open the PostgreSQL database /);
    for (const message of messages) expect(message).not.toContain(PASSWORD);
  });
});
