import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';

/**
 * Raw SQL for tests that look at the tables directly, on SQLite and PostgreSQL alike. Write `?`
 * placeholders; on PostgreSQL they become `$1, $2, …`. Unquoted aliases come back lower-case on
 * PostgreSQL, so name them in lower case (`as topic_id`, not `as topicId`).
 */
export async function queryRows<T = Record<string, any>>(db: Kysely<any>, text: string, params: readonly unknown[] = []): Promise<T[]> {
  let n = 0;
  const dialectText = db.getExecutor().adapter instanceof PostgresAdapter ? text.replace(/\?/g, () => `$${++n}`) : text;
  return (await db.executeQuery<T>(CompiledQuery.raw(dialectText, [...params]))).rows as T[];
}

/** The first row, or undefined. */
export async function queryRow<T = Record<string, any>>(db: Kysely<any>, text: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(db, text, params))[0];
}

/** The first column of the first row (a count, a single value), or undefined. */
export async function queryValue<T = any>(db: Kysely<any>, text: string, params: readonly unknown[] = []): Promise<T | undefined> {
  const row = await queryRow<Record<string, T>>(db, text, params);
  return row === undefined ? undefined : Object.values(row)[0];
}

/** Runs a statement that returns no rows (an update or insert made by a test to set up a case). */
export async function execute(db: Kysely<any>, text: string, params: readonly unknown[] = []): Promise<void> {
  await queryRows(db, text, params);
}
