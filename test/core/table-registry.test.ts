import { afterEach, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../core/db/tables';
import { openTempCore, type TempCore } from '../support/temp-core';

let core: TempCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('the table registry (core/db/tables.ts)', () => {
  it('names exactly the tables the migrations create, once each, so the move, the merge and the snapshots miss none', async () => {
    core = await openTempCore();
    const tables = (await core.database.db.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith('sqlite_'));
    expect(new Set(TABLE_NAMES).size).toBe(TABLE_NAMES.length);
    expect([...TABLE_NAMES].sort()).toEqual(tables.sort());
  });
});
