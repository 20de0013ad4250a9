import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../core/db/migrator';
import { KEY_RANGE } from '../../core/publication/cell-key';
import { migrations } from '../../migrations';
import { publication } from '../../migrations/0013-publication';
import { openBareDatabase, type BareDatabase } from '../support/bare-database';

let bare: BareDatabase;
beforeEach(() => {
  bare = openBareDatabase('migration-0013');
});
afterEach(() => bare.dispose());

const before = migrations.indexOf(publication);
const all = <T>(text: string, ...params: unknown[]) => bare.sqlite.prepare(text).all(...params) as T[];
const isKey = (key: unknown) => typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < KEY_RANGE;

const insertContact = (day: string, extra: { column: string; value: number } | null = null) =>
  bare.sqlite
    .prepare(
      `insert into contacts (occurred_at, entered_at, local_day, local_month, local_weekday, local_hour, channel, asker, language_id, desk_id, entry_kind${extra ? `, ${extra.column}` : ''})
       values (1, 1, ?, ?, 3, 9, 'phone', 'citizen', 1, 1, 'live'${extra ? ', ?' : ''})`,
    )
    .run(day, day.slice(0, 7), ...(extra ? [extra.value] : [])).lastInsertRowid;

describe('migration 0013 publication', () => {
  it('gives every contact and imported count of a version-12 database a random key, noting one "everything" change instead of one per contact', async () => {
    expect(publication.version).toBe(13);
    await migrate(bare.db, migrations.slice(0, before));
    expect(await schemaVersion(bare.db)).toBe(12);
    bare.sqlite.prepare("insert into languages (code, label_de, label_en, position) values ('de', 'Deutsch', 'German', 1)").run();
    bare.sqlite.prepare("insert into desks (name, position) values ('Sozial-Info', 1)").run();
    bare.sqlite.prepare("insert into topics (label_de, label_en, color, position) values ('Arbeit', 'Work', '#123456', 1)").run();
    for (let i = 0; i < 40; i++) insertContact(`2025-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    bare.sqlite.prepare("insert into imports (sha256, file_name, kind, rows, imported_at) values ('ab', 'monate.csv', 'monthly', 2, 1)").run();
    bare.sqlite.prepare("insert into imported_monthly (import_id, month, topic_id, count) values (1, '2024-11', 1, 12), (1, '2024-12', 1, 9)").run();
    const changesBefore = all<{ seq: number; contact_id: number }>('select seq, contact_id from contact_changes order by seq');
    expect(changesBefore).toHaveLength(40);

    await migrate(bare.db, migrations.slice(0, before + 1));

    expect(await schemaVersion(bare.db)).toBe(13);
    const keys = all<{ record_key: unknown }>('select record_key from contacts').map((r) => r.record_key);
    expect(keys).toHaveLength(40);
    expect(keys.every(isKey)).toBe(true);
    expect(new Set(keys).size).toBe(40);
    const imported = all<{ record_key: unknown }>('select record_key from imported_monthly').map((r) => r.record_key);
    expect(imported.every(isKey)).toBe(true);
    expect(new Set(imported).size).toBe(2);
    // The earlier changes stay; the keys' update adds one row for "every contact" (id 0), not forty.
    const changesAfter = all<{ seq: number; contact_id: number }>('select seq, contact_id from contact_changes order by seq');
    expect(changesAfter.slice(0, 40)).toEqual(changesBefore);
    expect(changesAfter.slice(40).map((c) => c.contact_id)).toEqual([0]);
    expect(all('select day, n, key_sum from rollup_daily')).toEqual([]);
  });

  it('a raw insert without a key gets one from the trigger; a key given is kept', async () => {
    await migrate(bare.db, migrations.slice(0, before + 1));
    bare.sqlite.prepare("insert into languages (code, label_de, label_en, position) values ('de', 'Deutsch', 'German', 1)").run();
    bare.sqlite.prepare("insert into desks (name, position) values ('Sozial-Info', 1)").run();
    bare.sqlite.prepare("insert into topics (label_de, label_en, color, position) values ('Arbeit', 'Work', '#123456', 1)").run();

    const without = insertContact('2026-01-05');
    const given = insertContact('2026-01-06', { column: 'record_key', value: 4_000_000_000 });
    bare.sqlite.prepare("insert into imports (sha256, file_name, kind, rows, imported_at) values ('cd', 'monate.csv', 'monthly', 1, 1)").run();
    bare.sqlite.prepare("insert into imported_monthly (import_id, month, topic_id, count) values (1, '2025-11', 1, 4)").run();

    const keyOf = (id: number | bigint) => all<{ record_key: unknown }>('select record_key from contacts where id = ?', id)[0]!.record_key;
    expect(isKey(keyOf(without))).toBe(true);
    expect(keyOf(given)).toBe(4_000_000_000);
    expect(isKey(all<{ record_key: unknown }>('select record_key from imported_monthly')[0]!.record_key)).toBe(true);
    // A new rollup row without a key sum starts at 0.
    bare.sqlite.prepare("insert into rollup_daily (day, dimension, key, n) values ('2026-01-05', 'desk', 1, 1)").run();
    expect(all('select key_sum from rollup_daily')).toEqual([{ key_sum: 0 }]);
  });

  it('keeps small-cell suppression for views saved in publication mode before (the only method then); others get the cell-key method and single topics', async () => {
    await migrate(bare.db, migrations.slice(0, before));
    const view = bare.sqlite.prepare(
      `insert into saved_views (name, name_key, period, filters, sections, publication, created_at, updated_at)
       values (?, ?, '{"kind":"lastMonth"}', '[]', '["topics"]', ?, 1, 1)`,
    );
    view.run('Gemeinderat', 'gemeinderat', 1);
    view.run('Intern', 'intern', 0);
    await migrate(bare.db, migrations.slice(0, before + 1));
    expect(all('select name, publication, publication_method, topic_groups from saved_views order by name')).toEqual([
      { name: 'Gemeinderat', publication: 1, publication_method: 'suppression', topic_groups: 0 },
      { name: 'Intern', publication: 0, publication_method: 'cellKey', topic_groups: 0 },
    ]);
  });
});
