import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { STAGE_CHUNK, discardAbandonedImports } from '../../core/imports/staged-import';
import { rebuildRollup } from '../../core/rollups/rollup';
import { importInput } from '../support/import-files';
import { largeContactsCsv } from '../support/large-import';
import { refusal } from '../support/refusal';
import { execute, queryRows, queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Issue 12, defect 6: an import of many contacts must not hold the one write transaction a tap
 * waits behind for seconds, and must still appear all at once or not at all.
 */

const ROWS = 3 * STAGE_CHUNK + 500; // four staging transactions
const RANGE = { from: '2020-01-01', to: '2021-12-31' };
const file = () => largeContactsCsv(ROWS, { from: RANGE.from, days: 700, seed: 7 });

let core: TempCore;
let catalog: Catalog;
beforeEach(async () => {
  core = await openTempCore(); // 10 March 2026
  catalog = await core.client.getCatalog({});
});
afterEach(() => core.dispose());

const value = (sql: string, params: unknown[] = []) => queryValue<number>(core.database.db, sql, params).then(Number);
const importedIds = async () =>
  (await queryRows<{ id: number }>(core.database.db, "select id from contacts where entry_kind in ('imported', 'imported_day') order by id")).map((r) =>
    Number(r.id),
  );
const staged = () => value('select count(*) from contacts where voided_at < 0');
const rollups = () => queryRows(core.database.db, 'select day, dimension, key, n, key_sum from rollup_daily where n <> 0 order by day, dimension, key');

async function expectRollupsExact() {
  const incremental = await rollups();
  await rebuildRollup(core.context.db);
  expect(await rollups()).toEqual(incremental);
}

/** Contacts in the imported range, as each reader of the app sees them. */
async function readersSee() {
  const page = await core.client.listContacts(RANGE);
  const report = await core.client.getReport(RANGE);
  const raw = await core.client.exportReport({ period: RANGE, format: 'raw-csv' });
  const rawRows = Buffer.from(raw.base64, 'base64').toString('utf8').trim().split('\n').length - 1;
  return { browser: page.total, counting: page.counting, report: report.total, export: rawRows };
}

/** A tap from the desk. It arrives as its own event (as a request does), after whatever work is waiting on the thread. */
async function tap() {
  await new Promise((resolve) => setImmediate(resolve));
  return core.deskClient.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });
}

describe('an import of many contacts', () => {
  it('lets taps in between its short transactions, and every reader sees all of it or none of it', { timeout: 120_000 }, async () => {
    const none = { browser: 0, counting: 0, report: 0, export: 0 };
    const all = { browser: ROWS, counting: ROWS, report: ROWS, export: ROWS };
    let done = false;
    const importing = core.client.commitImport(importInput('liste.csv', file()));
    void importing.catch(() => undefined).finally(() => (done = true));
    const tapIds: number[] = [];
    const seen = [];
    while (!done) {
      tapIds.push((await tap()).contact.id);
      seen.push(await readersSee());
    }
    expect((await importing).contacts).toBe(ROWS);
    seen.push(await readersSee());

    // Each reader on its own (the import may become visible between two of them).
    for (const s of seen) for (const [reader, n] of Object.entries(s)) expect([0, ROWS], reader).toContain(n);
    expect(seen[0]).toEqual(none);
    expect(seen.at(-1)).toEqual(all);
    // Taps were stored while the import was being written: their ids fall between the import's own.
    const ids = await importedIds();
    expect(ids).toHaveLength(ROWS);
    expect(tapIds.filter((id) => id > ids[0]! && id < ids.at(-1)!).length).toBeGreaterThan(0);
    expect(await value('select count(*) from contacts where voided_at is null')).toBe(ROWS + tapIds.length);
    expect(await staged()).toBe(0);
    expect(await value(`select count(*) from settings where key like 'import_staging%'`)).toBe(0);
    await expectRollupsExact();
  });

  it('that meets a catalog change while it is written is refused, and nothing of it remains', { timeout: 120_000 }, async () => {
    let done = false;
    const importing = core.client.commitImport(importInput('liste.csv', file()));
    void importing.catch(() => undefined).finally(() => (done = true));
    let changed = false;
    while (!done) {
      if (!changed && (await staged()) > 0) {
        // A theme day on an imported day: the rows the import computed would now carry the wrong theme day.
        await core.client.saveThemeDay({
          themeDay: { title: 'Sprechtag', organisationId: null, kind: 'single', day: '2020-06-02', startHour: 8, endHour: 18 },
        });
        changed = true;
      }
      await tap();
    }
    const err = await refusal(importing);
    expect(err.body).toMatchObject({ code: 'conflict', field: 'contentBase64' });
    expect(err.body.message).toContain('nothing was imported');

    expect(await importedIds()).toEqual([]);
    expect(await staged()).toBe(0);
    expect(await value('select count(*) from imports')).toBe(0);
    expect(await value("select count(*) from audit_log where entity = 'import'")).toBe(0);
    expect(await value(`select count(*) from settings where key like 'import_staging%'`)).toBe(0);
    expect(await value('select count(*) from contact_topics where contact_id not in (select id from contacts)')).toBe(0);
    await expectRollupsExact();
    // The file itself was never marked as imported: it goes in now.
    expect((await core.client.commitImport(importInput('liste.csv', file()))).contacts).toBe(ROWS);
  });
});

describe('staged rows an import left behind', () => {
  const TOKEN = -123_456_789;
  const note = (pid: number) => ({ pid, host: hostname(), processStart: null, startedAt: Date.now(), afterId: 0, fileName: 'liste.csv' });

  /** What a process killed while staging leaves: its note and hidden contacts with their topics. */
  async function leaveStaged(pid: number) {
    await execute(core.database.db, 'insert into settings (key, value) values (?, ?)', [`import_staging:${-TOKEN}`, JSON.stringify(note(pid))]);
    for (let i = 0; i < 3; i++) {
      await execute(
        core.database.db,
        `insert into contacts (occurred_at, entered_at, local_day, local_month, local_weekday, local_hour, channel, asker, language_id, desk_id, entry_kind, voided_at, void_reason)
         values (?, ?, '2020-03-02', '2020-03', 1, 9, 'in_person', 'citizen', ?, ?, 'imported', ?, 'undone')`,
        [Date.parse('2020-03-02T08:00:00Z'), core.clock.now, catalog.languages[0]!.id, catalog.desks[0]!.id, TOKEN],
      );
    }
    await execute(core.database.db, 'insert into contact_topics (contact_id, topic_id, ordinal) select id, ?, 0 from contacts where voided_at = ?', [
      catalog.topics[0]!.id,
      TOKEN,
    ]);
  }

  it('are invisible to every reader, kept while their process runs, and removed once it is gone', { timeout: 60_000 }, async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((resolve) => other.once('spawn', resolve));
    try {
      await leaveStaged(other.pid!);
      expect(await readersSee()).toEqual({ browser: 0, counting: 0, report: 0, export: 0 });
      expect((await core.client.listDay({ day: '2020-03-02' })).contacts).toEqual([]);
      expect(await discardAbandonedImports(core.context.db)).toBe(0); // its process still writes it
      expect(await staged()).toBe(3);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    expect(await discardAbandonedImports(core.context.db)).toBe(1);
    expect(await value('select count(*) from contacts')).toBe(0);
    expect(await value('select count(*) from contact_topics')).toBe(0);
    expect(await value(`select count(*) from settings where key like 'import_staging%'`)).toBe(0);
  });
});
