import { ApiError } from '../base/errors';

/**
 * The database's refusals that are about the storage, not the request: the caller can do nothing but
 * wait or fix the machine, and a retry may succeed. The statement was rolled back, so nothing was saved.
 * SQLite's codes, then PostgreSQL's SQLSTATEs (by class) and the network errors of reaching its server.
 */
const STORAGE_REFUSALS: [prefix: string, message: string][] = [
  ['SQLITE_BUSY', 'the database is locked by another program; nothing was saved, try again'],
  ['SQLITE_LOCKED', 'the database is locked by another program; nothing was saved, try again'],
  ['SQLITE_READONLY', 'the database file or its folder is read-only; nothing was saved'],
  ['SQLITE_FULL', 'the disk is full; nothing was saved'],
  ['SQLITE_IOERR', 'the disk reported an error; nothing was saved'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened; nothing was saved'],
  ['08', 'the connection to the database server broke; try again (a repeated tap is stored once)'],
  ['40001', 'the database server asked to repeat the write; nothing was saved, try again'],
  ['40P01', 'the database server asked to repeat the write; nothing was saved, try again'],
  ['53', 'the database server is out of disk space, memory or connections; nothing was saved'],
  ['57P', 'the database server is shutting down or starting; nothing was saved, try again'],
  ['25006', 'the database server is read-only; nothing was saved'],
  ['ECONNREFUSED', 'the database server cannot be reached; nothing was saved, try again'],
  ['ECONNRESET', 'the connection to the database server broke; try again (a repeated tap is stored once)'],
  ['ETIMEDOUT', 'the database server does not answer; nothing was saved, try again'],
];

/** node-postgres reports a lost connection or an exhausted pool without a code. */
const LOST_POSTGRES_CONNECTION = /^(Connection terminated|timeout exceeded when trying to connect)/;

/** The `unavailable` refusal for a storage error of either dialect, or null when the error is about something else. */
export function unavailableError(err: unknown): ApiError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof Error && code === undefined && LOST_POSTGRES_CONNECTION.test(err.message)) {
    return new ApiError('unavailable', 'the connection to the database server broke; try again (a repeated tap is stored once)');
  }
  if (typeof code !== 'string') return null;
  const hit = STORAGE_REFUSALS.find(([prefix]) => code.startsWith(prefix));
  return hit ? new ApiError('unavailable', hit[1]) : null;
}
