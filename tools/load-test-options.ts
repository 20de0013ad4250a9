/** The arguments of `npm run load-test` (tools/load-test.ts): parsed and checked before anything is created. */
import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../core/db/database-handle';
import { userPath } from '../scripts/cli-support';

/** Each app process holds up to 10 PostgreSQL connections (open-postgres.ts); the throw-away server allows 300. */
export const MAX_PROCESSES = 16;

export const USAGE = `Usage: npm run load-test -- [--processes 1] [--desks 10] [--seconds 60] [--burst 200] [--data DIR] [--database sqlite|postgres|URL]
  --processes N   app processes on the one database, each its own core and HTTP server (default 1; up to ${MAX_PROCESSES});
                  more than 1 needs PostgreSQL: on SQLite a second process on the same file is refused
  --desks N       simulated desks per process, each logging one contact per second (default 10)
  --seconds S     how long the desks log (default 60)
  --burst B       concurrent taps sent at once after the steady phase, split across the processes (default 200; 0 skips it)
  --data DIR      folder for the fresh database, kept afterwards (default: a temp folder, removed)
  --database KIND sqlite (default); postgres (a throw-away local PostgreSQL server, needs the postgresql package);
                  or postgres://USER@HOST:PORT/DB, an existing empty database
Exit codes: 0 every acknowledged contact stored exactly once, 1 missing or duplicated contacts, 2 bad arguments.`;

export class UsageError extends Error {}

export interface Options {
  processes: number;
  desks: number;
  seconds: number;
  burst: number;
  dataDir?: string;
  database: 'sqlite' | 'postgres';
  /** An existing empty PostgreSQL database; absent: a throw-away server. */
  postgresUrl?: string;
}

export function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      processes: { type: 'string', default: '1' },
      desks: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '60' },
      burst: { type: 'string', default: '200' },
      data: { type: 'string' },
      database: { type: 'string', default: 'sqlite' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const count = (name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, not "${text}"`);
    if (n > max) throw new UsageError(`--${name} must be at most ${max}, not ${n}`);
    return n;
  };
  const kind = values.database.toLowerCase();
  const database = kind === 'sqlite' ? 'sqlite' : kind === 'postgres' || isPostgresUrl(values.database) ? 'postgres' : null;
  // A mistyped URL may hold a password: only a plain word is repeated.
  const given = /^[a-z]+$/i.test(values.database) ? ` not "${values.database}"` : ' (the value given is not repeated: it may hold a password)';
  if (database === null) throw new UsageError(`--database must be sqlite, postgres or a postgres:// URL,${given}`);
  const processes = count('processes', values.processes, 1, MAX_PROCESSES);
  if (processes > 1 && database === 'sqlite') {
    throw new UsageError(
      `--processes ${processes} needs PostgreSQL: on SQLite only one app process may open the data folder ` +
        `(a second one is refused by the single-instance lock, kontaktdesk.sqlite.lock). Add --database postgres ` +
        `(a throw-away local server) or --database postgres://… (an empty database of yours).`,
    );
  }
  return {
    processes,
    postgresUrl: isPostgresUrl(values.database) ? values.database : undefined,
    desks: count('desks', values.desks, 1),
    seconds: count('seconds', values.seconds, 1),
    burst: count('burst', values.burst, 0),
    dataDir: values.data === undefined ? undefined : userPath(values.data),
    database,
  };
}
