import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/** The one place migrations differ by dialect: how an auto-numbered primary key is spelled. */
export function withIdColumn<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
