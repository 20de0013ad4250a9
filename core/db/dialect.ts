import { PostgresAdapter, type Kysely } from 'kysely';

/** True when the database (or transaction) runs on PostgreSQL, false on SQLite. */
export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
