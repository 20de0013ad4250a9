import type { Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';

const CATALOG_TABLES = ['topics', 'organisations', 'languages', 'desks'] as const;

/**
 * What the catalog editor needs: the UN Sustainable Development Goals of a topic (a JSON array of
 * goal numbers 1–17), and for every kind of entry the entry it was merged into. A merged entry is
 * retired and keeps its row, so old audit rows and exports still resolve its id.
 */
export const catalogEditing: Migration = {
  version: 4,
  name: 'catalog-editing',
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('topics')
      .addColumn('sdgs', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    for (const table of CATALOG_TABLES) {
      await db.schema
        .alterTable(table)
        .addColumn('merged_into', 'integer', (c) => c.references(`${table}.id`))
        .execute();
    }
  },
};
