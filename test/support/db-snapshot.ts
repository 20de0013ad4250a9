import type Database from 'better-sqlite3';

/** Every row of every table, in a stable order: compare before and after to prove nothing changed. */
export function snapshotDatabase(sqlite: Database.Database): Record<string, unknown[]> {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, sqlite.prepare(`select * from "${name}" order by 1, 2`).all()]),
  );
}
