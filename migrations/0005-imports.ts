import { sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

/**
 * Earlier tallies brought in from files (core/imports). `imports` holds one row per imported file;
 * its SHA-256 is unique, so the same file can never be imported twice. Monthly counts per topic
 * (a layout without days) go into `imported_monthly`; single contacts become ordinary contacts
 * with entry kind `imported` (or `imported_day` when the file had no time of day).
 */
export const imports: Migration = {
  version: 5,
  name: 'imports',
  async up(db: Kysely<any>) {
    await withIdColumn(db, db.schema.createTable('imports'))
      .addColumn('sha256', 'text', (c) => c.notNull().unique())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('contacts', 'monthly')`))
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('imported_monthly')
      .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id'))
      .addColumn('count', 'integer', (c) => c.notNull().check(sql`count > 0`))
      .addPrimaryKeyConstraint('imported_monthly_pk', ['import_id', 'month', 'topic_id'])
      .execute();
    // Reports read a range of months; a merge of topics finds the rows of one topic.
    await db.schema.createIndex('imported_monthly_month').on('imported_monthly').columns(['month', 'topic_id', 'count']).execute();
    await db.schema.createIndex('imported_monthly_topic').on('imported_monthly').column('topic_id').execute();
  },
};
