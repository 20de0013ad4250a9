import fc from 'fast-check';
import { contract } from '../../core/api/contract';
import { MAX_PAYLOAD_BYTES } from '../../core/base/limits';
import type { MethodName } from '../../core/base/method-names';

/**
 * Random invalid inputs for any contract method, derived from the contract itself: arbitrary JSON,
 * and mutations of a valid example (a key dropped, a value of the wrong type, an extra key, numbers
 * out of range, huge or odd unicode strings, prototype-pollution keys). Only inputs the method's
 * schema rejects are kept: an accepted one would legitimately write.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const PERIOD = { from: '2026-02-01', to: '2026-02-28', publication: true };

/**
 * One input per method that its schema accepts, with every optional field present so each can be
 * mutated. Schema-valid is all they need to be: they are only mutated, never sent. A method added
 * without an example is still fuzzed, from `{}` and arbitrary JSON (and a test asks for an example).
 */
export const VALID_EXAMPLES: Partial<Record<MethodName, Json>> = {
  getCatalog: {},
  logContact: {
    requestId: '5f0c7a1e-8d2b-4c3a-9e4f-1a2b3c4d5e6f',
    topicIds: [1, 2],
    referralIds: [3],
    languageId: 1,
    channel: 'in_person',
    asker: 'citizen',
    deskId: 1,
    occurredAt: '2026-03-10T09:00:00Z',
    count: 2,
  },
  amendContact: { contactId: 1, topicIds: [1], referralIds: [2], languageId: 1, channel: 'phone', asker: 'organisation' },
  undoContact: { contactId: 1 },
  voidContact: { contactId: 1, reason: 'duplicate' },
  listDay: { day: '2026-03-10' },
  getManagementStatus: {},
  setManagementPin: { pin: '1357', currentPin: '246802' },
  unlockManagement: { pin: '1357' },
  lockManagement: {},
  getReport: PERIOD,
  // Raw exports are refused in publication mode: the raw example is outside it.
  exportReport: { period: { ...PERIOD, publication: false }, format: 'raw-csv' },
  getPivot: {
    from: '2026-02-01',
    to: '2026-02-28',
    rows: 'topic',
    columns: 'referral',
    filters: [{ dimension: 'referral', values: [1, 'none'], exclude: true }],
  },
  exportPivot: {
    pivot: {
      from: '2026-02-01',
      to: '2026-02-28',
      rows: 'language',
      columns: 'month',
      filters: [{ dimension: 'language', values: ['uk', 'de'], exclude: false }],
    },
    format: 'pivot-xlsx',
  },
  listSavedViews: {},
  saveSavedView: {
    name: 'Gewaltschutz-Quartal',
    period: { kind: 'lastQuarter' },
    filters: [{ dimension: 'topic', values: [2], exclude: false }],
    sections: ['headline', 'topics', 'languages'],
    publication: false,
  },
  deleteSavedView: { id: 1 },
  saveThemeDay: {
    themeDay: {
      id: 1,
      title: 'Flucht und Migration',
      organisationId: 1,
      kind: 'weekly',
      weekday: 2,
      startHour: 10,
      endHour: 12,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
    dryRun: true,
  },
  retireThemeDay: { id: 1, dryRun: true },
  listClosures: { year: 2026 },
  saveClosure: { id: 1, from: '2025-12-24', to: '2026-01-06', note: 'Weihnachtspause', kind: 'closed' },
  deleteClosure: { id: 1 },
  saveCatalogEntry: { kind: 'topic', id: 1, labelDe: 'Schulden', labelEn: 'Debt', color: '#336699', hotkey: 'x', sdgs: [1, 8] },
  setCatalogEntryRetired: { kind: 'topic', id: 1, retired: true },
  reorderCatalog: { kind: 'organisation', ids: [2, 1, 3] },
  mergeCatalogEntries: { kind: 'language', sourceId: 2, targetId: 1, dryRun: true },
  updateSettings: {
    siteName: 'Sozial-Info Leibnitz',
    timeZone: 'Europe/Vienna',
    openingDate: '2021-06-01',
    openingHours: [{ weekday: 1, startHour: 9, endHour: 12 }],
    smallCellThreshold: 3,
    autoLockMinutes: 10,
    defaultLanguage: 'de',
    backupFolder: '/var/backups/kontaktdesk',
    backupKeepDaily: 7,
    backupKeepWeekly: 4,
    backupKeepMonthly: 12,
    dryRun: true,
  },
  listAudit: { day: '2026-03-10', entity: 'contact', before: 10, limit: 50 },
  listContacts: { from: '2026-03-01', to: '2026-03-10', topicId: 1, deskId: 1, entryKind: 'backdated', hideVoided: true, before: 10, limit: 50 },
  previewImport: {
    fileName: 'monatswerte.csv',
    contentBase64: 'TW9uYXQ7VGhlbWE7QW56YWhsCjIwMjEtMDE7QXJiZWl0OzMK',
    mapping: [{ kind: 'topic', name: 'Arbeit', targetId: 1 }],
  },
  commitImport: {
    fileName: 'monatswerte.csv',
    contentBase64: 'TW9uYXQ7VGhlbWE7QW56YWhsCjIwMjEtMDE7QXJiZWl0OzMK',
    mapping: [{ kind: 'topic', name: 'Arbeit', targetId: 1 }],
  },
  listBackups: {},
  backupNow: { folder: '/media/usb' },
  restoreBackup: { file: 'kontaktdesk-2026-03-10T093000Z-manual.sqlite', dryRun: true },
  deleteBackup: { file: 'kontaktdesk-2026-03-10T093000Z-manual.sqlite' },
  getSharing: {},
  setSharing: { enabled: true },
  createPairingCode: { deskId: 1 },
  listDevices: {},
  revokeDevice: { id: 1 },
  pairDevice: { code: '482 916', name: 'Tablet Café' },
  getThisDevice: {},
  listMailSchedules: {},
  saveMailSchedule: {
    id: 1,
    name: 'Monatsbericht Gemeinderat',
    recipients: ['gemeinderat@leibnitz.at', 'sozialamt@leibnitz.at'],
    rule: 'lastMonth',
    viewId: 1,
    publication: false,
    publicationMethod: 'cellKey',
    unpublishedConfirmed: true,
    formats: ['xlsx', 'csv'],
    language: 'en',
    enabled: true,
  },
  deleteMailSchedule: { id: 1 },
  listMailDeliveries: { limit: 50 },
  sendMailScheduleNow: { id: 1 },
  getMailServer: {},
  saveMailServer: {
    host: 'mail.leibnitz.at',
    port: 587,
    security: 'starttls',
    user: 'berichte@leibnitz.at',
    password: 'Geheim-2026',
    from: 'berichte@leibnitz.at',
    plainConfirmed: false,
    trustedCertificate: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
  },
  sendTestMail: {
    to: 'sozialamt@leibnitz.at',
    server: {
      host: '192.168.1.20',
      port: 25,
      security: 'none',
      user: '',
      password: null,
      from: 'berichte@leibnitz.at',
      plainConfirmed: true,
      trustedCertificate: null,
    },
  },
};

/** Further valid inputs of methods whose input has variants (a catalog kind with fields of its own): each is mutated too. */
export const MORE_EXAMPLES: Partial<Record<MethodName, Json[]>> = {
  saveCatalogEntry: [{ kind: 'topicGroup', id: 1, labelDe: 'Existenzsicherung', labelEn: 'Livelihood', topicIds: [3, 1, 5] }],
  setCatalogEntryRetired: [{ kind: 'topicGroup', id: 1, retired: false }],
  reorderCatalog: [{ kind: 'topicGroup', ids: [2, 1] }],
  mergeCatalogEntries: [{ kind: 'topicGroup', sourceId: 2, targetId: 1, dryRun: false }],
};

export const validExample = (method: MethodName): Json => VALID_EXAMPLES[method] ?? {};
const examplesOf = (method: MethodName): Json[] => [validExample(method), ...(MORE_EXAMPLES[method] ?? [])];

/** The schema rejects it (or throws, which is a bug the property then reports as `internal`). */
export function isRejected(method: MethodName, input: unknown): boolean {
  try {
    return !contract[method].input.safeParse(input).success;
  } catch {
    return true;
  }
}

// ------------------------------------------------------------------ paths into an example

function paths(value: Json, at: Path = []): Path[] {
  const own: Path[] = [at];
  if (Array.isArray(value)) return own.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (value !== null && typeof value === 'object') return own.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  return own;
}

function valueAt(value: Json, path: Path): Json | undefined {
  let node: Json | undefined = value;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, Json>)[key] : undefined;
  return node;
}

/** A copy with `edit` applied to the node at `path`'s parent: as JSON, so nothing is shared with the example. */
function editParent(value: Json, path: Path, edit: (parent: Record<string | number, Json> | Json[], key: string | number) => void): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  const parent = valueAt(copy, path.slice(0, -1));
  // An earlier mutation may have replaced the parent with a scalar: then this one has nowhere to go.
  if (parent === null || typeof parent !== 'object') return copy;
  edit(parent, path[path.length - 1]!);
  return copy;
}

/** Own, enumerable, even for `__proto__` (an assignment would set the prototype instead): as JSON.parse makes it. */
const defineKey = (target: object, key: string | number, v: Json) =>
  Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });

function setAt(value: Json, path: Path, v: Json): Json {
  if (path.length === 0) return v;
  return editParent(value, path, (parent, key) => defineKey(parent, key, v));
}

function dropAt(value: Json, path: Path): Json {
  return editParent(value, path, (parent, key) => {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  });
}

function addKey(value: Json, path: Path, key: string, v: Json): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  const target = valueAt(copy, path);
  if (target !== null && typeof target === 'object') defineKey(target, key, v);
  return copy;
}

const isObject = (v: Json | undefined) => v !== null && typeof v === 'object' && !Array.isArray(v);

// ------------------------------------------------------------------ values

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'then'] as const;

/** Keys an attacker would try, and ordinary-looking ones the schema does not know. */
const extraKey = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('id', 'name', 'note', 'sql', 'file'));

const pollution: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  { isAdmin: true },
  { polluted: 'yes' },
  { prototype: { unlocked: true } },
  JSON.parse('{"__proto__":{"polluted":true}}') as Json,
);

const outOfRangeNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, -0.5, 1e-9, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, 24, 25, 13, 18, 61, 241),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A long run of one character, staying within the payload limit so it reaches validation. */
const hugeString: fc.Arbitrary<Json> = fc
  .tuple(fc.constantFrom('a', '9', 'ä', '€', '😀', '\u0000', '"', '\\', '\u202e'), fc.double({ min: 0.05, max: 1, noNaN: true }))
  .map(([c, share]) => c.repeat(Math.floor((share * (MAX_PAYLOAD_BYTES - 2048)) / Buffer.byteLength(JSON.stringify(c).slice(1, -1)))));

const oddString: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\u0000',
    '\ud800',
    '\udfff',
    '\u200b',
    'İ',
    'ﬀ',
    'Ä',
    '../../etc/passwd',
    'C:\\Windows',
    "'; drop table contacts; --",
    'null',
    'NaN',
    '1e3',
    '0x10',
    ' 1',
    '2026-02-30',
    '2026-13-01',
    '99999-01-01',
    '__proto__',
  ),
);

/** A value of any type: most of them wrong wherever they land. */
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 2, arbitrary: outOfRangeNumber },
  { weight: 2, arbitrary: oddString },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], [[]], '') },
  { weight: 1, arbitrary: pollution },
);

/** What the transport carries: JSON, so both sides see the same value (HTTP can carry nothing else). */
const asJson = (v: Json): Json => JSON.parse(JSON.stringify(v) ?? 'null') as Json;

/** Mutations of the method's valid example; each picks its place in the example at random. */
function mutations(example: Json): fc.Arbitrary<Json>[] {
  const all = paths(example);
  const inner = all.filter((p) => p.length > 0);
  const objects = all.filter((p) => isObject(valueAt(example, p)));
  const numbers = all.filter((p) => typeof valueAt(example, p) === 'number');
  const strings = all.filter((p) => typeof valueAt(example, p) === 'string');
  const some = <T>(list: T[]) => fc.constantFrom(...list);
  const out: fc.Arbitrary<Json>[] = [fc.tuple(some(all), wrongValue).map(([p, v]) => setAt(example, p, v))];
  if (inner.length > 0) out.push(some(inner).map((p) => dropAt(example, p)));
  if (objects.length > 0) {
    out.push(fc.tuple(some(objects), extraKey, wrongValue).map(([p, k, v]) => addKey(example, p, k, v)));
    out.push(fc.tuple(some(objects), fc.constantFrom(...PROTO_KEYS), pollution).map(([p, k, v]) => addKey(example, p, k, v)));
  }
  if (numbers.length > 0) out.push(fc.tuple(some(numbers), outOfRangeNumber).map(([p, v]) => setAt(example, p, v)));
  if (strings.length > 0) out.push(fc.tuple(some(strings), fc.oneof(hugeString, oddString)).map(([p, v]) => setAt(example, p, v)));
  // Two faults at once: the error must still name one of them.
  if (inner.length > 1) {
    out.push(fc.tuple(some(inner), some(inner), wrongValue, wrongValue).map(([p, q, v, w]) => setAt(setAt(example, p, v), q, w)));
  }
  return out;
}

/** Invalid inputs for `method`: about a quarter arbitrary JSON, the rest mutations of its valid examples. */
export function invalidInputs(method: MethodName): fc.Arbitrary<Json> {
  const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, fc.dictionary(fc.oneof(extraKey, fc.string()), wrongValue, { maxKeys: 4 }));
  return fc
    .oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: fc.oneof(...examplesOf(method).flatMap(mutations)) })
    .map(asJson)
    .filter((input) => isRejected(method, input));
}
