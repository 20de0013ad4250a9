import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, createClient } from '../../core/api/client';
import type { Client, MethodInput, ParsedInput } from '../../core/api/contract';
import type { ApiErrorCode } from '../../core/api/errors';
import { FUTURE_TOLERANCE_MS, MAX_PAYLOAD_BYTES, UNDO_WINDOW_MS } from '../../core/api/limits';
import { methodNames, type MethodName } from '../../core/api/method-names';
import { snapshotDatabase } from '../support/db-snapshot';
import { openTempCore, type TempCore } from '../support/temp-core';
import { TRANSPORTS, type OpenTransport, type TransportUnderTest } from './transports';

/** Catalog ids and contacts every row can refer to; built once per transport on a fresh database. */
interface Fixture {
  now: number;
  topic: number;
  secondTopic: number;
  organisation: number;
  language: number;
  otherLanguage: number;
  retired: { topic: number; organisation: number; language: number };
  /** Larger than any id in the catalog. */
  unknownId: number;
  /** Larger than any contact id. */
  missingContactId: number;
  /** Logged long enough ago that Undo is closed. */
  oldContact: number;
  voidedContact: number;
}

type Row = {
  method: MethodName;
  case: string;
  input: (f: Fixture) => unknown;
  code: ApiErrorCode;
  /** The field the error must name; absent when no single field is at fault. */
  field?: string;
  /** For values only one transport can carry (IPC's structured clone has BigInt and cycles; JSON has not). */
  only?: TransportUnderTest['name'];
};

const tap = (f: Fixture, overrides: Record<string, unknown> = {}) => ({
  topicIds: [f.topic],
  languageId: f.language,
  channel: 'in_person',
  asker: 'citizen',
  ...overrides,
});

const without = (input: Record<string, unknown>, key: string) => {
  const { [key]: _gone, ...rest } = input;
  return rest;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** What reaches a transport when the caller hands over something that is not an object at all. */
const NOT_OBJECTS: [string, unknown][] = [
  ['null instead of an object', null],
  ['an array instead of an object', []],
  ['a string instead of an object', '{}'],
  ['a number instead of an object', 42],
];

const EXTRA_FIELD: Record<MethodName, (f: Fixture) => Record<string, unknown>> = {
  getCatalog: () => ({ locale: 'de' }),
  logContact: (f) => tap(f, { visitorName: 'Maria' }),
  amendContact: (f) => ({ contactId: f.oldContact, languageId: f.otherLanguage, occurredAt: iso(f.now) }),
  undoContact: (f) => ({ contactId: f.oldContact, force: true }),
  voidContact: (f) => ({ contactId: f.oldContact, reason: 'duplicate', note: 'free text' }),
  listDay: () => ({ day: '2026-03-10', deskId: 1 }),
};
const EXTRA_FIELD_NAME: Record<MethodName, string> = {
  getCatalog: 'locale',
  logContact: 'visitorName',
  amendContact: 'occurredAt',
  undoContact: 'force',
  voidContact: 'note',
  listDay: 'deskId',
};

const BAD_INPUTS: Row[] = [
  ...methodNames.flatMap((method): Row[] => [
    ...NOT_OBJECTS.map(([label, value]): Row => ({ method, case: label, input: () => value, code: 'invalid_input', field: '(input)' })),
    { method, case: 'an extra field', input: EXTRA_FIELD[method], code: 'invalid_input', field: EXTRA_FIELD_NAME[method] },
  ]),

  // logContact: shape
  { method: 'logContact', case: 'missing topicIds', input: (f) => without(tap(f), 'topicIds'), code: 'invalid_input', field: 'topicIds' },
  { method: 'logContact', case: 'missing languageId', input: (f) => without(tap(f), 'languageId'), code: 'invalid_input', field: 'languageId' },
  { method: 'logContact', case: 'missing channel', input: (f) => without(tap(f), 'channel'), code: 'invalid_input', field: 'channel' },
  { method: 'logContact', case: 'missing asker', input: (f) => without(tap(f), 'asker'), code: 'invalid_input', field: 'asker' },
  { method: 'logContact', case: 'topicIds as a number', input: (f) => tap(f, { topicIds: f.topic }), code: 'invalid_input', field: 'topicIds' },
  { method: 'logContact', case: 'a topic id as a string', input: (f) => tap(f, { topicIds: [String(f.topic)] }), code: 'invalid_input', field: 'topicIds.0' },
  { method: 'logContact', case: 'a fractional topic id', input: (f) => tap(f, { topicIds: [f.topic + 0.5] }), code: 'invalid_input', field: 'topicIds.0' },
  { method: 'logContact', case: 'a negative topic id', input: (f) => tap(f, { topicIds: [-f.topic] }), code: 'invalid_input', field: 'topicIds.0' },
  { method: 'logContact', case: 'languageId as a language code', input: (f) => tap(f, { languageId: 'de' }), code: 'invalid_input', field: 'languageId' },
  { method: 'logContact', case: 'an unknown channel', input: (f) => tap(f, { channel: 'fax' }), code: 'invalid_input', field: 'channel' },
  { method: 'logContact', case: 'asker as a boolean', input: (f) => tap(f, { asker: true }), code: 'invalid_input', field: 'asker' },
  { method: 'logContact', case: 'deskId as a string', input: (f) => tap(f, { deskId: 'Sozial-Info' }), code: 'invalid_input', field: 'deskId' },
  { method: 'logContact', case: 'a requestId that is not a UUID', input: (f) => tap(f, { requestId: 'tap-1' }), code: 'invalid_input', field: 'requestId' },
  { method: 'logContact', case: 'an empty topic list', input: (f) => tap(f, { topicIds: [] }), code: 'invalid_input', field: 'topicIds' },
  {
    method: 'logContact',
    case: 'too many topics',
    input: (f) => tap(f, { topicIds: [f.topic, f.secondTopic, f.topic + 2, f.topic + 3] }),
    code: 'invalid_input',
    field: 'topicIds',
  },
  { method: 'logContact', case: 'the same topic twice', input: (f) => tap(f, { topicIds: [f.topic, f.topic] }), code: 'invalid_input', field: 'topicIds' },
  {
    method: 'logContact',
    case: 'the same referral twice',
    input: (f) => tap(f, { referralIds: [f.organisation, f.organisation] }),
    code: 'invalid_input',
    field: 'referralIds',
  },
  {
    method: 'logContact',
    case: 'too many referrals',
    input: (f) => tap(f, { referralIds: [1, 2, 3, 4, 5, 6].map((n) => f.organisation + n) }),
    code: 'invalid_input',
    field: 'referralIds',
  },

  // logContact: against the catalog
  { method: 'logContact', case: 'an unknown topic id', input: (f) => tap(f, { topicIds: [f.unknownId] }), code: 'invalid_input', field: 'topicIds.0' },
  {
    method: 'logContact',
    case: 'an unknown second topic id',
    input: (f) => tap(f, { topicIds: [f.topic, f.unknownId] }),
    code: 'invalid_input',
    field: 'topicIds.1',
  },
  { method: 'logContact', case: 'a retired topic id', input: (f) => tap(f, { topicIds: [f.retired.topic] }), code: 'invalid_input', field: 'topicIds.0' },
  {
    method: 'logContact',
    case: 'an unknown referral id',
    input: (f) => tap(f, { referralIds: [f.unknownId] }),
    code: 'invalid_input',
    field: 'referralIds.0',
  },
  {
    method: 'logContact',
    case: 'a retired referral id',
    input: (f) => tap(f, { referralIds: [f.retired.organisation] }),
    code: 'invalid_input',
    field: 'referralIds.0',
  },
  { method: 'logContact', case: 'an unknown language id', input: (f) => tap(f, { languageId: f.unknownId }), code: 'invalid_input', field: 'languageId' },
  { method: 'logContact', case: 'a retired language id', input: (f) => tap(f, { languageId: f.retired.language }), code: 'invalid_input', field: 'languageId' },
  { method: 'logContact', case: 'an unknown desk id', input: (f) => tap(f, { deskId: f.unknownId }), code: 'invalid_input', field: 'deskId' },

  // logContact: time
  {
    method: 'logContact',
    case: 'occurredAt in the future beyond the tolerance',
    input: (f) => tap(f, { occurredAt: iso(f.now + FUTURE_TOLERANCE_MS + 60_000) }),
    code: 'invalid_input',
    field: 'occurredAt',
  },
  { method: 'logContact', case: 'a malformed occurredAt', input: (f) => tap(f, { occurredAt: 'yesterday 10:00' }), code: 'invalid_input', field: 'occurredAt' },
  {
    method: 'logContact',
    case: 'occurredAt without a zone',
    input: (f) => tap(f, { occurredAt: '2026-03-10T09:00:00' }),
    code: 'invalid_input',
    field: 'occurredAt',
  },
  { method: 'logContact', case: 'occurredAt as epoch milliseconds', input: (f) => tap(f, { occurredAt: f.now }), code: 'invalid_input', field: 'occurredAt' },
  {
    method: 'logContact',
    case: 'occurredAt before the year 2000',
    input: (f) => tap(f, { occurredAt: '1999-12-31T12:00:00Z' }),
    code: 'invalid_input',
    field: 'occurredAt',
  },
  {
    method: 'logContact',
    case: 'an oversized payload',
    input: (f) => tap(f, { padding: 'x'.repeat(MAX_PAYLOAD_BYTES) }),
    code: 'payload_too_large',
  },

  // amendContact
  { method: 'amendContact', case: 'nothing to change', input: (f) => ({ contactId: f.oldContact }), code: 'invalid_input', field: '(input)' },
  { method: 'amendContact', case: 'missing contactId', input: (f) => ({ languageId: f.otherLanguage }), code: 'invalid_input', field: 'contactId' },
  {
    method: 'amendContact',
    case: 'contactId as a string',
    input: (f) => ({ contactId: String(f.oldContact), languageId: f.otherLanguage }),
    code: 'invalid_input',
    field: 'contactId',
  },
  {
    method: 'amendContact',
    case: 'the contactId of a contact that does not exist',
    input: (f) => ({ contactId: f.missingContactId, languageId: f.otherLanguage }),
    code: 'not_found',
    field: 'contactId',
  },
  {
    method: 'amendContact',
    case: 'a voided contact',
    input: (f) => ({ contactId: f.voidedContact, languageId: f.otherLanguage }),
    code: 'conflict',
    field: 'contactId',
  },
  {
    method: 'amendContact',
    case: 'the same topic twice',
    input: (f) => ({ contactId: f.oldContact, topicIds: [f.topic, f.topic] }),
    code: 'invalid_input',
    field: 'topicIds',
  },
  {
    method: 'amendContact',
    case: 'a retired referral id',
    input: (f) => ({ contactId: f.oldContact, referralIds: [f.retired.organisation] }),
    code: 'invalid_input',
    field: 'referralIds.0',
  },
  { method: 'amendContact', case: 'an empty topic list', input: (f) => ({ contactId: f.oldContact, topicIds: [] }), code: 'invalid_input', field: 'topicIds' },
  {
    method: 'amendContact',
    case: 'adding a retired topic',
    input: (f) => ({ contactId: f.oldContact, topicIds: [f.topic, f.retired.topic] }),
    code: 'invalid_input',
    field: 'topicIds.1',
  },
  {
    method: 'amendContact',
    case: 'an unknown referral id',
    input: (f) => ({ contactId: f.oldContact, referralIds: [f.unknownId] }),
    code: 'invalid_input',
    field: 'referralIds.0',
  },
  {
    method: 'amendContact',
    case: 'a retired language id',
    input: (f) => ({ contactId: f.oldContact, languageId: f.retired.language }),
    code: 'invalid_input',
    field: 'languageId',
  },
  {
    method: 'amendContact',
    case: 'an unknown language id',
    input: (f) => ({ contactId: f.oldContact, languageId: f.unknownId }),
    code: 'invalid_input',
    field: 'languageId',
  },
  { method: 'amendContact', case: 'an unknown asker', input: (f) => ({ contactId: f.oldContact, asker: 'press' }), code: 'invalid_input', field: 'asker' },
  {
    method: 'amendContact',
    case: 'an oversized payload',
    input: (f) => ({ contactId: f.oldContact, topicIds: Array.from({ length: MAX_PAYLOAD_BYTES }, () => f.topic) }),
    code: 'payload_too_large',
  },

  // undoContact
  { method: 'undoContact', case: 'missing contactId', input: () => ({}), code: 'invalid_input', field: 'contactId' },
  { method: 'undoContact', case: 'contactId 0', input: () => ({ contactId: 0 }), code: 'invalid_input', field: 'contactId' },
  {
    method: 'undoContact',
    case: 'the contactId of a contact that does not exist',
    input: (f) => ({ contactId: f.missingContactId }),
    code: 'not_found',
    field: 'contactId',
  },
  { method: 'undoContact', case: 'a contact past the undo window', input: (f) => ({ contactId: f.oldContact }), code: 'conflict', field: 'contactId' },
  { method: 'undoContact', case: 'a voided contact', input: (f) => ({ contactId: f.voidedContact }), code: 'conflict', field: 'contactId' },

  // voidContact
  { method: 'voidContact', case: 'missing reason', input: (f) => ({ contactId: f.oldContact }), code: 'invalid_input', field: 'reason' },
  {
    method: 'voidContact',
    case: 'an unknown void reason',
    input: (f) => ({ contactId: f.oldContact, reason: 'because' }),
    code: 'invalid_input',
    field: 'reason',
  },
  {
    method: 'voidContact',
    case: 'the reason "undone", which only Undo may set',
    input: (f) => ({ contactId: f.oldContact, reason: 'undone' }),
    code: 'invalid_input',
    field: 'reason',
  },
  { method: 'voidContact', case: 'a fractional contactId', input: (f) => ({ contactId: f.oldContact + 0.5, reason: 'test' }), code: 'invalid_input', field: 'contactId' },
  {
    method: 'voidContact',
    case: 'the contactId of a contact that does not exist',
    input: (f) => ({ contactId: f.missingContactId, reason: 'duplicate' }),
    code: 'not_found',
    field: 'contactId',
  },
  { method: 'voidContact', case: 'voiding twice', input: (f) => ({ contactId: f.voidedContact, reason: 'duplicate' }), code: 'conflict', field: 'contactId' },
  {
    method: 'voidContact',
    case: 'an oversized payload',
    input: (f) => ({ contactId: f.oldContact, reason: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) }),
    code: 'payload_too_large',
  },

  // values that survive structured clone but not JSON
  {
    method: 'voidContact',
    case: 'contactId as a BigInt',
    input: (f) => ({ contactId: BigInt(f.oldContact), reason: 'duplicate' }),
    code: 'invalid_input',
    field: 'contactId',
    only: 'ipc',
  },
  {
    method: 'logContact',
    case: 'an input that contains itself',
    input: (f) => {
      const input: Record<string, unknown> = tap(f);
      input.self = input;
      return input;
    },
    code: 'invalid_input',
    field: '(input)',
    only: 'ipc',
  },

  // listDay
  { method: 'listDay', case: 'a Date object as day', input: () => ({ day: new Date('2026-03-10T00:00:00Z') }), code: 'invalid_input', field: 'day' },
  { method: 'listDay', case: 'a day in German notation', input: () => ({ day: '10.03.2026' }), code: 'invalid_input', field: 'day' },
  { method: 'listDay', case: 'a day that is not in the calendar', input: () => ({ day: '2026-02-30' }), code: 'invalid_input', field: 'day' },
  { method: 'listDay', case: 'a full timestamp as day', input: () => ({ day: '2026-03-10T00:00:00Z' }), code: 'invalid_input', field: 'day' },
  { method: 'listDay', case: 'a day as a number', input: () => ({ day: 20260310 }), code: 'invalid_input', field: 'day' },
  { method: 'listDay', case: 'an oversized payload', input: () => ({ day: '2026-03-10'.repeat(MAX_PAYLOAD_BYTES / 8) }), code: 'payload_too_large' },
];

async function buildFixture(core: TempCore): Promise<Fixture> {
  const catalog = await core.handlers.getCatalog({});
  const [topic, secondTopic] = catalog.topics;
  const [language, otherLanguage] = catalog.languages;
  const retired = {
    topic: catalog.topics.at(-1)!.id,
    organisation: catalog.organisations.at(-1)!.id,
    language: catalog.languages.at(-1)!.id,
  };
  const at = core.clock.now;
  await core.context.db.updateTable('topics').set({ retired_at: at }).where('id', '=', retired.topic).execute();
  await core.context.db.updateTable('organisations').set({ retired_at: at }).where('id', '=', retired.organisation).execute();
  await core.context.db.updateTable('languages').set({ retired_at: at }).where('id', '=', retired.language).execute();
  core.context.catalog.invalidate();

  const base: ParsedInput<'logContact'> = { topicIds: [topic!.id], referralIds: [], languageId: language!.id, channel: 'in_person', asker: 'citizen' };
  const old = await core.handlers.logContact(base);
  const voided = await core.handlers.logContact({ ...base, channel: 'phone' });
  await core.handlers.voidContact({ contactId: voided.contact.id, reason: 'wrong_entry' });
  core.clock.advance(UNDO_WINDOW_MS + 60_000);

  const allIds = [...catalog.topics, ...catalog.organisations, ...catalog.languages, ...catalog.desks].map((e) => e.id);
  return {
    now: core.clock.now,
    topic: topic!.id,
    secondTopic: secondTopic!.id,
    organisation: catalog.organisations[0]!.id,
    language: language!.id,
    otherLanguage: otherLanguage!.id,
    retired,
    unknownId: Math.max(...allIds) + 1000,
    missingContactId: Math.max(old.contact.id, voided.contact.id) + 1000,
    oldContact: old.contact.id,
    voidedContact: voided.contact.id,
  };
}

/** Calls a method with input the type system would not allow, as a buggy or hostile renderer could. */
const callUnchecked = (client: Client, method: MethodName, input: unknown) =>
  (client[method] as (input: unknown) => Promise<unknown>)(input);

async function refusal(promise: Promise<unknown>): Promise<ClientError> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ClientError);
  return outcome as ClientError;
}

for (const transportUnderTest of TRANSPORTS) {
  describe(`contract over ${transportUnderTest.name}`, () => {
    let core: TempCore;
    let open: OpenTransport;
    let client: Client;
    let f: Fixture;
    const snapshot = () => snapshotDatabase(core.database.sqlite);
    const count = (sql: string) => (core.database.sqlite.prepare(sql).get() as { n: number }).n;

    beforeAll(async () => {
      core = await openTempCore();
      f = await buildFixture(core);
      open = await transportUnderTest.open(core.handlers);
      client = open.client;
    });

    afterAll(async () => {
      await open?.close();
      await core?.dispose();
    });

    const VALID_CALLS: { [M in MethodName]: () => Promise<void> } = {
      async getCatalog() {
        const catalog = await client.getCatalog({});
        expect(catalog.topics.map((t) => t.id)).toContain(f.topic);
        expect(catalog.topics.length).toBe(count('select count(*) as n from topics'));
        expect(catalog.topics.find((t) => t.id === f.retired.topic)?.retired).toBe(true);
        expect(catalog.settings.timeZone).toBe('Europe/Vienna');
      },
      async logContact() {
        const input: MethodInput<'logContact'> = {
          requestId: crypto.randomUUID(),
          topicIds: [f.topic, f.secondTopic],
          referralIds: [f.organisation],
          languageId: f.otherLanguage,
          channel: 'email',
          asker: 'organisation',
          occurredAt: iso(f.now - 60_000),
        };
        const { contact, todayCount, duplicate } = await client.logContact(input);
        expect(duplicate).toBe(false);
        expect(contact).toMatchObject({ topicIds: input.topicIds, referralIds: input.referralIds, languageId: f.otherLanguage, channel: 'email' });
        expect(todayCount).toBe(count(`select count(*) as n from contacts where voided_at is null and local_day = '${contact.localDay}'`));
        expect(core.database.sqlite.prepare('select request_id from contacts where id = ?').get(contact.id)).toEqual({ request_id: input.requestId });
        expect((await client.logContact(input)).duplicate).toBe(true);
      },
      async amendContact() {
        const amended = await client.amendContact({ contactId: f.oldContact, languageId: f.otherLanguage, referralIds: [f.organisation] });
        expect(amended).toMatchObject({ id: f.oldContact, languageId: f.otherLanguage, referralIds: [f.organisation] });
        expect(count(`select count(*) as n from audit_log where action = 'amend' and entity_id = ${f.oldContact}`)).toBe(2);
      },
      async undoContact() {
        const { contact } = await client.logContact({ topicIds: [f.topic], languageId: f.language, channel: 'phone', asker: 'citizen' });
        const countBefore = (await client.listDay({ day: contact.localDay })).count;
        const { todayCount } = await client.undoContact({ contactId: contact.id });
        const day = await client.listDay({ day: contact.localDay });
        expect(todayCount).toBe(countBefore - 1);
        expect(day.count).toBe(todayCount);
        expect(day.contacts.map((c) => c.id)).not.toContain(contact.id);
      },
      async voidContact() {
        const { contact, todayCount } = await client.logContact({ topicIds: [f.topic], languageId: f.language, channel: 'phone', asker: 'citizen' });
        const voided = await client.voidContact({ contactId: contact.id, reason: 'test' });
        expect(voided).toMatchObject({ id: contact.id, voided: true, voidReason: 'test' });
        expect((await client.listDay({ day: contact.localDay })).count).toBe(todayCount - 1);
      },
      async listDay() {
        const today = await client.listDay({});
        expect(today.count).toBe(count(`select count(*) as n from contacts where voided_at is null and local_day = '${today.day}'`));
        expect(today.contacts.map((c) => c.id)).toContain(f.voidedContact);
        expect(await client.listDay({ day: '2021-06-01' })).toEqual({ day: '2021-06-01', count: 0, contacts: [] });
      },
    };

    it.each(methodNames)('%s succeeds on valid input', async (method) => {
      await VALID_CALLS[method]();
    });

    const badInputs = BAD_INPUTS.filter((row) => (row.only ?? transportUnderTest.name) === transportUnderTest.name);

    it.each(badInputs)('$method refuses $case and changes nothing', async (row) => {
      const before = snapshot();

      const err = await refusal(callUnchecked(client, row.method, row.input(f)));

      expect(err.body.code).toBe(row.code);
      expect(err.body.field).toBe(row.field);
      expect(err.body.message).not.toBe('');
      expect(snapshot()).toEqual(before);
    });

    it('an unknown method name is refused and changes nothing', async () => {
      const before = snapshot();
      const outcome = await open.transport('dropAllContacts' as MethodName, {}).then(
        (envelope) => envelope,
        (e: unknown) => e,
      );

      if (transportUnderTest.name === 'http') {
        // Over HTTP any path can be requested; the adapter answers with the contract's refusal.
        expect(outcome).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_method' }) });
        const err = await refusal(createClient(() => open.transport('dropAllContacts' as MethodName, {})).getCatalog({}));
        expect(err.body.code).toBe('unknown_method');
      } else {
        // Over IPC only the contract's channels exist: the call never reaches the core.
        expect(outcome).toBeInstanceOf(Error);
        expect(String((outcome as Error).message)).toMatch(/No handler registered/);
      }
      expect(snapshot()).toEqual(before);
    });
  });
}
