import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactListInput } from '../../core/contacts/contact-inputs';
import { countQuery, pageQuery, type PageCursor } from '../../core/contacts/list-contacts';
import { migrate, schemaVersion } from '../../core/db/migrator';
import type { Schema } from '../../core/db/schema';
import { migrations } from '../../migrations';
import { contactsByTime } from '../../migrations/0007-contacts-by-time';
import { openBareDatabase, type BareDatabase } from '../support/bare-database';

let bare: BareDatabase;
let sqlite: BareDatabase['sqlite'];

beforeEach(() => {
  bare = openBareDatabase('migration-0007');
  sqlite = bare.sqlite;
});
afterEach(() => bare.dispose());

const before = migrations.indexOf(contactsByTime);
const TZ = 'Europe/Vienna';
const year = { from: '2025-01-01', to: '2025-12-31', hideVoided: false, limit: 50 } satisfies ContactListInput;
const cursor: PageCursor = { occurredAt: Date.parse('2025-06-30T10:00:00Z'), id: 4711 };

/** SQLite's plan for a query exactly as the core sends it. */
function planOf(query: { compile(): { sql: string; parameters: readonly unknown[] } }): string {
  const { sql, parameters } = query.compile();
  return (sqlite.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map((r) => r.detail).join('\n');
}

const db = () => bare.db as Kysely<Schema>;

describe('migration 0007 contacts-by-time', () => {
  it('adds an index on (occurred_at, id) to a version-6 database, keeping its contacts', async () => {
    expect(contactsByTime.version).toBe(7);
    await migrate(bare.db, migrations.slice(0, before));
    sqlite.prepare("insert into languages (code, label_de, label_en, position) values ('de', 'Deutsch', 'German', 1)").run();
    sqlite.prepare("insert into desks (name, position) values ('Sozial-Info', 1)").run();
    sqlite
      .prepare(
        "insert into contacts (occurred_at, entered_at, local_day, local_month, local_weekday, local_hour, channel, asker, language_id, desk_id, entry_kind) values (1, 1, '2025-01-01', '2025-01', 3, 1, 'phone', 'citizen', 1, 1, 'live')",
      )
      .run();

    await migrate(bare.db, migrations.slice(0, before + 1));

    expect(await schemaVersion(bare.db)).toBe(7);
    expect((sqlite.prepare("pragma index_info('contacts_occurred_at')").all() as { name: string }[]).map((c) => c.name)).toEqual(['occurred_at', 'id']);
    expect(sqlite.prepare('select count(*) as n from contacts').get()).toEqual({ n: 1 });
  });

  it('a page of the contact browser reads that index backwards and sorts nothing, with any filter and cursor; the total reads the day index', async () => {
    await migrate(bare.db, migrations.slice(0, before + 1));
    const inputs: [ContactListInput, PageCursor | null][] = [
      [year, null],
      [year, cursor],
      [{ ...year, topicId: 3 }, cursor],
      [{ ...year, deskId: 1, entryKind: 'backdated', hideVoided: true }, null],
      [{ ...year, from: '2025-03-30', to: '2025-03-30' }, null],
    ];
    for (const [input, at] of inputs) {
      const plan = planOf(pageQuery(db(), input, TZ, at));
      expect(plan, JSON.stringify(input)).toMatch(/^SEARCH contacts USING INDEX contacts_occurred_at \(occurred_at>\? AND occurred_at<\?\)/);
      expect(plan, JSON.stringify(input)).not.toMatch(/TEMP B-TREE/);
      expect(planOf(countQuery(db(), input))).toMatch(/^SEARCH contacts USING INDEX contacts_local_day \(local_day>\? AND local_day<\?\)/);
    }
  });

  it('before it, every page sorted the whole range', async () => {
    await migrate(bare.db, migrations.slice(0, before));
    expect(planOf(pageQuery(db(), year, TZ, cursor))).toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});
