import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/api/contract';
import type { Change } from '../../core/base/changes';
import type { ApiErrorCode } from '../../core/base/errors';
import type { Catalog, TopicGroup } from '../../core/catalog/catalog-types';
import { snapshotDatabase } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { queryRows, queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/** Topic groups (Themencluster): catalog data edited like the other kinds, with one rule of their own. */

let core: TempCore;
let catalog: Catalog;
let heard: Change[];

beforeEach(async () => {
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
  heard = [];
  core.api.changes.subscribe((change) => heard.push(change));
});

afterEach(async () => {
  await core.dispose();
});

const db = () => core.database.db;
const CATALOG: Change = { kind: 'catalog' };
const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const lastAuditId = async () => Number(await queryValue(db(), 'select coalesce(max(id), 0) as id from audit_log'));
const auditSince = (id: number) =>
  queryRows(
    db(),
    'select action, entity, entity_id as "entityId", field, old_value as "oldValue", new_value as "newValue" from audit_log where id > ? order by id',
    [id],
  );
const groups = async () => (await core.client.getCatalog({})).topicGroups;
const groupById = async (id: number) => (await groups()).find((g) => g.id === id)!;

type GroupInput = MethodInput<'saveCatalogEntry'> & { kind: 'topicGroup' };
const newGroup = (topicIds: number[], overrides: Partial<GroupInput> = {}): GroupInput => ({
  kind: 'topicGroup',
  labelDe: 'Existenzsicherung',
  labelEn: 'Livelihood',
  topicIds,
  ...overrides,
});
const saveGroup = async (input: GroupInput) => (await core.client.saveCatalogEntry(input)).entry as TopicGroup;

/** Expects a refusal with this code and field, and the database exactly as before. */
async function expectRefused(call: () => Promise<unknown>, code: ApiErrorCode, field: string) {
  const before = await snapshotDatabase(db());
  expect((await refusal(call())).body).toMatchObject({ code, field });
  expect(await snapshotDatabase(db())).toEqual(before);
}

describe('creating and editing topic groups', () => {
  it('a new group lists its topics in catalog order, is audited, is in the catalog at once and announced as a catalog change', async () => {
    const audited = await lastAuditId();
    // Given out of order: stored and answered in the order of the topic catalog.
    const group = await saveGroup(newGroup([topic('Armut/Schulden'), topic('Arbeit'), topic('Grundsicherung/Sozialhilfe')]));

    const members = [topic('Arbeit'), topic('Grundsicherung/Sozialhilfe'), topic('Armut/Schulden')];
    expect(group).toEqual({
      id: group.id,
      labelDe: 'Existenzsicherung',
      labelEn: 'Livelihood',
      position: 1,
      retired: false,
      mergedInto: null,
      topicIds: members,
    });
    expect(await groups()).toEqual([group]);
    expect(await auditSince(audited)).toEqual([
      { action: 'create', entity: 'topic_group', entityId: group.id, field: 'labelDe', oldValue: null, newValue: '"Existenzsicherung"' },
      { action: 'create', entity: 'topic_group', entityId: group.id, field: 'labelEn', oldValue: null, newValue: '"Livelihood"' },
      { action: 'create', entity: 'topic_group', entityId: group.id, field: 'topicIds', oldValue: null, newValue: JSON.stringify(members) },
      { action: 'create', entity: 'topic_group', entityId: group.id, field: 'position', oldValue: null, newValue: '1' },
    ]);
    expect(heard).toEqual([CATALOG]);
    // The audit view names the group and its topics in words.
    const page = await core.client.listAudit({ entity: 'catalog' });
    const created = page.entries.find((e) => e.entity === 'topic_group' && e.changes[0]?.field === 'topicIds')!;
    expect(created.entityLabel).toEqual({ de: 'Existenzsicherung', en: 'Livelihood' });
    expect(created.changes[0]!.new).toEqual({
      kind: 'label',
      label: { de: 'Arbeit, Grundsicherung/Sozialhilfe, Armut/Schulden', en: 'Work, Basic income support, Poverty/debt' },
    });
  });

  it('changing labels and members audits each changed field old → new; the same topics in another order change nothing', async () => {
    const group = await saveGroup(newGroup([topic('Arbeit'), topic('Armut/Schulden')]));
    const audited = await lastAuditId();

    const saved = await saveGroup(newGroup([topic('Armut/Schulden'), topic('Wohnen')], { id: group.id, labelEn: 'Making ends meet' }));

    expect(saved.topicIds).toEqual([topic('Wohnen'), topic('Armut/Schulden')]);
    expect(await auditSince(audited)).toEqual([
      { action: 'amend', entity: 'topic_group', entityId: group.id, field: 'labelEn', oldValue: '"Livelihood"', newValue: '"Making ends meet"' },
      {
        action: 'amend',
        entity: 'topic_group',
        entityId: group.id,
        field: 'topicIds',
        oldValue: JSON.stringify([topic('Arbeit'), topic('Armut/Schulden')]),
        newValue: JSON.stringify([topic('Wohnen'), topic('Armut/Schulden')]),
      },
    ]);
    expect(await queryRows(db(), 'select topic_id from topic_group_members where group_id = ? order by topic_id', [group.id])).toEqual(
      [topic('Wohnen'), topic('Armut/Schulden')].sort((a, b) => a - b).map((topic_id) => ({ topic_id })),
    );

    const before = await snapshotDatabase(db());
    await saveGroup(newGroup([topic('Armut/Schulden'), topic('Wohnen')], { id: group.id, labelEn: 'Making ends meet' }));
    expect(await snapshotDatabase(db())).toEqual(before);
  });

  it('a topic is in at most one active group: taking it from another is refused naming its place, and nothing changes', async () => {
    await saveGroup(newGroup([topic('Arbeit'), topic('Armut/Schulden')]));

    await expectRefused(
      () => saveGroup(newGroup([topic('Wohnen'), topic('Armut/Schulden')], { labelDe: 'Alltag', labelEn: 'Daily life' })),
      'invalid_input',
      'topicIds.1',
    );
    expect((await refusal(saveGroup(newGroup([topic('Armut/Schulden')], { labelDe: 'Alltag', labelEn: 'Daily life' })))).body.message).toContain(
      '"Armut/Schulden" is already in the topic group "Existenzsicherung"',
    );
    expect(await groups()).toHaveLength(1);
  });

  it('refuses unknown and merged topics, an empty or repeated member list and labels taken or invalid, naming the field', async () => {
    const existing = await saveGroup(newGroup([topic('Arbeit')]));
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: topic('Wohnen'), targetId: topic('Gesundheit') });
    const other = { labelDe: 'Alltag', labelEn: 'Daily life' };

    await expectRefused(() => saveGroup(newGroup([topic('Gesundheit'), 999_999], other)), 'not_found', 'topicIds.1');
    await expectRefused(() => saveGroup(newGroup([topic('Wohnen')], other)), 'invalid_input', 'topicIds.0');
    await expectRefused(() => saveGroup(newGroup([], other)), 'invalid_input', 'topicIds');
    await expectRefused(() => saveGroup(newGroup([topic('Gesundheit'), topic('Gesundheit')], other)), 'invalid_input', 'topicIds');
    await expectRefused(() => saveGroup(newGroup([topic('Gesundheit')], { labelDe: 'EXISTENZSICHERUNG', labelEn: 'x' })), 'invalid_input', 'labelDe');
    await expectRefused(() => saveGroup(newGroup([topic('Gesundheit')], { labelDe: '   ', labelEn: 'x' })), 'invalid_input', 'labelDe');
    await expectRefused(() => saveGroup(newGroup([topic('Gesundheit')], { labelDe: 'a\nb', labelEn: 'x' })), 'invalid_input', 'labelDe');
    await expectRefused(() => saveGroup(newGroup([topic('Gesundheit')], { labelDe: 'x', labelEn: 'y'.repeat(61) })), 'invalid_input', 'labelEn');
    await expectRefused(() => saveGroup(newGroup([topic('Gesundheit')], { ...other, id: 999_999 })), 'not_found', 'id');
    await expectRefused(() => core.client.saveCatalogEntry({ ...newGroup([topic('Gesundheit')], other), color: '#123456' } as never), 'invalid_input', 'color');
    expect(await groups()).toEqual([existing]);
  });
});

describe('ordering, retiring and reactivating topic groups', () => {
  it('reorders groups, audited per moved group', async () => {
    const a = await saveGroup(newGroup([topic('Arbeit')]));
    const b = await saveGroup(newGroup([topic('Wohnen')], { labelDe: 'Wohnen und Leben', labelEn: 'Housing and life' }));
    const audited = await lastAuditId();

    expect(await core.client.reorderCatalog({ kind: 'topicGroup', ids: [b.id, a.id] })).toEqual({ kind: 'topicGroup', ids: [b.id, a.id] });

    expect((await groups()).map((g) => g.id)).toEqual([b.id, a.id]);
    expect((await auditSince(audited)).map((r) => [r.entity, r.entityId, r.field, r.oldValue, r.newValue])).toEqual([
      ['topic_group', b.id, 'position', '2', '1'],
      ['topic_group', a.id, 'position', '1', '2'],
    ]);
    await expectRefused(() => core.client.reorderCatalog({ kind: 'topicGroup', ids: [a.id] }), 'invalid_input', 'ids');
  });

  it('a retired group keeps its topics, which another group may then take; reactivating it is refused while one is taken', async () => {
    const group = await saveGroup(newGroup([topic('Arbeit'), topic('Armut/Schulden')]));
    const audited = await lastAuditId();

    const retired = (await core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: group.id, retired: true })).entry;

    expect(retired).toMatchObject({ retired: true, topicIds: group.topicIds });
    expect(await auditSince(audited)).toEqual([
      { action: 'retire', entity: 'topic_group', entityId: group.id, field: 'retired', oldValue: 'false', newValue: 'true' },
    ]);
    const taker = await saveGroup(newGroup([topic('Armut/Schulden')], { labelDe: 'Schulden', labelEn: 'Debt' }));
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: group.id, retired: false }), 'conflict', 'id');

    await core.client.saveCatalogEntry(newGroup([topic('Wohnen')], { id: taker.id, labelDe: 'Schulden', labelEn: 'Debt' }));
    expect((await core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: group.id, retired: false })).entry).toMatchObject({ retired: false });
    // Retiring the last group is allowed: the desk does not need them.
    await core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: group.id, retired: true });
    await core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: taker.id, retired: true });
    expect((await groups()).every((g) => g.retired)).toBe(true);
  });

  it('a retired topic stays in its group', async () => {
    const group = await saveGroup(newGroup([topic('Arbeit'), topic('Armut/Schulden')]));
    await core.client.setCatalogEntryRetired({ kind: 'topic', id: topic('Arbeit'), retired: true });
    expect((await groupById(group.id)).topicIds).toEqual(group.topicIds);
  });
});

describe('merging', () => {
  it('a group merged into another: its topics join the survivor, it is retired as merged; a dry run only counts', async () => {
    const source = await saveGroup(newGroup([topic('Arbeit'), topic('Armut/Schulden')]));
    const target = await saveGroup(newGroup([topic('Grundsicherung/Sozialhilfe')], { labelDe: 'Grundsicherung', labelEn: 'Basic income' }));
    const before = await snapshotDatabase(db());

    const dry = await core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: source.id, targetId: target.id, dryRun: true });

    expect(dry).toEqual({ kind: 'topicGroup', sourceId: source.id, targetId: target.id, contacts: 0, alreadyWithTarget: 0, otherRows: 2, dryRun: true });
    expect(await snapshotDatabase(db())).toEqual(before);
    heard = [];
    const audited = await lastAuditId();

    await core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: source.id, targetId: target.id });

    const all = [topic('Arbeit'), topic('Grundsicherung/Sozialhilfe'), topic('Armut/Schulden')];
    expect(await groupById(target.id)).toMatchObject({ retired: false, topicIds: all });
    expect(await groupById(source.id)).toMatchObject({ retired: true, mergedInto: target.id, topicIds: [] });
    expect(await auditSince(audited)).toEqual([
      {
        action: 'amend',
        entity: 'topic_group',
        entityId: target.id,
        field: 'topicIds',
        oldValue: JSON.stringify(target.topicIds),
        newValue: JSON.stringify(all),
      },
      { action: 'amend', entity: 'topic_group', entityId: source.id, field: 'topicIds', oldValue: JSON.stringify(source.topicIds), newValue: '[]' },
      { action: 'retire', entity: 'topic_group', entityId: source.id, field: 'retired', oldValue: 'false', newValue: 'true' },
      { action: 'merge', entity: 'topic_group', entityId: source.id, field: 'mergedInto', oldValue: 'null', newValue: String(target.id) },
      { action: 'merge', entity: 'topic_group', entityId: target.id, field: 'mergedFrom', oldValue: 'null', newValue: String(source.id) },
    ]);
    // Only the catalog changed: no contact is re-attributed.
    expect(heard).toEqual([CATALOG]);
    await expectRefused(() => core.client.saveCatalogEntry(newGroup([topic('Wohnen')], { id: source.id })), 'conflict', 'id');
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: source.id, retired: false }), 'conflict', 'id');
  });

  it('a retired group merged in brings only the topics no other active group holds meanwhile', async () => {
    const source = await saveGroup(newGroup([topic('Arbeit'), topic('Armut/Schulden')]));
    await core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: source.id, retired: true });
    await saveGroup(newGroup([topic('Armut/Schulden')], { labelDe: 'Schulden', labelEn: 'Debt' }));
    const target = await saveGroup(newGroup([topic('Wohnen')], { labelDe: 'Wohnen und Arbeit', labelEn: 'Housing and work' }));

    expect((await core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: source.id, targetId: target.id, dryRun: true })).otherRows).toBe(1);
    await core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: source.id, targetId: target.id });

    expect((await groupById(target.id)).topicIds).toEqual([topic('Arbeit'), topic('Wohnen')]);
    const active = (await groups()).filter((g) => !g.retired).flatMap((g) => g.topicIds);
    expect(new Set(active).size).toBe(active.length);
  });

  it('a topic merged into another hands its groups to the survivor, unless the survivor already has an active group', async () => {
    // "Schulden" (new) sits in the active group with "Arbeit"; merged into "Armut/Schulden" (in no group), the survivor takes its place.
    const debt = (await core.client.saveCatalogEntry({ kind: 'topic', labelDe: 'Schulden', labelEn: 'Debt', color: '#336699', hotkey: null, sdgs: [] })).entry
      .id;
    const livelihood = await saveGroup(newGroup([topic('Arbeit'), debt]));
    const audited = await lastAuditId();

    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt, targetId: topic('Armut/Schulden') });

    expect((await groupById(livelihood.id)).topicIds).toEqual([topic('Arbeit'), topic('Armut/Schulden')]);
    expect((await auditSince(audited)).filter((r) => r.entity === 'topic_group')).toEqual([
      {
        action: 'amend',
        entity: 'topic_group',
        entityId: livelihood.id,
        field: 'topicIds',
        oldValue: JSON.stringify([topic('Arbeit'), debt]),
        newValue: JSON.stringify([topic('Arbeit'), topic('Armut/Schulden')]),
      },
    ]);

    // "Wohnen" in another active group, merged into "Arbeit" (which has one): it only leaves.
    const housing = await saveGroup(newGroup([topic('Wohnen'), topic('Gesundheit')], { labelDe: 'Wohnen und Gesundheit', labelEn: 'Housing and health' }));
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: topic('Wohnen'), targetId: topic('Arbeit') });
    expect((await groupById(housing.id)).topicIds).toEqual([topic('Gesundheit')]);
    expect((await groupById(livelihood.id)).topicIds).toEqual([topic('Arbeit'), topic('Armut/Schulden')]);

    // Both in the same group: the survivor stays once.
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: topic('Armut/Schulden'), targetId: topic('Arbeit') });
    expect((await groupById(livelihood.id)).topicIds).toEqual([topic('Arbeit')]);
    const merged = new Set((await core.client.getCatalog({})).topics.filter((t) => t.mergedInto !== null).map((t) => t.id));
    expect((await groups()).flatMap((g) => g.topicIds).filter((id) => merged.has(id))).toEqual([]);
  });

  it('refuses merging into a retired group, a group merged already and ids of no group', async () => {
    const a = await saveGroup(newGroup([topic('Arbeit')]));
    const b = await saveGroup(newGroup([topic('Wohnen')], { labelDe: 'Wohnen und Leben', labelEn: 'Housing and life' }));
    await core.client.setCatalogEntryRetired({ kind: 'topicGroup', id: b.id, retired: true });

    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: a.id, targetId: b.id }), 'conflict', 'targetId');
    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: 999_999, targetId: a.id }), 'not_found', 'sourceId');
    await core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: b.id, targetId: a.id });
    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: b.id, targetId: a.id }), 'conflict', 'sourceId');
  });
});
