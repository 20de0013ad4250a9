import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Core } from '../../core/open-core';
import { snapshotDatabase } from './db-snapshot';

/** The sqlite3 command line shell, as the external checks run it. */
const SQLITE3 = '/usr/bin/sqlite3';

const sha256Of = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');

export type DatabaseDump =
  | {
      dialect: 'sqlite';
      /** `sqlite3 FILE .dump`: every table, index and row, `sqlite_sequence` (the AUTOINCREMENT counters) included. */
      dump: string;
      /** The bytes of the file and of its write-ahead log: a commit that wrote anything changes one of them. */
      fileSha256: string;
      walSha256: string;
    }
  | {
      dialect: 'postgres';
      rows: Record<string, unknown[]>;
      /** Where every sequence stands: an INSERT that was refused or rolled back still moves its sequence on. */
      sequences: unknown[];
    };

/**
 * Everything a database holds, down to what `snapshotDatabase` leaves out: on SQLite the sqlite3 shell's
 * full `.dump` plus the bytes of the file and its WAL, on PostgreSQL every row plus every sequence's
 * position. Two equal dumps mean nothing was written, byte for byte.
 */
export async function databaseDump(core: Pick<Core, 'database'>): Promise<DatabaseDump> {
  const handle = core.database;
  if (handle.dialect === 'sqlite') {
    const dump = execFileSync(SQLITE3, ['-readonly', handle.file, '.dump'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    return { dialect: 'sqlite', dump, fileSha256: sha256Of(handle.file), walSha256: sha256Of(`${handle.file}-wal`) };
  }
  const sequences = await sql`select sequencename, last_value from pg_sequences order by sequencename`.execute(handle.db);
  return { dialect: 'postgres', rows: await snapshotDatabase(handle.db), sequences: sequences.rows };
}
