import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';

/**
 * Kysely builds and compiles a query's syntax tree on every call: about 20 µs and a heap of
 * short-lived objects, which on the tap path cost more than SQLite's own work (`npm run bench`).
 * This compiles each query *shape* once with the typed builder and afterwards runs the same SQL
 * with fresh parameters through the same Kysely executor (same connection, transaction, dialect).
 *
 * The caller states the parameter order; the first compile of every shape checks it against the
 * parameters Kysely produced, so a wrong order fails loudly instead of writing into wrong columns.
 */
export function compiledOnce<A>(
  shapeOf: (args: A) => string,
  build: (db: Kysely<any>, args: A) => Compilable<unknown>,
  parametersOf: (args: A) => readonly unknown[],
) {
  const sqlByShape = new Map<string, string>();
  return async <R = unknown>(db: Kysely<any>, args: A): Promise<QueryResult<R>> => {
    const parameters = parametersOf(args);
    // One entry per dialect too: the same shape compiles to different SQL on PostgreSQL.
    const key = `${db.getExecutor().adapter.constructor.name}|${shapeOf(args)}`;
    const known = sqlByShape.get(key);
    if (known !== undefined) return db.executeQuery<R>(CompiledQuery.raw(known, [...parameters]));
    const compiled = build(db, args).compile();
    const same = compiled.parameters.length === parameters.length && compiled.parameters.every((p, i) => p === parameters[i]);
    if (!same) {
      throw new Error(`compiledOnce(${key}): stated parameters ${JSON.stringify(parameters)} differ from Kysely's ${JSON.stringify(compiled.parameters)}`);
    }
    sqlByShape.set(key, compiled.sql);
    return db.executeQuery<R>(compiled as CompiledQuery<R>);
  };
}

type Row = Record<string, string | number | null>;

/** Inserts rows that all have the same columns in the same order; one cached SQL per table, columns and row count. */
export const insertRows = compiledOnce(
  ({ table, rows }: { table: string; rows: Row[] }) => `insert:${table}:${rows.length}:${Object.keys(rows[0]!).join(',')}`,
  (db, { table, rows }) => db.insertInto(table).values(rows),
  ({ rows }) => rows.flatMap((r) => Object.values(r)),
);
