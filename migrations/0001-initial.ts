import { sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

async function createCatalogTables(db: Kysely<any>) {
  await withIdColumn(db, db.schema.createTable('topics'))
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('hotkey', 'text', (c) => c.unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
  await withIdColumn(db, db.schema.createTable('organisations'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
  await withIdColumn(db, db.schema.createTable('languages'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
  await withIdColumn(db, db.schema.createTable('desks'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

async function createContactTables(db: Kysely<any>) {
  await withIdColumn(db, db.schema.createTable('contacts'))
    .addColumn('request_id', 'text', (c) => c.unique())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('local_day', 'text', (c) => c.notNull())
    .addColumn('local_month', 'text', (c) => c.notNull())
    .addColumn('local_weekday', 'integer', (c) => c.notNull().check(sql`local_weekday between 1 and 7`))
    .addColumn('local_hour', 'integer', (c) => c.notNull().check(sql`local_hour between 0 and 23`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('in_person', 'phone', 'email')`))
    .addColumn('asker', 'text', (c) => c.notNull().check(sql`asker in ('citizen', 'organisation')`))
    .addColumn('language_id', 'integer', (c) => c.notNull().references('languages.id'))
    .addColumn('desk_id', 'integer', (c) => c.notNull().references('desks.id'))
    .addColumn('entry_kind', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'bigint')
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema
    .createTable('contact_topics')
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_topics_pk', ['contact_id', 'topic_id'])
    .execute();
  await db.schema
    .createTable('contact_referrals')
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addPrimaryKeyConstraint('contact_referrals_pk', ['contact_id', 'organisation_id'])
    .execute();
  await db.schema.createIndex('contacts_local_day').on('contacts').columns(['local_day', 'voided_at']).execute();
  await db.schema.createIndex('contacts_local_month').on('contacts').columns(['local_month', 'voided_at']).execute();
  await db.schema.createIndex('contact_topics_topic').on('contact_topics').column('topic_id').execute();
  await db.schema.createIndex('contact_referrals_org').on('contact_referrals').column('organisation_id').execute();
}

async function createAuditTable(db: Kysely<any>) {
  await withIdColumn(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

export const initial: Migration = {
  version: 1,
  name: 'initial',
  async up(db) {
    await createCatalogTables(db);
    await createContactTables(db);
    await createAuditTable(db);
  },
};
