import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../core/db/migrator';
import { migrations } from '../../migrations';
import { openBareDatabase, type BareDatabase } from '../support/bare-database';

let bare: BareDatabase;
let sqlite: BareDatabase['sqlite'];
let db: BareDatabase['db'];

beforeEach(() => {
  bare = openBareDatabase('import-migration');
  ({ sqlite, db } = bare);
});
afterEach(() => bare.dispose());

const before = migrations.findIndex((m) => m.name === 'imports');

describe('migration 5: imports', () => {
  it('adds the imports and imported_monthly tables to a version-4 database, keeping its rows', async () => {
    await migrate(db, migrations.slice(0, before));
    sqlite.prepare("insert into topics (label_de, label_en, color, position) values ('Arbeit', 'Work', '#000', 1)").run();
    expect(await schemaVersion(db)).toBe(before);

    await migrate(db, migrations.slice(0, before + 1));

    expect(await schemaVersion(db)).toBe(5);
    sqlite.prepare("insert into imports (sha256, file_name, kind, rows, imported_at) values ('abc', 'a.csv', 'monthly', 1, 0)").run();
    sqlite.prepare("insert into imported_monthly (import_id, month, topic_id, count) values (1, '2020-01', 1, 12)").run();
    expect(sqlite.prepare('select count(*) as n from topics').get()).toEqual({ n: 1 });
    // The same bytes once; a count above zero; a known topic and import.
    expect(() => sqlite.prepare("insert into imports (sha256, file_name, kind, rows, imported_at) values ('abc', 'b.csv', 'monthly', 1, 0)").run()).toThrow(
      /UNIQUE/,
    );
    expect(() => sqlite.prepare("insert into imports (sha256, file_name, kind, rows, imported_at) values ('def', 'b.csv', 'weekly', 1, 0)").run()).toThrow(
      /CHECK/,
    );
    expect(() => sqlite.prepare("insert into imported_monthly (import_id, month, topic_id, count) values (1, '2020-02', 1, 0)").run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare("insert into imported_monthly (import_id, month, topic_id, count) values (1, '2020-02', 99, 3)").run()).toThrow(/FOREIGN KEY/);
    expect(() => sqlite.prepare("insert into imported_monthly (import_id, month, topic_id, count) values (1, '2020-01', 1, 3)").run()).toThrow(/UNIQUE/);
  });

  it('the reports read a range of months from the index alone', async () => {
    await migrate(db, migrations);
    const plan = sqlite
      .prepare(
        "explain query plan select month, topic_id, sum(count) from imported_monthly where month >= '2020-01' and month <= '2026-03' group by month, topic_id",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX imported_monthly_month/);
  });
});
