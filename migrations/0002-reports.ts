import { sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

/**
 * Theme days, the theme day each contact fell on, and the rollups the reports read: per day
 * and dimension, and per day and hour. The tables start empty: the core fills them whenever
 * their recorded version differs from the code's (core/rollups/rollup.ts), so a migration never
 * depends on code that changes later.
 */
export const reports: Migration = {
  version: 2,
  name: 'reports',
  async up(db: Kysely<any>) {
    await withIdColumn(db, db.schema.createTable('theme_days'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('single', 'weekly')`))
      .addColumn('day', 'text')
      .addColumn('weekday', 'integer', (c) => c.check(sql`weekday between 1 and 7`))
      .addColumn('start_hour', 'integer', (c) => c.notNull().check(sql`start_hour between 0 and 23`))
      .addColumn('end_hour', 'integer', (c) => c.notNull().check(sql`end_hour between 1 and 24`))
      .addColumn('valid_from', 'text')
      .addColumn('valid_to', 'text')
      .addColumn('retired_at', 'bigint')
      .execute();
    await db.schema
      .alterTable('contacts')
      .addColumn('theme_day_id', 'integer', (c) => c.references('theme_days.id'))
      .execute();
    await db.schema.createIndex('contacts_theme_day').on('contacts').column('theme_day_id').execute();

    await db.schema
      .createTable('rollup_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('key', 'bigint', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_daily_pk', ['day', 'dimension', 'key'])
      .execute();
    await db.schema
      .createTable('rollup_hourly')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('hour', 'integer', (c) => c.notNull())
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_hourly_pk', ['day', 'hour'])
      .execute();
  },
};
