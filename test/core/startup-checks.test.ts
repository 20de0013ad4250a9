import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/api/dispatch';
import type { Envelope } from '../../core/base/errors';
import { startApp, type App } from '../../core/app/start-app';
import { checkDatabaseFile } from '../../core/app/startup-check';
import { databaseFile } from '../../core/app/data-location';
import { openCore, type Core } from '../../core/open-core';
import { startHttpServer } from '../../server/http-server';
import { sqliteHandle } from '../../core/db/database-handle';

let dataDir: string;
const apps: App[] = [];
const cores: Core[] = [];
const file = () => databaseFile(dataDir, false);
const TODAY = Date.parse('2026-11-25T09:00:00Z');

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-startup-'));
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const core of cores.splice(0)) await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async (options: Partial<Parameters<typeof startApp>[0]> = {}) => {
  const messages: string[] = [];
  const app = await startApp({ dataDir, now: () => TODAY, report: (m) => messages.push(m), ...options });
  apps.push(app);
  return { app, messages };
};
const call = (app: { api: App['api'] }, method: string, input: unknown = {}, session?: string) =>
  dispatch(app.api, method, input, { session }, () => {}) as Promise<Envelope<any>>;

async function tap(app: { api: App['api'] }) {
  const catalog = (await call(app, 'getCatalog')) as { ok: true; value: any };
  if (!catalog.ok) return catalog;
  return call(app, 'logContact', { topicIds: [catalog.value.topics[0].id], languageId: catalog.value.languages[0].id, channel: 'in_person', asker: 'citizen' });
}

/** Overwrites the first half of the contacts table's root page: a page in use, damaged in the middle of the file. */
function damageContactsPage(path: string) {
  const sqlite = new Database(path, { readonly: true });
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const page = Number(sqlite.prepare("select rootpage from sqlite_master where name = 'contacts'").pluck().get());
  sqlite.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize / 2, 0x5a), 0, pageSize / 2, (page - 1) * pageSize + 8);
  closeSync(fd);
}

const contactCount = (path: string) => {
  const sqlite = new Database(path, { readonly: true });
  try {
    return Number(sqlite.prepare('select count(*) from contacts').pluck().get());
  } finally {
    sqlite.close();
  }
};

describe('a damaged database', () => {
  it('is never written to, says so, offers the newest good backup, and restoring it brings the data back', async () => {
    const { app } = await start();
    expect(app.startup()).toEqual({ state: 'ok' });
    for (let i = 0; i < 3; i++) expect((await tap(app)).ok).toBe(true);
    const session = await app.core()!.context.gate.open();
    const backup = await call(app, 'backupNow', {}, session);
    expect(backup.ok).toBe(true);
    await app.close();
    apps.splice(0);

    damageContactsPage(file());
    const damagedBytes = readFileSync(file());

    const { app: damaged, messages } = await start();
    expect(damaged.startup().state).toBe('damaged');
    expect(damaged.core()).toBeNull();
    expect(messages.join('\n')).toMatch(/The database is damaged[\s\S]*kontaktdesk\.sqlite/);
    const state = await call(damaged, 'getStartupState');
    expect(state).toMatchObject({ ok: true, value: { state: 'damaged', newestGoodBackup: { name: (backup as any).value.name } } });
    // Every other method refuses with a clear code; nothing writes into the damaged file.
    expect(await tap(damaged)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/damaged/) } });
    expect(await call(damaged, 'listBackups', {}, session)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(readFileSync(file()).equals(damagedBytes)).toBe(true);

    const recovered = await call(damaged, 'recoverFromBackup');
    expect(recovered).toMatchObject({ ok: true, value: { restored: { name: (backup as any).value.name } } });
    expect(damaged.startup()).toEqual({ state: 'ok' });
    // The same api object now serves the restored database: the transports need nothing new.
    expect(await call(damaged, 'getStartupState')).toEqual({ ok: true, value: { state: 'ok' } });
    expect(((await call(damaged, 'listDay')) as any).value.count).toBe(3);
    expect((await tap(damaged)).ok).toBe(true);
    // The damaged file is kept aside, byte for byte.
    const aside = readdirSync(dataDir).find((n) => n.startsWith('kontaktdesk.sqlite.damaged-') && !n.endsWith('-wal') && !n.endsWith('-shm'))!;
    expect(readFileSync(join(dataDir, aside)).equals(damagedBytes)).toBe(true);
  });

  it('without any backup it still refuses to write and says there is none', async () => {
    const { app } = await start();
    await tap(app);
    await app.close();
    apps.splice(0);
    rmSync(join(dataDir, 'backups'), { recursive: true, force: true });
    damageContactsPage(file());
    const bytes = readFileSync(file());
    const { app: damaged } = await start();
    expect(await call(damaged, 'getStartupState')).toMatchObject({ ok: true, value: { state: 'damaged', newestGoodBackup: null } });
    expect(await call(damaged, 'recoverFromBackup')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(readFileSync(file()).equals(bytes)).toBe(true);
  });
});

describe('a database left by a crash', () => {
  it('with its -wal and -shm still beside it passes the check, and keeps every row', async () => {
    mkdirSync(dataDir, { recursive: true });
    const child = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(file())});
      db.pragma('journal_mode = WAL');
      db.exec('create table t (x)');
      for (let i = 0; i < 100; i++) db.prepare('insert into t values (?)').run(i);
      process.kill(process.pid, 'SIGKILL');`;
    expect(spawnSync(process.execPath, ['-e', child], { cwd: process.cwd() }).signal).toBe('SIGKILL');
    expect(existsSync(`${file()}-wal`)).toBe(true);
    expect(checkDatabaseFile(file())).toEqual({ ok: true });
    const sqlite = new Database(file(), { readonly: true });
    expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(100);
    sqlite.close();
  });
});

describe('a locked database', () => {
  it('another program holding the write lock at start: a clear message, no crash, nothing written', async () => {
    const { app } = await start();
    await tap(app);
    await app.close();
    apps.splice(0);
    const other = new Database(file());
    other.exec('BEGIN EXCLUSIVE');
    try {
      const before = other.prepare('select count(*) from contacts').pluck().get();
      const { app: locked, messages } = await start({ busyTimeoutMs: 50 });
      expect(locked.startup().state).toBe('locked');
      expect(messages.join()).toMatch(/locked by another program/);
      expect(await tap(locked)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      // Over HTTP the same refusal is a 503, and the page can still ask what is wrong.
      const server = await startHttpServer({ api: locked.api });
      try {
        const post = (method: string) =>
          fetch(new URL(`api/${method}`, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        const refused = await post('getCatalog');
        expect(refused.status).toBe(503);
        expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
        const state = await post('getStartupState');
        expect(state.status).toBe(200);
        expect(await state.json()).toMatchObject({ ok: true, value: { state: 'locked' } });
      } finally {
        await server.close();
      }
      expect(other.prepare('select count(*) from contacts').pluck().get()).toBe(before);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('a write refused with SQLITE_BUSY while running comes back as unavailable, and the contact is not saved', async () => {
    const core = await openCore({ file: file(), now: () => TODAY, busyTimeoutMs: 50 });
    cores.push(core);
    expect((await tap(core)).ok).toBe(true);
    const other = new Database(file());
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(await tap(core)).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringMatching(/locked by another program; nothing was saved/) },
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(contactCount(file())).toBe(1);
    expect((await tap(core)).ok).toBe(true);
  });
});

describe('a full disk', () => {
  it('a write that hits SQLITE_FULL is refused as unavailable, and every contact saved before is intact', async () => {
    const core = await openCore({ file: file(), now: () => TODAY });
    cores.push(core);
    const sqlite = sqliteHandle(core.database).sqlite;
    // Caps the file at its current size: SQLite then answers SQLITE_FULL exactly as on a full disk.
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true })) + 2}`);
    let saved = 0;
    let refusal: Envelope<unknown> | null = null;
    for (let i = 0; i < 500 && !refusal; i++) {
      const outcome = await tap(core);
      if (outcome.ok) saved++;
      else refusal = outcome;
    }
    expect(refusal).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'the disk is full; nothing was saved' } });
    expect(saved).toBeGreaterThan(0);
    expect(Number(sqlite.prepare('select count(*) from contacts').pluck().get())).toBe(saved);
    expect(((await call(core, 'listDay')) as any).value.count).toBe(saved);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Space again: the desk carries on.
    sqlite.pragma('max_page_count = 1073741823');
    expect((await tap(core)).ok).toBe(true);
  });
});

const isRoot = process.getuid?.() === 0;
const canMount = (() => {
  if (!isRoot || process.platform !== 'linux') return false;
  const probe = mkdtempSync(join(tmpdir(), 'kontaktdesk-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

describe.skipIf(!canMount)('on real small or read-only file systems (needs root to mount tmpfs)', () => {
  let mountDir: string;
  beforeEach(() => {
    mountDir = join(dataDir, 'mnt');
    mkdirSync(mountDir);
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close().catch(() => {});
    for (const app of apps.splice(0)) await app.close().catch(() => {});
    // Lazily, so a test that failed with a file still open leaves no mount behind.
    execFileSync('umount', ['-l', mountDir]);
  });

  it('a tiny disk that fills up: the refused contact is not saved, the saved ones survive a reopen', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mountDir]);
    const path = join(mountDir, 'kontaktdesk.sqlite');
    const core = await openCore({ file: path, now: () => TODAY });
    cores.push(core);
    const catalog = await core.handlers.getCatalog({});
    let saved = 0;
    let refusal: Envelope<unknown> | null = null;
    for (let i = 0; i < 5000 && !refusal; i++) {
      const outcome = await dispatch(
        core.api,
        'logContact',
        {
          requestId: crypto.randomUUID(),
          count: 20,
          topicIds: [catalog.topics[i % 5]!.id],
          languageId: catalog.languages[0]!.id,
          channel: 'phone',
          asker: 'citizen',
        },
        {},
        () => {},
      );
      if (outcome.ok) saved += 20;
      else refusal = outcome;
    }
    expect(refusal).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    cores.splice(cores.indexOf(core), 1);
    await core.close().catch(() => {});
    execFileSync('mount', ['-o', 'remount,size=8m', mountDir]);
    const reopened = await openCore({ file: path, now: () => TODAY });
    cores.push(reopened);
    expect(Number(sqliteHandle(reopened.database).sqlite.prepare('select count(*) from contacts').pluck().get())).toBe(saved);
    expect(sqliteHandle(reopened.database).sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a read-only file system at start: a clear message, no crash, the file unchanged', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountDir]);
    const seedDir = dataDir;
    dataDir = mountDir;
    try {
      const { app } = await start();
      await tap(app);
      await app.close();
      apps.splice(0);
      const bytes = readFileSync(file());
      execFileSync('mount', ['-o', 'remount,ro', mountDir]);
      const { app: readonly, messages } = await start();
      expect(readonly.startup().state).toBe('readonly');
      expect(messages.join()).toMatch(/read-only/);
      expect(await tap(readonly)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/read-only/) } });
      expect(readFileSync(file()).equals(bytes)).toBe(true);
      expect(existsSync(file())).toBe(true);
    } finally {
      dataDir = seedDir;
    }
  });
});
