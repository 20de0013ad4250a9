import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../core/db/migrator';
import { storedSchedules } from '../../core/mail/schedules';
import { migrations } from '../../migrations';
import { mailDueFrom } from '../../migrations/0015-mail-due-from';
import { openBareDatabase, type BareDatabase } from '../support/bare-database';

let bare: BareDatabase;
beforeEach(() => {
  bare = openBareDatabase('migration-0015');
});
afterEach(() => bare.dispose());

const before = migrations.indexOf(mailDueFrom);

describe('migration 0015 mail-due-from', () => {
  it('a version-14 schedule counts its periods from its creation, as before', async () => {
    expect(mailDueFrom.version).toBe(15);
    await migrate(bare.db, migrations.slice(0, before));
    const created = Date.parse('2026-03-10T09:30:00Z');
    bare.sqlite
      .prepare(
        `insert into mail_schedules (name, recipients, rule, view_id, publication, publication_method, formats, language, enabled, created_at, updated_at)
         values ('Monatsbericht', '["gemeinderat@leibnitz.at"]', 'lastMonth', null, 1, 'cellKey', '[]', 'de', 1, ?, ?)`,
      )
      .run(created, created + 60_000);

    await migrate(bare.db, migrations.slice(0, before + 1));

    expect(await schemaVersion(bare.db)).toBe(15);
    expect(bare.sqlite.prepare('select due_from, created_at, updated_at from mail_schedules').all()).toEqual([
      { due_from: created, created_at: created, updated_at: created + 60_000 },
    ]);
    expect((await storedSchedules(bare.db))[0]).toMatchObject({ name: 'Monatsbericht', dueFromMs: created });
  });
});
