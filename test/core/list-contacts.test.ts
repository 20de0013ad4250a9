import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client, MethodInput } from '../../core/api/contract';
import { UNDO_WINDOW_MS } from '../../core/base/limits';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactPage, ContactView } from '../../core/contacts/contact-types';
import { snapshotDatabase } from '../support/db-snapshot';
import { csvBytes, CONTACTS_HEADER, importInput } from '../support/import-files';
import { refusal } from '../support/refusal';
import { openTempCore, type TempCore } from '../support/temp-core';

/** Tuesday 10 March 2026, 10:30 in Vienna (CET). */
const NOW = Date.parse('2026-03-10T09:30:00Z');

let core: TempCore;
let client: Client;
let catalog: Catalog;

async function openAt(at: number) {
  core = await openTempCore(at);
  client = core.client;
  catalog = await client.getCatalog({});
}

afterEach(() => core?.dispose());

const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const language = (code: string) => catalog.languages.find((l) => l.code === code)!.id;

type Tap = Partial<MethodInput<'logContact'>>;
const log = async (overrides: Tap = {}) =>
  (await client.logContact({ topicIds: [topic('Arbeit')], languageId: language('de'), channel: 'in_person', asker: 'citizen', ...overrides })).contact;
const at = (iso: string, overrides: Tap = {}) => log({ occurredAt: iso, ...overrides });

const ids = (page: ContactPage | ContactView[]) => ('contacts' in page ? page.contacts : page).map((c) => c.id);

/** Every page of a listing, following `nextBefore`; `between` runs after each page, as other desks go on logging. */
async function allPages(input: MethodInput<'listContacts'>, between: (pageNo: number) => Promise<void> = async () => {}) {
  const pages: ContactPage[] = [];
  let before: number | null | undefined;
  do {
    const page: ContactPage = await client.listContacts({ ...input, ...(before != null && { before }) });
    pages.push(page);
    before = page.nextBefore;
    await between(pages.length);
  } while (before !== null);
  return pages;
}

/** Newest first by when it happened, then by id: what every listing must be sorted by. */
const newestFirst = (a: ContactView, b: ContactView) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.id - a.id;

describe('the contact browser lists a range of days', () => {
  it('lists the contacts of the range newest first (same instant: higher id first) with the total, and nothing outside it', async () => {
    await openAt(NOW);
    const before = await at('2026-03-06T22:59:00Z'); // 6 March 23:59 local: outside
    const first = await at('2026-03-06T23:00:00Z'); // 7 March 00:00 local
    const sameA = await at('2026-03-08T12:00:00Z');
    const sameB = await at('2026-03-08T12:00:00Z', { topicIds: [topic('Wohnen')] });
    const last = await at('2026-03-09T22:59:00Z'); // 9 March 23:59 local
    const after = await at('2026-03-09T23:00:00Z'); // 10 March 00:00 local: outside

    const page = await client.listContacts({ from: '2026-03-07', to: '2026-03-09' });

    expect(ids(page)).toEqual([last.id, sameB.id, sameA.id, first.id]);
    expect(page).toMatchObject({ from: '2026-03-07', to: '2026-03-09', total: 4, counting: 4, nextBefore: null });
    expect(ids(page)).not.toContain(before.id);
    expect(ids(page)).not.toContain(after.id);
    // The desk's own view of each contact, nothing rebuilt differently.
    expect(page.contacts[1]).toEqual(sameB);
  });

  it('filters by topic in any position, by desk, by entry kind, and can hide voided ones; the total follows the filter', async () => {
    await openAt(NOW);
    const { entry: phoneDesk } = await client.saveCatalogEntry({ kind: 'desk', name: 'Telefonberatung' });
    const deskId = catalog.desks[0]!.id;
    const live = await log({ topicIds: [topic('Arbeit'), topic('Wohnen')] });
    const backdated = await at('2026-03-09T10:00:00Z', { deskId: phoneDesk.id });
    const batch = await log({ requestId: randomUUID(), count: 2, topicIds: [topic('Gesundheit')] });
    const voided = await at('2026-03-09T11:00:00Z', { topicIds: [topic('Wohnen')] });
    await client.voidContact({ contactId: voided.id, reason: 'duplicate' });
    await client.commitImport(
      importInput(
        'liste.csv',
        csvBytes([
          CONTACTS_HEADER,
          ['09.03.2026', '08:15', 'Wohnen', 'Telefon', 'Bürger*in', 'Deutsch', ''],
          ['09.03.2026', '', 'Arbeit', '', 'Organisation', 'Englisch', ''],
        ]),
      ),
    );
    const range = { from: '2026-03-09', to: '2026-03-10' };
    const all = await client.listContacts(range);
    expect(all.total).toBe(7);
    expect(all.counting).toBe(6);
    const kindOf = new Map(all.contacts.map((c) => [c.id, c.entryKind]));
    const imported = all.contacts.find((c) => c.entryKind === 'imported')!;
    const importedDay = all.contacts.find((c) => c.entryKind === 'imported_day')!;
    expect(kindOf.get(live.id)).toBe('live');
    expect(kindOf.get(backdated.id)).toBe('backdated');
    expect(kindOf.get(batch.id)).toBe('batch');

    const wohnen = await client.listContacts({ ...range, topicId: topic('Wohnen') });
    expect(new Set(ids(wohnen))).toEqual(new Set([live.id, voided.id, imported.id]));
    expect(wohnen.total).toBe(3);
    expect(wohnen.counting).toBe(2);

    const atPhoneDesk = await client.listContacts({ ...range, deskId: phoneDesk.id });
    expect(ids(atPhoneDesk)).toEqual([backdated.id]);
    expect((await client.listContacts({ ...range, deskId })).total).toBe(6);

    expect((await client.listContacts({ ...range, entryKind: 'batch' })).total).toBe(2);
    expect(ids(await client.listContacts({ ...range, entryKind: 'imported_day' }))).toEqual([importedDay.id]);
    expect(ids(await client.listContacts({ ...range, entryKind: 'backdated' }))).toEqual([voided.id, backdated.id]);

    const counting = await client.listContacts({ ...range, hideVoided: true });
    expect(counting).toMatchObject({ total: 6, counting: 6 });
    expect(ids(counting)).not.toContain(voided.id);

    const combined = await client.listContacts({ ...range, topicId: topic('Wohnen'), entryKind: 'backdated', hideVoided: true });
    expect(combined).toMatchObject({ total: 0, counting: 0, contacts: [], nextBefore: null });
  });

  it('undone taps are never listed; a voided contact is, with its reason, and stops counting', async () => {
    await openAt(NOW);
    const keep = await log();
    const wrong = await log({ topicIds: [topic('Wohnen')] });
    const mistake = await log({ topicIds: [topic('Gesundheit')] });
    await client.undoContact({ contactId: mistake.id });
    core.clock.advance(UNDO_WINDOW_MS + 1000);
    await client.voidContact({ contactId: wrong.id, reason: 'duplicate' });

    const page = await client.listContacts({ from: '2026-03-10', to: '2026-03-10' });

    expect(page.contacts.map((c) => [c.id, c.voided, c.voidReason])).toEqual([
      [wrong.id, true, 'duplicate'],
      [keep.id, false, null],
    ]);
    expect(page).toMatchObject({ total: 2, counting: 1 });
    expect(await client.listContacts({ from: '2026-03-10', to: '2026-03-10', entryKind: 'live', hideVoided: true })).toMatchObject({
      total: 1,
      contacts: [{ id: keep.id }],
    });
  });

  it('a range across the daylight-saving changes lists by the local day: the short spring day and the repeated autumn hour', async () => {
    await openAt(Date.parse('2026-04-02T08:00:00Z'));
    const dayBefore = await at('2026-03-28T22:59:00Z'); // 28 March 23:59 CET: the day before
    const midnight = await at('2026-03-28T23:00:00Z'); // 29 March 00:00 CET
    const beforeJump = await at('2026-03-29T00:59:00Z'); // 01:59 CET
    const afterJump = await at('2026-03-29T01:00:00Z'); // 03:00 CEST
    const lastMinute = await at('2026-03-29T21:59:00Z'); // 23:59 CEST
    await at('2026-03-29T22:00:00Z'); // 30 March 00:00 CEST: the day after

    const spring = await client.listContacts({ from: '2026-03-29', to: '2026-03-29' });
    expect(ids(spring)).toEqual([lastMinute.id, afterJump.id, beforeJump.id, midnight.id]);
    expect(spring.contacts.map((c) => c.localTime)).toEqual(['23:59', '03:00', '01:59', '00:00']);

    const firstPass = await at('2025-10-26T00:30:00Z'); // 02:30 CEST
    const secondPass = await at('2025-10-26T01:30:00Z'); // 02:30 CET, an hour later
    const autumn = await client.listContacts({ from: '2025-10-26', to: '2025-10-26' });
    expect(ids(autumn)).toEqual([secondPass.id, firstPass.id]);
    expect(autumn.contacts.map((c) => c.localTime)).toEqual(['02:30', '02:30']);

    const across = await client.listContacts({ from: '2025-10-25', to: '2026-03-29' });
    expect(ids(across)).toEqual([lastMinute.id, afterJump.id, beforeJump.id, midnight.id, dayBefore.id, secondPass.id, firstPass.id]);
  });
});

describe('paging', () => {
  it('a day with more contacts than a page comes in pages without gaps or repeats, with the total on each', async () => {
    await openAt(NOW);
    // 120 contacts on 9 March, a few sharing their minute, so the id decides their order.
    for (let i = 0; i < 120; i++) await at(new Date(Date.parse('2026-03-09T07:00:00Z') + Math.floor(i / 3) * 60_000).toISOString());
    const range = { from: '2026-03-09', to: '2026-03-09' };
    const whole = await client.listContacts({ ...range, limit: 200 });
    expect(whole.contacts).toHaveLength(120);
    expect([...whole.contacts].sort(newestFirst).map((c) => c.id)).toEqual(ids(whole));

    const pages = await allPages({ ...range, limit: 50 });

    expect(pages.map((p) => p.contacts.length)).toEqual([50, 50, 20]);
    expect(pages.every((p) => p.total === 120)).toBe(true);
    expect(pages.flatMap((p) => ids(p))).toEqual(ids(whole));
    // The default page is 50.
    expect((await client.listContacts(range)).contacts).toHaveLength(50);
  });

  it('contacts logged while paging neither repeat nor push others out: newer ones stay above, back-dated older ones turn up below', async () => {
    await openAt(NOW);
    for (let i = 0; i < 30; i++) await at(new Date(Date.parse('2026-03-09T08:00:00Z') + i * 5 * 60_000).toISOString());
    for (let i = 0; i < 30; i++) {
      core.clock.advance(10_000);
      await log();
    }
    const range = { from: '2026-03-09', to: '2026-03-10' };
    const original = await client.listContacts({ ...range, limit: 200 });
    const arrived: ContactView[] = [];

    const pages = await allPages({ ...range, limit: 25 }, async (pageNo) => {
      if (pageNo !== 1) return;
      core.clock.advance(10_000);
      arrived.push(await log()); // live: newer than everything listed
      arrived.push(await at('2026-03-09T07:00:00Z')); // back-dated before every contact of the range so far
    });

    const listed = pages.flatMap((p) => p.contacts);
    expect(new Set(ids(listed)).size).toBe(listed.length);
    expect([...listed].sort(newestFirst)).toEqual(listed);
    expect(ids(listed)).toEqual([...ids(original), arrived[1]!.id]);
    expect(pages.at(-1)!.total).toBe(62);
  });

  it('a cursor that names no contact is refused, naming before, and changes nothing', async () => {
    await openAt(NOW);
    await log();
    const snapshot = await snapshotDatabase(core.database.db);
    const err = await refusal(client.listContacts({ from: '2026-03-10', to: '2026-03-10', before: 999_999 }));
    expect(err.body).toMatchObject({ code: 'not_found', field: 'before' });
    expect(await snapshotDatabase(core.database.db)).toEqual(snapshot);
  });
});

describe('filters against the catalog', () => {
  it('a topic or desk the catalog does not know is refused naming the field; a retired one still lists its history', async () => {
    await openAt(NOW);
    const old = await log({ topicIds: [topic('Wohnen')] });
    await client.setCatalogEntryRetired({ kind: 'topic', id: topic('Wohnen'), retired: true });
    const range = { from: '2026-03-10', to: '2026-03-10' };
    const unknown = Math.max(...catalog.topics.map((t) => t.id), ...catalog.desks.map((d) => d.id)) + 100;

    expect((await refusal(client.listContacts({ ...range, topicId: unknown }))).body).toMatchObject({ code: 'invalid_input', field: 'topicId' });
    expect((await refusal(client.listContacts({ ...range, deskId: unknown }))).body).toMatchObject({ code: 'invalid_input', field: 'deskId' });
    expect(ids(await client.listContacts({ ...range, topicId: topic('Wohnen') }))).toEqual([old.id]);
  });

  it('is a management method: without an unlocked session it is refused as locked', async () => {
    await openAt(NOW);
    expect((await refusal(core.deskClient.listContacts({ from: '2026-03-10', to: '2026-03-10' }))).body.code).toBe('locked');
  });
});
