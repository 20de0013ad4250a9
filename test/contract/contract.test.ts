import { listMailDeliveriesSchema, saveMailServerSchema } from '../../core/mail/mail-inputs';
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import { contract, type Client, type MethodInput, type ParsedInput } from '../../core/api/contract';
import type { ApiErrorCode } from '../../core/base/errors';
import { FUTURE_TOLERANCE_MS, IMPORT_MAX_FILE_BYTES, MAX_PAYLOAD_BYTES, UNDO_WINDOW_MS } from '../../core/base/limits';
import { methodNames, type MethodName } from '../../core/base/method-names';
import { utcRangeOfDay } from '../../core/audit/list-audit';
import { snapshotDatabase } from '../support/db-snapshot';
import { queryRow, queryRows, queryValue } from '../support/sql-rows';
import { onPostgres } from '../support/test-database';
import { refusal } from '../support/refusal';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { openTempCore, type TempCore } from '../support/temp-core';
import { freePort } from '../support/free-port';
import { TRANSPORTS, type OpenTransport, type TransportUnderTest } from './transports';

/** Catalog ids and contacts every row can refer to; built once per transport on a fresh database. */
interface Fixture {
  now: number;
  topic: number;
  secondTopic: number;
  organisation: number;
  language: number;
  otherLanguage: number;
  /** The only desk of the catalog. */
  desk: number;
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
const weeklyDay = (_f: Fixture, overrides: Record<string, unknown> = {}) => ({
  title: 'Mietrechtsberatung',
  organisationId: null,
  kind: 'weekly',
  weekday: 2,
  startHour: 14,
  endHour: 16,
  ...overrides,
});

const slot = (weekday: number, startHour: number, endHour: number) => ({ weekday, startHour, endHour });

/** A new topic for the catalog editor; its hotkey and labels are free in the seeded catalog. */
const catalogTopic = (overrides: Record<string, unknown> = {}) => ({
  kind: 'topic',
  labelDe: 'Schulden',
  labelEn: 'Debt',
  color: '#336699',
  hotkey: 'x',
  sdgs: [1],
  ...overrides,
});

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

/** A mail server as management saves it (nothing listens there: the contract tests send nothing). */
const MAIL_SERVER = {
  host: 'mail.leibnitz.at',
  port: 587,
  security: 'starttls',
  user: 'berichte@leibnitz.at',
  password: 'Mail-Passwort-2026',
  from: 'berichte@leibnitz.at',
} as const;

const EXTRA_FIELD: Record<MethodName, (f: Fixture) => Record<string, unknown>> = {
  getCatalog: () => ({ locale: 'de' }),
  logContact: (f) => tap(f, { visitorName: 'Maria' }),
  amendContact: (f) => ({ contactId: f.oldContact, languageId: f.otherLanguage, occurredAt: iso(f.now) }),
  undoContact: (f) => ({ contactId: f.oldContact, force: true }),
  voidContact: (f) => ({ contactId: f.oldContact, reason: 'duplicate', note: 'free text' }),
  listDay: () => ({ day: '2026-03-10', deskId: 1 }),
  getManagementStatus: () => ({ verbose: true }),
  setManagementPin: () => ({ pin: '24680', hint: 'birthday' }),
  unlockManagement: () => ({ pin: TEST_PIN, rememberMe: true }),
  lockManagement: () => ({ everywhere: true }),
  getReport: () => period({ format: 'report-csv' }),
  exportReport: () => ({ period: period(), format: 'raw-csv', fileName: 'kontakte.csv' }),
  getPivot: () => ({ ...REPORT_PERIOD, rows: 'topic', columns: 'language', chart: 'bar' }),
  exportPivot: () => ({ pivot: { ...REPORT_PERIOD, rows: 'topic', columns: 'language' }, format: 'pivot-csv', fileName: 'pivot.csv' }),
  saveThemeDay: (f) => ({ themeDay: singleDay(f), dryRun: true, force: true }),
  retireThemeDay: (f) => ({ id: f.retiredThemeDay, reason: 'ended' }),
  listClosures: () => ({ year: 2026, country: 'AT' }),
  saveClosure: () => ({ from: '2026-01-12', to: '2026-01-12', note: 'Betriebsausflug', allDay: true }),
  deleteClosure: () => ({ id: 1, force: true }),
  listSavedViews: () => ({ orderBy: 'name' }),
  saveSavedView: () => ({ name: 'Monatsbericht', period: { kind: 'lastMonth' }, sections: ['topics'], shared: true }),
  deleteSavedView: () => ({ id: 1, force: true }),
  saveCatalogEntry: () => ({ kind: 'organisation', name: 'Mieterhilfe', website: 'https://example.org' }),
  setCatalogEntryRetired: (f) => ({ kind: 'topic', id: f.secondTopic, retired: true, reason: 'unused' }),
  reorderCatalog: (f) => ({ kind: 'topic', ids: [f.topic], position: 1 }),
  mergeCatalogEntries: (f) => ({ kind: 'topic', sourceId: f.secondTopic, targetId: f.topic, dryRun: true, keepSource: true }),
  updateSettings: () => ({ smallCellThreshold: 5, currency: 'EUR' }),
  listAudit: () => ({ entity: 'contact', field: 'topicIds' }),
  listContacts: () => ({ ...REPORT_PERIOD, orderBy: 'id' }),
  previewImport: () => ({ ...importFile(), encoding: 'latin1' }),
  commitImport: () => ({ ...importFile(), overwrite: true }),
  listBackups: () => ({ folder: '/tmp' }),
  backupNow: () => ({ folder: tmpdir(), verify: false }),
  restoreBackup: () => ({ file: 'kontaktdesk-2026-03-10T093000Z-manual.sqlite', path: '/tmp' }),
  deleteBackup: () => ({ file: 'kontaktdesk-2026-03-10T093000Z-manual.sqlite', force: true }),
  getStartupState: () => ({ verbose: true }),
  recoverFromBackup: () => ({ file: 'kontaktdesk-2026-03-10T093000Z-manual.sqlite' }),
  getSharing: () => ({ refresh: true }),
  setSharing: () => ({ enabled: true, port: 80 }),
  createPairingCode: (f) => ({ deskId: f.desk, validMinutes: 60 }),
  listDevices: () => ({ includeTokens: true }),
  revokeDevice: () => ({ id: 1, wipe: true }),
  pairDevice: () => ({ code: '123456', name: 'Tablet', deskId: 1 }),
  getThisDevice: () => ({ token: 'x' }),
  listMailSchedules: () => ({ all: true }),
  saveMailSchedule: () => ({ name: 'Monatsbericht', recipients: ['gemeinderat@leibnitz.at'], rule: 'lastMonth', cc: ['a@b.at'] }),
  deleteMailSchedule: () => ({ id: 1, force: true }),
  listMailDeliveries: () => ({ limit: 10, state: 'failed' }),
  sendMailScheduleNow: () => ({ id: 1, period: 'lastMonth' }),
  getMailServer: () => ({ withPassword: true }),
  saveMailServer: () => ({ ...MAIL_SERVER, tls: true }),
  sendTestMail: () => ({ to: 'sozialamt@leibnitz.at', cc: 'it@leibnitz.at' }),
};
const EXTRA_FIELD_NAME: Record<MethodName, string> = {
  getCatalog: 'locale',
  logContact: 'visitorName',
  amendContact: 'occurredAt',
  undoContact: 'force',
  voidContact: 'note',
  listDay: 'deskId',
  getManagementStatus: 'verbose',
  setManagementPin: 'hint',
  unlockManagement: 'rememberMe',
  lockManagement: 'everywhere',
  getReport: 'format',
  exportReport: 'fileName',
  getPivot: 'chart',
  exportPivot: 'fileName',
  saveThemeDay: 'force',
  retireThemeDay: 'reason',
  listClosures: 'country',
  saveClosure: 'allDay',
  deleteClosure: 'force',
  listSavedViews: 'orderBy',
  saveSavedView: 'shared',
  deleteSavedView: 'force',
  saveCatalogEntry: 'website',
  setCatalogEntryRetired: 'reason',
  reorderCatalog: 'position',
  mergeCatalogEntries: 'keepSource',
  updateSettings: 'currency',
  listAudit: 'field',
  listContacts: 'orderBy',
  previewImport: 'encoding',
  commitImport: 'overwrite',
  listBackups: 'folder',
  backupNow: 'verify',
  restoreBackup: 'path',
  deleteBackup: 'force',
  getStartupState: 'verbose',
  recoverFromBackup: 'file',
  getSharing: 'refresh',
  setSharing: 'port',
  createPairingCode: 'validMinutes',
  listDevices: 'includeTokens',
  revokeDevice: 'wipe',
  pairDevice: 'deskId',
  getThisDevice: 'token',
  listMailSchedules: 'all',
  saveMailSchedule: 'cc',
  deleteMailSchedule: 'force',
  listMailDeliveries: 'state',
  sendMailScheduleNow: 'period',
  getMailServer: 'withPassword',
  saveMailServer: 'tls',
  sendTestMail: 'cc',
};

/** The import methods, whose requests may carry a whole file. */
const IMPORT_METHODS: MethodName[] = ['previewImport', 'commitImport'];
const FIFTY_MB = Buffer.alloc(50 * 1024 * 1024, 'a');

/** A small monthly-counts file as previewImport and commitImport take it. */
const importFile = (mapping: unknown[] = [], rows: string[][] = [['2021-01', 'Arbeit', '3']]) => ({
  ...importInput('monatswerte.csv', csvBytes([MONTHLY_HEADER, ...rows])),
  mapping,
});

/** The PIN the valid calls set on first use. */
const TEST_PIN = '135790';

const BAD_INPUTS: Row[] = [
  ...methodNames.flatMap((method): Row[] => [
    ...NOT_OBJECTS.map(([label, value]): Row => ({ method, case: label, input: () => value, code: 'invalid_input', field: '(input)' })),
    { method, case: 'an extra field', input: EXTRA_FIELD[method], code: 'invalid_input', field: EXTRA_FIELD_NAME[method] },
  ]),

  // management PIN: shape, and the checks once a PIN is set (the valid calls set TEST_PIN first)
  { method: 'unlockManagement', case: 'a PIN of 3 digits', input: () => ({ pin: '123' }), code: 'invalid_input', field: 'pin' },
  { method: 'unlockManagement', case: 'a PIN with letters', input: () => ({ pin: '12ab' }), code: 'invalid_input', field: 'pin' },
  { method: 'unlockManagement', case: 'a PIN as a number', input: () => ({ pin: 1357 }), code: 'invalid_input', field: 'pin' },
  { method: 'unlockManagement', case: 'a PIN of 13 digits', input: () => ({ pin: '1234567890123' }), code: 'invalid_input', field: 'pin' },
  { method: 'unlockManagement', case: 'a wrong PIN', input: () => ({ pin: '000000' }), code: 'forbidden', field: 'pin' },
  { method: 'setManagementPin', case: 'a missing PIN', input: () => ({}), code: 'invalid_input', field: 'pin' },
  { method: 'setManagementPin', case: 'a change without the current PIN', input: () => ({ pin: '24680' }), code: 'invalid_input', field: 'currentPin' },
  {
    method: 'setManagementPin',
    case: 'a change with a wrong current PIN',
    input: () => ({ pin: '24680', currentPin: '000000' }),
    code: 'forbidden',
    field: 'currentPin',
  },
  { method: 'setManagementPin', case: 'a new PIN with a space', input: () => ({ pin: '2468 0', currentPin: TEST_PIN }), code: 'invalid_input', field: 'pin' },

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
  {
    method: 'logContact',
    case: 'a batch of 0',
    input: (f) => tap(f, { count: 0, requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }),
    code: 'invalid_input',
    field: 'count',
  },
  {
    method: 'logContact',
    case: 'a batch of 51',
    input: (f) => tap(f, { count: 51, requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }),
    code: 'invalid_input',
    field: 'count',
  },
  {
    method: 'logContact',
    case: 'a fractional batch',
    input: (f) => tap(f, { count: 2.5, requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }),
    code: 'invalid_input',
    field: 'count',
  },
  {
    method: 'logContact',
    case: 'a batch size as a string',
    input: (f) => tap(f, { count: '5', requestId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' }),
    code: 'invalid_input',
    field: 'count',
  },
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
  {
    method: 'voidContact',
    case: 'a fractional contactId',
    input: (f) => ({ contactId: f.oldContact + 0.5, reason: 'test' }),
    code: 'invalid_input',
    field: 'contactId',
  },
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
  {
    method: 'getReport',
    case: 'a period longer than 50 years',
    input: () => period({ from: '2000-01-01', to: '2050-02-01' }),
    code: 'invalid_input',
    field: 'to',
  },
  {
    method: 'getReport',
    case: 'a period before the year 2000',
    input: () => period({ from: '1999-12-01', to: '1999-12-31' }),
    code: 'invalid_input',
    field: 'from',
  },
  { method: 'getReport', case: 'the year 0', input: () => period({ from: '0000-01-01', to: '0000-01-31' }), code: 'invalid_input', field: 'from' },
  { method: 'getReport', case: 'publication as a string', input: () => period({ publication: 'true' }), code: 'invalid_input', field: 'publication' },
  { method: 'getReport', case: 'publication as 1', input: () => period({ publication: 1 }), code: 'invalid_input', field: 'publication' },

  // exportReport
  { method: 'exportReport', case: 'an unknown format', input: () => ({ period: period(), format: 'pdf' }), code: 'invalid_input', field: 'format' },
  { method: 'exportReport', case: 'missing format', input: () => ({ period: period() }), code: 'invalid_input', field: 'format' },
  {
    method: 'exportReport',
    case: 'raw data in publication mode',
    input: () => ({ period: period({ publication: true }), format: 'raw-xlsx' }),
    code: 'invalid_input',
    field: 'format',
  },
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
  {
    method: 'saveThemeDay',
    case: 'a blank title',
    input: (f) => ({ themeDay: singleDay(f, { title: ' \t ' }) }),
    code: 'invalid_input',
    field: 'themeDay.title',
  },
  {
    method: 'saveThemeDay',
    case: 'a title of 81 characters',
    input: (f) => ({ themeDay: singleDay(f, { title: 'x'.repeat(81) }) }),
    code: 'invalid_input',
    field: 'themeDay.title',
  },
  {
    method: 'saveThemeDay',
    case: "kind 'monthly'",
    input: (f) => ({ themeDay: singleDay(f, { kind: 'monthly' }) }),
    code: 'invalid_input',
    field: 'themeDay.kind',
  },
  {
    method: 'saveThemeDay',
    case: 'a single theme day without day',
    input: (f) => ({ themeDay: without(singleDay(f), 'day') }),
    code: 'invalid_input',
    field: 'themeDay.kind',
  },
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
  {
    method: 'saveThemeDay',
    case: 'startHour 24',
    input: (f) => ({ themeDay: singleDay(f, { startHour: 24, endHour: 24 }) }),
    code: 'invalid_input',
    field: 'themeDay.startHour',
  },
  {
    method: 'saveThemeDay',
    case: 'a fractional startHour',
    input: (f) => ({ themeDay: singleDay(f, { startHour: 9.5 }) }),
    code: 'invalid_input',
    field: 'themeDay.startHour',
  },
  {
    method: 'saveThemeDay',
    case: 'endHour equal to startHour',
    input: (f) => ({ themeDay: singleDay(f, { startHour: 12, endHour: 12 }) }),
    code: 'invalid_input',
    field: 'themeDay.endHour',
  },
  {
    method: 'saveThemeDay',
    case: 'endHour before startHour',
    input: (f) => ({ themeDay: weeklyDay(f, { startHour: 16, endHour: 14 }) }),
    code: 'invalid_input',
    field: 'themeDay.endHour',
  },
  {
    method: 'saveThemeDay',
    case: 'a day that is not in the calendar',
    input: (f) => ({ themeDay: singleDay(f, { day: '2026-02-30' }) }),
    code: 'invalid_input',
    field: 'themeDay.day',
  },
  {
    method: 'saveThemeDay',
    case: 'validTo before validFrom',
    input: (f) => ({ themeDay: weeklyDay(f, { validFrom: '2026-03-01', validTo: '2026-02-28' }) }),
    code: 'invalid_input',
    field: 'themeDay.validTo',
  },
  {
    method: 'saveThemeDay',
    case: 'a malformed validFrom',
    input: (f) => ({ themeDay: weeklyDay(f, { validFrom: '2026-3-1' }) }),
    code: 'invalid_input',
    field: 'themeDay.validFrom',
  },
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

  // closures
  { method: 'listClosures', case: 'year 2100', input: () => ({ year: 2100 }), code: 'invalid_input', field: 'year' },
  { method: 'listClosures', case: 'the year as text', input: () => ({ year: '2026' }), code: 'invalid_input', field: 'year' },
  { method: 'saveClosure', case: 'missing note', input: () => ({ from: '2026-01-12', to: '2026-01-12' }), code: 'invalid_input', field: 'note' },
  {
    method: 'saveClosure',
    case: 'a range that ends before it begins',
    input: () => ({ from: '2026-01-13', to: '2026-01-12', note: 'Pause' }),
    code: 'invalid_input',
    field: 'to',
  },
  {
    method: 'saveClosure',
    case: 'a range of two years',
    input: () => ({ from: '2026-01-01', to: '2027-12-31', note: 'Umbau' }),
    code: 'invalid_input',
    field: 'to',
  },
  { method: 'saveClosure', case: 'a blank note', input: () => ({ from: '2026-01-12', to: '2026-01-12', note: '  ' }), code: 'invalid_input', field: 'note' },
  {
    method: 'saveClosure',
    case: 'a day as a timestamp',
    input: () => ({ from: '2026-01-12T00:00:00Z', to: '2026-01-12', note: 'Pause' }),
    code: 'invalid_input',
    field: 'from',
  },
  {
    method: 'saveClosure',
    case: 'an unknown id',
    input: (f) => ({ id: f.unknownId, from: '2026-01-12', to: '2026-01-12', note: 'Pause' }),
    code: 'not_found',
    field: 'id',
  },
  { method: 'deleteClosure', case: 'missing id', input: () => ({}), code: 'invalid_input', field: 'id' },
  { method: 'deleteClosure', case: 'an unknown id', input: (f) => ({ id: f.unknownId }), code: 'not_found', field: 'id' },

  // saved views
  {
    method: 'saveSavedView',
    case: 'missing name',
    input: () => ({ period: { kind: 'lastMonth' }, sections: ['topics'] }),
    code: 'invalid_input',
    field: 'name',
  },
  {
    method: 'saveSavedView',
    case: 'a name with a line break',
    input: () => ({ name: 'Monats\nbericht', period: { kind: 'lastMonth' }, sections: ['topics'] }),
    code: 'invalid_input',
    field: 'name',
  },
  {
    method: 'saveSavedView',
    case: 'an unknown period rule',
    input: () => ({ name: 'Bericht', period: { kind: 'nextWeek' }, sections: ['topics'] }),
    code: 'invalid_input',
    field: 'period.kind',
  },
  {
    method: 'saveSavedView',
    case: 'a fixed period ending before it starts',
    input: () => ({ name: 'Bericht', period: { kind: 'fixed', from: '2026-02-01', to: '2026-01-01' }, sections: ['topics'] }),
    code: 'invalid_input',
    field: 'period.to',
  },
  {
    method: 'saveSavedView',
    case: 'no sections',
    input: () => ({ name: 'Bericht', period: { kind: 'lastMonth' }, sections: [] }),
    code: 'invalid_input',
    field: 'sections',
  },
  {
    method: 'saveSavedView',
    case: 'an unknown topic in a filter',
    input: (f) => ({ name: 'Bericht', period: { kind: 'lastMonth' }, filters: [{ dimension: 'topic', values: [f.topic, f.unknownId] }], sections: ['topics'] }),
    code: 'invalid_input',
    field: 'filters.0.values.1',
  },
  {
    method: 'saveSavedView',
    case: 'filters with small-cell suppression',
    input: (f) => ({
      name: 'Bericht',
      period: { kind: 'lastMonth' },
      filters: [{ dimension: 'topic', values: [f.topic] }],
      sections: ['topics'],
      publication: true,
      publicationMethod: 'suppression',
    }),
    code: 'invalid_input',
    field: 'filters',
  },
  {
    method: 'saveSavedView',
    case: 'an unknown id',
    input: (f) => ({ id: f.unknownId, name: 'Bericht', period: { kind: 'lastMonth' }, sections: ['topics'] }),
    code: 'not_found',
    field: 'id',
  },
  { method: 'deleteSavedView', case: 'an unknown id', input: (f) => ({ id: f.unknownId }), code: 'not_found', field: 'id' },

  // saveCatalogEntry: shape
  { method: 'saveCatalogEntry', case: 'missing kind', input: () => ({ name: 'Mieterhilfe' }), code: 'invalid_input', field: 'kind' },
  { method: 'saveCatalogEntry', case: 'an unknown kind', input: () => ({ kind: 'theme_day', name: 'Mieterhilfe' }), code: 'invalid_input', field: 'kind' },
  { method: 'saveCatalogEntry', case: 'an empty topic label', input: () => catalogTopic({ labelDe: '' }), code: 'invalid_input', field: 'labelDe' },
  { method: 'saveCatalogEntry', case: 'a blank topic label', input: () => catalogTopic({ labelEn: ' \t ' }), code: 'invalid_input', field: 'labelEn' },
  {
    method: 'saveCatalogEntry',
    case: 'a label of 61 characters',
    input: () => catalogTopic({ labelDe: 'x'.repeat(61) }),
    code: 'invalid_input',
    field: 'labelDe',
  },
  { method: 'saveCatalogEntry', case: 'a colour name', input: () => catalogTopic({ color: 'red' }), code: 'invalid_input', field: 'color' },
  { method: 'saveCatalogEntry', case: 'a colour without #', input: () => catalogTopic({ color: '336699' }), code: 'invalid_input', field: 'color' },
  { method: 'saveCatalogEntry', case: 'a hotkey of two characters', input: () => catalogTopic({ hotkey: 'F1' }), code: 'invalid_input', field: 'hotkey' },
  { method: 'saveCatalogEntry', case: 'a hotkey as a number', input: () => catalogTopic({ hotkey: 7 }), code: 'invalid_input', field: 'hotkey' },
  { method: 'saveCatalogEntry', case: 'SDG 18', input: () => catalogTopic({ sdgs: [18] }), code: 'invalid_input', field: 'sdgs.0' },
  { method: 'saveCatalogEntry', case: 'SDG 0', input: () => catalogTopic({ sdgs: [1, 0] }), code: 'invalid_input', field: 'sdgs.1' },
  { method: 'saveCatalogEntry', case: 'an SDG twice', input: () => catalogTopic({ sdgs: [5, 5] }), code: 'invalid_input', field: 'sdgs' },
  { method: 'saveCatalogEntry', case: 'SDGs as a string', input: () => catalogTopic({ sdgs: '1,3' }), code: 'invalid_input', field: 'sdgs' },
  {
    method: 'saveCatalogEntry',
    case: 'a language code in capitals',
    input: () => ({ kind: 'language', code: 'SQ', labelDe: 'Albanisch', labelEn: 'Albanian' }),
    code: 'invalid_input',
    field: 'code',
  },
  {
    method: 'saveCatalogEntry',
    case: 'a language code of four letters',
    input: () => ({ kind: 'language', code: 'alba', labelDe: 'Albanisch', labelEn: 'Albanian' }),
    code: 'invalid_input',
    field: 'code',
  },
  {
    method: 'saveCatalogEntry',
    case: 'an organisation with a topic field',
    input: () => ({ kind: 'organisation', name: 'Mieterhilfe', color: '#336699' }),
    code: 'invalid_input',
    field: 'color',
  },
  { method: 'saveCatalogEntry', case: 'id 0', input: () => ({ kind: 'desk', id: 0, name: 'Telefon' }), code: 'invalid_input', field: 'id' },

  // saveCatalogEntry: against the catalog
  { method: 'saveCatalogEntry', case: 'the hotkey of an active topic', input: () => catalogTopic({ hotkey: '1' }), code: 'invalid_input', field: 'hotkey' },
  {
    method: 'saveCatalogEntry',
    case: 'the label of an active topic in other case',
    input: () => catalogTopic({ labelDe: 'ARBEIT' }),
    code: 'invalid_input',
    field: 'labelDe',
  },
  { method: 'saveCatalogEntry', case: 'the name of the desk', input: () => ({ kind: 'desk', name: 'sozial-info' }), code: 'invalid_input', field: 'name' },
  {
    method: 'saveCatalogEntry',
    case: 'the code of an active language',
    input: () => ({ kind: 'language', code: 'de', labelDe: 'Hochdeutsch', labelEn: 'Standard German' }),
    code: 'invalid_input',
    field: 'code',
  },
  {
    method: 'saveCatalogEntry',
    case: 'an unknown id',
    input: (f) => ({ kind: 'organisation', id: f.unknownId, name: 'Mieterhilfe' }),
    code: 'not_found',
    field: 'id',
  },
  {
    method: 'saveCatalogEntry',
    case: 'a hotkey for a retired topic',
    input: (f) => catalogTopic({ id: f.retired.topic, hotkey: 'q' }),
    code: 'invalid_input',
    field: 'hotkey',
  },

  // setCatalogEntryRetired
  { method: 'setCatalogEntryRetired', case: 'missing retired', input: (f) => ({ kind: 'topic', id: f.topic }), code: 'invalid_input', field: 'retired' },
  {
    method: 'setCatalogEntryRetired',
    case: 'retired as a string',
    input: (f) => ({ kind: 'topic', id: f.topic, retired: 'yes' }),
    code: 'invalid_input',
    field: 'retired',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'an unknown kind',
    input: (f) => ({ kind: 'theme_day', id: f.retiredThemeDay, retired: false }),
    code: 'invalid_input',
    field: 'kind',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'an unknown id',
    input: (f) => ({ kind: 'language', id: f.unknownId, retired: true }),
    code: 'not_found',
    field: 'id',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'retiring a retired topic',
    input: (f) => ({ kind: 'topic', id: f.retired.topic, retired: true }),
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'reactivating an active language',
    input: (f) => ({ kind: 'language', id: f.language, retired: false }),
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'retiring the only desk',
    input: (f) => ({ kind: 'desk', id: f.desk, retired: true }),
    code: 'conflict',
    field: 'id',
  },

  // reorderCatalog
  { method: 'reorderCatalog', case: 'an empty list', input: () => ({ kind: 'topic', ids: [] }), code: 'invalid_input', field: 'ids' },
  {
    method: 'reorderCatalog',
    case: 'an id twice',
    input: (f) => ({ kind: 'topic', ids: [f.topic, f.secondTopic, f.topic] }),
    code: 'invalid_input',
    field: 'ids',
  },
  {
    method: 'reorderCatalog',
    case: 'a list missing entries',
    input: (f) => ({ kind: 'topic', ids: [f.secondTopic, f.topic] }),
    code: 'invalid_input',
    field: 'ids',
  },
  { method: 'reorderCatalog', case: 'an unknown id', input: (f) => ({ kind: 'desk', ids: [f.desk, f.unknownId] }), code: 'invalid_input', field: 'ids.1' },
  { method: 'reorderCatalog', case: 'ids as strings', input: (f) => ({ kind: 'desk', ids: [String(f.desk)] }), code: 'invalid_input', field: 'ids.0' },
  { method: 'reorderCatalog', case: 'missing kind', input: (f) => ({ ids: [f.desk] }), code: 'invalid_input', field: 'kind' },

  // mergeCatalogEntries
  {
    method: 'mergeCatalogEntries',
    case: 'an entry into itself',
    input: (f) => ({ kind: 'topic', sourceId: f.topic, targetId: f.topic }),
    code: 'invalid_input',
    field: 'targetId',
  },
  { method: 'mergeCatalogEntries', case: 'missing targetId', input: (f) => ({ kind: 'topic', sourceId: f.topic }), code: 'invalid_input', field: 'targetId' },
  {
    method: 'mergeCatalogEntries',
    case: 'dryRun as a string',
    input: (f) => ({ kind: 'topic', sourceId: f.secondTopic, targetId: f.topic, dryRun: 'yes' }),
    code: 'invalid_input',
    field: 'dryRun',
  },
  {
    method: 'mergeCatalogEntries',
    case: 'an unknown source',
    input: (f) => ({ kind: 'organisation', sourceId: f.unknownId, targetId: f.organisation }),
    code: 'not_found',
    field: 'sourceId',
  },
  {
    method: 'mergeCatalogEntries',
    case: 'an unknown target',
    input: (f) => ({ kind: 'language', sourceId: f.otherLanguage, targetId: f.unknownId }),
    code: 'not_found',
    field: 'targetId',
  },
  {
    method: 'mergeCatalogEntries',
    case: 'a retired target',
    input: (f) => ({ kind: 'topic', sourceId: f.secondTopic, targetId: f.retired.topic }),
    code: 'conflict',
    field: 'targetId',
  },
  {
    method: 'mergeCatalogEntries',
    case: 'a retired target in a dry run',
    input: (f) => ({ kind: 'language', sourceId: f.otherLanguage, targetId: f.retired.language, dryRun: true }),
    code: 'conflict',
    field: 'targetId',
  },

  // backups
  { method: 'backupNow', case: 'a relative folder', input: () => ({ folder: 'backups' }), code: 'invalid_input', field: 'folder' },
  { method: 'backupNow', case: 'a folder climbing out of a relative path', input: () => ({ folder: '../../etc' }), code: 'invalid_input', field: 'folder' },
  {
    method: 'backupNow',
    case: 'a folder that does not exist',
    input: () => ({ folder: join(tmpdir(), 'kontaktdesk-no-such-stick') }),
    code: 'invalid_input',
    field: 'folder',
  },
  { method: 'backupNow', case: 'a file instead of a folder', input: () => ({ folder: process.execPath }), code: 'invalid_input', field: 'folder' },
  { method: 'backupNow', case: 'an empty folder', input: () => ({ folder: '' }), code: 'invalid_input', field: 'folder' },
  { method: 'backupNow', case: 'a folder as a number', input: () => ({ folder: 42 }), code: 'invalid_input', field: 'folder' },
  { method: 'restoreBackup', case: 'no file', input: () => ({}), code: 'invalid_input', field: 'file' },
  { method: 'restoreBackup', case: 'a path instead of a backup name', input: () => ({ file: '/etc/passwd' }), code: 'invalid_input', field: 'file' },
  {
    method: 'restoreBackup',
    case: 'the live database climbing out of the folder',
    input: () => ({ file: '../kontaktdesk.sqlite' }),
    code: 'invalid_input',
    field: 'file',
  },
  {
    method: 'restoreBackup',
    case: 'a backup name with a folder',
    input: () => ({ file: 'x/kontaktdesk-2026-03-10T093000Z-manual.sqlite' }),
    code: 'invalid_input',
    field: 'file',
  },
  {
    method: 'restoreBackup',
    case: 'a backup that is not in the folder',
    input: () => ({ file: 'kontaktdesk-2020-01-01T000000Z-daily.sqlite' }),
    code: 'not_found',
    field: 'file',
  },
  {
    method: 'restoreBackup',
    case: 'a backup of another database',
    input: () => ({ file: 'kontaktdesk-demo-2020-01-01T000000Z-daily.sqlite' }),
    code: 'not_found',
    field: 'file',
  },
  {
    method: 'restoreBackup',
    case: 'dryRun as a string',
    input: () => ({ file: 'kontaktdesk-2020-01-01T000000Z-daily.sqlite', dryRun: 'yes' }),
    code: 'invalid_input',
    field: 'dryRun',
  },
  { method: 'deleteBackup', case: 'no file', input: () => ({}), code: 'invalid_input', field: 'file' },
  {
    method: 'deleteBackup',
    case: 'the live database climbing out of the folder',
    input: () => ({ file: '../kontaktdesk.sqlite' }),
    code: 'invalid_input',
    field: 'file',
  },
  { method: 'deleteBackup', case: 'a path instead of a backup name', input: () => ({ file: '/etc/passwd' }), code: 'invalid_input', field: 'file' },
  {
    method: 'deleteBackup',
    case: 'a leftover of a backup written when killed',
    input: () => ({ file: 'kontaktdesk-2026-03-10T093000Z-manual.sqlite.partial' }),
    code: 'invalid_input',
    field: 'file',
  },
  {
    method: 'deleteBackup',
    case: 'a backup that is not in the folder',
    input: () => ({ file: 'kontaktdesk-2020-01-01T000000Z-daily.sqlite' }),
    code: 'not_found',
    field: 'file',
  },
  {
    method: 'deleteBackup',
    case: 'a backup of another database',
    input: () => ({ file: 'kontaktdesk-demo-2020-01-01T000000Z-daily.sqlite' }),
    code: 'not_found',
    field: 'file',
  },
  { method: 'updateSettings', case: 'a relative backup folder', input: () => ({ backupFolder: 'backups' }), code: 'invalid_input', field: 'backupFolder' },
  {
    method: 'updateSettings',
    case: 'a backup folder that does not exist',
    input: () => ({ backupFolder: join(tmpdir(), 'kontaktdesk-no-such-nas') }),
    code: 'invalid_input',
    field: 'backupFolder',
  },
  { method: 'updateSettings', case: 'keeping no daily backup', input: () => ({ backupKeepDaily: 0 }), code: 'invalid_input', field: 'backupKeepDaily' },
  {
    method: 'updateSettings',
    case: 'keeping 121 monthly backups',
    input: () => ({ backupKeepMonthly: 121 }),
    code: 'invalid_input',
    field: 'backupKeepMonthly',
  },
  { method: 'updateSettings', case: 'weekly backups as a string', input: () => ({ backupKeepWeekly: '4' }), code: 'invalid_input', field: 'backupKeepWeekly' },
  // updateSettings
  { method: 'updateSettings', case: 'nothing to change', input: () => ({}), code: 'invalid_input', field: '(input)' },
  // Over IPC the key survives with the value undefined; over HTTP it is dropped: refused alike.
  { method: 'updateSettings', case: 'a setting given as undefined', input: () => ({ openingDate: undefined }), code: 'invalid_input', field: '(input)' },
  { method: 'updateSettings', case: 'smallCellThreshold 0', input: () => ({ smallCellThreshold: 0 }), code: 'invalid_input', field: 'smallCellThreshold' },
  { method: 'updateSettings', case: 'smallCellThreshold 101', input: () => ({ smallCellThreshold: 101 }), code: 'invalid_input', field: 'smallCellThreshold' },
  { method: 'updateSettings', case: 'smallCellThreshold 2.5', input: () => ({ smallCellThreshold: 2.5 }), code: 'invalid_input', field: 'smallCellThreshold' },
  {
    method: 'updateSettings',
    case: 'smallCellThreshold as a string',
    input: () => ({ smallCellThreshold: '5' }),
    code: 'invalid_input',
    field: 'smallCellThreshold',
  },
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
  {
    method: 'updateSettings',
    case: 'an opening slot on weekday 0',
    input: () => ({ openingHours: [slot(0, 9, 12)] }),
    code: 'invalid_input',
    field: 'openingHours.0.weekday',
  },
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
  {
    method: 'updateSettings',
    case: 'an openingDate not in the calendar',
    input: () => ({ openingDate: '2021-02-29' }),
    code: 'invalid_input',
    field: 'openingDate',
  },
  { method: 'updateSettings', case: 'an empty site name', input: () => ({ siteName: '' }), code: 'invalid_input', field: 'siteName' },
  { method: 'updateSettings', case: 'a site name of blanks', input: () => ({ siteName: ' \t ' }), code: 'invalid_input', field: 'siteName' },
  { method: 'updateSettings', case: 'a site name of 81 characters', input: () => ({ siteName: 'x'.repeat(81) }), code: 'invalid_input', field: 'siteName' },
  { method: 'updateSettings', case: 'a site name as a number', input: () => ({ siteName: 42 }), code: 'invalid_input', field: 'siteName' },
  { method: 'updateSettings', case: 'an unknown time zone', input: () => ({ timeZone: 'Europe/Leibnitz' }), code: 'invalid_input', field: 'timeZone' },
  { method: 'updateSettings', case: 'a fixed offset as time zone', input: () => ({ timeZone: '+01:00' }), code: 'invalid_input', field: 'timeZone' },
  {
    method: 'updateSettings',
    case: 'an unknown time zone in a dry run',
    input: () => ({ timeZone: 'Mars/Olympus_Mons', dryRun: true }),
    code: 'invalid_input',
    field: 'timeZone',
  },
  { method: 'updateSettings', case: 'autoLockMinutes 0', input: () => ({ autoLockMinutes: 0 }), code: 'invalid_input', field: 'autoLockMinutes' },
  { method: 'updateSettings', case: 'autoLockMinutes 241', input: () => ({ autoLockMinutes: 241 }), code: 'invalid_input', field: 'autoLockMinutes' },
  { method: 'updateSettings', case: 'autoLockMinutes as a string', input: () => ({ autoLockMinutes: '10' }), code: 'invalid_input', field: 'autoLockMinutes' },
  { method: 'updateSettings', case: 'French as default language', input: () => ({ defaultLanguage: 'fr' }), code: 'invalid_input', field: 'defaultLanguage' },
  { method: 'updateSettings', case: 'dryRun as a string', input: () => ({ siteName: 'Graz', dryRun: 'yes' }), code: 'invalid_input', field: 'dryRun' },
  { method: 'updateSettings', case: 'a dry run naming no setting', input: () => ({ dryRun: true }), code: 'invalid_input', field: '(input)' },

  // listAudit
  { method: 'listAudit', case: 'a day in German notation', input: () => ({ day: '10.03.2026' }), code: 'invalid_input', field: 'day' },
  { method: 'listAudit', case: 'a day that is not in the calendar', input: () => ({ day: '2026-02-30' }), code: 'invalid_input', field: 'day' },
  { method: 'listAudit', case: 'a day before the year 2000', input: () => ({ day: '1999-12-31' }), code: 'invalid_input', field: 'day' },
  { method: 'listAudit', case: 'an unknown entity', input: () => ({ entity: 'person' }), code: 'invalid_input', field: 'entity' },
  { method: 'listAudit', case: 'limit 0', input: () => ({ limit: 0 }), code: 'invalid_input', field: 'limit' },
  { method: 'listAudit', case: 'limit 501', input: () => ({ limit: 501 }), code: 'invalid_input', field: 'limit' },
  { method: 'listAudit', case: 'a fractional limit', input: () => ({ limit: 2.5 }), code: 'invalid_input', field: 'limit' },
  { method: 'listAudit', case: 'before 0', input: () => ({ before: 0 }), code: 'invalid_input', field: 'before' },
  { method: 'listAudit', case: 'before as a string', input: () => ({ before: '12' }), code: 'invalid_input', field: 'before' },
  { method: 'listAudit', case: 'before an entry that does not exist', input: () => ({ before: 2_000_000_000 }), code: 'not_found', field: 'before' },
  // listContacts
  { method: 'listContacts', case: 'missing from', input: () => ({ to: '2026-02-28' }), code: 'invalid_input', field: 'from' },
  { method: 'listContacts', case: 'missing to', input: () => ({ from: '2026-02-01' }), code: 'invalid_input', field: 'to' },
  { method: 'listContacts', case: 'to before from', input: () => ({ from: '2026-02-28', to: '2026-02-01' }), code: 'invalid_input', field: 'to' },
  { method: 'listContacts', case: 'a day before the year 2000', input: () => ({ from: '1999-12-31', to: '2026-02-28' }), code: 'invalid_input', field: 'from' },
  { method: 'listContacts', case: 'a day in German notation', input: () => ({ from: '01.02.2026', to: '2026-02-28' }), code: 'invalid_input', field: 'from' },
  {
    method: 'listContacts',
    case: 'a day that is not in the calendar',
    input: () => ({ from: '2026-02-01', to: '2026-02-30' }),
    code: 'invalid_input',
    field: 'to',
  },
  {
    method: 'listContacts',
    case: 'a topic id as a string',
    input: (f) => ({ ...REPORT_PERIOD, topicId: String(f.topic) }),
    code: 'invalid_input',
    field: 'topicId',
  },
  { method: 'listContacts', case: 'an unknown topic id', input: (f) => ({ ...REPORT_PERIOD, topicId: f.unknownId }), code: 'invalid_input', field: 'topicId' },
  { method: 'listContacts', case: 'an unknown desk id', input: (f) => ({ ...REPORT_PERIOD, deskId: f.unknownId }), code: 'invalid_input', field: 'deskId' },
  {
    method: 'listContacts',
    case: 'an unknown entry kind',
    input: () => ({ ...REPORT_PERIOD, entryKind: 'manual' }),
    code: 'invalid_input',
    field: 'entryKind',
  },
  {
    method: 'listContacts',
    case: 'hideVoided as a string',
    input: () => ({ ...REPORT_PERIOD, hideVoided: 'yes' }),
    code: 'invalid_input',
    field: 'hideVoided',
  },
  { method: 'listContacts', case: 'limit 0', input: () => ({ ...REPORT_PERIOD, limit: 0 }), code: 'invalid_input', field: 'limit' },
  { method: 'listContacts', case: 'limit 201', input: () => ({ ...REPORT_PERIOD, limit: 201 }), code: 'invalid_input', field: 'limit' },
  { method: 'listContacts', case: 'a fractional limit', input: () => ({ ...REPORT_PERIOD, limit: 2.5 }), code: 'invalid_input', field: 'limit' },
  { method: 'listContacts', case: 'before 0', input: () => ({ ...REPORT_PERIOD, before: 0 }), code: 'invalid_input', field: 'before' },
  {
    method: 'listContacts',
    case: 'before a contact that does not exist',
    input: (f) => ({ ...REPORT_PERIOD, before: f.missingContactId }),
    code: 'not_found',
    field: 'before',
  },
  {
    method: 'updateSettings',
    case: 'a valid setting next to an invalid one',
    input: () => ({ smallCellThreshold: 5, openingDate: '2021-06-31' }),
    code: 'invalid_input',
    field: 'openingDate',
  },

  // The import methods accept a whole file; every other method still refuses anything over 16 KB.
  ...methodNames
    .filter((method) => !IMPORT_METHODS.includes(method))
    .map((method): Row => ({ method, case: 'a payload over 16 KB', input: () => ({ padding: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) }), code: 'payload_too_large' })),
  ...IMPORT_METHODS.flatMap((method): Row[] => [
    { method, case: 'a 50 MB file', input: () => importInput('riesig.csv', FIFTY_MB), code: 'payload_too_large' },
    {
      method,
      case: 'a file just over 5 MB',
      input: () => importInput('gross.csv', Buffer.alloc(IMPORT_MAX_FILE_BYTES + 1, 'a')),
      code: 'invalid_input',
      field: 'contentBase64',
    },
    { method, case: 'missing contentBase64', input: () => ({ fileName: 'a.csv' }), code: 'invalid_input', field: 'contentBase64' },
    {
      method,
      case: 'content that is not base64',
      input: () => ({ fileName: 'a.csv', contentBase64: 'Monat;Thema;Anzahl' }),
      code: 'invalid_input',
      field: 'contentBase64',
    },
    { method, case: 'an empty file', input: () => ({ fileName: 'a.csv', contentBase64: '' }), code: 'invalid_input', field: 'contentBase64' },
    { method, case: 'a blank file name', input: () => ({ ...importFile(), fileName: '  ' }), code: 'invalid_input', field: 'fileName' },
    {
      method,
      case: 'the file as bytes instead of base64',
      input: () => ({ fileName: 'a.csv', contentBase64: [77, 111] }),
      code: 'invalid_input',
      field: 'contentBase64',
    },
    {
      method,
      case: 'a mapping of an unknown kind',
      input: (f) => importFile([{ kind: 'desk', name: 'Schulden', targetId: f.topic }]),
      code: 'invalid_input',
      field: 'mapping.0.kind',
    },
    {
      method,
      case: 'a mapping target as a label',
      input: () => importFile([{ kind: 'topic', name: 'Schulden', targetId: 'Armut' }]),
      code: 'invalid_input',
      field: 'mapping.0.targetId',
    },
    {
      method,
      case: 'a mapping without a name',
      input: (f) => importFile([{ kind: 'topic', name: '', targetId: f.topic }]),
      code: 'invalid_input',
      field: 'mapping.0.name',
    },
    {
      method,
      case: 'a mapping to an entry that does not exist',
      input: (f) => importFile([{ kind: 'topic', name: 'Schulden', targetId: f.unknownId }]),
      code: 'invalid_input',
      field: 'mapping.0.targetId',
    },
  ]),
  {
    method: 'commitImport',
    case: 'a file with a future month',
    input: () => importFile([], [['2099-01', 'Arbeit', '3']]),
    code: 'invalid_input',
    field: 'contentBase64',
  },
  {
    method: 'commitImport',
    case: 'a file with a formula',
    input: () => importFile([], [['2021-01', '=1+1', '3']]),
    code: 'invalid_input',
    field: 'contentBase64',
  },
  {
    method: 'commitImport',
    case: 'a file with columns separated by tabs',
    input: () => ({ fileName: 'a.csv', contentBase64: Buffer.from('Monat\tThema\tAnzahl\n2021-01\tArbeit\t3\n').toString('base64') }),
    code: 'invalid_input',
    field: 'contentBase64',
  },
  {
    method: 'commitImport',
    case: 'an unknown topic without a mapping',
    input: () => importFile([], [['2021-01', 'Schulden', '3']]),
    code: 'invalid_input',
    field: 'mapping',
  },

  // LAN desk mode (the valid calls leave sharing on and no pairing code waiting)
  { method: 'setSharing', case: 'no switch value', input: () => ({}), code: 'invalid_input', field: 'enabled' },
  { method: 'setSharing', case: 'the switch as text', input: () => ({ enabled: 'yes' }), code: 'invalid_input', field: 'enabled' },
  { method: 'createPairingCode', case: 'a desk that does not exist', input: (f) => ({ deskId: f.unknownId }), code: 'invalid_input', field: 'deskId' },
  { method: 'createPairingCode', case: 'a desk id of 0', input: () => ({ deskId: 0 }), code: 'invalid_input', field: 'deskId' },
  { method: 'revokeDevice', case: 'a device that does not exist', input: (f) => ({ id: f.unknownId }), code: 'not_found', field: 'id' },
  { method: 'revokeDevice', case: 'an id as text', input: () => ({ id: 'tablet' }), code: 'invalid_input', field: 'id' },
  { method: 'pairDevice', case: 'a code of 5 digits', input: () => ({ code: '12345', name: 'Tablet' }), code: 'invalid_input', field: 'code' },
  { method: 'pairDevice', case: 'a code with letters', input: () => ({ code: '12a456', name: 'Tablet' }), code: 'invalid_input', field: 'code' },
  { method: 'pairDevice', case: 'a code as a number', input: () => ({ code: 123456, name: 'Tablet' }), code: 'invalid_input', field: 'code' },
  { method: 'pairDevice', case: 'a wrong code', input: () => ({ code: '000000', name: 'Tablet' }), code: 'forbidden', field: 'code' },
  { method: 'pairDevice', case: 'a blank name', input: () => ({ code: '123456', name: '   ' }), code: 'invalid_input', field: 'name' },
  { method: 'pairDevice', case: 'a name of 41 characters', input: () => ({ code: '123456', name: 'x'.repeat(41) }), code: 'invalid_input', field: 'name' },
  { method: 'pairDevice', case: 'a name with a line break', input: () => ({ code: '123456', name: 'Tablet\nCafé' }), code: 'invalid_input', field: 'name' },
  { method: 'pairDevice', case: 'no name', input: () => ({ code: '123456' }), code: 'invalid_input', field: 'name' },

  // the mail server (Berichtsversand): the password is never echoed, bad values name their field
  { method: 'saveMailServer', case: 'no host', input: () => without({ ...MAIL_SERVER }, 'host'), code: 'invalid_input', field: 'host' },
  {
    method: 'saveMailServer',
    case: 'a URL as host',
    input: () => ({ ...MAIL_SERVER, host: 'https://mail.leibnitz.at' }),
    code: 'invalid_input',
    field: 'host',
  },
  { method: 'saveMailServer', case: 'port 0', input: () => ({ ...MAIL_SERVER, port: 0 }), code: 'invalid_input', field: 'port' },
  { method: 'saveMailServer', case: 'port 65536', input: () => ({ ...MAIL_SERVER, port: 65536 }), code: 'invalid_input', field: 'port' },
  { method: 'saveMailServer', case: 'an unknown encryption', input: () => ({ ...MAIL_SERVER, security: 'ssl' }), code: 'invalid_input', field: 'security' },
  { method: 'saveMailServer', case: 'a sender without @', input: () => ({ ...MAIL_SERVER, from: 'berichte' }), code: 'invalid_input', field: 'from' },
  {
    method: 'saveMailServer',
    case: 'a sender with a display name',
    input: () => ({ ...MAIL_SERVER, from: 'Berichte <berichte@leibnitz.at>' }),
    code: 'invalid_input',
    field: 'from',
  },
  { method: 'saveMailServer', case: 'a user with a line break', input: () => ({ ...MAIL_SERVER, user: 'a\nb' }), code: 'invalid_input', field: 'user' },
  {
    method: 'saveMailServer',
    case: 'no encryption to a server on the internet',
    input: () => ({ ...MAIL_SERVER, security: 'none', port: 25, plainConfirmed: true }),
    code: 'invalid_input',
    field: 'security',
  },
  {
    method: 'saveMailServer',
    case: 'no encryption on the local network, not confirmed',
    input: () => ({ ...MAIL_SERVER, host: '192.168.1.20', security: 'none', port: 25 }),
    code: 'invalid_input',
    field: 'plainConfirmed',
  },
  {
    method: 'saveMailServer',
    case: 'a fingerprint that is not SHA-256',
    input: () => ({ ...MAIL_SERVER, trustedCertificate: 'AB:CD' }),
    code: 'invalid_input',
    field: 'trustedCertificate',
  },
  { method: 'sendTestMail', case: 'no recipient', input: () => ({}), code: 'invalid_input', field: 'to' },
  { method: 'sendTestMail', case: 'a recipient without a domain', input: () => ({ to: 'sozialamt@' }), code: 'invalid_input', field: 'to' },
  {
    method: 'sendTestMail',
    case: 'unsaved settings without encryption to a server on the internet',
    input: () => ({ to: 'sozialamt@leibnitz.at', server: { ...MAIL_SERVER, security: 'none', plainConfirmed: true } }),
    code: 'invalid_input',
    field: 'server.security',
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

  const base: ParsedInput<'logContact'> = {
    topicIds: [topic!.id],
    referralIds: [],
    languageId: language!.id,
    channel: 'in_person',
    asker: 'citizen',
    count: 1,
  };
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
    desk: catalog.desks[0]!.id,
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
const callUnchecked = (client: Client, method: MethodName, input: unknown) => (client[method] as (input: unknown) => Promise<unknown>)(input);

/**
 * The app's own backups copy the SQLite file. On PostgreSQL the server is backed up by its own tools:
 * these methods list nothing and refuse to take, restore or delete a backup (tested on that run below).
 */
const FILE_BACKUP_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['listBackups', 'backupNow', 'restoreBackup', 'deleteBackup']);
const FILE_BACKUPS_ONLY = "(SQLite only: the app's own backups copy the SQLite file; on PostgreSQL they are refused as unavailable)";
/** A refusal by the file backups themselves (the input passes the schema), which PostgreSQL never reaches. */
const isFileBackupRefusal = (row: Row) =>
  FILE_BACKUP_METHODS.has(row.method) && contract[row.method].input.safeParse(row.input(undefined as unknown as Fixture)).success;

for (const transportUnderTest of TRANSPORTS) {
  describe(`contract over ${transportUnderTest.name}`, () => {
    let core: TempCore;
    let open: OpenTransport;
    let client: Client;
    let f: Fixture;
    /** The management session the client sends; replaced when setting the PIN closes all others. */
    let session: string | undefined;
    const snapshot = () => snapshotDatabase(core.database.db);
    const count = async (text: string) => Number(await queryValue(core.database.db, text));

    beforeAll(async () => {
      core = await openTempCore();
      f = await buildFixture(core);
      session = core.session;
      open = await transportUnderTest.open(core.api, () => session);
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
        expect(catalog.topics.length).toBe(await count('select count(*) as n from topics'));
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
        expect(todayCount).toBe(await count(`select count(*) as n from contacts where voided_at is null and local_day = '${contact.localDay}'`));
        expect(await queryRow(core.database.db, 'select request_id from contacts where id = ?', [contact.id])).toEqual({ request_id: input.requestId });
        expect((await client.logContact(input)).duplicate).toBe(true);
      },
      async amendContact() {
        const amended = await client.amendContact({ contactId: f.oldContact, languageId: f.otherLanguage, referralIds: [f.organisation] });
        expect(amended).toMatchObject({ id: f.oldContact, languageId: f.otherLanguage, referralIds: [f.organisation] });
        expect(await count(`select count(*) as n from audit_log where action = 'amend' and entity_id = ${f.oldContact}`)).toBe(2);
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
        expect(today.count).toBe(await count(`select count(*) as n from contacts where voided_at is null and local_day = '${today.day}'`));
        expect(today.contacts.map((c) => c.id)).toContain(f.voidedContact);
        expect(await client.listDay({ day: '2021-06-01' })).toEqual({ day: '2021-06-01', count: 0, contacts: [] });
      },
      async getManagementStatus() {
        const status = await client.getManagementStatus({});
        expect(status).toEqual({
          pinSet: (await count("select count(*) as n from settings where key = 'management_pin_hash'")) === 1,
          unlocked: true,
          autoLockMinutes: 10,
          retryAfterSeconds: 0,
        });
        expect(await createClient(open.transport).getManagementStatus({})).toMatchObject({ unlocked: false });
      },
      async setManagementPin() {
        const before = session;
        const set = await client.setManagementPin({ pin: TEST_PIN });
        const stored = String(await queryValue(core.database.db, "select value from settings where key = 'management_pin_hash'"));
        expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
        expect(stored).not.toContain(TEST_PIN);
        expect(await count("select count(*) as n from audit_log where entity = 'settings' and field = 'pin' and new_value is null")).toBe(1);
        // Setting a PIN closes every session that existed before it, the caller's included, and opens a new one.
        session = set.session;
        expect(set.session).not.toBe(before);
        expect(await createClient(open.transport, () => before).getManagementStatus({})).toMatchObject({ pinSet: true, unlocked: false });
        expect(await client.getManagementStatus({})).toMatchObject({ pinSet: true, unlocked: true });
      },
      async unlockManagement() {
        const other = createClient(open.transport);
        const { session: second, autoLockMinutes } = await other.unlockManagement({ pin: TEST_PIN });
        expect(autoLockMinutes).toBe(10);
        expect(await createClient(open.transport, () => second).getManagementStatus({})).toMatchObject({ unlocked: true });
        // Each unlock is its own session: the caller's stays open.
        expect(second).not.toBe(session);
        expect(await client.getManagementStatus({})).toMatchObject({ unlocked: true });
      },
      async lockManagement() {
        const { session: second } = await createClient(open.transport).unlockManagement({ pin: TEST_PIN });
        const tab = createClient(open.transport, () => second);
        expect(await tab.lockManagement({})).toEqual({ unlocked: false });
        expect(await tab.getManagementStatus({})).toMatchObject({ unlocked: false });
        expect((await refusal(tab.getReport(period()))).body.code).toBe('locked');
        expect(await client.getManagementStatus({})).toMatchObject({ unlocked: true });
      },
      async getReport() {
        const { from, to } = REPORT_PERIOD;
        expect(await count(`select count(*) as n from contacts where voided_at is null and local_day between '${from}' and '${to}'`)).toBe(
          f.periodContacts.length,
        );
        const { settings } = await client.getCatalog({});
        for (const publication of [undefined, false, true]) {
          const report = await client.getReport(
            publication === undefined ? period() : period({ publication, ...(publication && { publicationMethod: 'suppression' }) }),
          );
          expect(report.period).toEqual({ from, to, days: 28 });
          // Five contacts spread over channels and hours: suppression must hide the total too, since
          // with zeros shown the hidden cells could otherwise be worked out from it (core/reports/bounds-check.ts).
          expect(report.total).toBe(publication === true ? null : f.periodContacts.length);
          if (publication !== true) expect(report.byChannel.total).toBe(f.periodContacts.length);
          expect(report.publication).toEqual({
            enabled: publication === true,
            threshold: settings.smallCellThreshold,
            method: publication === true ? 'suppression' : 'cellKey',
          });
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
      async getPivot() {
        const pivot = await client.getPivot({ ...REPORT_PERIOD, rows: 'topic', columns: 'channel' });
        expect(pivot).toMatchObject({ rowDimension: 'topic', columnDimension: 'channel', multiValued: ['topic'], filters: [] });
        expect(pivot.total).toBe(f.periodContacts.length);
        expect(pivot.columnTotals.reduce((a, b) => a + b, 0)).toBe(pivot.total);
      },
      async exportPivot() {
        for (const { format, extension, mimeType } of [
          { format: 'pivot-csv', extension: 'csv', mimeType: CSV_MIME },
          { format: 'pivot-xlsx', extension: 'xlsx', mimeType: XLSX_MIME },
        ] as const) {
          const file = await client.exportPivot({ pivot: { ...REPORT_PERIOD, rows: 'language', columns: 'weekday' }, format });
          expect(file.fileName).toBe(`kontaktdesk-pivot-sprache-wochentag-2026-02.${extension}`);
          expect(file.mimeType).toBe(mimeType);
          const bytes = Buffer.from(file.base64, 'base64');
          expect([...bytes.subarray(0, extension === 'xlsx' ? 4 : 3)]).toEqual(extension === 'xlsx' ? [0x50, 0x4b, 0x03, 0x04] : [0xef, 0xbb, 0xbf]);
        }
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
        const before = await snapshot();
        const dry = await client.saveThemeDay({ themeDay, dryRun: true });
        expect(dry).toMatchObject({ dryRun: true, reattributed: 1, themeDay: { title: themeDay.title } });
        expect(await snapshot()).toEqual(before);

        const saved = await client.saveThemeDay({ themeDay });
        expect(saved).toMatchObject({ dryRun: false, reattributed: 1, themeDay: { ...themeDay, weekday: null, retired: false } });
        const id = saved.themeDay!.id;
        expect((await client.getCatalog({})).themeDays).toContainEqual(saved.themeDay);
        expect(await count(`select count(*) as n from contacts where theme_day_id = ${id}`)).toBe(1);
        expect(await count(`select count(*) as n from audit_log where entity = 'theme_day' and action = 'create' and entity_id = ${id}`)).toBe(1);
      },
      async retireThemeDay() {
        // Every Thursday of February, 10 to 12: covers the contact of Thursday 5 February, 10:40.
        const { themeDay } = await client.saveThemeDay({
          themeDay: {
            title: 'Mietrechtsberatung',
            organisationId: null,
            kind: 'weekly',
            weekday: 4,
            startHour: 10,
            endHour: 12,
            validFrom: '2026-02-01',
            validTo: '2026-02-28',
          },
        });
        const id = themeDay!.id;
        expect(await count(`select count(*) as n from contacts where theme_day_id = ${id}`)).toBe(1);

        const before = await snapshot();
        expect(await client.retireThemeDay({ id, dryRun: true })).toMatchObject({ dryRun: true, reattributed: 1, themeDay: { id, retired: true } });
        expect(await snapshot()).toEqual(before);

        expect(await client.retireThemeDay({ id })).toMatchObject({ dryRun: false, reattributed: 1, themeDay: { id, retired: true } });
        expect((await client.getCatalog({})).themeDays.find((t) => t.id === id)?.retired).toBe(true);
        expect(await count(`select count(*) as n from contacts where theme_day_id = ${id}`)).toBe(0);
      },
      async listClosures() {
        const list = await client.listClosures({});
        expect(list.year).toBe(2026);
        expect(list.holidays.map((h) => h.day)).toContain('2026-04-06');
        expect(list.closures).toHaveLength(await count('select count(*) as n from closures'));
        expect((await client.listClosures({ year: 2030 })).holidays.find((h) => h.key === 'ostermontag')?.day).toBe('2030-04-22');
      },
      async saveClosure() {
        // January 2026 (Neujahr and Heilige Drei Könige already closed): a Monday and Tuesday more take 6 open hours.
        const january = { from: '2026-01-01', to: '2026-01-31' };
        const before = (await client.getReport(january)).openHours;
        const saved = await client.saveClosure({ from: '2026-01-12', to: '2026-01-13', note: 'Betriebsausflug' });
        expect(saved).toMatchObject({ from: '2026-01-12', to: '2026-01-13', note: 'Betriebsausflug', kind: 'closed' });
        const after = (await client.getReport(january)).openHours;
        expect([after.hours, after.closedDays]).toEqual([before.hours - 6, before.closedDays + 2]);
        expect(await client.saveClosure({ ...saved, note: 'Klausur' })).toEqual({ ...saved, note: 'Klausur' });
        expect(await count(`select count(*) as n from audit_log where entity = 'closure' and entity_id = ${saved.id}`)).toBe(2);
      },
      async deleteClosure() {
        const { id } = await client.saveClosure({ from: '2026-12-24', to: '2026-12-24', note: 'Heiliger Abend' });
        expect(await client.deleteClosure({ id })).toMatchObject({ id, note: 'Heiliger Abend' });
        expect(await count(`select count(*) as n from closures where id = ${id}`)).toBe(0);
        expect(await count(`select count(*) as n from audit_log where entity = 'closure' and action = 'delete' and entity_id = ${id}`)).toBe(1);
      },
      async listSavedViews() {
        const { id } = await client.saveSavedView({ name: 'Zahlen', period: { kind: 'thisYear' }, sections: ['headline'] });
        await client.saveSavedView({ name: 'auswertung', period: { kind: 'sinceOpening' }, sections: ['topics'] });
        const names = (await client.listSavedViews({})).map((v) => v.name);
        expect(names.indexOf('auswertung')).toBeLessThan(names.indexOf('Zahlen'));
        await client.deleteSavedView({ id });
      },
      async saveSavedView() {
        const saved = await client.saveSavedView({
          name: 'Wohnen, nicht Deutsch',
          period: { kind: 'lastQuarter' },
          filters: [
            { dimension: 'topic', values: [f.topic] },
            { dimension: 'language', values: ['de'], exclude: true },
          ],
          sections: ['topics', 'languages'],
        });
        expect(saved).toMatchObject({
          name: 'Wohnen, nicht Deutsch',
          publication: false,
          filters: [{ dimension: 'topic', values: [f.topic], exclude: false }, {}],
        });
        expect((await client.listSavedViews({})).find((v) => v.id === saved.id)).toEqual(saved);
        // The times are the core's: a view saved back is the view without them.
        const { createdAt: _created, updatedAt: _updated, ...input } = saved;
        const renamed = await client.saveSavedView({ ...input, name: 'Wohnen ohne Deutsch' });
        expect(renamed).toMatchObject({ id: saved.id, name: 'Wohnen ohne Deutsch' });
        expect((await refusal(client.saveSavedView({ ...input, id: undefined, name: 'WOHNEN OHNE deutsch' }))).body).toMatchObject({
          code: 'invalid_input',
          field: 'name',
        });
        expect(await count(`select count(*) as n from audit_log where entity = 'saved_view' and entity_id = ${saved.id}`)).toBe(2);
      },
      async deleteSavedView() {
        const { id } = await client.saveSavedView({
          name: 'Einmalig',
          period: { kind: 'fixed', from: '2026-01-01', to: '2026-01-31' },
          sections: ['headline'],
        });
        expect(await client.deleteSavedView({ id })).toMatchObject({ id, name: 'Einmalig' });
        expect(await count(`select count(*) as n from saved_views where id = ${id}`)).toBe(0);
        expect(await count(`select count(*) as n from audit_log where entity = 'saved_view' and action = 'delete' and entity_id = ${id}`)).toBe(1);
      },
      async saveCatalogEntry() {
        const saved = await client.saveCatalogEntry({
          kind: 'topic',
          labelDe: 'Mietrecht',
          labelEn: 'Tenancy law',
          color: '#336699',
          hotkey: 'M',
          sdgs: [11, 1],
        });
        expect(saved).toMatchObject({ kind: 'topic', entry: { labelDe: 'Mietrecht', hotkey: 'm', sdgs: [1, 11], retired: false, mergedInto: null } });
        const id = saved.entry.id;
        expect((await client.getCatalog({})).topics.at(-1)).toEqual(saved.entry);

        const renamed = await client.saveCatalogEntry({
          kind: 'topic',
          id,
          labelDe: 'Mietrecht',
          labelEn: 'Tenancy',
          color: '#336699',
          hotkey: 'm',
          sdgs: [1, 11],
        });
        expect(renamed.entry).toMatchObject({ id, labelEn: 'Tenancy' });
        expect(await count(`select count(*) as n from audit_log where entity = 'topic' and entity_id = ${id} and action = 'create'`)).toBe(6);
        expect(await count(`select count(*) as n from audit_log where entity = 'topic' and entity_id = ${id} and action = 'amend' and field = 'labelEn'`)).toBe(
          1,
        );
      },
      async setCatalogEntryRetired() {
        const { entry } = await client.saveCatalogEntry({ kind: 'organisation', name: 'Mieterschutzverband' });
        expect(await client.setCatalogEntryRetired({ kind: 'organisation', id: entry.id, retired: true })).toMatchObject({
          entry: { id: entry.id, retired: true },
        });
        expect((await refusal(client.logContact({ ...(tap(f) as MethodInput<'logContact'>), referralIds: [entry.id] }))).body).toMatchObject({
          code: 'invalid_input',
          field: 'referralIds.0',
        });
        expect(await client.setCatalogEntryRetired({ kind: 'organisation', id: entry.id, retired: false })).toMatchObject({
          entry: { id: entry.id, retired: false },
        });
        expect(
          await count(`select count(*) as n from audit_log where entity = 'organisation' and entity_id = ${entry.id} and action in ('retire', 'reactivate')`),
        ).toBe(2);
      },
      async reorderCatalog() {
        const ids = (await client.getCatalog({})).languages.map((l) => l.id);
        const reversed = [...ids].reverse();
        expect(await client.reorderCatalog({ kind: 'language', ids: reversed })).toEqual({ kind: 'language', ids: reversed });
        expect((await client.getCatalog({})).languages.map((l) => l.id)).toEqual(reversed);
        // Back to the seeded order, so later calls see the catalog as before.
        expect((await client.reorderCatalog({ kind: 'language', ids })).ids).toEqual(ids);
      },
      async mergeCatalogEntries() {
        const source = (await client.saveCatalogEntry({ kind: 'organisation', name: 'Schuldnerhilfe Süd' })).entry.id;
        const target = (await client.saveCatalogEntry({ kind: 'organisation', name: 'Schuldnerhilfe Nord' })).entry.id;
        const { contact } = await client.logContact({ ...(tap(f) as MethodInput<'logContact'>), referralIds: [source, target] });

        const before = await snapshot();
        const dry = await client.mergeCatalogEntries({ kind: 'organisation', sourceId: source, targetId: target, dryRun: true });
        expect(dry).toEqual({ kind: 'organisation', sourceId: source, targetId: target, contacts: 1, alreadyWithTarget: 1, otherRows: 0, dryRun: true });
        expect(await snapshot()).toEqual(before);

        expect(await client.mergeCatalogEntries({ kind: 'organisation', sourceId: source, targetId: target })).toMatchObject({ contacts: 1, dryRun: false });
        const organisations = (await client.getCatalog({})).organisations;
        expect(organisations.find((o) => o.id === source)).toMatchObject({ retired: true, mergedInto: target });
        expect(await queryRows(core.database.db, 'select organisation_id as id from contact_referrals where contact_id = ?', [contact.id])).toEqual([
          { id: target },
        ]);
      },
      async updateSettings() {
        const current = (await client.getCatalog({})).settings;
        const auditRows = () =>
          queryRows<{ field: string; old_value: string | null; new_value: string | null }>(
            core.database.db,
            "select field, old_value, new_value from audit_log where entity = 'settings' order by id",
          );
        const audited = (await auditRows()).length;
        const openingHours = [slot(1, 8, 12), slot(3, 13, 18), slot(5, 9, 11)];
        const smallCellThreshold = current.smallCellThreshold + 2;

        // openingDate is given unchanged: not audited.
        const { settings, dryRun, timeZoneShift } = await client.updateSettings({ openingDate: current.openingDate, openingHours, smallCellThreshold });
        expect(settings).toEqual({ ...current, openingHours, smallCellThreshold });
        expect({ dryRun, timeZoneShift }).toEqual({ dryRun: false, timeZoneShift: null });
        expect((await client.getCatalog({})).settings).toEqual(settings);
        expect((await auditRows()).slice(audited)).toEqual([
          { field: 'openingHours', old_value: JSON.stringify(current.openingHours), new_value: JSON.stringify(openingHours) },
          { field: 'smallCellThreshold', old_value: String(current.smallCellThreshold), new_value: String(smallCellThreshold) },
        ]);

        // A key without a value (IPC keeps it, HTTP drops it) changes nothing.
        const restored = await client.updateSettings({ smallCellThreshold: current.smallCellThreshold, openingDate: undefined });
        expect(restored.settings).toEqual({ ...current, openingHours });
        expect(await auditRows()).toHaveLength(audited + 3);

        const named = await client.updateSettings({ siteName: ' Sozial-Info Graz ', defaultLanguage: 'en', autoLockMinutes: 15 });
        expect(named.settings).toEqual({ ...current, openingHours, siteName: 'Sozial-Info Graz', defaultLanguage: 'en', autoLockMinutes: 15 });
        expect((await auditRows()).slice(audited + 3).map((r) => r.field)).toEqual(['siteName', 'autoLockMinutes', 'defaultLanguage']);

        // A new time zone: the dry run counts and writes nothing; changing there and back leaves every contact and rollup as it was.
        const contactsAndRollups = async () => ({
          contacts: await queryRows(core.database.db, 'select * from contacts order by id'),
          hourly: await queryRows(core.database.db, 'select * from rollup_hourly where n != 0 order by 1, 2'),
          daily: await queryRows(core.database.db, 'select * from rollup_daily where n != 0 order by 1, 2, 3'),
        });
        const counting = await count('select count(*) as n from contacts where voided_at is null');
        const atMidnight = await count('select count(*) as n from contacts where voided_at is null and local_hour = 0');
        const before = await snapshot();
        const dry = await client.updateSettings({ timeZone: 'Europe/London', dryRun: true });
        expect(dry).toMatchObject({ dryRun: true, settings: { timeZone: 'Europe/London' } });
        // London is an hour behind Vienna all year: every contact moves an hour, those of Vienna's midnight hour a day,
        // and the contact of 3 February 10:15 (09:15 in London) leaves saveThemeDay's theme day of 10 to 12.
        expect(dry.timeZoneShift).toEqual({
          from: 'Europe/Vienna',
          to: 'Europe/London',
          contacts: counting,
          moved: counting,
          dayChanged: atMidnight,
          reattributed: 1,
        });
        expect(atMidnight).toBeGreaterThanOrEqual(2);
        expect(await snapshot()).toEqual(before);

        const original = await contactsAndRollups();
        const moved = await client.updateSettings({ timeZone: 'Europe/London' });
        expect(moved.timeZoneShift).toEqual(dry.timeZoneShift);
        expect(await count("select count(*) as n from contacts where local_day = '2026-01-31' and local_hour = 23")).toBeGreaterThanOrEqual(1);
        await client.updateSettings({ timeZone: 'Europe/Vienna' });
        expect(await contactsAndRollups()).toEqual(original);
        expect((await auditRows()).slice(-2)).toEqual([
          { field: 'timeZone', old_value: '"Europe/Vienna"', new_value: '"Europe/London"' },
          { field: 'timeZone', old_value: '"Europe/London"', new_value: '"Europe/Vienna"' },
        ]);
      },
      async listAudit() {
        const today = await client.listAudit({});
        const { start, end } = utcRangeOfDay(today.day, today.timeZone);
        expect(today.day).toBe('2026-03-10');
        expect(today.total).toBe(await count(`select count(*) as n from audit_log where at >= ${start} and at < ${end}`));
        expect(today.entries).toHaveLength(Math.min(today.total, 200));
        const ats = today.entries.map((e) => Date.parse(e.at));
        expect(ats).toEqual([...ats].sort((a, b) => b - a));

        // Two at a time, the pages add up to the same list.
        const paged: typeof today.entries = [];
        let before: number | null = null;
        do {
          const page: Awaited<ReturnType<Client['listAudit']>> = await client.listAudit({ limit: 2, ...(before !== null && { before }) });
          paged.push(...page.entries);
          before = page.nextBefore;
        } while (before !== null);
        expect(paged.map((e) => e.id)).toEqual(today.entries.map((e) => e.id));

        // The language change of amendContact's valid call, with catalog labels on both sides.
        const amended = today.entries.find((e) => e.entityId === f.oldContact && e.action === 'amend' && e.changes[0]?.field === 'languageId');
        const languages = (await client.getCatalog({})).languages;
        const label = (id: number) => languages.find((l) => l.id === id)!;
        expect(amended?.changes[0]).toEqual({
          field: 'languageId',
          old: { kind: 'label', label: { de: label(f.language).labelDe, en: label(f.language).labelEn } },
          new: { kind: 'label', label: { de: label(f.otherLanguage).labelDe, en: label(f.otherLanguage).labelEn } },
        });

        const settings = await client.listAudit({ entity: 'settings' });
        expect(settings.entries.length).toBeGreaterThan(0);
        expect(settings.entries.every((e) => e.entity === 'settings')).toBe(true);
        expect(settings.total).toBe(today.counts.settings);
        expect(await client.listAudit({ day: '2026-03-09' })).toMatchObject({ day: '2026-03-09', entries: [], total: 0, nextBefore: null });
      },
      async listContacts() {
        const february = await client.listContacts(REPORT_PERIOD);
        const { from, to } = REPORT_PERIOD;
        expect(february.total).toBe(
          await count(`select count(*) as n from contacts where local_day between '${from}' and '${to}' and (void_reason is null or void_reason <> 'undone')`),
        );
        expect(february.counting).toBe(f.periodContacts.length);
        // Newest first: the raw export's contacts (in entry order, which is time order) backwards, and the voided one with its reason.
        const shown = (c: (typeof february.contacts)[number]) => `${c.localDay.split('-').reverse().join('.')};${c.localTime}`;
        expect(february.contacts.filter((c) => !c.voided).map(shown)).toEqual([...f.periodContacts].reverse());
        expect(february.contacts.filter((c) => c.voided).map((c) => c.voidReason)).toEqual(['duplicate']);

        // Two at a time, the pages add up to the same list.
        const paged: typeof february.contacts = [];
        let before: number | null = null;
        do {
          const page: Awaited<ReturnType<Client['listContacts']>> = await client.listContacts({
            ...REPORT_PERIOD,
            limit: 2,
            ...(before !== null && { before }),
          });
          paged.push(...page.contacts);
          before = page.nextBefore;
        } while (before !== null);
        expect(paged.map((c) => c.id)).toEqual(february.contacts.map((c) => c.id));
        expect((await refusal(createClient(open.transport).listContacts(REPORT_PERIOD))).body.code).toBe('locked');
      },
      async previewImport() {
        const { topics } = await client.getCatalog({});
        const file = csvBytes([MONTHLY_HEADER, ['2025-06', 'Arbeit', '12'], ['Jul 2025', 'Schulden', '4']]);
        const before = await snapshot();
        const unmapped = await client.previewImport(importInput('monatswerte.csv', file));
        expect(unmapped).toMatchObject({
          layout: 'monthly',
          rows: 2,
          errorCount: 0,
          total: 12,
          ready: false,
          unknownNames: [{ kind: 'topic', name: 'Schulden', targetId: null }],
        });
        const mapped = await client.previewImport(importInput('monatswerte.csv', file, [{ kind: 'topic', name: 'Schulden', targetId: f.secondTopic }]));
        expect(mapped).toMatchObject({ ready: true, total: 16, duplicateOf: null });
        expect(mapped.totals).toEqual([
          { month: '2025-06', topicId: topics.find((t) => t.labelDe === 'Arbeit')!.id, n: 12 },
          { month: '2025-07', topicId: f.secondTopic, n: 4 },
        ]);
        expect(await snapshot()).toEqual(before);
      },
      async commitImport() {
        // A month of its own, so the other reports of this suite stay as they are.
        const file = importInput('monatswerte.csv', csvBytes([MONTHLY_HEADER, ['2025-05', 'Arbeit', '12'], ['2025-05', 'Schulden', '4']]), [
          { kind: 'topic', name: 'Schulden', targetId: f.secondTopic },
        ]);
        const result = await client.commitImport(file);
        expect(result).toMatchObject({ layout: 'monthly', rows: 2, contacts: 16, range: { from: '2025-05', to: '2025-05' } });
        expect(await count('select count(*) as n from imported_monthly where import_id = ' + result.importId)).toBe(2);
        expect(await count(`select count(*) as n from audit_log where entity = 'import' and entity_id = ${result.importId}`)).toBe(1);
        const may = await client.getReport({ from: '2025-05-01', to: '2025-05-31' });
        expect(may).toMatchObject({ total: 16, imported: 16, monthly: [{ month: '2025-05', n: 16, imported: 16 }] });

        // The same bytes again: refused, nothing written.
        const before = await snapshot();
        expect((await refusal(client.commitImport(file))).body).toMatchObject({ code: 'conflict', field: 'contentBase64' });
        expect(await snapshot()).toEqual(before);
      },
      async listBackups() {
        const list = await client.listBackups({});
        expect(list.folder).toBe(join(core.dir, 'backups'));
        expect(list.rotation).toEqual({ daily: 7, weekly: 4, monthly: 12 });
        const files = existsSync(list.folder) ? readdirSync(list.folder).filter((n) => n.endsWith('.sqlite')) : [];
        expect(list.backups.map((b) => b.name).sort()).toEqual(files.sort());
      },
      async backupNow() {
        const backup = await client.backupNow({});
        expect(backup).toMatchObject({ kind: 'manual', verified: true });
        const copy = new Database(join(core.dir, 'backups', backup.name), { readonly: true });
        const copied = new Kysely<any>({ dialect: new SqliteDialect({ database: copy }) });
        try {
          expect(await snapshotDatabase(copied)).toEqual(await snapshot());
        } finally {
          await copied.destroy();
        }
        expect((await client.listBackups({})).backups[0]).toEqual(backup);
      },
      async restoreBackup() {
        const atBackup = await snapshot();
        const backup = await client.backupNow({});
        await client.logContact({ topicIds: [f.topic], languageId: f.language, channel: 'phone', asker: 'citizen' });
        expect(await snapshot()).not.toEqual(atBackup);
        const restored = await client.restoreBackup({ file: backup.name });
        expect(restored).toMatchObject({ dryRun: false, restored: { name: backup.name }, safetyBackup: { kind: 'prerestore' } });
        // The fixture's data is exactly as it was, and the transport (holding the same api) keeps working.
        // Only the change marker moved on: another process holding the catalog of the backup's marker must look again;
        // and the contact change log says "everything" (id 0), so every process's analysis store loads the restored contacts.
        // The management sessions are the running site's, not the backup's: they stay as they are now.
        const { change_marker: markerAfter, management_sessions: _sessionsAfter, contact_changes: logAfter, ...after } = await snapshot();
        const { change_marker: markerAtBackup, management_sessions: _sessionsAtBackup, contact_changes: _logAtBackup, ...expected } = atBackup;
        expect(after).toEqual(expected);
        expect(markerAfter).not.toEqual(markerAtBackup);
        expect((logAfter as { contact_id: number }[]).at(-1)).toMatchObject({ contact_id: 0 });
        expect((await client.listBackups({})).backups.map((b) => b.name)).toContain(backup.name);
        expect((await client.getCatalog({})).topics.map((t) => t.id)).toContain(f.topic);
      },
      async deleteBackup() {
        const backup = await client.backupNow({});
        const audited = await count("select count(*) as n from audit_log where entity = 'backup' and action = 'delete'");
        expect(await client.deleteBackup({ file: backup.name })).toEqual(backup);
        expect(existsSync(join(core.dir, 'backups', backup.name))).toBe(false);
        expect((await client.listBackups({})).backups.map((b) => b.name)).not.toContain(backup.name);
        expect(await count("select count(*) as n from audit_log where entity = 'backup' and action = 'delete'")).toBe(audited + 1);
        // Gone: the same name again is refused and changes nothing.
        const before = await snapshot();
        expect((await refusal(client.deleteBackup({ file: backup.name }))).body).toMatchObject({ code: 'not_found', field: 'file' });
        expect(await snapshot()).toEqual(before);
      },
      async getStartupState() {
        expect(await client.getStartupState({})).toEqual({ state: 'ok' });
        // The desk asks without a session, before anything else.
        expect(await createClient(open.transport).getStartupState({})).toEqual({ state: 'ok' });
      },
      async recoverFromBackup() {
        // Only a database found damaged at start can be recovered; a healthy one is left as it is.
        const before = await snapshot();
        expect((await refusal(createClient(open.transport).recoverFromBackup({}))).body).toMatchObject({ code: 'conflict' });
        expect(await snapshot()).toEqual(before);
      },
      async getSharing() {
        // No LAN listener is attached to this core: the switch is reported, the listener as down.
        expect(await client.getSharing({})).toMatchObject({ listening: false, port: null, addresses: [] });
        expect((await refusal(createClient(open.transport).getSharing({}))).body.code).toBe('locked');
      },
      async setSharing() {
        expect(await client.setSharing({ enabled: true })).toMatchObject({ enabled: true, problem: 'noListener' });
        expect(await client.setSharing({ enabled: false })).toMatchObject({ enabled: false, pairingCode: null });
        expect((await client.getSharing({})).enabled).toBe(false);
        const before = await snapshot();
        expect((await refusal(createClient(open.transport).setSharing({ enabled: true }))).body.code).toBe('locked');
        expect(await snapshot()).toEqual(before);
        // Left on for the calls and refusals after it.
        await client.setSharing({ enabled: true });
        expect(await count("select count(*) as n from audit_log where entity = 'settings' and field = 'lanSharing'")).toBeGreaterThanOrEqual(3);
      },
      async createPairingCode() {
        await client.setSharing({ enabled: false });
        const before = await snapshot();
        expect((await refusal(client.createPairingCode({}))).body.code).toBe('conflict');
        expect(await snapshot()).toEqual(before);
        await client.setSharing({ enabled: true });
        const code = await client.createPairingCode({ deskId: f.desk });
        expect(code).toMatchObject({ code: expect.stringMatching(/^\d{6}$/), deskId: f.desk });
        expect((await client.getSharing({})).pairingCode).toEqual(code);
      },
      async listDevices() {
        await client.setSharing({ enabled: true });
        const { device } = await createClient(open.transport).pairDevice({ code: (await client.createPairingCode({})).code, name: 'Schalter 2' });
        const { devices } = await client.listDevices({});
        expect(devices[0]).toMatchObject({ id: device.id, name: 'Schalter 2', deskId: null, revokedAt: null });
        expect(JSON.stringify(devices)).not.toMatch(/token/i);
      },
      async revokeDevice() {
        await client.setSharing({ enabled: true });
        const { device } = await createClient(open.transport).pairDevice({ code: (await client.createPairingCode({})).code, name: 'Alter Laptop' });
        expect((await client.revokeDevice({ id: device.id })).revokedAt).not.toBeNull();
        expect(await count(`select count(*) as n from audit_log where entity = 'device' and action = 'revoke' and entity_id = ${device.id}`)).toBe(1);
        const before = await snapshot();
        expect((await refusal(client.revokeDevice({ id: device.id }))).body).toMatchObject({ code: 'conflict', field: 'id' });
        expect(await snapshot()).toEqual(before);
      },
      async pairDevice() {
        await client.setSharing({ enabled: true });
        const devicesBefore = await count('select count(*) as n from devices');
        const { code } = await client.createPairingCode({ deskId: f.desk });
        // From the pairing page: no PIN session.
        const paired = await createClient(open.transport).pairDevice({ code, name: 'Tablet Café' });
        expect(paired).toMatchObject({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), device: { name: 'Tablet Café', deskId: f.desk } });
        expect(await count('select count(*) as n from devices')).toBe(devicesBefore + 1);
        expect(await count(`select count(*) as n from audit_log where entity = 'device' and action = 'pair' and entity_id = ${paired.device.id}`)).toBe(1);
        // Used up: the same code again changes nothing.
        const before = await snapshot();
        expect((await refusal(createClient(open.transport).pairDevice({ code, name: 'Zweites Tablet' }))).body).toMatchObject({
          code: 'forbidden',
          field: 'code',
        });
        expect(await snapshot()).toEqual(before);
      },
      async getThisDevice() {
        // This machine (IPC, or HTTP on loopback) is no paired device.
        expect(await createClient(open.transport).getThisDevice({})).toEqual({ device: null });
        expect(await client.getThisDevice({})).toEqual({ device: null });
      },
      async listMailSchedules() {
        const saved = await client.saveMailSchedule({ name: 'Liste', recipients: ['liste@leibnitz.at'], rule: 'lastQuarter' });
        expect((await client.listMailSchedules({})).find((s) => s.id === saved.id)).toEqual(saved);
      },
      async saveMailSchedule() {
        const saved = await client.saveMailSchedule({
          name: 'Gemeinderat ohne Veröffentlichung',
          recipients: ['gemeinderat@leibnitz.at', 'sozialamt@leibnitz.at'],
          rule: 'lastMonth',
          publication: false,
          unpublishedConfirmed: true,
          formats: ['csv'],
        });
        expect(saved).toMatchObject({ publication: false, formats: ['csv'], language: 'de', enabled: true, viewId: null });
        // Without publication the recipients stand in the audit trail.
        const audit = await core.database.db
          .selectFrom('audit_log')
          .select('new_value')
          .where('entity', '=', 'mail_schedule')
          .where('entity_id', '=', saved.id)
          .executeTakeFirstOrThrow();
        expect(JSON.parse(audit.new_value!).recipients).toEqual(['gemeinderat@leibnitz.at', 'sozialamt@leibnitz.at']);
        expect(
          (await refusal(client.saveMailSchedule({ name: 'x', recipients: ['x@leibnitz.at'], rule: 'lastMonth', viewId: f.unknownId }))).body,
        ).toMatchObject({
          code: 'invalid_input',
          field: 'viewId',
        });
      },
      async deleteMailSchedule() {
        const { id } = await client.saveMailSchedule({ name: 'Einmalig', recipients: ['einmal@leibnitz.at'], rule: 'lastYear' });
        expect(await client.deleteMailSchedule({ id })).toMatchObject({ id, name: 'Einmalig' });
        expect(await count(`select count(*) as n from mail_schedules where id = ${id}`)).toBe(0);
        expect(await count(`select count(*) as n from audit_log where entity = 'mail_schedule' and action = 'delete' and entity_id = ${id}`)).toBe(1);
      },
      async listMailDeliveries() {
        // The core's own handlers, past the management gate (its client's session may have idled out by now).
        expect(await client.listMailDeliveries({})).toEqual(await core.handlers.listMailDeliveries(listMailDeliveriesSchema.parse({})));
      },
      async sendMailScheduleNow() {
        const { id } = await client.saveMailSchedule({ name: 'Jetzt', recipients: ['jetzt@leibnitz.at'], rule: 'lastMonth' });
        // No mail server here: the send fails in plain words and the delivery log says so.
        const delivery = await client.sendMailScheduleNow({ id });
        expect(delivery).toMatchObject({ scheduleId: id, state: 'failed', attempts: 1, recipients: 1, outcome: { ok: false } });
        expect((await client.listMailDeliveries({})).map((d) => d.id)).toContain(delivery.id);
      },
      async getMailServer() {
        await core.handlers.saveMailServer(saveMailServerSchema.parse({ ...MAIL_SERVER, host: 'get.leibnitz.at' }));
        const server = await client.getMailServer({});
        expect(server).toEqual({
          host: 'get.leibnitz.at',
          port: 587,
          security: 'starttls',
          user: MAIL_SERVER.user,
          from: MAIL_SERVER.from,
          plainConfirmed: false,
          trustedCertificate: null,
          passwordSet: true,
          passwordStore: 'file',
        });
        expect(JSON.stringify(server)).not.toContain(MAIL_SERVER.password);
      },
      async saveMailServer() {
        const password = 'Neues-Passwort-77';
        const saved = await client.saveMailServer({ ...MAIL_SERVER, password });
        expect(saved).toMatchObject({ host: MAIL_SERVER.host, passwordSet: true, passwordStore: 'file' });
        expect(JSON.stringify(saved)).not.toContain(password);
        // The audit says that it changed, never what it is; no table holds it.
        const entries = await queryRows(core.database.db, "select old_value, new_value from audit_log where field = 'mailPassword'");
        expect(entries.length).toBeGreaterThan(0);
        expect(entries.every((e) => e.old_value === null && e.new_value === null)).toBe(true);
        expect(JSON.stringify(await snapshot())).not.toContain(password);
        // No encryption: only on the local network, and confirmed.
        const local = await client.saveMailServer({ host: '192.168.1.20', port: 25, security: 'none', user: '', from: MAIL_SERVER.from, plainConfirmed: true });
        expect(local).toMatchObject({ host: '192.168.1.20', security: 'none', plainConfirmed: true, passwordSet: true });
      },
      async sendTestMail() {
        const port = await freePort();
        const server = { ...MAIL_SERVER, host: '127.0.0.1', port, security: 'none', plainConfirmed: true } as const;
        const outcome = await client.sendTestMail({ to: 'sozialamt@leibnitz.at', server });
        expect(outcome).toMatchObject({ ok: false, kind: 'unreachable' });
        expect(outcome.message.de).toMatch(/nicht erreichbar/);
      },
    };

    it.each(methodNames.filter((m) => !FILE_BACKUP_METHODS.has(m)))('%s succeeds on valid input', async (method) => {
      await VALID_CALLS[method]();
    });

    it.skipIf(onPostgres()).each(methodNames.filter((m) => FILE_BACKUP_METHODS.has(m)))(`%s succeeds on valid input ${FILE_BACKUPS_ONLY}`, async (method) => {
      await VALID_CALLS[method]();
    });

    it.runIf(onPostgres())(
      'on PostgreSQL the file backups list none, refuse to take, restore or delete one as unavailable naming pg_dump, and change nothing',
      async () => {
        if (core.database.dialect !== 'postgres') throw new Error('this case is for the PostgreSQL run');
        const { label } = core.database;
        const before = await snapshot();
        expect(await client.listBackups({})).toEqual({
          folder: '',
          rotation: { daily: 0, weekly: 0, monthly: 0 },
          backups: [],
          totalSize: 0,
          databaseServer: label,
        });
        const name = 'kontaktdesk-2026-03-10T093000Z-manual.sqlite';
        for (const attempt of [
          () => client.backupNow({}),
          () => client.backupNow({ folder: tmpdir() }),
          () => client.restoreBackup({ file: name }),
          () => client.restoreBackup({ file: name, dryRun: true }),
          () => client.deleteBackup({ file: name }),
        ]) {
          const err = await refusal(attempt());
          expect(err.body.code).toBe('unavailable');
          expect(err.body.message).toMatch(/PostgreSQL database .*pg_dump/);
          expect(err.body.message).toContain(label);
        }
        expect(await snapshot()).toEqual(before);
      },
    );

    const badInputs = BAD_INPUTS.filter((row) => (row.only ?? transportUnderTest.name) === transportUnderTest.name);
    const refusesAndChangesNothing = async (row: Row) => {
      const before = await snapshot();

      const err = await refusal(callUnchecked(client, row.method, row.input(f)));

      expect(err.body.code).toBe(row.code);
      expect(err.body.field).toBe(row.field);
      expect(err.body.message).not.toBe('');
      if (row.code === 'forbidden' && (row.field === 'pin' || row.field === 'currentPin')) {
        // A wrong PIN is counted for every process on the database: the back-off row is all it writes.
        const { wrong_pin_backoff: counted, ...after } = await snapshot();
        const { wrong_pin_backoff: uncounted, ...unchanged } = before;
        expect(after).toEqual(unchanged);
        expect((counted![0] as { failures: number }).failures).toBe((uncounted![0] as { failures: number }).failures + 1);
      } else {
        expect(await snapshot()).toEqual(before);
      }
    };

    it.each(badInputs.filter((row) => !isFileBackupRefusal(row)))('$method refuses $case and changes nothing', refusesAndChangesNothing);

    it.skipIf(onPostgres()).each(badInputs.filter(isFileBackupRefusal))(
      `$method refuses $case and changes nothing ${FILE_BACKUPS_ONLY}`,
      refusesAndChangesNothing,
    );

    it('an unknown method name is refused and changes nothing', async () => {
      const before = await snapshot();
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
      expect(await snapshot()).toEqual(before);
    });
  });
}
