import { Worker } from 'node:worker_threads';
import { ASKERS, CHANNELS, DAY_ONLY_ENTRY } from '../base/enums';
import { NO_HOUR } from './day-numbers';
import type { ContactColumns } from './contact-columns';
import type { StoreDictionaries } from './select-rows';

/** The counting contacts of a SQLite file as plain columns of catalog ids, sorted by day: what the worker hands over. */
export interface RawColumns {
  length: number;
  firstDay: number;
  /** First row of each day from firstDay on, and one past the last. */
  dayStart: Int32Array;
  /** Rows in contact id order. */
  idOrder: Int32Array;
  id: Int32Array;
  /** Day number × 256 + hour (NO_HOUR for a contact known by day only). */
  dayHour: Int32Array;
  language: Int32Array;
  desk: Int32Array;
  /** 0: no theme day. */
  theme: Int32Array;
  /** Channel index × 16 + asker index. */
  channelAsker: Uint8Array;
  /** Record keys (core/publication/cell-key.ts). */
  key: Uint32Array;
  /** Topic ids in tap order, 0 for an empty slot. */
  topics: [Int32Array, Int32Array, Int32Array];
  /** Organisation ids, 0 for an empty slot. */
  referrals: Int32Array[];
}

const caseOf = (column: string, values: readonly string[]) => `case ${column} ${values.map((v, i) => `when '${v}' then ${i}`).join(' ')} else 0 end`;

/** The contacts statement: integers only (SQLite works out day numbers and enum indexes), so no string crosses per contact. */
const CONTACTS_SQL = `select id,
  cast(julianday(local_day) - 2440587.5 as integer) * 256 + case when entry_kind = '${DAY_ONLY_ENTRY}' then ${NO_HOUR} else local_hour end,
  language_id, desk_id, coalesce(theme_day_id, 0),
  ${caseOf('channel', CHANNELS)} * 16 + ${caseOf('asker', ASKERS)}, record_key
from contacts where id > ? and id <= ? and voided_at is null order by id`;

/**
 * The worker's code, plain CommonJS run with `eval: true` (as core/backup/verify-worker.ts, for the
 * same reasons: no worker file to find under tsx, vitest, the bundles or an app.asar). It reads the
 * file on its own read-only connection, a slice of ids at a time, into growing typed arrays, and
 * transfers them: the main thread only turns ids into codes.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const { from, file, contactsSql, slice, slots } = workerData;
try {
  const Database = createRequire(from)("better-sqlite3");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const contacts = db.prepare(contactsSql).raw(true);
    const topics = db.prepare("select contact_id, topic_id from contact_topics where contact_id > ? and contact_id <= ? order by contact_id, ordinal").raw(true);
    const referrals = db.prepare("select contact_id, organisation_id from contact_referrals where contact_id > ? and contact_id <= ? order by contact_id, organisation_id").raw(true);
    const maxId = Number(db.prepare("select coalesce(max(id), 0) from contacts").pluck().get());
    let capacity = 1024, n = 0;
    const make = (T) => new T(capacity);
    let cols = { id: make(Int32Array), dayHour: make(Int32Array), language: make(Int32Array), desk: make(Int32Array), theme: make(Int32Array), channelAsker: make(Uint8Array), key: make(Uint32Array),
      topics: [make(Int32Array), make(Int32Array), make(Int32Array)], referrals: Array.from({ length: slots }, () => make(Int32Array)) };
    const grow = () => {
      capacity *= 2;
      const g = (a) => { const b = new a.constructor(capacity); b.set(a); return b; };
      cols = { id: g(cols.id), dayHour: g(cols.dayHour), language: g(cols.language), desk: g(cols.desk), theme: g(cols.theme), channelAsker: g(cols.channelAsker), key: g(cols.key),
        topics: cols.topics.map(g), referrals: cols.referrals.map(g) };
    };
    const grouped = (rows) => { const m = new Map(); for (const [c, v] of rows) { const l = m.get(c); if (l) l.push(v); else m.set(c, [v]); } return m; };
    for (let after = 0; after < maxId; after += slice) {
      const upTo = after + slice;
      const t = grouped(topics.all(after, upTo));
      const r = grouped(referrals.all(after, upTo));
      for (const [id, dayHour, language, desk, theme, channelAsker, key] of contacts.all(after, upTo)) {
        const ts = t.get(id);
        if (!ts) continue;
        if (n === capacity) grow();
        cols.id[n] = id; cols.dayHour[n] = dayHour; cols.language[n] = language; cols.desk[n] = desk; cols.theme[n] = theme; cols.channelAsker[n] = channelAsker; cols.key[n] = key;
        for (let s = 0; s < 3; s++) cols.topics[s][n] = ts[s] || 0;
        const rs = r.get(id) || [];
        for (let s = 0; s < slots; s++) cols.referrals[s][n] = rs[s] || 0;
        n++;
      }
    }
    // Closed before anything is handed over: the main thread may remove or unmount the file once it has the answer.
    db.close();
    // Sorted by day here, stable in id order (a counting sort), so the main thread need not: idOrder[k] is
    // where the k-th contact by id ended up, dayStart[d - firstDay] the first row of day d.
    const dayOf = (k) => Math.floor(cols.dayHour[k] / 256);
    let firstDay = Infinity, lastDay = -Infinity;
    for (let k = 0; k < n; k++) { const d = dayOf(k); if (d < firstDay) firstDay = d; if (d > lastDay) lastDay = d; }
    if (n === 0) firstDay = lastDay = 0;
    const dayStart = new Int32Array(lastDay - firstDay + 2);
    for (let k = 0; k < n; k++) dayStart[dayOf(k) - firstDay + 1]++;
    for (let i = 1; i < dayStart.length; i++) dayStart[i] += dayStart[i - 1];
    const fill = dayStart.slice();
    const idOrder = new Int32Array(n);
    for (let k = 0; k < n; k++) idOrder[k] = fill[dayOf(k) - firstDay]++;
    // One column at a time, each unsorted one let go at once: ten million contacts must not need twice the memory.
    const sorted = (a) => { const b = new a.constructor(n); for (let k = 0; k < n; k++) b[idOrder[k]] = a[k]; return b; };
    const take = (owner, key) => { const a = owner[key]; owner[key] = null; return sorted(a); };
    const out = { length: n, firstDay, dayStart, idOrder };
    for (const key of ["id", "dayHour", "language", "desk", "theme", "channelAsker", "key"]) out[key] = take(cols, key);
    out.topics = cols.topics.map((_, s) => take(cols.topics, s));
    out.referrals = cols.referrals.map((_, s) => take(cols.referrals, s));
    const all = [out.dayStart, out.idOrder, out.id, out.dayHour, out.language, out.desk, out.theme, out.channelAsker, out.key, ...out.topics, ...out.referrals];
    parentPort.postMessage({ ok: true, columns: out }, all.map((a) => a.buffer));
  } finally {
    if (db.open) db.close();
  }
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
`;

/** Contact ids per statement in the worker. */
const WORKER_SLICE = 50_000;

/**
 * Reads the counting contacts of a SQLite file in a worker thread, so loading a million of them (a
 * few seconds of SQLite and row decoding) never holds up a tap on the main thread.
 */
export function readColumnsInWorker(file: string, referralSlots: number): Promise<RawColumns> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { from: import.meta.url, file, contactsSql: CONTACTS_SQL, slice: WORKER_SLICE, slots: referralSlots },
    });
    let answer: { ok: true; columns: RawColumns } | { ok: false; message: string } | null = null;
    thread.once('message', (message: NonNullable<typeof answer>) => {
      answer = message;
      void thread.terminate();
    });
    thread.once('error', reject);
    // Answered once the thread has ended, so nothing of it still holds the file.
    thread.once('exit', (code) => {
      const a = answer as typeof answer;
      if (a?.ok) resolve(a.columns);
      else reject(new Error(a ? `analysis: loading the contacts failed: ${a.message}` : `analysis: the loading worker stopped (exit code ${code})`));
    });
  });
}

/** Rows turned into codes per turn of the event loop: a few milliseconds each. */
const CODE_SLICE = 20_000;

/** Fills an empty store with the worker's columns, ids turned into dictionary codes, in slices between which taps are served. */
export async function adoptRawColumns(cols: ContactColumns, dicts: StoreDictionaries, raw: RawColumns): Promise<void> {
  cols.grow(raw.length);
  const [t0, t1, t2] = raw.topics;
  for (let start = 0; start < raw.length; start += CODE_SLICE) {
    const end = Math.min(start + CODE_SLICE, raw.length);
    for (let k = start; k < end; k++) {
      const row = cols.length++;
      cols.id[row] = raw.id[k]!;
      cols.day[row] = Math.floor(raw.dayHour[k]! / 256);
      cols.hour[row] = raw.dayHour[k]! % 256;
      cols.t0[row] = dicts.topics.code(t0[k]!);
      cols.t1[row] = t1[k] === 0 ? 0 : dicts.topics.code(t1[k]!);
      cols.t2[row] = t2[k] === 0 ? 0 : dicts.topics.code(t2[k]!);
      for (let s = 0; s < cols.ref.length; s++) {
        const organisation = raw.referrals[s]![k]!;
        cols.ref[s]![row] = organisation === 0 ? 0 : dicts.organisations.code(organisation);
      }
      cols.language[row] = dicts.languages.code(raw.language[k]!);
      cols.channel[row] = raw.channelAsker[k]! >> 4;
      cols.asker[row] = raw.channelAsker[k]! & 15;
      cols.desk[row] = dicts.desks.code(raw.desk[k]!);
      cols.theme[row] = raw.theme[k] === 0 ? 0 : dicts.themeDays.code(raw.theme[k]!);
      cols.key[row] = raw.key[k]!;
      cols.alive[row] = 1;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  cols.markSorted(raw.firstDay, raw.dayStart, raw.idOrder);
}
