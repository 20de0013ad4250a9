import type { Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

/**
 * Saved report views (core/views): a name, a period rule ("last month", "since opening", a fixed
 * range), filters and the report sections to show, for the management area and `npm run report --
 * --view NAME`. Rule, filters and sections are JSON text, read back through the same zod schemas
 * that checked them when saved. Names are unique ignoring case: `name_key` holds the name as
 * compared (core/views/saved-views.ts), since SQLite's and PostgreSQL's `lower()` disagree beyond ASCII.
 * `publication` is 0 or 1; times are epoch milliseconds, bigint like every time column.
 */
export const savedViews: Migration = {
  version: 12,
  name: 'saved-views',
  async up(db: Kysely<any>) {
    await withIdColumn(db, db.schema.createTable('saved_views'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull().unique())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('filters', 'text', (c) => c.notNull())
      .addColumn('sections', 'text', (c) => c.notNull())
      .addColumn('publication', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
