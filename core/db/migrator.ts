import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { WRITE_LOCK } from './write-transaction';

/** One numbered schema step. Versions only rise; a step never changes once released. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This database has schema version ${found}, but this Kontaktdesk only knows up to version ${known}. ` +
        'It was written by a newer Kontaktdesk: install that version (or newer) to open it. Nothing was changed.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

function assertOrdered(migrations: readonly Migration[]) {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}

export async function schemaVersion(db: Kysely<any>): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/**
 * Brings the database up to the newest known version. All pending steps run in one
 * transaction (Kysely does not wrap SQLite migrations itself), so a failed step leaves the
 * database at its old version. A database newer than this code is refused untouched.
 */
export async function migrate(db: Kysely<any>, migrations: readonly Migration[]): Promise<{ applied: number[] }> {
  assertOrdered(migrations);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrateUnlocked(db, migrations);
  // Several desks or sites may start at once against one PostgreSQL server: one migrates, the others
  // wait on the write lock, held for the whole session (SQLite's write lock does this for a file), and then find nothing to do.
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${WRITE_LOCK})`.execute(conn);
    try {
      return await migrateUnlocked(conn, migrations);
    } finally {
      await sql`select pg_advisory_unlock(${WRITE_LOCK})`.execute(conn);
    }
  });
}

async function migrateUnlocked(db: Kysely<any>, migrations: readonly Migration[]): Promise<{ applied: number[] }> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();

  const current = await schemaVersion(db);
  if (current > migrations.length) throw new DatabaseFromFutureError(current, migrations.length);
  const pending = migrations.slice(current);
  if (pending.length === 0) return { applied: [] };

  await db.transaction().execute(async (trx) => {
    for (const step of pending) {
      await step.up(trx);
      await trx.insertInto('schema_migrations').values({ version: step.version, name: step.name, applied_at: Date.now() }).execute();
    }
    // Another process may have migrated between our read and the write lock.
    const [{ n }] = (await sql<{ n: number }>`select count(*) as n from schema_migrations`.execute(trx)).rows as [{ n: number }];
    if (Number(n) !== migrations.length) throw new Error('schema_migrations changed during migration; retry');
  });
  return { applied: pending.map((m) => m.version) };
}
