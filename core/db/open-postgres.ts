import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { migrations } from '../../migrations';
import { maskedUrl, type PostgresHandle } from './database-handle';
import { migrate } from './migrator';
import { listenOnPostgres } from './postgres-listen';
import type { Schema } from './schema';

// bigint (counts, epoch-ms times) and numeric (sums) arrive as strings by default. Every value the
// app stores fits a double exactly (times until the year 285,000; counts far below 2^53).
const INT8 = 20;
const NUMERIC = 1700;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface OpenPostgresOptions {
  /** Connections the app may hold at once; each desk's request borrows one for its transaction. */
  poolSize?: number;
}

/**
 * Opens a PostgreSQL database through Kysely's PostgresDialect and brings it to the current schema
 * with the same migrations as SQLite. The database must exist (created by IT); its tables are made here.
 */
export async function openPostgres(url: string, { poolSize = 10 }: OpenPostgresOptions = {}): Promise<PostgresHandle> {
  // Every connection of this process carries its name, so the notices its writes cause can be told apart (core/live/postgres-relay.ts).
  const applicationName = `kontaktdesk-${randomUUID()}`;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers, connectionTimeoutMillis: 10_000, application_name: applicationName });
  // An idle connection the server drops (a restart, a network cut) is reported here; unheard, it would end
  // the process. The pool replaces it, and a request meanwhile answers `unavailable` (see dispatch).
  const lost = (err: Error) => console.error(`PostgreSQL connection lost (${maskedUrl(url)}): ${err.message}`);
  pool.on('error', lost);
  // A connection that breaks while lent to a query reports it on the connection itself as well.
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, migrations);
  } catch (err) {
    await db.destroy();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot open the PostgreSQL database ${maskedUrl(url)}: ${reason}`);
  }
  return {
    dialect: 'postgres',
    db,
    label: maskedUrl(url),
    applicationName,
    listen: (channel, handlers) => listenOnPostgres(url, applicationName, channel, handlers),
    close: () => db.destroy(),
  };
}
