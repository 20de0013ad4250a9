import type Database from 'better-sqlite3';
import { checkCopyInWorker, TABLES_SQL } from './verify-worker';

/**
 * Rows per table, for every table of the schema: a backup must hold as many as its source did.
 * Runs on the caller's connection and thread: the source is counted in the very turn its copy was taken.
 */
export function countRows(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite.prepare(TABLES_SQL).pluck().all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      Number(
        sqlite
          .prepare(`select count(*) from "${t.replaceAll('"', '""')}"`)
          .pluck()
          .get(),
      ),
    ]),
  );
}

/**
 * Rejects with a readable reason unless the file opens read-only, passes `integrity_check` and holds
 * the expected rows; resolves to its rows per table. The reading runs in a worker thread with its own
 * connection (verify-worker.ts), so the desk is answered meanwhile.
 */
export async function verifyBackupFile(file: string, expected?: Record<string, number>): Promise<Record<string, number>> {
  const { problems, counts } = await checkCopyInWorker(file);
  if (problems.length > 0) throw new Error(`integrity_check failed: ${problems.slice(0, 3).join('; ')}`);
  if (expected) {
    const wrong = Object.keys({ ...expected, ...counts }).filter((t) => expected[t] !== counts[t]);
    if (wrong.length > 0) {
      throw new Error(
        `row counts differ from the database: ${wrong.map((t) => `${t} ${counts[t] ?? 'missing'} instead of ${expected[t] ?? 'none'}`).join(', ')}`,
      );
    }
  }
  return counts;
}
