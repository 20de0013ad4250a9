import { sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';

/**
 * The management area's unlocked sessions and the wrong-PIN back-off, kept in the database so every
 * process on it agrees (several PCs on one PostgreSQL database, the app and a tool on one SQLite file):
 * a PIN changed on one PC locks the sessions of all, and wrong PINs count together wherever they are
 * tried (core/management/management-gate.ts). Only the SHA-256 of a session token is stored, so a copy
 * of the database (a backup) opens nothing. Times are epoch milliseconds, bigint like every time column.
 */
export const managementSessions: Migration = {
  version: 10,
  name: 'management-sessions',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('management_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('wrong_pin_backoff')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('blocked_until', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('wrong_pin_backoff').values({ id: 1, failures: 0, blocked_until: 0 }).execute();
  },
};
