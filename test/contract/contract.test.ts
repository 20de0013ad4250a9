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
  /** Contacts of REPORT_PERIOD that count (not voided), as the raw export's first two columns, in entry order. */
  periodContacts: string[];
  /** A theme day retired in the fixture. */
  retiredThemeDay: number;
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

/** A past month whose contacts the fixture logs (and nothing else does), so reports over it are exact. */
const REPORT_PERIOD = { from: '2026-02-01', to: '2026-02-28' } as const;
const period = (overrides: Record<string, unknown> = {}) => ({ ...REPORT_PERIOD, ...overrides });

const singleDay = (f: Fixture, overrides: Record<string, unknown> = {}) => ({
  title: 'Schuldnerberatung',
  organisationId: f.organisation,
  kind: 'single',
  day: '2026-03-17',
  startHour: 10,
  endHour: 12,
  ...overrides,
});
const weeklyDay = (f: Fixture, overrides: Record<string, unknown> = {}) => ({
  title: 'Mietrechtsberatung',
  organisationId: null,
  kind: 'weekly',
  weekday: 2,
  startHour: 14,
  endHour: 16,
  ...overrides,
});

const slot = (weekday: number, startHour: number, endHour: number) => ({ weekday, startHour, endHour });

const CSV_MIME = 'text/csv; charset=utf-8';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_FORMATS = [
  { format: 'report-csv', extension: 'csv', mimeType: CSV_MIME },
  { format: 'report-xlsx', extension: 'xlsx', mimeType: XLSX_MIME },
  { format: 'raw-csv', extension: 'csv', mimeType: CSV_MIME },
  { format: 'raw-xlsx', extension: 'xlsx', mimeType: XLSX_MIME },
] as const;

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
  getReport: () => period({ format: 'report-csv' }),
  exportReport: () => ({ period: period(), format: 'raw-csv', fileName: 'kontakte.csv' }),
  saveThemeDay: (f) => ({ themeDay: singleDay(f), dryRun: true, force: true }),
  retireThemeDay: (f) => ({ id: f.retiredThemeDay, reason: 'ended' }),
  updateSettings: () => ({ smallCellThreshold: 5, siteName: 'Sozial-Info Graz' }),
};
const EXTRA_FIELD_NAME: Record<MethodName, string> = {
  getCatalog: 'locale',
  logContact: 'visitorName',
  amendContact: 'occurredAt',
  undoContact: 'force',
  voidContact: 'note',
  listDay: 'deskId',
  getReport: 'format',
  exportReport: 'fileName',
  saveThemeDay: 'force',
  retireThemeDay: 'reason',
  updateSettings: 'siteName',
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
  { method: 'logContact', case: 'a batch of 0', input: (f) => tap(f, { count: 0, requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }), code: 'invalid_input', field: 'count' },
  { method: 'logContact', case: 'a batch of 51', input: (f) => tap(f, { count: 51, requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }), code: 'invalid_input', field: 'count' },
  { method: 'logContact', case: 'a fractional batch', input: (f) => tap(f, { count: 2.5, requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }), code: 'invalid_input', field: 'count' },
  { method: 'logContact', case: 'a batch size as a string', input: (f) => tap(f, { count: '5', requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }), code: 'invalid_input', field: 'count' },
  { method: 'logContact', case: 'a batch without a requestId', input: (f) => tap(f, { count: 3 }), code: 'invalid_input', field: 'requestId' },
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
  {
    method: 'amendContact',
    case: 'only fields set to undefined (IPC carries them)',
    input: (f) => ({ contactId: f.oldContact, languageId: undefined }),
    code: 'invalid_input',
    field: '(input)',
    only: 'ipc',
  },
  { method: 'updateSettings', case: 'an opening date before 2000', input: () => ({ openingDate: '1999-12-31' }), code: 'invalid_input', field: 'openingDate' },
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

  // getReport
  { method: 'getReport', case: 'missing from', input: () => without(period(), 'from'), code: 'invalid_input', field: 'from' },
  { method: 'getReport', case: 'missing to', input: () => without(period(), 'to'), code: 'invalid_input', field: 'to' },
  { method: 'getReport', case: 'to before from', input: () => period({ from: '2026-02-28', to: '2026-02-01' }), code: 'invalid_input', field: 'to' },
  { method: 'getReport', case: 'month 13', input: () => period({ from: '2026-13-01' }), code: 'invalid_input', field: 'from' },
  { method: 'getReport', case: '30 February', input: () => period({ to: '2026-02-30' }), code: 'invalid_input', field: 'to' },
  { method: 'getReport', case: 'a day in German notation', input: () => period({ from: '01.02.2026' }), code: 'invalid_input', field: 'from' },
  { method: 'getReport', case: 'a period longer than 50 years', input: () => period({ from: '2000-01-01', to: '2050-02-01' }), code: 'invalid_input', field: 'to' },
  { method: 'getReport', case: 'a period before the year 2000', input: () => period({ from: '1999-12-01', to: '1999-12-31' }), code: 'invalid_input', field: 'from' },
  { method: 'getReport', case: 'the year 0', input: () => period({ from: '0000-01-01', to: '0000-01-31' }), code: 'invalid_input', field: 'from' },
  { method: 'getReport', case: 'publication as a string', input: () => period({ publication: 'true' }), code: 'invalid_input', field: 'publication' },
  { method: 'getReport', case: 'publication as 1', input: () => period({ publication: 1 }), code: 'invalid_input', field: 'publication' },

  // exportReport
  { method: 'exportReport', case: 'an unknown format', input: () => ({ period: period(), format: 'pdf' }), code: 'invalid_input', field: 'format' },
  { method: 'exportReport', case: 'missing format', input: () => ({ period: period() }), code: 'invalid_input', field: 'format' },
  { method: 'exportReport', case: 'missing period', input: () => ({ format: 'raw-csv' }), code: 'invalid_input', field: 'period' },
  { method: 'exportReport', case: 'the period as a string', input: () => ({ period: '2026-02', format: 'raw-csv' }), code: 'invalid_input', field: 'period' },
  {
    method: 'exportReport',
    case: 'a period ending before it starts',
    input: () => ({ period: period({ from: '2026-02-28', to: '2026-02-01' }), format: 'report-xlsx' }),
    code: 'invalid_input',
    field: 'period.to',
  },
  {
    method: 'exportReport',
    case: 'a period starting on 30 February',
    input: () => ({ period: period({ from: '2026-02-30' }), format: 'raw-xlsx' }),
    code: 'invalid_input',
    field: 'period.from',
  },
  {
    method: 'exportReport',
    case: 'a period before the year 2000',
    input: () => ({ period: period({ from: '0999-01-01' }), format: 'report-csv' }),
    code: 'invalid_input',
    field: 'period.from',
  },
  {
    method: 'exportReport',
    case: 'an extra field in the period',
    input: () => ({ period: period({ locale: 'de' }), format: 'report-csv' }),
    code: 'invalid_input',
    field: 'period.locale',
  },

  // saveThemeDay: shape
  { method: 'saveThemeDay', case: 'missing themeDay', input: () => ({ dryRun: true }), code: 'invalid_input', field: 'themeDay' },
  { method: 'saveThemeDay', case: 'an empty title', input: (f) => ({ themeDay: singleDay(f, { title: '' }) }), code: 'invalid_input', field: 'themeDay.title' },
  { method: 'saveThemeDay', case: 'a blank title', input: (f) => ({ themeDay: singleDay(f, { title: ' \t ' }) }), code: 'invalid_input', field: 'themeDay.title' },
  {
    method: 'saveThemeDay',
    case: 'a title of 81 characters',
    input: (f) => ({ themeDay: singleDay(f, { title: 'x'.repeat(81) }) }),
    code: 'invalid_input',
    field: 'themeDay.title',
  },
  { method: 'saveThemeDay', case: "kind 'monthly'", input: (f) => ({ themeDay: singleDay(f, { kind: 'monthly' }) }), code: 'invalid_input', field: 'themeDay.kind' },
  { method: 'saveThemeDay', case: 'a single theme day without day', input: (f) => ({ themeDay: without(singleDay(f), 'day') }), code: 'invalid_input', field: 'themeDay.kind' },
  {
    method: 'saveThemeDay',
    case: 'a single theme day with a weekday',
    input: (f) => ({ themeDay: singleDay(f, { weekday: 2 }) }),
    code: 'invalid_input',
    field: 'themeDay.kind',
  },
  {
    method: 'saveThemeDay',
    case: 'a weekly theme day without weekday',
    input: (f) => ({ themeDay: without(weeklyDay(f), 'weekday') }),
    code: 'invalid_input',
    field: 'themeDay.kind',
  },
  { method: 'saveThemeDay', case: 'weekday 8', input: (f) => ({ themeDay: weeklyDay(f, { weekday: 8 }) }), code: 'invalid_input', field: 'themeDay.weekday' },
  { method: 'saveThemeDay', case: 'weekday 0', input: (f) => ({ themeDay: weeklyDay(f, { weekday: 0 }) }), code: 'invalid_input', field: 'themeDay.weekday' },
  { method: 'saveThemeDay', case: 'startHour 24', input: (f) => ({ themeDay: singleDay(f, { startHour: 24, endHour: 24 }) }), code: 'invalid_input', field: 'themeDay.startHour' },
  { method: 'saveThemeDay', case: 'a fractional startHour', input: (f) => ({ themeDay: singleDay(f, { startHour: 9.5 }) }), code: 'invalid_input', field: 'themeDay.startHour' },
  { method: 'saveThemeDay', case: 'endHour equal to startHour', input: (f) => ({ themeDay: singleDay(f, { startHour: 12, endHour: 12 }) }), code: 'invalid_input', field: 'themeDay.endHour' },
  { method: 'saveThemeDay', case: 'endHour before startHour', input: (f) => ({ themeDay: weeklyDay(f, { startHour: 16, endHour: 14 }) }), code: 'invalid_input', field: 'themeDay.endHour' },
  { method: 'saveThemeDay', case: 'a day that is not in the calendar', input: (f) => ({ themeDay: singleDay(f, { day: '2026-02-30' }) }), code: 'invalid_input', field: 'themeDay.day' },
  {
    method: 'saveThemeDay',
    case: 'validTo before validFrom',
    input: (f) => ({ themeDay: weeklyDay(f, { validFrom: '2026-03-01', validTo: '2026-02-28' }) }),
    code: 'invalid_input',
    field: 'themeDay.validTo',
  },
  { method: 'saveThemeDay', case: 'a malformed validFrom', input: (f) => ({ themeDay: weeklyDay(f, { validFrom: '2026-3-1' }) }), code: 'invalid_input', field: 'themeDay.validFrom' },
  { method: 'saveThemeDay', case: 'dryRun as a string', input: (f) => ({ themeDay: singleDay(f), dryRun: 'yes' }), code: 'invalid_input', field: 'dryRun' },
  {
    method: 'saveThemeDay',
    case: 'an extra field in the theme day',
    input: (f) => ({ themeDay: singleDay(f, { retired: false }) }),
    code: 'invalid_input',
    field: 'themeDay.retired',
  },

  // saveThemeDay: against the catalog
  {
    method: 'saveThemeDay',
    case: 'an unknown organisationId',
    input: (f) => ({ themeDay: singleDay(f, { organisationId: f.unknownId }) }),
    code: 'invalid_input',
    field: 'themeDay.organisationId',
  },
  {
    method: 'saveThemeDay',
    case: 'a retired organisationId',
    input: (f) => ({ themeDay: weeklyDay(f, { organisationId: f.retired.organisation }) }),
    code: 'invalid_input',
    field: 'themeDay.organisationId',
  },
  {
    method: 'saveThemeDay',
    case: 'a retired organisationId in a dry run',
    input: (f) => ({ themeDay: singleDay(f, { organisationId: f.retired.organisation }), dryRun: true }),
    code: 'invalid_input',
    field: 'themeDay.organisationId',
  },
  { method: 'saveThemeDay', case: 'an unknown id', input: (f) => ({ themeDay: singleDay(f, { id: f.unknownId }) }), code: 'not_found', field: 'themeDay.id' },
  {
    method: 'saveThemeDay',
    case: 'the id of a retired theme day',
    input: (f) => ({ themeDay: singleDay(f, { id: f.retiredThemeDay }) }),
    code: 'conflict',
    field: 'themeDay.id',
  },

  // retireThemeDay
  { method: 'retireThemeDay', case: 'missing id', input: () => ({}), code: 'invalid_input', field: 'id' },
  { method: 'retireThemeDay', case: 'id 0', input: () => ({ id: 0 }), code: 'invalid_input', field: 'id' },
  { method: 'retireThemeDay', case: 'an unknown id', input: (f) => ({ id: f.unknownId }), code: 'not_found', field: 'id' },
  { method: 'retireThemeDay', case: 'an unknown id in a dry run', input: (f) => ({ id: f.unknownId, dryRun: true }), code: 'not_found', field: 'id' },
  { method: 'retireThemeDay', case: 'a theme day already retired', input: (f) => ({ id: f.retiredThemeDay }), code: 'conflict', field: 'id' },
  { method: 'retireThemeDay', case: 'dryRun as a number', input: (f) => ({ id: f.retiredThemeDay, dryRun: 1 }), code: 'invalid_input', field: 'dryRun' },

  // updateSettings
  { method: 'updateSettings', case: 'nothing to change', input: () => ({}), code: 'invalid_input', field: '(input)' },
  // Over IPC the key survives with the value undefined; over HTTP it is dropped: refused alike.
  { method: 'updateSettings', case: 'a setting given as undefined', input: () => ({ openingDate: undefined }), code: 'invalid_input', field: '(input)' },
  { method: 'updateSettings', case: 'smallCellThreshold 0', input: () => ({ smallCellThreshold: 0 }), code: 'invalid_input', field: 'smallCellThreshold' },
  { method: 'updateSettings', case: 'smallCellThreshold 101', input: () => ({ smallCellThreshold: 101 }), code: 'invalid_input', field: 'smallCellThreshold' },
  { method: 'updateSettings', case: 'smallCellThreshold 2.5', input: () => ({ smallCellThreshold: 2.5 }), code: 'invalid_input', field: 'smallCellThreshold' },
  { method: 'updateSettings', case: 'smallCellThreshold as a string', input: () => ({ smallCellThreshold: '5' }), code: 'invalid_input', field: 'smallCellThreshold' },
  {
    method: 'updateSettings',
    case: 'an opening slot ending at its start',
    input: () => ({ openingHours: [slot(1, 9, 12), slot(2, 12, 12)] }),
    code: 'invalid_input',
    field: 'openingHours.1.endHour',
  },
  {
    method: 'updateSettings',
    case: 'an opening slot ending before its start',
    input: () => ({ openingHours: [slot(3, 14, 9)] }),
    code: 'invalid_input',
    field: 'openingHours.0.endHour',
  },
  { method: 'updateSettings', case: 'an opening slot on weekday 0', input: () => ({ openingHours: [slot(0, 9, 12)] }), code: 'invalid_input', field: 'openingHours.0.weekday' },
  {
    method: 'updateSettings',
    case: 'more than 28 opening slots',
    input: () => ({ openingHours: Array.from({ length: 29 }, (_, i) => slot((i % 7) + 1, 8 + Math.floor(i / 7) * 2, 9 + Math.floor(i / 7) * 2)) }),
    code: 'invalid_input',
    field: 'openingHours',
  },
  {
    method: 'updateSettings',
    case: 'an opening slot with an extra field',
    input: () => ({ openingHours: [{ ...slot(1, 9, 12), label: 'Vormittag' }] }),
    code: 'invalid_input',
    field: 'openingHours.0.label',
  },
  { method: 'updateSettings', case: 'a malformed openingDate', input: () => ({ openingDate: '1.6.2021' }), code: 'invalid_input', field: 'openingDate' },
  { method: 'updateSettings', case: 'an openingDate not in the calendar', input: () => ({ openingDate: '2021-02-29' }), code: 'invalid_input', field: 'openingDate' },
  { method: 'updateSettings', case: 'the time zone, which is not a setting to change', input: () => ({ timeZone: 'Europe/Berlin' }), code: 'invalid_input', field: 'timeZone' },
  {
    method: 'updateSettings',
    case: 'a valid setting next to an invalid one',
    input: () => ({ smallCellThreshold: 5, openingDate: '2021-06-31' }),
    code: 'invalid_input',
    field: 'openingDate',
  },
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

  const base: ParsedInput<'logContact'> = { topicIds: [topic!.id], referralIds: [], languageId: language!.id, channel: 'in_person', asker: 'citizen', count: 1 };
  const old = await core.handlers.logContact(base);
  const voided = await core.handlers.logContact({ ...base, channel: 'phone' });
  await core.handlers.voidContact({ contactId: voided.contact.id, reason: 'wrong_entry' });

  // Back-dated into REPORT_PERIOD (Vienna is UTC+1 in February), with one contact on each side of its edges.
  const backdated = async (occurredAt: string, overrides: Partial<ParsedInput<'logContact'>> = {}) =>
    (await core.handlers.logContact({ ...base, occurredAt, ...overrides })).contact.id;
  const contactIds = [
    await backdated('2026-01-31T22:30:00Z'), // 31 January 23:30 local: before the period
    await backdated('2026-01-31T23:30:00Z'), // 1 February 00:30 local
    await backdated('2026-02-03T09:15:00Z'), // Tuesday 10:15
    await backdated('2026-02-05T09:40:00Z', { channel: 'phone' }), // Thursday 10:40
    await backdated('2026-02-16T13:05:00Z', { referralIds: [catalog.organisations[0]!.id] }), // Monday 14:05
    await backdated('2026-02-27T08:00:00Z', { asker: 'organisation' }), // Friday 09:00
    await backdated('2026-02-28T23:30:00Z'), // 1 March 00:30 local: after the period
  ];
  const voidedInPeriod = await backdated('2026-02-10T09:00:00Z');
  await core.handlers.voidContact({ contactId: voidedInPeriod, reason: 'duplicate' });

  const pastThemeDay = await core.handlers.saveThemeDay({
    themeDay: { title: 'Adventberatung', organisationId: null, kind: 'single', day: '2025-12-16', startHour: 9, endHour: 12 },
    dryRun: false,
  });
  await core.handlers.retireThemeDay({ id: pastThemeDay.themeDay!.id, dryRun: false });

  core.clock.advance(UNDO_WINDOW_MS + 60_000);

  const allIds = [...catalog.topics, ...catalog.organisations, ...catalog.languages, ...catalog.desks, pastThemeDay.themeDay!].map((e) => e.id);
  return {
    now: core.clock.now,
    topic: topic!.id,
    secondTopic: secondTopic!.id,
    organisation: catalog.organisations[0]!.id,
    language: language!.id,
    otherLanguage: otherLanguage!.id,
    retired,
    unknownId: Math.max(...allIds) + 1000,
    missingContactId: Math.max(old.contact.id, voided.contact.id, voidedInPeriod, ...contactIds) + 1000,
    oldContact: old.contact.id,
    voidedContact: voided.contact.id,
    periodContacts: ['01.02.2026;00:30', '03.02.2026;10:15', '05.02.2026;10:40', '16.02.2026;14:05', '27.02.2026;09:00'],
    retiredThemeDay: pastThemeDay.themeDay!.id,
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
      async getReport() {
        const { from, to } = REPORT_PERIOD;
        expect(count(`select count(*) as n from contacts where voided_at is null and local_day between '${from}' and '${to}'`)).toBe(f.periodContacts.length);
        const { settings } = await client.getCatalog({});
        for (const publication of [undefined, false, true]) {
          const report = await client.getReport(publication === undefined ? period() : period({ publication }));
          expect(report.period).toEqual({ from, to, days: 28 });
          expect(report.total).toBe(f.periodContacts.length);
          expect(report.byChannel.total).toBe(f.periodContacts.length);
          expect(report.publication).toEqual({ enabled: publication === true, threshold: settings.smallCellThreshold });
        }
      },
      async exportReport() {
        for (const { format, extension, mimeType } of EXPORT_FORMATS) {
          const file = await client.exportReport({ period: REPORT_PERIOD, format });
          expect(file.fileName).toMatch(new RegExp(`^kontaktdesk-[a-z]+-2026-02[-_0-9]*\\.${extension}$`));
          expect(file.mimeType).toBe(mimeType);
          const bytes = Buffer.from(file.base64, 'base64');
          expect(bytes.length).toBeGreaterThan(0);
          // A zip (XLSX) or UTF-8 text starting with a byte-order mark (CSV for German Excel).
          expect([...bytes.subarray(0, extension === 'xlsx' ? 4 : 3)]).toEqual(extension === 'xlsx' ? [0x50, 0x4b, 0x03, 0x04] : [0xef, 0xbb, 0xbf]);
        }

        const raw = await client.exportReport({ period: REPORT_PERIOD, format: 'raw-csv' });
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(raw.base64, 'base64'));
        expect(text.startsWith('\uFEFF')).toBe(true);
        const lines = text.slice(1).split('\r\n');
        expect(lines.pop()).toBe('');
        const [header, ...rows] = lines;
        expect(header!.split(';').slice(0, 3)).toEqual(['Datum', 'Uhrzeit', 'Wochentag']);
        expect(rows.map((row) => row.split(';').slice(0, 2).join(';'))).toEqual(f.periodContacts);
        expect(raw.rows).toBe(f.periodContacts.length);
      },
      async saveThemeDay() {
        // Covers the contact of Tuesday 3 February, 10:15.
        const themeDay: MethodInput<'saveThemeDay'>['themeDay'] = {
          title: 'Schuldnerberatung',
          organisationId: f.organisation,
          kind: 'single',
          day: '2026-02-03',
          startHour: 10,
          endHour: 12,
        };
        const before = snapshot();
        const dry = await client.saveThemeDay({ themeDay, dryRun: true });
        expect(dry).toMatchObject({ dryRun: true, reattributed: 1, themeDay: { title: themeDay.title } });
        expect(snapshot()).toEqual(before);

        const saved = await client.saveThemeDay({ themeDay });
        expect(saved).toMatchObject({ dryRun: false, reattributed: 1, themeDay: { ...themeDay, weekday: null, retired: false } });
        const id = saved.themeDay!.id;
        expect((await client.getCatalog({})).themeDays).toContainEqual(saved.themeDay);
        expect(count(`select count(*) as n from contacts where theme_day_id = ${id}`)).toBe(1);
        expect(count(`select count(*) as n from audit_log where entity = 'theme_day' and action = 'create' and entity_id = ${id}`)).toBe(1);
      },
      async retireThemeDay() {
        // Every Thursday of February, 10 to 12: covers the contact of Thursday 5 February, 10:40.
        const { themeDay } = await client.saveThemeDay({
          themeDay: { title: 'Mietrechtsberatung', organisationId: null, kind: 'weekly', weekday: 4, startHour: 10, endHour: 12, validFrom: '2026-02-01', validTo: '2026-02-28' },
        });
        const id = themeDay!.id;
        expect(count(`select count(*) as n from contacts where theme_day_id = ${id}`)).toBe(1);

        const before = snapshot();
        expect(await client.retireThemeDay({ id, dryRun: true })).toMatchObject({ dryRun: true, reattributed: 1, themeDay: { id, retired: true } });
        expect(snapshot()).toEqual(before);

        expect(await client.retireThemeDay({ id })).toMatchObject({ dryRun: false, reattributed: 1, themeDay: { id, retired: true } });
        expect((await client.getCatalog({})).themeDays.find((t) => t.id === id)?.retired).toBe(true);
        expect(count(`select count(*) as n from contacts where theme_day_id = ${id}`)).toBe(0);
      },
      async updateSettings() {
        const current = (await client.getCatalog({})).settings;
        const auditRows = () =>
          core.database.sqlite.prepare("select field, old_value, new_value from audit_log where entity = 'settings' order by id").all();
        const audited = auditRows().length;
        const openingHours = [slot(1, 8, 12), slot(3, 13, 18), slot(5, 9, 11)];
        const smallCellThreshold = current.smallCellThreshold + 2;

        // openingDate is given unchanged: not audited.
        const settings = await client.updateSettings({ openingDate: current.openingDate, openingHours, smallCellThreshold });
        expect(settings).toEqual({ ...current, openingHours, smallCellThreshold });
        expect((await client.getCatalog({})).settings).toEqual(settings);
        expect(auditRows().slice(audited)).toEqual([
          { field: 'openingHours', old_value: JSON.stringify(current.openingHours), new_value: JSON.stringify(openingHours) },
          { field: 'smallCellThreshold', old_value: String(current.smallCellThreshold), new_value: String(smallCellThreshold) },
        ]);

        // A key without a value (IPC keeps it, HTTP drops it) changes nothing.
        const restored = await client.updateSettings({ smallCellThreshold: current.smallCellThreshold, openingDate: undefined });
        expect(restored).toEqual({ ...current, openingHours });
        expect(auditRows()).toHaveLength(audited + 3);
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
