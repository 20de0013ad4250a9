import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../core/db/migrator';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { migrations } from '../../migrations';
import { openBareDatabase, type BareDatabase } from '../support/bare-database';
import { catalogEditing } from '../../migrations/0004-catalog-editing';

let bare: BareDatabase;
let sqlite: BareDatabase['sqlite'];
let db: BareDatabase['db'];

beforeEach(() => {
  bare = openBareDatabase('migration-0004');
  ({ sqlite, db } = bare);
});
afterEach(() => bare.dispose());

const columns = (table: string) => sqlite.prepare(`pragma table_info(${table})`).all() as { name: string; dflt_value: string | null; notnull: number }[];

describe('migration 0004 catalog-editing', () => {
  it('gives a version-3 catalog SDGs (none yet) and a merged-into link on every kind, keeping its rows', async () => {
    const before = migrations.indexOf(catalogEditing);
    expect(catalogEditing.version).toBe(4);
    await migrate(db, migrations.slice(0, before));
    sqlite.prepare("insert into topics (label_de, label_en, color, hotkey, position) values ('Arbeit', 'Work', '#1d5f8a', '1', 1)").run();
    sqlite.prepare("insert into organisations (name, position) values ('Caritas', 1)").run();
    sqlite.prepare("insert into languages (code, label_de, label_en, position) values ('de', 'Deutsch', 'German', 1)").run();
    sqlite.prepare("insert into desks (name, position) values ('Sozial-Info', 1)").run();

    await migrate(db, migrations.slice(0, before + 1));

    expect(await schemaVersion(db)).toBe(4);
    expect(columns('topics').find((c) => c.name === 'sdgs')).toMatchObject({ notnull: 1, dflt_value: "'[]'" });
    for (const table of ['topics', 'organisations', 'languages', 'desks']) {
      expect(columns(table).map((c) => c.name)).toContain('merged_into');
      expect(sqlite.prepare(`pragma foreign_key_list(${table})`).all()).toContainEqual(expect.objectContaining({ table, from: 'merged_into', to: 'id' }));
    }
    // The catalog as today's code reads it, which needs the later migrations' tables too (topic groups).
    await migrate(db, migrations);
    const catalog = await loadCatalog(db);
    expect(catalog.topics).toEqual([
      { id: 1, labelDe: 'Arbeit', labelEn: 'Work', color: '#1d5f8a', hotkey: '1', position: 1, retired: false, sdgs: [], mergedInto: null },
    ]);
    expect(catalog.organisations[0]).toMatchObject({ name: 'Caritas', mergedInto: null });
    expect(() => sqlite.prepare('update desks set merged_into = 99 where id = 1').run()).toThrow(/FOREIGN KEY/);
  });
});
