import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';

/**
 * Every write to a contact, its topics or its referrals leaves the contact's id in `contact_changes`
 * through triggers inside the writing transaction (SQLite: numbered in order; PostgreSQL: with the
 * writing transaction's id): no write path (tap, amend, void,
 * undo, import, merge, time-zone or theme-day recount, another process, a tool) can forget it. The
 * in-memory analysis store of every process (core/analysis) reads the rows after the last one it saw
 * and re-reads just those contacts. A row with contact id 0 means "everything": re-read all
 * (written after a restore, core/analysis/contact-changes.ts).
 */
export const LOGGED_TABLES = [
  ['contacts', 'id'],
  ['contact_topics', 'contact_id'],
  ['contact_referrals', 'contact_id'],
] as const;

async function sqliteTriggers(db: Kysely<any>) {
  for (const [table, column] of LOGGED_TABLES) {
    for (const [event, row] of [
      ['insert', 'NEW'],
      ['update', 'NEW'],
      ['delete', 'OLD'],
    ] as const) {
      await sql`create trigger ${sql.raw(`contact_changes_${table}_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        begin insert into contact_changes (contact_id) values (${sql.raw(`${row}.${column}`)}); end`.execute(db);
    }
  }
}

/**
 * Statement triggers with transition tables: a time-zone recount of a million contacts logs them in one
 * insert. No sequence: PostgreSQL sequences move on even when the transaction rolls back, and a refused
 * write must change nothing. `seq` is the writing transaction's id instead; the follower reads by the
 * snapshot horizon (core/analysis/contact-changes.ts), below which every transaction has ended.
 */
async function postgresTriggers(db: Kysely<any>) {
  for (const [table, column] of LOGGED_TABLES) {
    for (const [event, transition] of [
      ['insert', 'new table as changed'],
      ['update', 'new table as changed'],
      ['delete', 'old table as changed'],
    ] as const) {
      const fn = `kontaktdesk_log_${table}_${event}`;
      await sql`create function ${sql.raw(fn)}() returns trigger language plpgsql as $$
        begin
          insert into contact_changes (seq, contact_id) select pg_current_xact_id()::text::bigint, ${sql.raw(column)} from (select distinct ${sql.raw(column)} from changed) c;
          return null;
        end $$`.execute(db);
      await sql`create trigger ${sql.raw(`contact_changes_${table}_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(transition)} for each statement execute function ${sql.raw(fn)}()`.execute(db);
    }
  }
}

export const contactChanges: Migration = {
  version: 11,
  name: 'contact-changes',
  async up(db: Kysely<any>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    if (postgres) {
      await db.schema
        .createTable('contact_changes')
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('contact_id', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contact_changes_seq').on('contact_changes').column('seq').execute();
    } else {
      await db.schema
        .createTable('contact_changes')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('contact_id', 'integer', (c) => c.notNull())
        .execute();
    }
    // Where the log was pruned: a process that last looked below it must load afresh.
    await db.schema
      .createTable('contact_changes_pruned')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('below', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('contact_changes_pruned').values({ id: 1, below: 0 }).execute();
    if (postgres) await postgresTriggers(db);
    else await sqliteTriggers(db);
  },
};
