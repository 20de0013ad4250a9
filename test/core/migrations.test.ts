import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, migrate, schemaVersion, type Migration } from '../../core/db/migrator';
import { openSqlite } from '../../core/db/open-sqlite';
import type { SqliteHandle as DatabaseHandle } from '../../core/db/database-handle';
import { migrations } from '../../migrations';
import { snapshotDatabase } from '../support/db-snapshot';

let dir: string;
let file: string;
const opened: DatabaseHandle[] = [];
const bare: Kysely<any>[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-migrations-'));
  file = join(dir, 'kontaktdesk.sqlite');
});

afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close();
  for (const db of bare.splice(0)) await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<DatabaseHandle> {
  const handle = await openSqlite(file);
  opened.push(handle);
  return handle;
}

/** A database without the app's migrations, for running hand-made migration lists. */
function openBare(): { db: Kysely<any>; sqlite: Database.Database } {
  const sqlite = new Database(file);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  bare.push(db);
  return { db, sqlite };
}

/** The schema as SQLite stores it: every table, index and trigger with its DDL. */
const schemaOf = (sqlite: Database.Database) =>
  sqlite.prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name").all();

const tableNames = (sqlite: Database.Database) =>
  (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map(
    (t) => t.name,
  );

/** Every byte of the database and its journal files, so "untouched" means untouched. */
function fileBytes(): Record<string, Buffer | null> {
  return Object.fromEntries(['', '-wal', '-shm', '-journal'].map((suffix) => [suffix, existsSync(file + suffix) ? readFileSync(file + suffix) : null]));
}

const createTable = (name: string) => (db: Kysely<any>) =>
  db.schema
    .createTable(name)
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .execute();

describe('migrations', () => {
  it('a fresh database gets every table and the newest schema version', async () => {
    const { db, sqlite } = await open();

    expect(tableNames(sqlite)).toEqual(
      [
        'audit_log',
        'change_marker',
        'closures',
        'contact_changes',
        'contact_changes_pruned',
        'contact_referrals',
        'contact_topics',
        'contacts',
        'desks',
        'devices',
        'imported_monthly',
        'imports',
        'languages',
        'mail_deliveries',
        'mail_schedules',
        'management_sessions',
        'organisations',
        'rollup_daily',
        'rollup_hourly',
        'saved_views',
        'schema_migrations',
        'settings',
        'theme_days',
        'topic_group_members',
        'topic_groups',
        'topics',
        'wrong_pin_backoff',
      ].sort(),
    );
    expect(await schemaVersion(db)).toBe(migrations.length);
    const recorded = sqlite.prepare('select version, name from schema_migrations order by version').all();
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('running the migrations again applies nothing and changes nothing', async () => {
    const { db, sqlite } = await open();
    const schemaBefore = schemaOf(sqlite);
    const rowsBefore = await snapshotDatabase(db);

    const result = await migrate(db, migrations);

    expect(result.applied).toEqual([]);
    expect(schemaOf(sqlite)).toEqual(schemaBefore);
    expect(await snapshotDatabase(db)).toEqual(rowsBefore);
  });

  it('reopening a migrated file keeps its schema and version', async () => {
    const first = await open();
    const schemaBefore = schemaOf(first.sqlite);
    await opened.pop()!.close();

    const again = await open();

    expect(schemaOf(again.sqlite)).toEqual(schemaBefore);
    expect(await schemaVersion(again.db)).toBe(migrations.length);
  });

  it('a database written by a newer Kontaktdesk is refused, naming both versions, and left byte-identical', async () => {
    const handle = await open();
    handle.sqlite.prepare("insert into schema_migrations (version, name, applied_at) values (99, 'from the future', 0)").run();
    await opened.pop()!.close();
    const before = fileBytes();

    const err = await openSqlite(file).then(
      (h) => {
        opened.push(h);
        return null;
      },
      (e: unknown) => e,
    );

    expect(err).toBeInstanceOf(DatabaseFromFutureError);
    const future = err as DatabaseFromFutureError;
    expect([future.found, future.known]).toEqual([99, migrations.length]);
    expect(future.message).toContain('99');
    expect(future.message).toContain(String(migrations.length));
    expect(fileBytes()).toEqual(before);
  });

  it('a failing step rolls back every pending step: no new table, version unchanged', async () => {
    const { db, sqlite } = openBare();
    const steps: Migration[] = [
      { version: 1, name: 'first', up: createTable('first_table') },
      {
        version: 2,
        name: 'breaks halfway',
        async up(trx) {
          await createTable('half_done')(trx);
          throw new Error('step 2 failed');
        },
      },
    ];

    await expect(migrate(db, steps)).rejects.toThrow('step 2 failed');

    expect(tableNames(sqlite)).toEqual(['schema_migrations']);
    expect(await schemaVersion(db)).toBe(0);
  });

  it('a failing new step leaves an existing database at its old version with its data', async () => {
    const { db, sqlite } = await open();
    const rowsBefore = await snapshotDatabase(db);
    const schemaBefore = schemaOf(sqlite);
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      async up(trx) {
        await createTable('half_done')(trx);
        await sql`insert into settings (key, value) values ('half', 'done')`.execute(trx);
        throw new Error('broken step');
      },
    };

    await expect(migrate(db, [...migrations, broken])).rejects.toThrow('broken step');

    expect(schemaOf(sqlite)).toEqual(schemaBefore);
    expect(await snapshotDatabase(db)).toEqual(rowsBefore);
    expect(await schemaVersion(db)).toBe(migrations.length);
  });

  it.each([
    ['a gap', [1, 3]],
    ['starting at 2', [2, 3]],
    ['descending', [2, 1]],
    ['a repeated version', [1, 1]],
  ])('a list of versions with %s is refused before anything runs', async (_label, versions) => {
    const { db, sqlite } = openBare();
    const steps: Migration[] = versions.map((version, i) => ({ version, name: `step ${i}`, up: createTable(`t${i}`) }));

    await expect(migrate(db, steps)).rejects.toThrow(/version/);

    expect(tableNames(sqlite)).toEqual([]);
  });

  it('the connection is durable and strict: WAL, synchronous FULL, foreign keys on, busy timeout 5 s', async () => {
    const { sqlite } = await open();

    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('foreign keys are enforced: a contact cannot point at a language that does not exist', async () => {
    const { sqlite } = await open();
    const insert = () =>
      sqlite
        .prepare(
          `insert into contacts (occurred_at, entered_at, local_day, local_month, local_weekday, local_hour, channel, asker, language_id, desk_id, entry_kind)
           values (0, 0, '2026-03-10', '2026-03', 2, 10, 'phone', 'citizen', 999999, 999999, 'live')`,
        )
        .run();

    expect(insert).toThrow(/FOREIGN KEY/);
  });
});
