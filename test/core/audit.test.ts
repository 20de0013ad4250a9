import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utcRangeOfDay } from '../../core/audit/list-audit';
import type { Catalog } from '../../core/catalog/catalog-types';
import { execute, queryRows, queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { onPostgres } from '../support/test-database';

/** Tuesday 10 March 2026, 10:30 in Vienna (UTC+1). */
const NOW = Date.parse('2026-03-10T09:30:00Z');
const KEY = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('audit trail view', () => {
  let core: TempCore;
  let catalog: Catalog;
  const topic = (de: string) => catalog.topics.find((t) => t.labelDe === de)!.id;
  const language = (code: string) => catalog.languages.find((l) => l.code === code)!.id;
  const tap = (extra: Record<string, unknown> = {}) =>
    core.client.logContact({ topicIds: [topic('Wohnen')], languageId: language('de'), channel: 'in_person', asker: 'citizen', ...extra });

  beforeEach(async () => {
    core = await openTempCore(NOW);
    catalog = await core.client.getCatalog({});
  });
  afterEach(() => core.dispose());

  it("shows today's created, amended and voided contacts newest first, with labels instead of ids", async () => {
    const { contact } = await tap();
    core.clock.advance(60_000);
    await core.client.amendContact({ contactId: contact.id, topicIds: [topic('Arbeit')], languageId: language('en') });
    core.clock.advance(60_000);
    await core.client.voidContact({ contactId: contact.id, reason: 'duplicate' });

    const page = await core.client.listAudit({});
    expect(page).toMatchObject({ day: '2026-03-10', timeZone: 'Europe/Vienna', total: 4, counts: { contact: 4 }, nextBefore: null });
    expect(page.entries.map((e) => [e.time, e.action, e.changes.map((c) => c.field).join(',')])).toEqual([
      ['10:32', 'void', 'voidReason'],
      ['10:31', 'amend', 'languageId'],
      ['10:31', 'amend', 'topicIds'],
      ['10:30', 'create', 'topicIds,languageId,channel,asker,deskId'],
    ]);
    const [voided, language_, topics, created] = page.entries;
    expect(topics!.changes[0]).toEqual({
      field: 'topicIds',
      old: { kind: 'label', label: { de: 'Wohnen', en: 'Housing' } },
      new: { kind: 'label', label: { de: 'Arbeit', en: 'Work' } },
    });
    expect(language_!.changes[0]).toMatchObject({
      old: { kind: 'label', label: { de: 'Deutsch' } },
      new: { kind: 'label', label: { de: 'Englisch', en: 'English' } },
    });
    expect(voided!.changes[0]).toEqual({ field: 'voidReason', old: null, new: { kind: 'code', of: 'voidReason', code: 'duplicate' } });
    expect(created!.changes.find((c) => c.field === 'channel')!.new).toEqual({ kind: 'code', of: 'channel', code: 'in_person' });
    expect(created!.contact).toEqual({ day: '2026-03-10', time: '10:30', entryKind: 'live' });
    // Nothing that could identify a person, and no raw JSON for the UI to show.
    expect(JSON.stringify(page)).not.toMatch(/"kind":"text","text":"[[{]/);
  });

  it('marks back-dated and batch entries, and filters by an earlier local day', async () => {
    await tap({ occurredAt: '2026-03-09T22:30:00Z' }); // 23:30 on 9 March in Vienna
    await tap({ requestId: KEY, count: 3 });
    core.clock.advance(86_400_000); // the next day: today's view is empty (the management session has locked by now: call the core directly)
    const listAudit = (day?: string) => core.handlers.listAudit({ limit: 200, ...(day && { day }) });

    expect(await listAudit()).toMatchObject({ day: '2026-03-11', entries: [], total: 0 });
    const tenth = await listAudit('2026-03-10');
    expect(tenth.entries.map((e) => e.contact?.entryKind)).toEqual(['batch', 'batch', 'batch', 'backdated']);
    expect(tenth.entries[3]!.contact).toEqual({ day: '2026-03-09', time: '23:30', entryKind: 'backdated' });
    expect(tenth.entries[3]!.changes.find((c) => c.field === 'occurredAt')!.new).toEqual({ kind: 'localTime', day: '2026-03-09', time: '23:30' });
    expect(tenth.entries[0]!.changes.find((c) => c.field === 'count')!.new).toEqual({ kind: 'number', value: 3 });
    // Entered on the 10th: the audit day is when the change was made, not when the contact happened.
    expect((await listAudit('2026-03-09')).entries).toEqual([]);
  });

  it('pages through a day with a cursor and filters by entity', async () => {
    for (let i = 0; i < 5; i++) {
      await tap();
      core.clock.advance(1_000);
    }
    await core.client.updateSettings({ siteName: 'Sozial-Info Graz', smallCellThreshold: 4 });

    const first = await core.client.listAudit({ limit: 3 });
    expect(first.total).toBe(7);
    expect(first.entries.map((e) => e.entity)).toEqual(['settings', 'settings', 'contact']);
    const second = await core.client.listAudit({ limit: 3, before: first.nextBefore! });
    const third = await core.client.listAudit({ limit: 3, before: second.nextBefore! });
    expect(third.nextBefore).toBeNull();
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);

    const settings = await core.client.listAudit({ entity: 'settings' });
    expect(settings).toMatchObject({ total: 2, counts: { contact: 5, settings: 2 } });
    expect(settings.entries.map((e) => e.changes[0])).toEqual([
      { field: 'smallCellThreshold', old: { kind: 'number', value: 3 }, new: { kind: 'number', value: 4 } },
      { field: 'siteName', old: { kind: 'text', text: 'Sozial-Info im Wohnzimmer Leibnitz' }, new: { kind: 'text', text: 'Sozial-Info Graz' } },
    ]);
    expect((await core.client.listAudit({ entity: 'catalog' })).entries).toEqual([]);
  });

  it('shows a theme day by its title and an edit as the fields that changed', async () => {
    const org = catalog.organisations[0]!;
    const saved = await core.client.saveThemeDay({
      themeDay: { title: 'Schuldnerberatung', organisationId: org.id, kind: 'weekly', weekday: 3, startHour: 9, endHour: 12 },
    });
    await core.client.saveThemeDay({
      themeDay: { id: saved.themeDay!.id, title: 'Schuldnerberatung', organisationId: null, kind: 'weekly', weekday: 3, startHour: 9, endHour: 13 },
    });
    const [amended, created] = (await core.client.listAudit({ entity: 'theme_day' })).entries;
    expect(amended!.entityLabel).toEqual({ de: 'Schuldnerberatung', en: 'Schuldnerberatung' });
    expect(amended!.changes).toEqual([
      { field: 'organisationId', old: { kind: 'label', label: { de: org.name, en: org.name } }, new: { kind: 'none' } },
      { field: 'endHour', old: { kind: 'hour', hour: 12 }, new: { kind: 'hour', hour: 13 } },
    ]);
    expect(created!.changes.map((c) => c.field)).toEqual(['title', 'organisationId', 'kind', 'weekday', 'startHour', 'endHour']);
    expect(created!.changes.find((c) => c.field === 'kind')!.new).toEqual({ kind: 'code', of: 'themeDayKind', code: 'weekly' });
  });

  it('catalog changes name the entry and show labels: a new topic, a rename, a retirement, a merge', async () => {
    const saved = await core.client.saveCatalogEntry({ kind: 'topic', labelDe: 'Schulden', labelEn: 'Debt', color: '#445566', hotkey: null, sdgs: [1] });
    const id = saved.entry.id;
    await core.client.saveCatalogEntry({ kind: 'topic', id, labelDe: 'Schulden & Konto', labelEn: 'Debt', color: '#445566', hotkey: null, sdgs: [1] });
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: id, targetId: topic('Armut/Schulden') });

    const page = await core.client.listAudit({ entity: 'catalog' });
    const of = (action: string, field: string) => page.entries.find((e) => e.entityId === id && e.action === action && e.changes[0]?.field === field);
    expect(of('create', 'labelDe')).toMatchObject({
      entity: 'topic',
      entityLabel: { de: 'Schulden & Konto', en: 'Debt' },
      changes: [{ old: null, new: { kind: 'text', text: 'Schulden' } }],
    });
    expect(of('create', 'sdgs')!.changes[0]!.new).toEqual({ kind: 'text', text: '1' });
    expect(of('amend', 'labelDe')!.changes[0]).toEqual({
      field: 'labelDe',
      old: { kind: 'text', text: 'Schulden' },
      new: { kind: 'text', text: 'Schulden & Konto' },
    });
    expect(of('merge', 'mergedInto')!.changes[0]!.new).toEqual({ kind: 'label', label: { de: 'Armut/Schulden', en: 'Poverty/debt' } });
    const target = page.entries.find((e) => e.action === 'merge' && e.changes[0]?.field === 'mergedFrom');
    // The target also says how many contacts the merge moved to it (none carried the new topic).
    expect(target).toMatchObject({
      entityLabel: { de: 'Armut/Schulden' },
      changes: [{ new: { kind: 'label', label: { de: 'Schulden & Konto', en: 'Debt' } } }, { field: 'movedContacts', new: { kind: 'number', value: 0 } }],
    });
    expect(page.entries.every((e) => ['topic', 'organisation', 'language', 'desk'].includes(e.entity))).toBe(true);
  });

  it('a day is its local calendar day: 23 hours long on the spring-forward Sunday', () => {
    const { start, end } = utcRangeOfDay('2026-03-29', 'Europe/Vienna');
    expect(new Date(start).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect((end - start) / 3_600_000).toBe(23);
  });

  const DAY_QUERY =
    "select * from audit_log where at >= 1 and at < 2 and entity in ('contact') and (at < 2 or (at = 2 and id < 9)) order by at desc, id desc limit 201";

  it.skipIf(onPostgres())('reads a day through the index on `at` (SQLite only: the SQLite query plan; the PostgreSQL plan is checked below)', async () => {
    const plan = await queryRows<{ detail: string }>(core.database.db, `explain query plan ${DAY_QUERY}`);
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING INDEX audit_log_at/);
    expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
  });

  it.runIf(onPostgres())('reads a day through the index on `at`, in its order (PostgreSQL plan)', async () => {
    // PostgreSQL plans by cost, so the table gets a realistic size first: 20 busy days of 10,000 audit rows, then fresh statistics.
    const db = core.database.db;
    await execute(
      db,
      "insert into audit_log (at, action, entity, entity_id) select g::bigint * 8640, 'create', case when g % 3 = 0 then 'contact' else 'topic' end, g from generate_series(1, 200000) g",
    );
    await execute(db, 'analyze audit_log');
    const [dayStart, dayEnd] = [10 * 86_400_000, 11 * 86_400_000];
    const plan = (await queryValue(
      db,
      `explain (format json) select * from audit_log where at >= ? and at < ? and entity in ('contact') and (at < ? or (at = ? and id < 9)) order by at desc, id desc limit 201`,
      [dayStart, dayEnd, dayEnd, dayEnd],
    )) as [{ Plan: PgPlanNode }];
    const nodes = planNodes(plan[0].Plan);
    expect(nodes.filter((n) => n['Index Name'] === 'audit_log_at').map((n) => [n['Node Type'], n['Scan Direction']])).toEqual([['Index Scan', 'Backward']]);
    // No sort of the whole day (SQLite's TEMP B-TREE): only rows of the same `at` are put in id order (an Incremental Sort
    // presorted on `at`), which SQLite gets for free because its index carries the rowid.
    expect(nodes.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
    for (const n of nodes.filter((n) => n['Node Type'] === 'Incremental Sort')) expect(n['Presorted Key']).toEqual(['at']);
  });
});

interface PgPlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Presorted Key'?: string[];
  Plans?: PgPlanNode[];
}

const planNodes = (node: PgPlanNode): PgPlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];
