import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledOnce, insertRows } from '../../core/db/compiled-once';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

describe('queries compiled once per shape', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore();
  });
  afterEach(() => core.dispose());

  const settingsRows = () => queryRows(core.database.db, "select key, value from settings where key like 'x%' order by key");

  it('the second call of a shape reuses the SQL and still writes its own parameters', async () => {
    const db = core.database.db;
    await insertRows(db, { table: 'settings', rows: [{ key: 'x1', value: 'a' }] });
    await insertRows(db, { table: 'settings', rows: [{ key: 'x2', value: 'b' }] });
    await insertRows(db, {
      table: 'settings',
      rows: [
        { key: 'x3', value: 'c' },
        { key: 'x4', value: 'd' },
      ],
    });
    expect(await settingsRows()).toEqual([
      { key: 'x1', value: 'a' },
      { key: 'x2', value: 'b' },
      { key: 'x3', value: 'c' },
      { key: 'x4', value: 'd' },
    ]);
  });

  it('a stated parameter order that differs from Kysely’s is refused before anything is written', async () => {
    const wrongOrder = compiledOnce(
      () => 'wrong-order',
      (db, row: { key: string; value: string }) => db.insertInto('settings').values(row),
      (row) => [row.value, row.key],
    );
    await expect(wrongOrder(core.database.db, { key: 'x9', value: 'z' })).rejects.toThrow(/differ from Kysely/);
    expect(await settingsRows()).toEqual([]);
  });

  it('reads return rows through the cached SQL as well', async () => {
    const valueOf = compiledOnce(
      () => 'valueOf',
      (db, key: string) => db.selectFrom('settings').select('value').where('key', '=', key),
      (key) => [key],
    );
    const first = await valueOf<{ value: string }>(core.database.db, 'timeZone');
    const second = await valueOf<{ value: string }>(core.database.db, 'siteName');
    expect(first.rows).toEqual([{ value: 'Europe/Vienna' }]);
    expect(second.rows).toEqual([{ value: 'Sozial-Info im Wohnzimmer Leibnitz' }]);
  });
});
