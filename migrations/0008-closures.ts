import { sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

/**
 * The site's own closure calendar (core/closures): single days or ranges (first_day … last_day,
 * inclusive, local days) with a note, of kind `closed` (e.g. a Christmas break) or `open` (opened
 * although it is a public holiday or inside a closure). Public holidays are computed, not stored.
 * A small table: every report reads it whole.
 */
export const closures: Migration = {
  version: 8,
  name: 'closures',
  async up(db: Kysely<any>) {
    await withIdColumn(db, db.schema.createTable('closures'))
      .addColumn('first_day', 'text', (c) => c.notNull())
      .addColumn('last_day', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('closed').check(sql`kind in ('closed', 'open')`))
      .addCheckConstraint('closures_in_order', sql`first_day <= last_day`)
      .execute();
  },
};
