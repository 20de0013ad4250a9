import { afterEach, describe, expect, it } from 'vitest';
import type { Client, MethodInput } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactView } from '../../core/contacts/contact-types';
import type { Report } from '../../core/reports/report-types';
import { rebuildRollup } from '../../core/rollups/rollup';
import { snapshotDatabase } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { queryRows } from '../support/sql-rows';
import { clientsOf, openTempCore, type TempCore } from '../support/temp-core';

const HOUR = 3_600_000;
/** Tuesday 10 March 2026, 10:30 in Vienna (CET, UTC+1). */
const TUESDAY = Date.parse('2026-03-10T09:30:00Z');

let core: TempCore;
let catalog: Catalog;

async function openAt(at: number) {
  core = await openTempCore(at);
  catalog = await core.client.getCatalog({});
}

afterEach(() => core?.dispose());

const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const language = (code: string) => catalog.languages.find((l) => l.code === code)!.id;

type Tap = Partial<MethodInput<'logContact'>>;
const log = async (overrides: Tap = {}) =>
  (await core.deskClient.logContact({ topicIds: [topic('Arbeit')], languageId: language('de'), channel: 'in_person', asker: 'citizen', ...overrides })).contact;

/** An unlocked management session opened now: the one `core.client` holds lapses after 10 idle minutes of the test's clock. */
const management = async (): Promise<Client> => (await clientsOf(core)).client;

describe('what the desk may still correct without the PIN', () => {
  it('a contact of today, and one back-dated to an earlier day but entered today, can be edited and voided at the desk', async () => {
    await openAt(TUESDAY);
    const today = await log();
    const backdated = await log({ occurredAt: '2026-03-02T09:00:00Z' });
    core.clock.advance(3 * HOUR);

    expect(await core.deskClient.amendContact({ contactId: today.id, languageId: language('en') })).toMatchObject({ languageId: language('en') });
    expect(await core.deskClient.amendContact({ contactId: backdated.id, channel: 'phone' })).toMatchObject({ channel: 'phone' });
    expect(await core.deskClient.voidContact({ contactId: backdated.id, reason: 'wrong_entry' })).toMatchObject({ voided: true });
  });

  it('a contact of an earlier day, entered then, is refused at the desk as locked, pointing to the management area, and nothing changes', async () => {
    await openAt(TUESDAY);
    const yesterdays = await log();
    core.clock.advance(24 * HOUR);
    const before = await snapshotDatabase(core.database.db);

    for (const attempt of [
      () => core.deskClient.amendContact({ contactId: yesterdays.id, languageId: language('en') }),
      () => core.deskClient.voidContact({ contactId: yesterdays.id, reason: 'duplicate' }),
    ]) {
      const err = await refusal(attempt());
      expect(err.body.code).toBe('locked');
      expect(err.body.field).toBe('contactId');
      expect(err.body.message).toMatch(/management area/);
    }
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('"today" is the site\'s local day: just after midnight in Vienna yesterday evening\'s contacts are earlier ones, while UTC still has the same date', async () => {
    await openAt(Date.parse('2026-03-10T22:30:00Z')); // 23:30 on Tuesday in Vienna
    const lateTuesday = await log();
    core.clock.advance(HOUR); // 00:30 on Wednesday in Vienna, still 10 March in UTC
    const earlyWednesday = await log();

    expect((await refusal(core.deskClient.amendContact({ contactId: lateTuesday.id, channel: 'email' }))).body.code).toBe('locked');
    expect(await core.deskClient.amendContact({ contactId: earlyWednesday.id, channel: 'email' })).toMatchObject({ channel: 'email' });
  });

  it('with an unlocked management session any contact can be edited and voided; an expired session counts as none', async () => {
    await openAt(TUESDAY);
    const first = await log();
    const second = await log({ topicIds: [topic('Wohnen')] });
    core.clock.advance(48 * HOUR);
    const lapsed = (await clientsOf(core)).client;
    core.clock.advance(11 * 60_000); // past the 10 idle minutes

    expect((await refusal(lapsed.voidContact({ contactId: first.id, reason: 'duplicate' }))).body.code).toBe('locked');
    const unlocked = await management();
    expect(await unlocked.amendContact({ contactId: first.id, topicIds: [topic('Gesundheit')] })).toMatchObject({ topicIds: [topic('Gesundheit')] });
    expect(await unlocked.voidContact({ contactId: second.id, reason: 'test' })).toMatchObject({ voided: true, voidReason: 'test' });
  });
});

describe('correcting earlier days in the management area', () => {
  /** The February figures the checks compare: a recount with plain SQL over the contacts, independent of the rollups. */
  async function plainCount(from: string, to: string) {
    const db = core.database.db;
    const rows = (text: string) => queryRows<{ k: string | number; n: string | number }>(db, text, [from, to]);
    const asMap = (list: { k: string | number; n: string | number }[]) => Object.fromEntries(list.map((r) => [String(r.k), Number(r.n)]));
    return {
      total: Number((await rows('select 1 as k, count(*) as n from contacts where voided_at is null and local_day between ? and ?'))[0]!.n),
      language: asMap(
        await rows(
          'select l.code as k, count(*) as n from contacts c join languages l on l.id = c.language_id where c.voided_at is null and c.local_day between ? and ? group by l.code',
        ),
      ),
      channel: asMap(await rows('select channel as k, count(*) as n from contacts where voided_at is null and local_day between ? and ? group by channel')),
      mentions: asMap(
        await rows(
          'select ct.topic_id as k, count(*) as n from contact_topics ct join contacts c on c.id = ct.contact_id where c.voided_at is null and c.local_day between ? and ? group by ct.topic_id',
        ),
      ),
    };
  }

  /** The same figures as the report shows them; a row of 0 is a catalog entry nobody mentioned, which SQL does not list. */
  const reportFigures = (r: Report) => {
    const asMap = (rows: Report['byLanguage']['rows']) => Object.fromEntries(rows.filter((row) => row.n !== 0).map((row) => [String(row.key), row.n]));
    return { total: r.total, language: asMap(r.byLanguage.rows), channel: asMap(r.byChannel.rows), mentions: asMap(r.byTopic.mentions.rows) };
  };

  it("editing a past contact's topic, language and channel and voiding another: every change audited, and the report equals a recount from scratch", async () => {
    await openAt(TUESDAY);
    const february: ContactView[] = [];
    for (let day = 2; day <= 27; day++) {
      const occurredAt = `2026-02-${String(day).padStart(2, '0')}T09:15:00Z`;
      february.push(await log({ occurredAt, languageId: language(day % 3 === 0 ? 'en' : 'de'), channel: day % 2 ? 'phone' : 'in_person' }));
    }
    // A week later the back-dated entries are an earlier day's work: only management may touch them now.
    core.clock.advance(7 * 24 * HOUR);
    const edited = february[4]!; // 6 February: Arbeit, Deutsch, in person
    const voided = february[10]!;
    const period = { from: '2026-02-01', to: '2026-02-28' };
    const client = await management();
    const reportBefore = await client.getReport(period);

    await client.amendContact({ contactId: edited.id, topicIds: [topic('Wohnen'), topic('Gesundheit')], languageId: language('uk'), channel: 'email' });
    await client.voidContact({ contactId: voided.id, reason: 'duplicate' });

    // Listed in the browser as corrected.
    const listed = await client.listContacts({ from: '2026-02-06', to: '2026-02-12' });
    expect(listed.contacts.find((c) => c.id === edited.id)).toMatchObject({
      topicIds: [topic('Wohnen'), topic('Gesundheit')],
      languageId: language('uk'),
      channel: 'email',
      voided: false,
    });
    expect(listed.contacts.find((c) => c.id === voided.id)).toMatchObject({ voided: true, voidReason: 'duplicate' });
    expect(listed).toMatchObject({ total: 7, counting: 6 });

    // The report moved at once, and agrees with the plain recount over the contacts.
    const incremental = await client.getReport(period);
    expect(incremental.total).toBe(reportBefore.total! - 1);
    expect(incremental.byLanguage.rows.find((r) => r.key === 'uk')?.n).toBe(1);
    expect(incremental.byChannel.rows.find((r) => r.key === 'email')?.n).toBe(1);
    expect(reportFigures(incremental)).toEqual(await plainCount(period.from, period.to));

    // Rebuilding every rollup from the contacts gives the same report to the last figure.
    await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(await client.getReport(period)).toEqual(incremental);

    // The audit trail of today (the day of the corrections) names each change, old → new, and the contact's own day.
    const audit = await client.listAudit({ entity: 'contact' });
    const of = (id: number) => audit.entries.filter((e) => e.entityId === id);
    expect(
      of(edited.id)
        .map((e) => [e.action, e.changes[0]!.field])
        .sort(),
    ).toEqual([
      ['amend', 'channel'],
      ['amend', 'languageId'],
      ['amend', 'topicIds'],
    ]);
    expect(of(edited.id)[0]!.contact).toEqual({ day: '2026-02-06', time: '10:15', entryKind: 'backdated' });
    expect(of(voided.id).map((e) => [e.action, e.changes[0]!.new])).toEqual([['void', { kind: 'code', of: 'voidReason', code: 'duplicate' }]]);
  });
});
