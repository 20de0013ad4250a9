import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import { dispatch } from '../../core/api/dispatch';
import { databaseFile } from '../../core/app/data-location';
import { startApp, type App } from '../../core/app/start-app';
import { parseBackupName } from '../../core/backup/backup-names';
import { migrate } from '../../core/db/migrator';
import { migrations } from '../../migrations';

/**
 * What the app keeps in its backup folder across real restarts (startApp, close, startApp on the same
 * data folder) and across the rotation's whole calendar: rotation only ever deletes the automatic
 * backups, and a killed backup's leftovers are cleared at the next start, nothing else.
 */

const DAY = 86_400_000;
const PIN = '135790';
let dataDir: string;
let now: number;
const running: App[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-keeping-'));
});
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const file = () => databaseFile(dataDir, false);
const backups = () => join(dataDir, 'backups');

async function start(): Promise<App> {
  const app = await startApp({ dataDir, now: () => now, report: () => undefined });
  running.push(app);
  return app;
}
async function restart(app: App): Promise<App> {
  await app.close();
  running.splice(running.indexOf(app), 1);
  return start();
}

/** The typed client over the app's api, as the transports call it, with a session unlocked by the PIN (set on first use). */
async function managementClient(app: App): Promise<Client> {
  let session: string | undefined;
  const client = createClient(
    (method, input, s) => dispatch(app.api, method, input, { session: s }),
    () => session,
  );
  if (!(await client.getManagementStatus({})).pinSet) await client.setManagementPin({ pin: PIN });
  session = (await client.unlockManagement({ pin: PIN })).session;
  return client;
}

async function tap(client: Client) {
  const catalog = await client.getCatalog({});
  return client.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });
}

const contactsIn = (path: string) => {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return Number(sqlite.prepare('select count(*) from contacts').pluck().get());
  } finally {
    sqlite.close();
  }
};

const AUTOMATIC = new Set(['daily', 'weekly', 'monthly']);
const automaticDays = (names: string[]) =>
  names
    .map((n) => parseBackupName(n)!)
    .filter((b) => AUTOMATIC.has(b.kind))
    .map((b) => new Date(b.at).toISOString().slice(0, 10))
    .sort();

describe('the safety copy of a restore (the issue’s steps)', () => {
  it('is still listed after a restart the same day, and holds the contacts logged before the restore', async () => {
    now = Date.parse('2026-11-25T08:00:00Z');
    let app = await start();
    let client = await managementClient(app);
    const b1 = await client.backupNow({});
    for (let i = 0; i < 3; i++) await tap(client);
    now += 60_000;
    const restore = await client.restoreBackup({ file: b1.name });
    const safety = restore.safetyBackup!;
    expect(safety.kind).toBe('prerestore');
    expect((await client.listDay({})).count).toBe(0);

    now += 3_600_000;
    app = await restart(app);
    client = await managementClient(app);
    const listed = (await client.listBackups({})).backups;
    expect(listed.map((b) => b.name)).toContain(safety.name);
    expect(listed.map((b) => b.name)).toContain(b1.name);
    expect(contactsIn(join(backups(), safety.name))).toBe(3);
    // Restoring the safety copy brings the three contacts back.
    await client.restoreBackup({ file: safety.name });
    expect((await client.listDay({})).count).toBe(3);
  });
});

/** An older database (schema version 4) as an earlier release left it: the next start migrates it and backs it up first. */
async function olderDatabase() {
  const sqlite = new Database(file());
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, migrations.slice(0, 4));
  await db.destroy();
}

/** Overwrites the first half of the contacts table's root page: damaged where it is certainly in use. */
function damageContactsPage(path: string) {
  const sqlite = new Database(path, { readonly: true });
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const page = Number(sqlite.prepare("select rootpage from sqlite_master where name = 'contacts'").pluck().get());
  sqlite.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize / 2, 0x5a), 0, pageSize / 2, (page - 1) * pageSize + 8);
  closeSync(fd);
}

describe('every kind of backup across restarts and the rotation’s whole calendar', () => {
  it('manual, before-restore, before-migration and recovery copies are kept; the automatic ones follow 7 days, 4 weeks, 12 months', async () => {
    const first = Date.parse('2026-01-01T08:00:00Z'); // a Thursday
    now = first;
    await olderDatabase();
    let app = await start();
    let client = await managementClient(app);
    const premigration = (await client.listBackups({})).backups.find((b) => b.kind === 'premigration')!;
    expect(premigration).toBeDefined();
    await tap(client);
    await tap(client);
    now += 60_000;
    const manual = await client.backupNow({});
    await tap(client);
    now += 60_000;
    const prerestore = (await client.restoreBackup({ file: manual.name })).safetyBackup!;

    // The same day: a restart, then the database found damaged and recovered from the newest good backup.
    now += 3_600_000;
    app = await restart(app);
    await app.close();
    running.splice(0);
    damageContactsPage(file());
    now += 3_600_000;
    app = await start();
    expect(app.startup().state).toBe('damaged');
    const { damagedCopy } = await createClient((method, input) => dispatch(app.api, method, input, {})).recoverFromBackup({});
    expect(existsSync(join(dataDir, damagedCopy))).toBe(true);
    const damagedBytes = readFileSync(join(dataDir, damagedCopy));

    const kept = [premigration, manual, prerestore];
    const keptBytes = kept.map((b) => readFileSync(join(backups(), b.name)));
    const stillThere = (day: number) => {
      for (const b of kept) expect(existsSync(join(backups(), b.name)), `${b.name} on day ${day}`).toBe(true);
      expect(existsSync(join(dataDir, damagedCopy)), `${damagedCopy} on day ${day}`).toBe(true);
    };

    // 400 days with one start backup each (a real restart on some of them), from 1 Jan 2026 to 5 Feb 2027.
    for (let day = 1; day <= 400; day++) {
      now = first + day * DAY;
      if (day % 100 === 0) {
        app = await restart(app);
      } else {
        await app.core()!.context.backups.automatic();
      }
      stillThere(day);
    }

    client = await managementClient(app);
    const list = await client.listBackups({});
    const names = list.backups.map((b) => b.name);
    // Byte for byte what they were when written; never rotated, whatever the calendar did.
    kept.forEach((b, i) => expect(readFileSync(join(backups(), b.name)).equals(keptBytes[i]!)).toBe(true));
    expect(readFileSync(join(dataDir, damagedCopy)).equals(damagedBytes)).toBe(true);
    expect(
      list.backups
        .filter((b) => !b.automatic)
        .map((b) => b.name)
        .sort(),
    ).toEqual(kept.map((b) => b.name).sort());
    expect(contactsIn(join(backups(), prerestore.name))).toBe(3);
    expect(contactsIn(join(backups(), manual.name))).toBe(2);

    // The automatic ones: one per day for the last 7 days, the newest of each of the 4 last ISO weeks, of the 12 last months.
    expect(automaticDays(names)).toEqual(
      [
        // months: the last day of Mar … Dec 2026 (January's and February's newest are a week's and a day's)
        '2026-03-31',
        '2026-04-30',
        '2026-05-31',
        '2026-06-30',
        '2026-07-31',
        '2026-08-31',
        '2026-09-30',
        '2026-10-31',
        '2026-11-30',
        '2026-12-31',
        // weeks: the Sundays of the two weeks before last (last week's is a day's)
        '2027-01-17',
        '2027-01-24',
        // days: Saturday 30 Jan … Friday 5 Feb
        '2027-01-30',
        '2027-01-31',
        '2027-02-01',
        '2027-02-02',
        '2027-02-03',
        '2027-02-04',
        '2027-02-05',
      ].sort(),
    );
    expect(list.totalSize).toBe(list.backups.reduce((sum, b) => sum + b.size, 0));
  }, 120_000);
});

describe('leftovers of killed backups', () => {
  it('are removed at the next start, in the default and the configured folder; nothing else is touched', async () => {
    now = Date.parse('2026-11-25T08:00:00Z');
    let app = await start();
    const nas = mkdtempSync(join(tmpdir(), 'kontaktdesk-nas-'));
    try {
      const client = await managementClient(app);
      const real = await client.backupNow({});
      await client.updateSettings({ backupFolder: nas });
      await app.close();
      running.splice(0);

      const ours = [
        'kontaktdesk-2026-11-24T080000Z-daily.sqlite.partial',
        'kontaktdesk-2026-11-24T080000Z-daily.sqlite.partial-journal',
        'kontaktdesk-2026-11-20T101010Z-manual-2.sqlite.partial',
        'kontaktdesk-2026-11-20T101010Z-manual-2.sqlite.partial-wal',
        'kontaktdesk-2026-11-20T101010Z-manual-2.sqlite.partial-shm',
        'kontaktdesk-2026-10-01T000000Z-prerestore.sqlite.partial-journal',
      ];
      const foreign = [
        'x.sqlite.partial',
        'kontaktdesk-demo-2026-11-24T080000Z-daily.sqlite.partial',
        'kontaktdesk-demo-2026-11-24T080000Z-daily.sqlite.partial-journal',
        'kontaktdesk-2026-11-24T080000Z-daily.sqlite.partial.bak',
        'kontaktdesk-2026-11-24T080000Z-daily.sqlite.partial-journal2',
        'kontaktdesk-2026-11-24T080000Z-hourly.sqlite.partial',
        'kontaktdesk-2026-11-24T080000Z-daily.sqlite',
        'notes.txt',
      ];
      for (const folder of [backups(), nas]) {
        for (const name of [...ours, ...foreign]) writeFileSync(join(folder, name), `bytes of ${name}`);
      }
      mkdirSync(join(nas, 'kontaktdesk-2026-11-23T080000Z-daily.sqlite.partial'));
      copyFileSync(join(backups(), real.name), join(nas, real.name));
      const before = (folder: string) =>
        Object.fromEntries(
          readdirSync(folder)
            .filter((n) => !ours.includes(n))
            .map((n) => [n, statSync(join(folder, n)).isDirectory() ? 'a folder' : readFileSync(join(folder, n))]),
        );
      const defaultBefore = before(backups());
      const nasBefore = before(nas);

      app = await start();
      for (const folder of [backups(), nas]) {
        for (const name of ours) expect(existsSync(join(folder, name)), `${name} in ${folder}`).toBe(false);
      }
      // The start backup went to the configured folder; everything else is as it was, byte for byte.
      const startBackup = readdirSync(nas).filter((n) => !(n in nasBefore));
      expect(startBackup).toHaveLength(1);
      expect(parseBackupName(startBackup[0]!)?.kind).toBe('daily');
      expect(Object.fromEntries(Object.entries(before(nas)).filter(([n]) => n !== startBackup[0]))).toEqual(nasBefore);
      expect(before(backups())).toEqual(defaultBefore);
    } finally {
      rmSync(nas, { recursive: true, force: true });
    }
  });
});
