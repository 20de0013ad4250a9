import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import { dispatch } from '../../core/api/dispatch';
import { FUTURE_TOLERANCE_MS, UNDO_WINDOW_MS } from '../../core/base/limits';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { AuditTable, ContactTable } from '../../core/db/schema';
import type { Selectable } from 'kysely';
import { snapshotDatabase } from '../support/db-snapshot';
import { execute, queryRow, queryRows, queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';
import { onPostgres } from '../support/test-database';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 23:30 UTC on Tuesday 10 March 2026 is already 00:30 on Wednesday 11 March in Vienna (CET, UTC+1). */
const LATE_EVENING_UTC = Date.parse('2026-03-10T23:30:00Z');

type ContactRow = Selectable<ContactTable>;
type AuditRow = Selectable<AuditTable>;

let core: TempCore;
let client: Client;
let internalErrors: unknown[];
let ids: ReturnType<typeof catalogIds>;

/** Ids of the seeded catalog by name, so no test depends on insertion order. */
function catalogIds(catalog: Catalog) {
  const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
  const org = (name: string) => catalog.organisations.find((o) => o.name === name)!.id;
  const lang = (code: string) => catalog.languages.find((l) => l.code === code)!.id;
  return {
    arbeit: topic('Arbeit'),
    wohnen: topic('Wohnen'),
    gesundheit: topic('Gesundheit'),
    ams: org('AMS Leibnitz'),
    caritas: org('Caritas'),
    de: lang('de'),
    en: lang('en'),
    sl: lang('sl'),
    desk: catalog.desks.find((d) => d.name === 'Sozial-Info')!.id,
  };
}

const row = (id: number) => queryRow<ContactRow>(core.database.db, 'select * from contacts where id = ?', [id]);
const contactCount = async () => Number(await queryValue(core.database.db, 'select count(*) as n from contacts'));
const auditOf = (id: number) => queryRows<AuditRow>(core.database.db, 'select * from audit_log where entity_id = ? order by id', [id]);

/** A tap with the chips' defaults: German, in person, citizen. */
const tap = (overrides: Partial<Parameters<Client['logContact']>[0]> = {}) =>
  client.logContact({ topicIds: [ids.arbeit], languageId: ids.de, channel: 'in_person', asker: 'citizen', ...overrides });

async function openAt(start: number) {
  core = await openTempCore(start);
  internalErrors = [];
  client = createClient((method, input) => dispatch(core.api, method, input, {}, (err) => internalErrors.push(err)));
  ids = catalogIds(await client.getCatalog({}));
}

afterEach(async () => {
  expect(internalErrors).toEqual([]);
  await core.dispose();
});

describe('logging a contact', () => {
  beforeEach(() => openAt(LATE_EVENING_UTC));

  it('stores every chip and the local day, month, weekday and hour of the site, not of UTC', async () => {
    const { contact, todayCount, duplicate } = await tap({
      topicIds: [ids.wohnen],
      referralIds: [ids.caritas],
      languageId: ids.sl,
      channel: 'phone',
      asker: 'organisation',
    });

    expect(duplicate).toBe(false);
    expect(todayCount).toBe(1);
    expect(await row(contact.id)).toMatchObject({
      occurred_at: LATE_EVENING_UTC,
      entered_at: LATE_EVENING_UTC,
      local_day: '2026-03-11',
      local_month: '2026-03',
      local_weekday: 3,
      local_hour: 0,
      channel: 'phone',
      asker: 'organisation',
      language_id: ids.sl,
      desk_id: ids.desk,
      entry_kind: 'live',
      voided_at: null,
      void_reason: null,
    });
    const topics = await queryRows(core.database.db, 'select topic_id from contact_topics where contact_id = ?', [contact.id]);
    const referrals = await queryRows(core.database.db, 'select organisation_id from contact_referrals where contact_id = ?', [contact.id]);
    expect(topics).toEqual([{ topic_id: ids.wohnen }]);
    expect(referrals).toEqual([{ organisation_id: ids.caritas }]);
    expect(contact).toMatchObject({ localDay: '2026-03-11', localTime: '00:30', topicIds: [ids.wohnen], referralIds: [ids.caritas] });
  });

  it("returns today's count, which rises with every tap", async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) {
      counts.push((await tap()).todayCount);
      core.clock.advance(MINUTE);
    }
    expect(counts).toEqual([1, 2, 3]);
  });

  it('one contact can carry two topics and still counts once', async () => {
    const { contact, todayCount } = await tap({ topicIds: [ids.gesundheit, ids.arbeit] });

    expect(todayCount).toBe(1);
    expect(contact.topicIds).toEqual([ids.gesundheit, ids.arbeit]);
    const links = await queryRows(core.database.db, 'select topic_id, ordinal from contact_topics where contact_id = ? order by ordinal', [contact.id]);
    expect(links).toEqual([
      { topic_id: ids.gesundheit, ordinal: 0 },
      { topic_id: ids.arbeit, ordinal: 1 },
    ]);
  });

  it('a retried tap with the same request id is stored once', async () => {
    const requestId = '0b6e8c1e-5f4a-4c1d-9a43-2f1e7d9c3b10';
    const first = await tap({ requestId });
    core.clock.advance(5_000);
    const retry = await tap({ requestId });

    expect(retry.duplicate).toBe(true);
    expect(retry.contact.id).toBe(first.contact.id);
    expect(retry.todayCount).toBe(1);
    expect(await contactCount()).toBe(1);
    expect((await auditOf(first.contact.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('a retry of a tap that was undone meanwhile is refused as a conflict and stores nothing', async () => {
    const requestId = '7d1f0c2a-3b4e-4f5a-8b6c-9d0e1f2a3b4c';
    const first = await tap({ requestId });
    await client.undoContact({ contactId: first.contact.id });

    const err = await refusal(tap({ requestId }));

    expect(err.body).toMatchObject({ code: 'conflict', field: 'requestId' });
    expect(await contactCount()).toBe(1);
  });

  it('a timestamp further in the future than the tolerance is refused and nothing is stored', async () => {
    const err = await refusal(tap({ occurredAt: new Date(core.clock.now + FUTURE_TOLERANCE_MS + 1_000).toISOString() }));

    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'occurredAt' });
    expect(await contactCount()).toBe(0);
  });

  it('a client clock slightly ahead (within the tolerance) is accepted and stamped with the core clock', async () => {
    const { contact } = await tap({ occurredAt: new Date(core.clock.now + FUTURE_TOLERANCE_MS - 1_000).toISOString() });

    expect((await row(contact.id))!.occurred_at).toBe(core.clock.now);
    expect(contact.entryKind).toBe('live');
  });

  it('a back-dated contact is marked as such and lands on its own local day', async () => {
    // Three hours before 00:30 on 11 March is 21:30 on 10 March, Vienna time.
    const occurredAt = LATE_EVENING_UTC - 3 * HOUR;
    const { contact, todayCount } = await tap({ occurredAt: new Date(occurredAt).toISOString() });

    expect(await row(contact.id)).toMatchObject({
      occurred_at: occurredAt,
      entered_at: LATE_EVENING_UTC,
      local_day: '2026-03-10',
      local_weekday: 2,
      local_hour: 21,
      entry_kind: 'backdated',
    });
    expect(todayCount).toBe(1); // the count of the day it happened on
    expect((await client.listDay({})).count).toBe(0);
    expect((await client.listDay({ day: '2026-03-10' })).contacts.map((c) => c.id)).toEqual([contact.id]);
  });
});

describe('correcting a contact', () => {
  beforeEach(() => openAt(Date.parse('2026-03-10T09:30:00Z')));

  it('amending adds a second topic and a referral and changes the language, one audit row per changed field', async () => {
    const { contact } = await tap();
    core.clock.advance(20_000);

    const amended = await client.amendContact({
      contactId: contact.id,
      topicIds: [ids.arbeit, ids.wohnen],
      referralIds: [ids.ams],
      languageId: ids.en,
      channel: 'in_person', // unchanged: no audit row
    });

    expect(amended).toMatchObject({ topicIds: [ids.arbeit, ids.wohnen], referralIds: [ids.ams], languageId: ids.en, channel: 'in_person' });
    expect((await row(contact.id))!.language_id).toBe(ids.en);
    const amends = (await auditOf(contact.id)).filter((a) => a.action === 'amend');
    expect(amends.map((a) => ({ field: a.field, old: JSON.parse(a.old_value!), new: JSON.parse(a.new_value!), at: a.at }))).toEqual([
      { field: 'topicIds', old: [ids.arbeit], new: [ids.arbeit, ids.wohnen], at: core.clock.now },
      { field: 'referralIds', old: [], new: [ids.ams], at: core.clock.now },
      { field: 'languageId', old: ids.de, new: ids.en, at: core.clock.now },
    ]);
    const listed = (await client.listDay({})).contacts.find((c) => c.id === contact.id);
    expect(listed).toMatchObject({ topicIds: [ids.arbeit, ids.wohnen], referralIds: [ids.ams], languageId: ids.en });
  });

  it('amending with the values the contact already has writes no audit row', async () => {
    const { contact } = await tap();

    await client.amendContact({ contactId: contact.id, languageId: ids.de, topicIds: [ids.arbeit] });

    expect((await auditOf(contact.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('undo within the window takes the contact out of the list and the count', async () => {
    const keep = await tap();
    core.clock.advance(MINUTE);
    const mistake = await tap({ topicIds: [ids.wohnen] });
    core.clock.advance(10_000);

    const { todayCount } = await client.undoContact({ contactId: mistake.contact.id });

    expect(todayCount).toBe(1);
    const day = await client.listDay({});
    expect(day.count).toBe(1);
    expect(day.contacts.map((c) => c.id)).toEqual([keep.contact.id]);
    expect((await auditOf(mistake.contact.id)).map((a) => a.action)).toEqual(['create', 'undo']);
  });

  it('undo after the window is refused; the contact keeps counting', async () => {
    const { contact } = await tap();
    core.clock.advance(UNDO_WINDOW_MS + 1_000);

    const err = await refusal(client.undoContact({ contactId: contact.id }));

    expect(err.body).toMatchObject({ code: 'conflict', field: 'contactId' });
    const day = await client.listDay({});
    expect(day.count).toBe(1);
    expect(day.contacts[0]).toMatchObject({ id: contact.id, voided: false });
  });

  it('a voided contact stays in the day list, marked with its reason, and stops counting', async () => {
    const first = await tap();
    core.clock.advance(MINUTE);
    const wrong = await tap({ topicIds: [ids.wohnen] });
    core.clock.advance(10 * MINUTE);

    const voided = await client.voidContact({ contactId: wrong.contact.id, reason: 'wrong_entry' });

    expect(voided).toMatchObject({ id: wrong.contact.id, voided: true, voidReason: 'wrong_entry' });
    const day = await client.listDay({});
    expect(day.count).toBe(1);
    expect(day.contacts.map((c) => [c.id, c.voided, c.voidReason])).toEqual([
      [wrong.contact.id, true, 'wrong_entry'],
      [first.contact.id, false, null],
    ]);
    expect((await tap()).todayCount).toBe(2);
  });

  it('voiding twice is a conflict and keeps the first reason', async () => {
    const { contact } = await tap();
    await client.voidContact({ contactId: contact.id, reason: 'duplicate' });

    const err = await refusal(client.voidContact({ contactId: contact.id, reason: 'test' }));

    expect(err.body).toMatchObject({ code: 'conflict', field: 'contactId' });
    expect((await row(contact.id))!.void_reason).toBe('duplicate');
  });

  it('a voided contact cannot be amended', async () => {
    const { contact } = await tap();
    await client.voidContact({ contactId: contact.id, reason: 'duplicate' });
    const before = await snapshotDatabase(core.database.db);

    const err = await refusal(client.amendContact({ contactId: contact.id, languageId: ids.en }));

    expect(err.body).toMatchObject({ code: 'conflict', field: 'contactId' });
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('an undone contact can no longer be found', async () => {
    const { contact } = await tap();
    await client.undoContact({ contactId: contact.id });

    const err = await refusal(client.amendContact({ contactId: contact.id, languageId: ids.en }));

    expect(err.body).toMatchObject({ code: 'not_found', field: 'contactId' });
  });
});

describe('retired catalog entries', () => {
  beforeEach(() => openAt(Date.parse('2026-03-10T09:30:00Z')));

  async function retireTopic(id: number) {
    await core.context.db.updateTable('topics').set({ retired_at: core.clock.now }).where('id', '=', id).execute();
    core.context.catalog.invalidate();
  }

  it('a retired topic is refused for new contacts, naming the field', async () => {
    await retireTopic(ids.wohnen);

    const err = await refusal(tap({ topicIds: [ids.arbeit, ids.wohnen] }));

    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'topicIds.1' });
    expect(await contactCount()).toBe(0);
  });

  it('a retried tap is answered as stored even if its topic was retired in between', async () => {
    const requestId = '3c9a1e5b-7f2d-4a6e-b1c8-0e5d2f7a9b31';
    const first = await tap({ requestId, topicIds: [ids.wohnen] });
    await retireTopic(ids.wohnen);

    const retry = await tap({ requestId, topicIds: [ids.wohnen] });

    expect(retry).toMatchObject({ duplicate: true, contact: { id: first.contact.id, topicIds: [ids.wohnen] } });
    expect(await contactCount()).toBe(1);
    // A new tap (no matching request id) with the retired topic is still refused.
    await refusal(tap({ topicIds: [ids.wohnen] }));
  });

  it('an old contact carrying a retired topic can still have its language changed', async () => {
    const { contact } = await tap({ topicIds: [ids.wohnen] });
    await retireTopic(ids.wohnen);

    const amended = await client.amendContact({ contactId: contact.id, languageId: ids.en, topicIds: [ids.wohnen] });

    expect(amended).toMatchObject({ topicIds: [ids.wohnen], languageId: ids.en });
  });

  it('a retired topic cannot be added to an old contact', async () => {
    const { contact } = await tap();
    await retireTopic(ids.wohnen);

    const err = await refusal(client.amendContact({ contactId: contact.id, topicIds: [ids.arbeit, ids.wohnen] }));

    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'topicIds.1' });
    expect(await row(contact.id)).toBeDefined();
    expect(await queryRows(core.database.db, 'select topic_id from contact_topics where contact_id = ?', [contact.id])).toEqual([{ topic_id: ids.arbeit }]);
  });
});

describe('the day list', () => {
  beforeEach(() => openAt(Date.parse('2026-03-10T09:30:00Z')));

  it('lists another day on request, newest first, and today by default', async () => {
    const yesterdayMorning = await tap({ occurredAt: '2026-03-09T08:15:00Z' });
    const yesterdayAfternoon = await tap({ occurredAt: '2026-03-09T14:00:00Z' });
    const today = await tap();

    const yesterday = await client.listDay({ day: '2026-03-09' });
    expect(yesterday).toMatchObject({ day: '2026-03-09', count: 2 });
    expect(yesterday.contacts.map((c) => [c.id, c.localTime])).toEqual([
      [yesterdayAfternoon.contact.id, '15:00'],
      [yesterdayMorning.contact.id, '09:15'],
    ]);
    const todays = await client.listDay({});
    expect(todays.day).toBe('2026-03-10');
    expect(todays.contacts.map((c) => c.id)).toEqual([today.contact.id]);
    expect(await client.listDay({ day: '2026-03-08' })).toEqual({ day: '2026-03-08', count: 0, contacts: [] });
  });
});

describe('audit trail', () => {
  beforeEach(() => openAt(Date.parse('2026-03-10T09:30:00Z')));

  it('every write leaves exactly one more audit row per change, stamped with the core clock', async () => {
    const { contact } = await tap();
    core.clock.advance(MINUTE);
    await client.amendContact({ contactId: contact.id, channel: 'phone' });
    core.clock.advance(MINUTE);
    const second = await tap();
    await client.undoContact({ contactId: second.contact.id });
    core.clock.advance(MINUTE);
    await client.voidContact({ contactId: contact.id, reason: 'test' });

    const start = Date.parse('2026-03-10T09:30:00Z');
    expect((await auditOf(contact.id)).map((a) => [a.action, a.field, a.at])).toEqual([
      ['create', null, start],
      ['amend', 'channel', start + MINUTE],
      ['void', 'voidReason', start + 3 * MINUTE],
    ]);
    expect((await auditOf(second.contact.id)).map((a) => [a.action, a.at])).toEqual([
      ['create', start + 2 * MINUTE],
      ['undo', start + 2 * MINUTE],
    ]);
  });

  it('the audit row is written in the same transaction: when it cannot be written, the change is not saved either', async () => {
    const { contact } = await tap();
    const justLogged = await tap({ topicIds: [ids.wohnen] });
    if (onPostgres()) {
      await execute(
        core.database.db,
        "create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$",
      );
      await execute(core.database.db, 'create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()');
    } else {
      await execute(core.database.db, "create trigger refuse_audit before insert on audit_log begin select raise(abort, 'audit log unavailable'); end");
    }
    const before = await snapshotDatabase(core.database.db);

    const attempts = [
      () => tap({ topicIds: [ids.gesundheit] }),
      () => client.amendContact({ contactId: contact.id, languageId: ids.en }),
      () => client.voidContact({ contactId: contact.id, reason: 'duplicate' }),
      () => client.undoContact({ contactId: justLogged.contact.id }),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).body.code).toBe('internal');

    expect(await snapshotDatabase(core.database.db)).toEqual(before);
    expect(internalErrors).toHaveLength(attempts.length);
    internalErrors = [];
  });
});
