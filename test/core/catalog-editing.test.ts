import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/api/contract';
import type { ApiErrorCode } from '../../core/base/errors';
import { CATALOG_REFERENCES } from '../../core/catalog/catalog-references';
import type { Catalog, Topic } from '../../core/catalog/catalog-types';
import { repointReference } from '../../core/catalog/repoint-references';
import type { Breakdown } from '../../core/reports/report-types';
import { rebuildRollup } from '../../core/rollups/rollup';
import { snapshotDatabase } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { execute, queryRow, queryRows, queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

let core: TempCore;
let catalog: Catalog;

beforeEach(async () => {
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
});

afterEach(async () => {
  await core.dispose();
});

const db = () => core.database.db;
const snapshot = () => snapshotDatabase(db());
const topicNamed = (c: Catalog, labelDe: string) => c.topics.find((t) => t.labelDe === labelDe)!;
const lastAuditId = async () => Number(await queryValue(db(), 'select coalesce(max(id), 0) as id from audit_log'));
const auditSince = (id: number) =>
  queryRows(
    db(),
    'select action, entity, entity_id as "entityId", field, old_value as "oldValue", new_value as "newValue" from audit_log where id > ? order by id',
    [id],
  );

/** What the refusal says: its code and field. */
const refused = async (promise: Promise<unknown>) => (await refusal(promise)).body;

/** Expects a refusal with this code and field, and the database exactly as before. */
async function expectRefused(call: () => Promise<unknown>, code: ApiErrorCode, field?: string) {
  const before = await snapshot();
  expect(await refused(call())).toMatchObject(field === undefined ? { code } : { code, field });
  expect(await snapshot()).toEqual(before);
}

type TopicInput = MethodInput<'saveCatalogEntry'> & { kind: 'topic' };
const newTopic = (overrides: Partial<TopicInput> = {}): TopicInput => ({
  kind: 'topic',
  labelDe: 'Schulden',
  labelEn: 'Debt',
  color: '#336699',
  hotkey: 'x',
  sdgs: [1],
  ...overrides,
});

const tap = (topicIds: number[], overrides: Partial<MethodInput<'logContact'>> = {}): MethodInput<'logContact'> => ({
  topicIds,
  languageId: catalog.languages[0]!.id,
  channel: 'in_person',
  asker: 'citizen',
  ...overrides,
});

const rowOf = (b: Breakdown, key: number | string) => b.rows.find((r) => r.key === key)?.n ?? 0;

const rollups = async () => ({
  hourly: await queryRows(db(), 'select day, hour, weekday, n, key_sum from rollup_hourly where n != 0 order by 1, 2'),
  daily: await queryRows(db(), 'select day, dimension, key, n, key_sum from rollup_daily where n != 0 order by 1, 2, 3'),
});

/** The rollups as kept by the writes, then as a full recount from the contacts finds them. */
async function rollupsAndRecount() {
  const kept = await rollups();
  await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
  return { kept, recount: await rollups() };
}

describe('adding and changing entries', () => {
  it('a new topic with labels, colour, hotkey and SDGs goes to the end of the list and the desk can log it at once', async () => {
    const audited = await lastAuditId();

    const saved = await core.client.saveCatalogEntry(newTopic({ hotkey: 'X', color: '#33AA99', sdgs: [10, 1] }));

    expect(saved.kind).toBe('topic');
    const topic = saved.entry as Topic;
    expect(topic).toMatchObject({ labelDe: 'Schulden', labelEn: 'Debt', color: '#33aa99', hotkey: 'x', sdgs: [1, 10], retired: false, mergedInto: null });
    const after = await core.deskClient.getCatalog({});
    expect(after.topics.at(-1)).toEqual(topic);
    expect(topic.position).toBe(Math.max(...catalog.topics.map((t) => t.position)) + 1);
    const { contact } = await core.deskClient.logContact(tap([topic.id]));
    expect(contact.topicIds).toEqual([topic.id]);
    expect((await auditSince(audited)).filter((r: any) => r.entity === 'topic')).toEqual([
      { action: 'create', entity: 'topic', entityId: topic.id, field: 'labelDe', oldValue: null, newValue: '"Schulden"' },
      { action: 'create', entity: 'topic', entityId: topic.id, field: 'labelEn', oldValue: null, newValue: '"Debt"' },
      { action: 'create', entity: 'topic', entityId: topic.id, field: 'color', oldValue: null, newValue: '"#33aa99"' },
      { action: 'create', entity: 'topic', entityId: topic.id, field: 'hotkey', oldValue: null, newValue: '"x"' },
      { action: 'create', entity: 'topic', entityId: topic.id, field: 'sdgs', oldValue: null, newValue: '[1,10]' },
      { action: 'create', entity: 'topic', entityId: topic.id, field: 'position', oldValue: null, newValue: String(topic.position) },
    ]);
  });

  it('renaming a topic audits only the changed fields, and its old contacts are reported under the new name', async () => {
    const work = topicNamed(catalog, 'Arbeit');
    await core.client.logContact(tap([work.id], { occurredAt: '2025-05-06T08:00:00Z' }));
    const audited = await lastAuditId();

    await core.client.saveCatalogEntry({
      kind: 'topic',
      id: work.id,
      labelDe: 'Arbeit & Beschäftigung',
      labelEn: 'Work',
      color: work.color,
      hotkey: work.hotkey,
      sdgs: work.sdgs,
    });

    expect(await auditSince(audited)).toEqual([
      { action: 'amend', entity: 'topic', entityId: work.id, field: 'labelDe', oldValue: '"Arbeit"', newValue: '"Arbeit & Beschäftigung"' },
    ]);
    const report = await core.client.getReport({ from: '2025-05-01', to: '2025-05-31' });
    expect(report.byTopic.contacts.rows.find((r) => r.key === work.id)).toMatchObject({ label: { de: 'Arbeit & Beschäftigung', en: 'Work' }, n: 1 });
  });

  it('saving an entry unchanged writes nothing', async () => {
    const work = topicNamed(catalog, 'Arbeit');
    const before = await snapshot();

    await core.client.saveCatalogEntry({
      kind: 'topic',
      id: work.id,
      labelDe: 'Arbeit',
      labelEn: work.labelEn,
      color: work.color,
      hotkey: '1',
      sdgs: work.sdgs,
    });

    expect(await snapshot()).toEqual(before);
  });

  it('organisations, languages and desks are added at the end of their list and audited', async () => {
    const audited = await lastAuditId();

    const org = await core.client.saveCatalogEntry({ kind: 'organisation', name: '  Mieterschutz  ' });
    const lang = await core.client.saveCatalogEntry({ kind: 'language', code: 'sq', labelDe: 'Albanisch', labelEn: 'Albanian' });
    const lang3 = await core.client.saveCatalogEntry({ kind: 'language', code: 'prs', labelDe: 'Dari', labelEn: 'Dari' });
    const desk = await core.client.saveCatalogEntry({ kind: 'desk', name: 'Telefon' });

    const after = await core.client.getCatalog({});
    expect(after.organisations.at(-1)).toEqual(org.entry);
    expect(org.entry).toMatchObject({ name: 'Mieterschutz' });
    expect(after.languages.slice(-2)).toEqual([lang.entry, lang3.entry]);
    expect(after.desks.map((d) => d.name)).toEqual(['Sozial-Info', 'Telefon']);
    const { contact } = await core.deskClient.logContact(
      tap([catalog.topics[0]!.id], { languageId: lang3.entry.id, deskId: desk.entry.id, referralIds: [org.entry.id] }),
    );
    expect(contact).toMatchObject({ languageId: lang3.entry.id, referralIds: [org.entry.id] });
    const created = (await auditSince(audited)).filter((r: any) => r.action === 'create' && r.entity !== 'contact') as { entity: string; field: string }[];
    expect(created.map((r) => `${r.entity}.${r.field}`)).toEqual([
      'organisation.name',
      'organisation.position',
      'language.code',
      'language.labelDe',
      'language.labelEn',
      'language.position',
      'language.code',
      'language.labelDe',
      'language.labelEn',
      'language.position',
      'desk.name',
      'desk.position',
    ]);
  });

  it('a hotkey is case-insensitive and unique among active topics; retiring a topic frees its hotkey', async () => {
    const work = topicNamed(catalog, 'Arbeit');
    const education = topicNamed(catalog, 'Bildung'); // hotkey "a"
    await expectRefused(() => core.client.saveCatalogEntry(newTopic({ hotkey: '1' })), 'invalid_input', 'hotkey');
    await expectRefused(() => core.client.saveCatalogEntry(newTopic({ hotkey: 'A' })), 'invalid_input', 'hotkey');
    await expectRefused(
      () => core.client.saveCatalogEntry({ kind: 'topic', id: work.id, labelDe: 'Arbeit', labelEn: 'Work', color: work.color, hotkey: 'a', sdgs: [] }),
      'invalid_input',
      'hotkey',
    );

    await core.client.setCatalogEntryRetired({ kind: 'topic', id: education.id, retired: true });
    const saved = await core.client.saveCatalogEntry(newTopic({ hotkey: 'A' }));

    expect((saved.entry as Topic).hotkey).toBe('a');
    const after = await core.client.getCatalog({});
    expect(after.topics.find((t) => t.id === education.id)).toMatchObject({ retired: true, hotkey: null });
  });

  it('a topic retired while still holding its hotkey gives it up to a new topic, audited', async () => {
    const leisure = topicNamed(catalog, 'Freizeit & Begegnung'); // hotkey "c"
    // As databases retired before hotkeys were released on retiring.
    await core.context.db.updateTable('topics').set({ retired_at: core.clock.now }).where('id', '=', leisure.id).execute();
    core.context.catalog.invalidate();
    const audited = await lastAuditId();

    const saved = await core.client.saveCatalogEntry(newTopic({ hotkey: 'c' }));

    expect((await auditSince(audited))[0]).toEqual({
      action: 'amend',
      entity: 'topic',
      entityId: leisure.id,
      field: 'hotkey',
      oldValue: '"c"',
      newValue: 'null',
    });
    const after = await core.client.getCatalog({});
    expect(after.topics.find((t) => t.id === leisure.id)?.hotkey).toBeNull();
    expect(after.topics.find((t) => t.id === saved.entry.id)?.hotkey).toBe('c');
  });

  it('names are unique per kind among active entries, ignoring case; a retired entry may share a label', async () => {
    const org = catalog.organisations[0]!;
    await expectRefused(() => core.client.saveCatalogEntry(newTopic({ labelDe: 'arbeit' })), 'invalid_input', 'labelDe');
    await expectRefused(() => core.client.saveCatalogEntry(newTopic({ labelEn: 'HOUSING' })), 'invalid_input', 'labelEn');
    await expectRefused(() => core.client.saveCatalogEntry({ kind: 'organisation', name: org.name.toUpperCase() }), 'invalid_input', 'name');
    await expectRefused(
      () => core.client.saveCatalogEntry({ kind: 'language', code: 'de', labelDe: 'Hochdeutsch', labelEn: 'Standard German' }),
      'invalid_input',
      'code',
    );
    await expectRefused(() => core.client.saveCatalogEntry({ kind: 'desk', name: 'sozial-info' }), 'invalid_input', 'name');

    const work = topicNamed(catalog, 'Arbeit');
    await core.client.setCatalogEntryRetired({ kind: 'topic', id: work.id, retired: true });
    const again = await core.client.saveCatalogEntry(newTopic({ labelDe: 'Arbeit', labelEn: 'Work' }));
    expect(again.entry).toMatchObject({ labelDe: 'Arbeit', retired: false });
    // The retired one now cannot come back while the new one has its name.
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'topic', id: work.id, retired: false }), 'conflict', 'id');
  });

  it('an organisation cannot take the exact name of a retired one: reactivate that instead', async () => {
    const org = catalog.organisations[0]!;
    await core.client.setCatalogEntryRetired({ kind: 'organisation', id: org.id, retired: true });

    await expectRefused(() => core.client.saveCatalogEntry({ kind: 'organisation', name: org.name }), 'conflict', 'name');
  });

  it.each([
    ['an empty label', newTopic({ labelDe: '' }), 'labelDe'],
    ['a blank label', newTopic({ labelEn: '   ' }), 'labelEn'],
    ['a label of 61 characters', newTopic({ labelDe: 'x'.repeat(61) }), 'labelDe'],
    ['a label with a line break', newTopic({ labelDe: 'Schul\nden' }), 'labelDe'],
    ['a colour name', newTopic({ color: 'red' }), 'color'],
    ['a short colour', newTopic({ color: '#abc' }), 'color'],
    ['a hotkey of two characters', newTopic({ hotkey: '12' }), 'hotkey'],
    ['a hotkey that is a symbol', newTopic({ hotkey: '+' }), 'hotkey'],
    ['SDG 0', newTopic({ sdgs: [0] }), 'sdgs.0'],
    ['SDG 18', newTopic({ sdgs: [1, 18] }), 'sdgs.1'],
    ['an SDG twice', newTopic({ sdgs: [3, 3] }), 'sdgs'],
    ['a fractional SDG', newTopic({ sdgs: [1.5] }), 'sdgs.0'],
    ['a topic without hotkey field', { kind: 'topic', labelDe: 'A', labelEn: 'A', color: '#000000', sdgs: [] }, 'hotkey'],
    ['an unknown kind', { kind: 'theme_day', name: 'x' }, 'kind'],
    ['a topic with a name field', { ...newTopic(), name: 'Schulden' }, 'name'],
    ['a language code in capitals', { kind: 'language', code: 'SQ', labelDe: 'Albanisch', labelEn: 'Albanian' }, 'code'],
    ['a language code of four letters', { kind: 'language', code: 'deut', labelDe: 'Deutsch2', labelEn: 'German2' }, 'code'],
    ['a language code with a region', { kind: 'language', code: 'de-AT', labelDe: 'Österreichisch', labelEn: 'Austrian' }, 'code'],
    ['an organisation without a name', { kind: 'organisation' }, 'name'],
  ])('refuses %s, naming the field, and changes nothing', async (_case, input, field) => {
    await expectRefused(() => (core.client.saveCatalogEntry as (i: unknown) => Promise<unknown>)(input), 'invalid_input', field);
  });

  it('refuses to change an entry that does not exist', async () => {
    await expectRefused(() => core.client.saveCatalogEntry({ kind: 'desk', id: 999, name: 'Telefon' }), 'not_found', 'id');
  });

  it('every catalog method is refused without an unlocked management session', async () => {
    const topic = catalog.topics[0]!;
    await expectRefused(() => core.deskClient.saveCatalogEntry(newTopic()), 'locked');
    await expectRefused(() => core.deskClient.setCatalogEntryRetired({ kind: 'topic', id: topic.id, retired: true }), 'locked');
    await expectRefused(() => core.deskClient.reorderCatalog({ kind: 'topic', ids: catalog.topics.map((t) => t.id).reverse() }), 'locked');
    await expectRefused(
      () => core.deskClient.mergeCatalogEntries({ kind: 'topic', sourceId: topic.id, targetId: catalog.topics[1]!.id, dryRun: true }),
      'locked',
    );
  });
});

describe('retiring and reactivating', () => {
  it('a retired topic leaves the desk, its old contacts still count, and it can come back without its hotkey', async () => {
    const health = topicNamed(catalog, 'Gesundheit');
    await core.client.logContact(tap([health.id], { occurredAt: '2026-02-10T09:00:00Z' }));
    const audited = await lastAuditId();

    const retired = await core.client.setCatalogEntryRetired({ kind: 'topic', id: health.id, retired: true });

    expect(retired.entry).toMatchObject({ id: health.id, retired: true, hotkey: null });
    expect(await refused(core.deskClient.logContact(tap([health.id])))).toMatchObject({ code: 'invalid_input', field: 'topicIds.0' });
    const report = await core.client.getReport({ from: '2026-02-01', to: '2026-02-28' });
    expect(report.byTopic.contacts.rows.find((r) => r.key === health.id)).toMatchObject({ n: 1, retired: true });
    expect(await auditSince(audited)).toEqual([
      { action: 'retire', entity: 'topic', entityId: health.id, field: 'retired', oldValue: 'false', newValue: 'true' },
      { action: 'amend', entity: 'topic', entityId: health.id, field: 'hotkey', oldValue: '"4"', newValue: 'null' },
    ]);

    const back = await core.client.setCatalogEntryRetired({ kind: 'topic', id: health.id, retired: false });

    expect(back.entry).toMatchObject({ retired: false, hotkey: null });
    expect((await core.deskClient.logContact(tap([health.id]))).contact.topicIds).toEqual([health.id]);
    expect((await auditSince(audited)).at(-2)).toEqual({
      action: 'reactivate',
      entity: 'topic',
      entityId: health.id,
      field: 'retired',
      oldValue: 'true',
      newValue: 'false',
    });
  });

  it('every organisation may be retired, but the last active topic, language and desk may not', async () => {
    for (const org of catalog.organisations) await core.client.setCatalogEntryRetired({ kind: 'organisation', id: org.id, retired: true });
    for (const topic of catalog.topics.slice(1)) await core.client.setCatalogEntryRetired({ kind: 'topic', id: topic.id, retired: true });
    for (const language of catalog.languages.slice(1)) await core.client.setCatalogEntryRetired({ kind: 'language', id: language.id, retired: true });

    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'topic', id: catalog.topics[0]!.id, retired: true }), 'conflict', 'id');
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'language', id: catalog.languages[0]!.id, retired: true }), 'conflict', 'id');
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'desk', id: catalog.desks[0]!.id, retired: true }), 'conflict', 'id');
    // The desk can still log.
    expect((await core.deskClient.logContact(tap([catalog.topics[0]!.id]))).todayCount).toBe(1);
  });

  it('refuses retiring twice, reactivating an active entry and an unknown id', async () => {
    const org = catalog.organisations[0]!;
    await core.client.setCatalogEntryRetired({ kind: 'organisation', id: org.id, retired: true });

    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'organisation', id: org.id, retired: true }), 'conflict', 'id');
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'desk', id: catalog.desks[0]!.id, retired: false }), 'conflict', 'id');
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'language', id: 9999, retired: true }), 'not_found', 'id');
  });
});

describe('reordering', () => {
  it('puts a kind in the given order and audits each moved entry', async () => {
    const [first, second, ...rest] = catalog.topics.map((t) => t.id);
    const audited = await lastAuditId();

    const result = await core.client.reorderCatalog({ kind: 'topic', ids: [second!, first!, ...rest] });

    expect(result).toEqual({ kind: 'topic', ids: [second, first, ...rest] });
    const after = await core.deskClient.getCatalog({});
    expect(after.topics.map((t) => t.id)).toEqual([second, first, ...rest]);
    expect(after.topics.map((t) => t.position)).toEqual(after.topics.map((_, i) => i + 1));
    expect(await auditSince(audited)).toEqual([
      { action: 'amend', entity: 'topic', entityId: second, field: 'position', oldValue: '2', newValue: '1' },
      { action: 'amend', entity: 'topic', entityId: first, field: 'position', oldValue: '1', newValue: '2' },
    ]);
  });

  it('refuses a list missing an entry, naming an unknown one or one twice', async () => {
    const ids = catalog.languages.map((l) => l.id);
    await expectRefused(() => core.client.reorderCatalog({ kind: 'language', ids: ids.slice(1) }), 'invalid_input', 'ids');
    await expectRefused(() => core.client.reorderCatalog({ kind: 'language', ids: [...ids, 9999] }), 'invalid_input', `ids.${ids.length}`);
    await expectRefused(() => core.client.reorderCatalog({ kind: 'language', ids: [ids[0]!, ...ids] }), 'invalid_input', 'ids');
    await expectRefused(() => core.client.reorderCatalog({ kind: 'desk', ids: catalog.topics.map((t) => t.id) }), 'invalid_input', 'ids.1');
  });
});

describe('merging', () => {
  /** "Schulden" next to "Armut/Schulden", with contacts in two years, some carrying both. */
  async function debtHistory() {
    const debt = (await core.client.saveCatalogEntry(newTopic())).entry as Topic;
    const poverty = topicNamed(catalog, 'Armut/Schulden');
    const work = topicNamed(catalog, 'Arbeit');
    const housing = topicNamed(catalog, 'Wohnen');
    const [caritas, debtCounselling] = [
      catalog.organisations.find((o) => o.name === 'Caritas')!.id,
      catalog.organisations.find((o) => o.name === 'Schuldnerberatung')!.id,
    ];
    const log = async (topicIds: number[], occurredAt: string, referralIds: number[] = []) =>
      (await core.client.logContact(tap(topicIds, { occurredAt, referralIds }))).contact.id;
    const ids = {
      onlyDebt2025: await log([debt.id], '2025-04-02T08:00:00Z', [debtCounselling]),
      debtThenHousing: await log([debt.id, housing.id], '2025-09-15T12:00:00Z', [caritas]),
      workDebtPoverty: await log([work.id, debt.id, poverty.id], '2026-01-20T09:00:00Z', [debtCounselling, caritas]),
      debtHousingPoverty: await log([debt.id, housing.id, poverty.id], '2026-02-03T10:00:00Z'),
      povertyDebt: await log([poverty.id, debt.id], '2026-02-04T10:00:00Z', [debtCounselling]),
      onlyPoverty: await log([poverty.id], '2025-04-03T08:00:00Z'),
      voidedDebt: await log([debt.id], '2026-02-05T10:00:00Z'),
    };
    await core.client.voidContact({ contactId: ids.voidedDebt, reason: 'wrong_entry' });
    return { debt, poverty, work, housing, ids };
  }

  const topicsOf = (contactId: number) =>
    queryRows(db(), 'select topic_id as id, ordinal from contact_topics where contact_id = ? order by ordinal', [contactId]);

  it('a dry run says how many contacts would move and changes nothing', async () => {
    const { debt, poverty } = await debtHistory();
    const before = await snapshot();

    const dry = await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: poverty.id, dryRun: true });

    expect(dry).toEqual({ kind: 'topic', sourceId: debt.id, targetId: poverty.id, contacts: 5, alreadyWithTarget: 3, otherRows: 0, dryRun: true });
    expect(await snapshot()).toEqual(before);
  });

  it('"Schulden" merged into "Armut/Schulden": its history counts there in every year, each contact carries the target once at the earlier position', async () => {
    const { debt, poverty, work, housing, ids } = await debtHistory();
    const years = [
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2026-01-01', to: '2026-12-31' },
    ];
    const before = await Promise.all(years.map((y) => core.client.getReport(y)));
    const audited = await lastAuditId();

    const merged = await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: poverty.id });

    expect(merged).toMatchObject({ contacts: 5, alreadyWithTarget: 3, dryRun: false });
    const after = await Promise.all(years.map((y) => core.client.getReport(y)));
    for (const [i, report] of after.entries()) {
      const was = before[i]!;
      // First topics never collide (a contact has one), so the target's contacts are the sum.
      expect(rowOf(report.byTopic.contacts, poverty.id)).toBe(rowOf(was.byTopic.contacts, poverty.id) + rowOf(was.byTopic.contacts, debt.id));
      expect(rowOf(report.byTopic.contacts, debt.id)).toBe(0);
      expect(report.total).toBe(was.total);
      expect(report.byTopic.contacts.total).toBe(was.byTopic.contacts.total);
    }
    // Mentions: the sum, less the contacts that carried both (they keep the target once).
    const mentions = (reports: typeof after) => reports.reduce((n, r) => n + rowOf(r.byTopic.mentions, poverty.id), 0);
    const debtMentions = before.reduce((n, r) => n + rowOf(r.byTopic.mentions, debt.id), 0);
    expect(mentions(after)).toBe(mentions(before) + debtMentions - 3);
    expect(after[1]!.topicReferrals.rows.map((r) => r.key)).not.toContain(debt.id);

    expect(await topicsOf(ids.onlyDebt2025)).toEqual([{ id: poverty.id, ordinal: 0 }]);
    expect(await topicsOf(ids.debtThenHousing)).toEqual([
      { id: poverty.id, ordinal: 0 },
      { id: housing.id, ordinal: 1 },
    ]);
    expect(await topicsOf(ids.workDebtPoverty)).toEqual([
      { id: work.id, ordinal: 0 },
      { id: poverty.id, ordinal: 1 },
    ]);
    expect(await topicsOf(ids.debtHousingPoverty)).toEqual([
      { id: poverty.id, ordinal: 0 },
      { id: housing.id, ordinal: 1 },
    ]);
    expect(await topicsOf(ids.povertyDebt)).toEqual([{ id: poverty.id, ordinal: 0 }]);
    expect(await topicsOf(ids.voidedDebt)).toEqual([{ id: poverty.id, ordinal: 0 }]);
    expect(await queryRow(db(), 'select count(*) as n from contact_topics where topic_id = ?', [debt.id])).toEqual({ n: 0 });

    const catalogAfter = await core.deskClient.getCatalog({});
    expect(catalogAfter.topics.find((t) => t.id === debt.id)).toMatchObject({ retired: true, mergedInto: poverty.id, hotkey: null });
    expect(await auditSince(audited)).toEqual([
      { action: 'retire', entity: 'topic', entityId: debt.id, field: 'retired', oldValue: 'false', newValue: 'true' },
      { action: 'amend', entity: 'topic', entityId: debt.id, field: 'hotkey', oldValue: '"x"', newValue: 'null' },
      { action: 'merge', entity: 'topic', entityId: debt.id, field: 'mergedInto', oldValue: 'null', newValue: String(poverty.id) },
      { action: 'merge', entity: 'topic', entityId: poverty.id, field: 'mergedFrom', oldValue: 'null', newValue: JSON.stringify({ id: debt.id, contacts: 5 }) },
    ]);

    const { kept, recount } = await rollupsAndRecount();
    expect(kept).toEqual(recount);
  });

  it('merging organisations moves referrals (once per contact) and theme days, and keeps the cross table consistent', async () => {
    const caritas = catalog.organisations.find((o) => o.name === 'Caritas')!;
    const volkshilfe = catalog.organisations.find((o) => o.name === 'Volkshilfe')!;
    const topic = catalog.topics[0]!.id;
    await core.client.logContact(tap([topic], { referralIds: [caritas.id], occurredAt: '2026-02-02T09:00:00Z' }));
    const both = (
      await core.client.logContact(tap([topic, catalog.topics[1]!.id], { referralIds: [caritas.id, volkshilfe.id], occurredAt: '2026-02-03T09:00:00Z' }))
    ).contact.id;
    await core.client.logContact(tap([topic], { referralIds: [volkshilfe.id], occurredAt: '2026-02-04T09:00:00Z' }));
    const themeDay = await core.client.saveThemeDay({
      themeDay: { title: 'Sozialberatung', organisationId: caritas.id, kind: 'weekly', weekday: 5, startHour: 9, endHour: 12 },
    });
    const february = { from: '2026-02-01', to: '2026-02-28' };
    const before = await core.client.getReport(february);

    const dry = await core.client.mergeCatalogEntries({ kind: 'organisation', sourceId: caritas.id, targetId: volkshilfe.id, dryRun: true });
    const merged = await core.client.mergeCatalogEntries({ kind: 'organisation', sourceId: caritas.id, targetId: volkshilfe.id });

    expect(dry).toMatchObject({ contacts: 2, alreadyWithTarget: 1, otherRows: 1, dryRun: true });
    expect(merged).toMatchObject({ contacts: 2, alreadyWithTarget: 1, otherRows: 1, dryRun: false });
    const after = await core.client.getReport(february);
    expect(rowOf(after.byReferral, volkshilfe.id)).toBe(3);
    expect(rowOf(before.byReferral, volkshilfe.id) + rowOf(before.byReferral, caritas.id)).toBe(4);
    expect(after.topicReferrals.columns.map((c) => c.key)).toEqual([volkshilfe.id]);
    expect(await queryRows(db(), 'select organisation_id as id from contact_referrals where contact_id = ?', [both])).toEqual([{ id: volkshilfe.id }]);
    expect((await core.client.getCatalog({})).themeDays.find((d) => d.id === themeDay.themeDay!.id)?.organisationId).toBe(volkshilfe.id);
    const { kept, recount } = await rollupsAndRecount();
    expect(kept).toEqual(recount);
  });

  it('merging languages and desks re-attributes the contacts; the report shows the sum under the target', async () => {
    const [german, english] = catalog.languages;
    const topic = catalog.topics[0]!.id;
    const telephone = (await core.client.saveCatalogEntry({ kind: 'desk', name: 'Telefon' })).entry;
    for (const [languageId, deskId] of [
      [german!.id, catalog.desks[0]!.id],
      [english!.id, telephone.id],
      [english!.id, catalog.desks[0]!.id],
    ] as const) {
      await core.client.logContact(tap([topic], { languageId, deskId, occurredAt: '2026-02-10T09:00:00Z' }));
    }
    const february = { from: '2026-02-01', to: '2026-02-28' };

    expect(await core.client.mergeCatalogEntries({ kind: 'language', sourceId: english!.id, targetId: german!.id })).toMatchObject({
      contacts: 2,
      alreadyWithTarget: 0,
    });
    expect(await core.client.mergeCatalogEntries({ kind: 'desk', sourceId: telephone.id, targetId: catalog.desks[0]!.id })).toMatchObject({ contacts: 1 });

    const report = await core.client.getReport(february);
    // Languages are keyed by their ISO code in the report.
    expect(rowOf(report.byLanguage, german!.code)).toBe(3);
    expect(rowOf(report.byDesk, catalog.desks[0]!.id)).toBe(3);
    expect(report.byLanguage.rows.find((r) => r.key === english!.code)).toBeUndefined();
    const { kept, recount } = await rollupsAndRecount();
    expect(kept).toEqual(recount);
  });

  it('merging a retired entry into an active one is allowed; it stays retired and is remembered as merged', async () => {
    const { debt, poverty } = await debtHistory();
    await core.client.setCatalogEntryRetired({ kind: 'topic', id: debt.id, retired: true });

    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: poverty.id });

    expect((await core.client.getCatalog({})).topics.find((t) => t.id === debt.id)).toMatchObject({ retired: true, mergedInto: poverty.id });
    // Merged away: its history is elsewhere, so it cannot come back or be edited.
    await expectRefused(() => core.client.setCatalogEntryRetired({ kind: 'topic', id: debt.id, retired: false }), 'conflict', 'id');
    await expectRefused(() => core.client.saveCatalogEntry(newTopic({ id: debt.id, hotkey: null })), 'conflict', 'id');
  });

  it('refuses merging into itself, into a retired entry, an entry already merged, unknown ids and ids of another kind', async () => {
    const { debt, poverty } = await debtHistory();
    const work = topicNamed(catalog, 'Arbeit');
    await core.client.setCatalogEntryRetired({ kind: 'topic', id: work.id, retired: true });

    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: debt.id }), 'invalid_input', 'targetId');
    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: work.id }), 'conflict', 'targetId');
    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: work.id, dryRun: true }), 'conflict', 'targetId');
    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'topic', sourceId: 9999, targetId: poverty.id }), 'not_found', 'sourceId');
    await expectRefused(() => core.client.mergeCatalogEntries({ kind: 'desk', sourceId: catalog.desks[0]!.id, targetId: poverty.id }), 'not_found', 'targetId');

    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: poverty.id });
    await expectRefused(
      () => core.client.mergeCatalogEntries({ kind: 'topic', sourceId: debt.id, targetId: topicNamed(catalog, 'Wohnen').id }),
      'conflict',
      'sourceId',
    );
  });

  it('a table added to CATALOG_REFERENCES with a count column folds its rows into the target by adding them up', async () => {
    // As an import of monthly tallies per topic would store them.
    await sql`create table tallies (month text not null, topic_id integer not null references topics(id), n integer not null, primary key (month, topic_id))`.execute(
      core.context.db,
    );
    const [a, b] = catalog.topics.map((t) => t.id);
    const insert = (month: string, topic: number | undefined, n: number) => execute(db(), 'insert into tallies values (?, ?, ?)', [month, topic, n]);
    await insert('2020-01', a, 5);
    await insert('2020-01', b, 7);
    await insert('2020-02', a, 3);

    await core.context.db
      .transaction()
      .execute((trx) => repointReference(trx, { table: 'tallies', column: 'topic_id', uniqueWith: ['month'], sum: 'n' }, a!, b!));

    expect(await queryRows(db(), 'select month, topic_id as topic, n from tallies order by month')).toEqual([
      { month: '2020-01', topic: b, n: 12 },
      { month: '2020-02', topic: b, n: 3 },
    ]);
    expect(CATALOG_REFERENCES.topic.map((r) => r.table)).toContain('contact_topics');
  });
});
