import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { closeSync, existsSync, mkdirSync, openSync, writeSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createClient, type ClientError } from '../../core/api/client';
import { dispatch } from '../../core/api/dispatch';
import type { BackupRestore } from '../../core/backup/backup-types';
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
/** A window of `core` holding a management session. */
const windowWith = (session: string) =>
  createClient(
    (method, input, held) => dispatch(core.api, method, input, { session: held }),
    () => session,
  );
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
    expect(backup).toMatchObject({
      name: 'kontaktdesk-2026-11-25T053012Z-manual.sqlite',
      kind: 'manual',
      verified: true,
      at: Date.parse('2026-11-25T05:30:12Z'),
    });
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
    expect(list).toEqual({ folder: join(core.dir, 'backups'), rotation: { daily: 7, weekly: 4, monthly: 12 }, backups: [backup], totalSize: backup.size });
    expect(backup.automatic).toBe(false);
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
      expect(await verifyBackupFile(join(stick, backup.name))).toEqual(countRows(sqliteHandle(core.database).sqlite));
      // The configured folder's list is unaffected: the stick is not the backup folder.
      expect((await core.client.listBackups({})).backups).toEqual([]);

      expect(await refused(core.client.backupNow({ folder: 'backups' }))).toMatchObject({ code: 'invalid_input', field: 'folder' });
      expect(await refused(core.client.backupNow({ folder: join(stick, 'missing') }))).toMatchObject({ code: 'invalid_input', field: 'folder' });
      writeFileSync(join(stick, 'a-file'), 'x');
      expect(await refused(core.client.backupNow({ folder: join(stick, 'a-file') }))).toMatchObject({
        code: 'invalid_input',
        field: 'folder',
        message: expect.stringMatching(/not a folder/),
      });
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
      expect(await refused(core.client.updateSettings({ backupFolder: join(elsewhere, 'nope') }))).toMatchObject({
        code: 'invalid_input',
        field: 'backupFolder',
      });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('verification', () => {
  it('a backup that cannot be written leaves no file behind and says why', async () => {
    const folder = join(core.dir, 'gone');
    await expect(takeBackup(sqliteHandle(core.database).sqlite, { folder, stem: 'kontaktdesk', at: core.clock.now, kind: 'manual' })).rejects.toThrow(
      BackupFailedError,
    );
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses a copy whose rows differ from the source, and a damaged copy', async () => {
    await tap(core);
    const backup = await core.client.backupNow({});
    const file = join(core.dir, 'backups', backup.name);
    const expected = countRows(sqliteHandle(core.database).sqlite);
    await expect(verifyBackupFile(file, { ...expected, contacts: expected.contacts! + 1 })).rejects.toThrow(
      /^row counts differ from the database: contacts 1 instead of 2$/,
    );
    damageMiddlePage(file);
    await expect(verifyBackupFile(file, expected)).rejects.toThrow(/^(integrity_check failed: .+|database disk image is malformed)$/);
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
    expect((await verifyBackupFile(join(core.dir, 'backups', result.safetyBackup!.name))).contacts).toBe(2);
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

  it('keeps the management sessions and wrong PINs as they are: opened since the backup stays open, locked since stays locked', async () => {
    const { session: restorer } = await core.deskClient.setManagementPin({ pin: '8642' });
    const { session: lockedSince } = await core.deskClient.unlockManagement({ pin: '8642' });
    const backup = await windowWith(restorer).backupNow({});
    const { session: openedSince } = await core.deskClient.unlockManagement({ pin: '8642' });
    await windowWith(lockedSince).lockManagement({});
    for (let i = 0; i < 3; i++) expect((await refused(core.deskClient.unlockManagement({ pin: '0000' }))).code).toBe('forbidden');

    await windowWith(restorer).restoreBackup({ file: backup.name });

    expect(await windowWith(openedSince).getManagementStatus({})).toMatchObject({ unlocked: true });
    expect(await windowWith(restorer).listBackups({})).toHaveProperty('backups');
    expect((await refused(windowWith(lockedSince).listBackups({}))).code).toBe('locked');
    // Two more wrong PINs make five: the three before the restore still count.
    for (let i = 0; i < 2; i++) expect((await refused(core.deskClient.unlockManagement({ pin: '0000' }))).code).toBe('forbidden');
    expect((await refused(core.deskClient.unlockManagement({ pin: '8642' }))).code).toBe('rate_limited');
  });

  it('restores only a backup of this database from the list, never a path or a damaged file', async () => {
    expect(await refused(core.client.restoreBackup({ file: '../kontaktdesk.sqlite' }))).toMatchObject({ code: 'invalid_input', field: 'file' });
    expect(await refused(core.client.restoreBackup({ file: 'kontaktdesk-2020-01-01T000000Z-daily.sqlite' }))).toMatchObject({
      code: 'not_found',
      field: 'file',
    });
    const backup = await core.client.backupNow({});
    damageMiddlePage(join(core.dir, 'backups', backup.name));
    const before = countRows(sqliteHandle(core.database).sqlite);
    expect(await refused(core.client.restoreBackup({ file: backup.name }))).toMatchObject({
      code: 'conflict',
      field: 'file',
      message: expect.stringMatching(/the backup is damaged and was not restored: (integrity_check failed: |database disk image is malformed)/),
    });
    expect(countRows(sqliteHandle(core.database).sqlite)).toEqual(before);
    expect((await core.client.listBackups({})).backups.map((b) => b.kind)).toEqual(['manual']);
  });
});

describe('deleting a backup', () => {
  const folderBytes = (dir: string) => Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));

  it('deletes one listed backup of any kind, writes it to the audit trail, and the list and its total size follow', async () => {
    await tap(core);
    const manual = await core.client.backupNow({});
    core.clock.advance(60_000);
    const automatic = await core.context.backups.automatic();
    const before = await core.client.listBackups({});
    expect(before.backups.map((b) => [b.name, b.kind, b.automatic])).toEqual([
      [automatic.name, 'monthly', true],
      [manual.name, 'manual', false],
    ]);
    expect(before.totalSize).toBe(manual.size + automatic.size);

    core.clock.advance(60_000);
    expect(await core.client.deleteBackup({ file: manual.name })).toEqual(before.backups[1]);
    expect(existsSync(join(core.dir, 'backups', manual.name))).toBe(false);
    const after = await core.client.listBackups({});
    expect(after.backups.map((b) => b.name)).toEqual([automatic.name]);
    expect(after.totalSize).toBe(automatic.size);
    // An automatic one may be deleted by hand too.
    await core.client.deleteBackup({ file: automatic.name });
    expect(await core.client.listBackups({})).toMatchObject({ backups: [], totalSize: 0 });

    const audit = await core.client.listAudit({ entity: 'backup' });
    expect(audit.entries.map((e) => [e.action, e.entity])).toEqual([
      ['delete', 'backup'],
      ['delete', 'backup'],
    ]);
    expect(audit.entries[1]!.changes).toEqual([
      { field: 'file', old: { kind: 'text', text: manual.name }, new: null },
      { field: 'kind', old: { kind: 'code', of: 'backupKind', code: 'manual' }, new: null },
      { field: 'takenAt', old: { kind: 'localTime', day: '2026-11-25', time: '06:30' }, new: null },
      { field: 'size', old: { kind: 'number', value: manual.size }, new: null },
    ]);
  });

  it('refuses a name that is not one of this database’s listed backups, and changes nothing, byte for byte', async () => {
    const backup = await core.client.backupNow({});
    const dir = join(core.dir, 'backups');
    writeFileSync(join(dir, 'kontaktdesk-demo-2026-11-25T053012Z-manual.sqlite'), 'the demo’s backup');
    writeFileSync(join(dir, 'kontaktdesk-2026-11-25T053012Z-manual.sqlite.partial'), 'a leftover');
    const filesBefore = folderBytes(dir);
    const databaseBefore = readFileSync(core.file);
    const auditBefore = (await core.client.listAudit({})).total;
    for (const [file, code] of [
      ['../kontaktdesk.sqlite', 'invalid_input'],
      ['/etc/passwd', 'invalid_input'],
      [`backups/${backup.name}`, 'invalid_input'],
      [`${backup.name}.partial`, 'invalid_input'],
      ['kontaktdesk-2020-01-01T000000Z-daily.sqlite', 'not_found'],
      ['kontaktdesk-demo-2026-11-25T053012Z-manual.sqlite', 'not_found'],
    ] as const) {
      expect(await refused(core.client.deleteBackup({ file }))).toMatchObject({ code, field: 'file' });
    }
    expect(folderBytes(dir)).toEqual(filesBefore);
    expect(readFileSync(core.file).equals(databaseBefore)).toBe(true);
    expect((await core.client.listAudit({})).total).toBe(auditBefore);
  });
});

/**
 * Runs `backup` and, in the moment its copy has been written and handed to the verification worker,
 * runs `during`; the check is held back meanwhile by a job queued ahead of it in the same worker,
 * which waits on a file this test holds locked. Everything is ordered by the event loop, never by
 * time: the first `.partial` file (reserved before the copy is taken) queues the holding job; the copy
 * switched to its own journal (header byte 18 = 1, not yet renamed) is the moment. A check on the main
 * thread would run on in that very turn, so the moment is never seen: null.
 */
async function whileVerifying<T>(folder: string, backup: () => Promise<unknown>, during: (copy: string) => Promise<T>) {
  const { checkCopyInWorker } = await import('../../core/backup/verify-worker');
  const blocker = join(core.dir, 'worker-blocker.sqlite');
  const lock = new Database(blocker);
  lock.exec('create table if not exists t (x)');
  let held: Promise<unknown> | null = null;
  let settled = false;
  const outcome = backup().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void outcome.then(() => (settled = true));
  let result: { during: T; settledDuring: boolean } | null = null;
  try {
    while (!settled && result === null) {
      await new Promise((resolve) => setImmediate(resolve));
      const partial = existsSync(folder) ? readdirSync(folder).find((n) => n.endsWith('.sqlite.partial')) : undefined;
      if (!partial) continue;
      if (!held) {
        lock.exec('BEGIN EXCLUSIVE');
        held = checkCopyInWorker(blocker).catch(() => undefined);
      }
      const header = readFileSync(join(folder, partial));
      if (header.length < 100 || header[18] !== 1) continue;
      result = { during: await during(join(folder, partial)), settledDuring: settled };
    }
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
  await held;
  const settledAs = await outcome;
  return result && { ...result, outcome: settledAs };
}

describe('copying in steps', () => {
  it('taps saved while a large file is copied in steps are carried into the copy, which passes its check against the rows counted as its last step ended', async () => {
    const sqlite = sqliteHandle(core.database).sqlite;
    // 24 MB of filler: six steps of COPY_STEP_PAGES (4 MB at 4 KB pages).
    sqlite.exec('create table filler (b blob)');
    const fill = sqlite.prepare('insert into filler values (zeroblob(65536))');
    sqlite.transaction(() => {
      for (let i = 0; i < 384; i++) fill.run();
    })();
    await tap(core);
    let settled = false;
    const backup = core.client.backupNow({}).finally(() => (settled = true));
    let answeredDuringCopy = 0;
    // Each tap is answered within one turn of the event loop; the copy takes a turn per step.
    while (!settled) {
      await tap(core);
      if (!settled) answeredDuringCopy++;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const done = await backup;
    expect(answeredDuringCopy).toBeGreaterThan(1);
    const copy = new Database(join(core.dir, 'backups', done.name), { readonly: true });
    const inCopy = Number(copy.prepare('select count(*) from contacts').pluck().get());
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // The copy was verified against the source's rows counted as its last step ended: every tap saved
    // before then is in it (SQLite carries this connection's writes into a copy under way), later ones not.
    expect(inCopy).toBeGreaterThan(1);
    expect(inCopy).toBeLessThanOrEqual(contacts(core));
  });
});

describe('verification off the main thread', () => {
  it('a tap is answered while a backup is being verified, and the backup still completes verified', async () => {
    await tap(core);
    const seen = await whileVerifying(
      join(core.dir, 'backups'),
      () => core.client.backupNow({}),
      () => tap(core),
    );
    expect(seen).not.toBeNull();
    expect(seen!.during.contact.id).toBeGreaterThan(0);
    expect(seen!.settledDuring).toBe(false);
    expect(seen!.outcome).toMatchObject({ ok: true, value: { kind: 'manual', verified: true } });
    // The tap was logged after the copy was taken: the copy holds one contact, the database two.
    const name = (seen!.outcome as { value: { name: string } }).value.name;
    expect((await verifyBackupFile(join(core.dir, 'backups', name))).contacts).toBe(1);
    expect(contacts(core)).toBe(2);
  });

  it('a copy damaged before its check is refused with the reason and deleted', async () => {
    await tap(core);
    const dir = join(core.dir, 'backups');
    const seen = await whileVerifying(
      dir,
      () => core.client.backupNow({}),
      async (file) => damageMiddlePage(file),
    );
    expect(seen).not.toBeNull();
    expect(seen!.outcome.ok).toBe(false);
    const body = (seen!.outcome as { error: ClientError }).error.body;
    expect(body).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(
        /The backup kontaktdesk-.*-manual\.sqlite failed and was deleted: (integrity_check failed: |database disk image is malformed)/,
      ),
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the desk is answered while a restore’s safety copy is verified', async () => {
    await tap(core);
    const backup = await core.client.backupNow({});
    await tap(core);
    // The restore's own safety copy is the backup verified here.
    const seen = await whileVerifying(
      join(core.dir, 'backups'),
      () => core.client.restoreBackup({ file: backup.name }),
      () => core.client.listDay({}),
    );
    expect(seen).not.toBeNull();
    expect(seen!.settledDuring).toBe(false);
    expect(seen!.during.count).toBe(2);
  });

  it('a contact saved while the restore’s safety copy is verified is in the safety copy it reports', async () => {
    const dir = join(core.dir, 'backups');
    await tap(core);
    const backup = await core.client.backupNow({});
    await tap(core);
    const seen = await whileVerifying(
      dir,
      () => core.client.restoreBackup({ file: backup.name }),
      () => tap(core),
    );
    expect(seen).not.toBeNull();
    expect(seen!.outcome).toMatchObject({ ok: true, value: { contactsBefore: 3, contactsAfter: 1 } });
    const safety = (seen!.outcome as { value: BackupRestore }).value.safetyBackup!;
    expect((await verifyBackupFile(join(dir, safety.name))).contacts).toBe(3);
    expect(contacts(core)).toBe(1);
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
function damageMiddlePage(file: string) {
  const sqlite = new Database(file, { readonly: true });
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  // The contacts table's root page: certainly in use, so the damage cannot fall into free space.
  const page = Number(sqlite.prepare("select rootpage from sqlite_master where name = 'contacts'").pluck().get());
  sqlite.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize / 2, 0xa5), 0, pageSize / 2, (page - 1) * pageSize);
  closeSync(fd);
}
