import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { closeSync, existsSync, mkdirSync, openSync, writeSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBackupName } from '../../core/backup/backup-names';
import { takeBackup, BackupFailedError } from '../../core/backup/take-backup';
import { countRows, verifyBackupFile } from '../../core/backup/verify-backup';
import { migrate, schemaVersion } from '../../core/db/migrator';
import { openCore } from '../../core/open-core';
import { migrations } from '../../migrations';
import { refusal } from '../support/refusal';
import { openTempCore, type TempCore } from '../support/temp-core';
import { sqliteHandle } from '../../core/db/database-handle';

let core: TempCore;
const refused = async (p: Promise<unknown>) => (await refusal(p)).body;
const tap = async (c: TempCore) => {
  const catalog = await c.handlers.getCatalog({});
  return c.client.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });
};
const contacts = (c: TempCore) => Number(sqliteHandle(c.database).sqlite.prepare('select count(*) from contacts').pluck().get());

beforeEach(async () => {
  core = await openTempCore(Date.parse('2026-11-25T05:30:12Z'));
});
afterEach(async () => {
  await core.dispose();
});

describe('backing up now', () => {
  it('writes a verified copy through the backup API into <data folder>/backups, named by time and kind', async () => {
    await tap(core);
    await tap(core);
    const backup = await core.client.backupNow({});
    expect(backup).toMatchObject({ name: 'kontaktdesk-2026-11-25T053012Z-manual.sqlite', kind: 'manual', verified: true, at: Date.parse('2026-11-25T05:30:12Z') });
    const file = join(core.dir, 'backups', backup.name);
    expect(backup.size).toBeGreaterThan(0);
    // A self-contained file: rollback journal, no -wal beside it, and every row of every table.
    expect(readdirSync(join(core.dir, 'backups'))).toEqual([backup.name]);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(countRows(copy)).toEqual(countRows(sqliteHandle(core.database).sqlite));
    expect(countRows(copy).contacts).toBe(2);
    copy.close();

    const list = await core.client.listBackups({});
    expect(list).toEqual({ folder: join(core.dir, 'backups'), rotation: { daily: 7, weekly: 4, monthly: 12 }, backups: [backup] });
  });

  it('lists newest first and keeps two backups of the same second apart', async () => {
    const first = await core.client.backupNow({});
    const second = await core.client.backupNow({});
    core.clock.advance(60_000);
    const third = await core.client.backupNow({});
    expect(second.name).toBe('kontaktdesk-2026-11-25T053012Z-manual-1.sqlite');
    expect((await core.client.listBackups({})).backups.map((b) => b.name)).toEqual([third.name, second.name, first.name]);
  });

  it('writes to a chosen folder such as a USB stick, and refuses a relative, missing or non-folder path naming the field', async () => {
    const stick = mkdtempSync(join(tmpdir(), 'kontaktdesk-usb-'));
    try {
      const backup = await core.client.backupNow({ folder: stick });
      expect(existsSync(join(stick, backup.name))).toBe(true);
      expect(verifyBackupFile(join(stick, backup.name))).toEqual(countRows(sqliteHandle(core.database).sqlite));
      // The configured folder's list is unaffected: the stick is not the backup folder.
      expect((await core.client.listBackups({})).backups).toEqual([]);

      expect(await refused(core.client.backupNow({ folder: 'backups' }))).toMatchObject({ code: 'invalid_input', field: 'folder' });
      expect(await refused(core.client.backupNow({ folder: join(stick, 'missing') }))).toMatchObject({ code: 'invalid_input', field: 'folder' });
      writeFileSync(join(stick, 'a-file'), 'x');
      expect(await refused(core.client.backupNow({ folder: join(stick, 'a-file') }))).toMatchObject({ code: 'invalid_input', field: 'folder', message: expect.stringMatching(/not a folder/) });
    } finally {
      rmSync(stick, { recursive: true, force: true });
    }
  });

  it('uses the configured folder setting, and refuses one that does not exist', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'kontaktdesk-nas-'));
    try {
      await core.client.updateSettings({ backupFolder: elsewhere, backupKeepDaily: 3 });
      const backup = await core.client.backupNow({});
      expect(existsSync(join(elsewhere, backup.name))).toBe(true);
      expect(await core.client.listBackups({})).toMatchObject({ folder: elsewhere, rotation: { daily: 3, weekly: 4, monthly: 12 } });
      expect(await refused(core.client.updateSettings({ backupFolder: join(elsewhere, 'nope') }))).toMatchObject({ code: 'invalid_input', field: 'backupFolder' });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('verification', () => {
  it('a backup that cannot be written leaves no file behind and says why', async () => {
    const folder = join(core.dir, 'gone');
    await expect(takeBackup(sqliteHandle(core.database).sqlite, { folder, stem: 'kontaktdesk', at: core.clock.now, kind: 'manual' })).rejects.toThrow(BackupFailedError);
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses a copy whose rows differ from the source, and a damaged copy', async () => {
    await tap(core);
    const backup = await core.client.backupNow({});
    const file = join(core.dir, 'backups', backup.name);
    const expected = countRows(sqliteHandle(core.database).sqlite);
    expect(() => verifyBackupFile(file, { ...expected, contacts: expected.contacts! + 1 })).toThrow(/contacts 1 instead of 2/);
    damageMiddlePage(file);
    expect(() => verifyBackupFile(file, expected)).toThrow();
  });
});

describe('restoring', () => {
  it('backs up the current state first, brings back the backup’s data, and the caches and reports follow', async () => {
    await tap(core);
    const backup = await core.client.backupNow({});
    const reportBefore = await core.client.getReport({ from: '2026-11-01', to: '2026-11-30' });
    core.clock.advance(5_000);
    await tap(core);
    await core.client.updateSettings({ siteName: 'Nach der Sicherung' });
    expect(contacts(core)).toBe(2);

    const dry = await core.client.restoreBackup({ file: backup.name, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, safetyBackup: null, contactsBefore: 2, contactsAfter: 1 });
    expect(contacts(core)).toBe(2);

    const result = await core.client.restoreBackup({ file: backup.name });
    expect(result).toMatchObject({ dryRun: false, contactsBefore: 2, contactsAfter: 1, safetyBackup: { kind: 'prerestore' } });
    expect(contacts(core)).toBe(1);
    // The safety copy holds what was there before the restore.
    expect(verifyBackupFile(join(core.dir, 'backups', result.safetyBackup!.name)).contacts).toBe(2);
    // Caches are rebuilt: the settings and the report are those of the backup; the session stays open.
    expect((await core.client.getCatalog({})).settings.siteName).not.toBe('Nach der Sicherung');
    const reportAfter = await core.client.getReport({ from: '2026-11-01', to: '2026-11-30' });
    expect(reportAfter.total).toBe(1);
    expect({ ...reportAfter, generatedAt: '' }).toEqual({ ...reportBefore, generatedAt: '' });
    expect((await core.client.listDay({})).count).toBe(1);
    expect(sqliteHandle(core.database).sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqliteHandle(core.database).sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // And the database keeps working.
    await tap(core);
    expect(contacts(core)).toBe(2);
  });

  it('restores only a backup of this database from the list, never a path or a damaged file', async () => {
    expect(await refused(core.client.restoreBackup({ file: '../kontaktdesk.sqlite' }))).toMatchObject({ code: 'invalid_input', field: 'file' });
    expect(await refused(core.client.restoreBackup({ file: 'kontaktdesk-2020-01-01T000000Z-daily.sqlite' }))).toMatchObject({ code: 'not_found', field: 'file' });
    const backup = await core.client.backupNow({});
    damageMiddlePage(join(core.dir, 'backups', backup.name));
    const before = countRows(sqliteHandle(core.database).sqlite);
    expect(await refused(core.client.restoreBackup({ file: backup.name }))).toMatchObject({ code: 'conflict', field: 'file' });
    expect(countRows(sqliteHandle(core.database).sqlite)).toEqual(before);
    expect((await core.client.listBackups({})).backups.map((b) => b.kind)).toEqual(['manual']);
  });
});

describe('before a migration', () => {
  it('backs up an older database before updating its schema, and refuses to migrate when that backup fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-premigration-'));
    const file = join(dir, 'kontaktdesk.sqlite');
    const older = async () => {
      const sqlite = new Database(file);
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
      await migrate(db, migrations.slice(0, 4));
      await db.insertInto('settings').values({ key: 'siteName', value: 'Version 4' }).execute();
      await db.destroy();
    };
    const version = async () => {
      const sqlite = new Database(file, { readonly: true });
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
      try {
        return await schemaVersion(db);
      } finally {
        await db.destroy();
      }
    };
    try {
      await older();
      // A file where the backup folder should be: the backup cannot be written.
      writeFileSync(join(dir, 'backups'), 'not a folder');
      await expect(openCore({ file })).rejects.toThrow(/backup before it failed, so nothing was changed/);
      expect(await version()).toBe(4);

      rmSync(join(dir, 'backups'));
      const opened = await openCore({ file });
      await opened.close();
      const [name] = readdirSync(join(dir, 'backups'));
      expect(parseBackupName(name!)?.kind).toBe('premigration');
      const copy = new Database(join(dir, 'backups', name!), { readonly: true });
      expect(copy.prepare('select max(version) from schema_migrations').pluck().get()).toBe(4);
      expect(copy.prepare("select value from settings where key = 'siteName'").pluck().get()).toBe('Version 4');
      copy.close();
      expect(await version()).toBe(migrations.length);

      // A new, empty database has nothing to lose: no backup.
      const fresh = join(dir, 'fresh', 'kontaktdesk.sqlite');
      mkdirSync(join(dir, 'fresh'));
      await (await openCore({ file: fresh })).close();
      expect(existsSync(join(dir, 'fresh', 'backups'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Overwrites bytes in the middle of a page in the middle of the file, as a bad sector or a torn copy would. */
export function damageMiddlePage(file: string) {
  const sqlite = new Database(file, { readonly: true });
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  // The contacts table's root page: certainly in use, so the damage cannot fall into free space.
  const page = Number(sqlite.prepare("select rootpage from sqlite_master where name = 'contacts'").pluck().get());
  sqlite.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize / 2, 0xa5), 0, pageSize / 2, (page - 1) * pageSize);
  closeSync(fd);
}
