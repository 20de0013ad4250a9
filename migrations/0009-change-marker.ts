import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';

/**
 * What every process on one database caches (catalog, settings, theme days, closures) is marked by
 * one number, `change_marker.version`, raised by triggers inside the writing transaction itself: no
 * write path can forget it, whichever process or tool makes it (core/live/change-marker.ts). On
 * PostgreSQL the same trigger also notifies the channel `kontaktdesk`, so other processes hear of it
 * when the write commits instead of at their next look.
 */
export const MARKED_TABLES = ['topics', 'organisations', 'languages', 'desks', 'settings', 'theme_days', 'closures'] as const;

/** Settings rows no cache holds: an import's staging note (core/imports/staged-import.ts) and the rollup version. */
const unmarkedSetting = (row: 'NEW' | 'OLD') => sql.raw(`${row}.key not like 'import_staging:%' and ${row}.key <> 'rollupVersion'`);

async function sqliteTriggers(db: Kysely<any>) {
  for (const table of MARKED_TABLES) {
    for (const [event, row] of [
      ['insert', 'NEW'],
      ['update', 'NEW'],
      ['delete', 'OLD'],
    ] as const) {
      const when = table === 'settings' ? sql`when ${unmarkedSetting(row)}` : sql``;
      await sql`create trigger ${sql.raw(`change_marker_${table}_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${when}
        begin update change_marker set version = version + 1 where id = 1; end`.execute(db);
    }
  }
}

async function postgresTriggers(db: Kysely<any>) {
  await sql`create function kontaktdesk_change_marker() returns trigger language plpgsql as $$
    begin
      update change_marker set version = version + 1 where id = 1;
      -- Which process wrote: its connections are named after it (core/db/open-postgres.ts), so it can skip its own notice.
      perform pg_notify('kontaktdesk', json_build_object('marker', true, 'from', current_setting('application_name'))::text);
      return null;
    end $$`.execute(db);
  for (const table of MARKED_TABLES) {
    if (table === 'settings') {
      await sql`create trigger change_marker_settings_write after insert or update on settings for each row
        when (${unmarkedSetting('NEW')}) execute function kontaktdesk_change_marker()`.execute(db);
      await sql`create trigger change_marker_settings_delete after delete on settings for each row
        when (${unmarkedSetting('OLD')}) execute function kontaktdesk_change_marker()`.execute(db);
    } else {
      await sql`create trigger ${sql.raw(`change_marker_${table}`)} after insert or update or delete on ${sql.table(table)}
        for each statement execute function kontaktdesk_change_marker()`.execute(db);
    }
  }
}

export const changeMarker: Migration = {
  version: 9,
  name: 'change-marker',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('change_marker')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('change_marker').values({ id: 1, version: 1 }).execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresTriggers(db);
    else await sqliteTriggers(db);
  },
};
