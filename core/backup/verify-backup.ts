import Database from 'better-sqlite3';

/** Rows per table, for every table of the schema: a backup must hold as many as its source did. */
export function countRows(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, Number(sqlite.prepare(`select count(*) from "${t.replaceAll('"', '""')}"`).pluck().get())]));
}

/** Throws with a readable reason unless the file opens read-only, passes `integrity_check` and holds the expected rows. */
export function verifyBackupFile(file: string, expected?: Record<string, number>): Record<string, number> {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new Error(`integrity_check failed: ${problems.slice(0, 3).join('; ')}`);
    const counts = countRows(copy);
    if (expected) {
      const wrong = Object.keys({ ...expected, ...counts }).filter((t) => expected[t] !== counts[t]);
      if (wrong.length > 0) {
        throw new Error(`row counts differ from the database: ${wrong.map((t) => `${t} ${counts[t] ?? 'missing'} instead of ${expected[t] ?? 'none'}`).join(', ')}`);
      }
    }
    return counts;
  } finally {
    copy.close();
  }
}
