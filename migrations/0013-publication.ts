import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

/** A random unsigned 32-bit integer in SQL: PostgreSQL's `random()` is a double, SQLite's a signed 64-bit integer. */
const randomKey = (postgres: boolean) => (postgres ? sql`floor(random() * 4294967296)::bigint` : sql`(random() & 4294967295)`);

/**
 * Publication mode's cell-key method (core/publication/cell-key.ts):
 * - `contacts.record_key` and `imported_monthly.record_key`: a random unsigned 32-bit integer per
 *   contact (per imported monthly count), drawn by the writer; existing rows get one here. It identifies
 *   no one and is never shown or exported. A writer that leaves it out (a tool's raw insert) still gets
 *   one: a column default on PostgreSQL, a trigger on SQLite (whose ALTER TABLE cannot add one).
 * - `rollup_daily.key_sum`, `rollup_hourly.key_sum`: the sum of the counted contacts' record keys
 *   modulo 2^32 beside each count (filled by the rollup rebuild that ROLLUP_VERSION 3 triggers).
 * - `topic_groups` and `topic_group_members`: topic groups (Themencluster), catalog data a report in
 *   publication mode can show instead of single topics. Each topic belongs to at most one active group.
 * - `saved_views.publication_method` ('cellKey' | 'suppression') and `saved_views.topic_groups` (0/1):
 *   a view's publication method and topic groups. Views saved in publication mode before were published
 *   by small-cell suppression, the only method then, and keep it.
 *
 * On SQLite the update that gives existing contacts their key would log every contact in
 * `contact_changes`; those rows are replaced by one "everything" row (contact id 0).
 */
export const publication: Migration = {
  version: 13,
  name: 'publication',
  async up(db: Kysely<any>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    for (const table of ['contacts', 'imported_monthly']) {
      if (postgres) {
        await sql`alter table ${sql.table(table)} add column record_key bigint not null default ${randomKey(true)}`.execute(db);
      } else {
        const before = await sql<{ seq: number | null }>`select max(seq) as seq from contact_changes`.execute(db);
        await sql`alter table ${sql.table(table)} add column record_key integer`.execute(db);
        await sql`update ${sql.table(table)} set record_key = ${randomKey(false)}`.execute(db);
        if (table === 'contacts') {
          await sql`delete from contact_changes where seq > ${before.rows[0]?.seq ?? 0}`.execute(db);
          await sql`insert into contact_changes (contact_id) values (0)`.execute(db);
        }
      }
    }
    if (!postgres) {
      await sql`create trigger contacts_record_key after insert on contacts when new.record_key is null
        begin update contacts set record_key = ${randomKey(false)} where id = new.id; end`.execute(db);
      await sql`create trigger imported_monthly_record_key after insert on imported_monthly when new.record_key is null
        begin update imported_monthly set record_key = ${randomKey(false)} where rowid = new.rowid; end`.execute(db);
    }
    for (const table of ['rollup_daily', 'rollup_hourly']) {
      await db.schema
        .alterTable(table)
        .addColumn('key_sum', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    await db.schema
      .alterTable('saved_views')
      .addColumn('publication_method', 'text', (c) => c.notNull().defaultTo('cellKey'))
      .execute();
    await db.schema
      .alterTable('saved_views')
      .addColumn('topic_groups', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update saved_views set publication_method = 'suppression' where publication = 1`.execute(db);
    await withIdColumn(db, db.schema.createTable('topic_groups'))
      .addColumn('label_de', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('retired_at', 'bigint')
      .addColumn('merged_into', 'integer')
      .execute();
    await db.schema
      .createTable('topic_group_members')
      .addColumn('group_id', 'integer', (c) => c.notNull().references('topic_groups.id'))
      .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id'))
      .addPrimaryKeyConstraint('topic_group_members_pk', ['group_id', 'topic_id'])
      .execute();
  },
};
