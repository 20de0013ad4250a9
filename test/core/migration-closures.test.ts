import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../core/db/migrator';
import { readClosures } from '../../core/closures/closure-store';
import { migrations } from '../../migrations';
import { closures } from '../../migrations/0008-closures';
import { openBareDatabase, type BareDatabase } from '../support/bare-database';

let bare: BareDatabase;
beforeEach(() => {
  bare = openBareDatabase('migration-0008');
});
afterEach(() => bare.dispose());

const before = migrations.indexOf(closures);

describe('migration 0008 closures', () => {
  it('adds an empty closure calendar to a version-7 database, keeping what was there', async () => {
    expect(closures.version).toBe(8);
    await migrate(bare.db, migrations.slice(0, before));
    bare.sqlite.prepare("insert into settings (key, value) values ('siteName', 'Sozial-Info')").run();

    await migrate(bare.db, migrations.slice(0, before + 1));

    expect(await schemaVersion(bare.db)).toBe(8);
    expect(await readClosures(bare.db)).toEqual([]);
    expect(bare.sqlite.prepare('select value from settings').all()).toEqual([{ value: 'Sozial-Info' }]);
  });

  it('the table itself refuses a range in the wrong order and an unknown kind; a single day and an “open” entry fit', async () => {
    await migrate(bare.db, migrations.slice(0, before + 1));
    const insert = bare.sqlite.prepare('insert into closures (first_day, last_day, note, kind) values (?, ?, ?, ?)');
    expect(() => insert.run('2026-01-07', '2026-01-06', 'Pause', 'closed')).toThrow(/CHECK constraint/);
    expect(() => insert.run('2026-01-06', '2026-01-06', 'Pause', 'holiday')).toThrow(/CHECK constraint/);
    insert.run('2026-12-24', '2026-12-24', 'Heiliger Abend', 'closed');
    insert.run('2026-12-08', '2026-12-08', 'Adventmarkt', 'open');
    expect(await readClosures(bare.db)).toEqual([
      { id: 2, from: '2026-12-08', to: '2026-12-08', note: 'Adventmarkt', kind: 'open' },
      { id: 1, from: '2026-12-24', to: '2026-12-24', note: 'Heiliger Abend', kind: 'closed' },
    ]);
  });
});
