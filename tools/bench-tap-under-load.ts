/**
 * Part 5 of `npm run bench` (issue 12, "the desk waits on long work"): how long a tap takes while long
 * work runs in the same app process —
 *  a. "Jetzt sichern" (`backupNow`: copy and verify) on the 1,000,000-contact database of part 4;
 *  b. `commitImport` of a 60,000-row contacts file into the same database.
 * Taps go through the real API (`dispatch` → logContact, as the transports call it) at a steady rate,
 * one every TAP_EVERY_MS whether or not the previous one has answered, and each is timed from the
 * moment it was due: a thread blocked by the long work counts in full (no coordinated omission).
 * Target: p99 ≤ TARGET_TAP_P99_MS in both rows.
 *
 * The database is a copy of part 4's cached file (tools/bench-reports-dataset.ts; generated once,
 * about a minute), made in the bench's scratch folder, so the cache stays as it was.
 * Skipped with `--skip-tap-load` (and with `--only-reports`).
 */
import { copyFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../core/api/dispatch';
import { openCore, type Core } from '../core/open-core';
import { mulberry32, ms, round3, roundStats, stats, table, type Stats } from './bench-common';
import { ensureDataset } from './bench-reports-dataset';

export const TARGET_TAP_P99_MS = 100;
/** 40 taps a second: far more than a desk, so that a stall of a few dozen milliseconds is hit. */
export const TAP_EVERY_MS = 25;
export const IMPORT_ROWS = 60_000;
/** Taps before the work starts and after it ended, so the row also shows the quiet baseline around it. */
const QUIET_TAPS = 20;
const SETTLE_MS = 2000;

export interface TapLoadRow {
  work: string;
  workSeconds: number;
  /** Taps due while the work ran. */
  taps: Stats;
  /** Taps due before it started and after it ended: the same desk without the work. */
  before: Stats;
  after: Stats;
  failedTaps: number;
  /** The longest time the event loop did not run a 5 ms timer while the work ran. */
  longestStallMs: number;
  targetMet: boolean;
  detail: string;
}

/** A contacts list as an old Excel tally: five years, sorted by day, one row in ten without a time. */
function importFile(rows: number): Buffer {
  const random = mulberry32(20261206);
  const topics = ['Arbeit', 'Wohnen', 'Gesundheit', 'Armut/Schulden', 'Pflege & Demenz', 'Migration & Integration'];
  const languages = ['Deutsch', 'Englisch', 'Arabisch', 'Kroatisch'];
  const referrals = ['', '', 'Caritas', 'AMS Leibnitz', 'Schuldnerberatung, Caritas'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = Date.parse('2019-01-01T00:00:00Z');
  const days = Array.from({ length: rows }, () => Math.floor(random() * 5 * 365)).sort((a, b) => a - b);
  const lines = ['Datum;Uhrzeit;Thema;Kanal;Anfrage von;Sprache;Weitervermittlung'];
  days.forEach((offset, i) => {
    const d = new Date(start + offset * 86_400_000);
    const time = random() < 0.1 ? '' : `${pad(8 + Math.floor(random() * 9))}:${pad(Math.floor(random() * 60))}`;
    const topic = random() < 0.3 ? `"${topics[i % 6]}, ${topics[(i + 1) % 6]}"` : topics[i % 6];
    const referral = referrals[i % 5]!.includes(',') ? `"${referrals[i % 5]}"` : referrals[i % 5];
    lines.push(
      [
        `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`,
        time,
        topic,
        i % 3 ? 'persönlich' : 'Telefon',
        'Bürger*in',
        languages[i % 4],
        referral,
      ].join(';'),
    );
  });
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The longest gap between ticks of a 5 ms timer: how long the thread was held by something else. */
function stallWatch() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    // The work may end right after a long block, before the timer could run again: that gap counts too.
    return Math.max(0, longest, performance.now() - last - 5);
  };
}

/**
 * Taps at a steady rate while `work` runs (plus QUIET_TAPS before and after). Each tap is timed from
 * when it was due, and counts as "during" when it was due between the work's start and end (a tap due
 * while the thread was blocked is sent late, after the block, but belongs to the work); taps still
 * running when the next is due simply overlap, as two desks would.
 */
async function tapsDuring(core: Core, work: () => Promise<string>): Promise<Omit<TapLoadRow, 'work' | 'targetMet'>> {
  // Whatever the previous row left running (a checkpoint, a worker winding down) is not this row's.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const { topics, languages } = await core.handlers.getCatalog({});
  const active = topics.filter((t) => !t.retired);
  const language = languages.find((l) => !l.retired)!.id;
  const taps: { due: number; ms: number }[] = [];
  let failed = 0;
  // Changed by the work's callbacks, so kept in an object (a plain `let` would be narrowed by the compiler).
  const state: { phase: 'before' | 'during' | 'after' } = { phase: 'before' };
  let afterTaps = 0;
  const inflight: Promise<void>[] = [];
  const tap = (i: number, due: number) =>
    dispatch(core.api, 'logContact', { topicIds: [active[i % active.length]!.id], languageId: language, channel: 'in_person', asker: 'citizen' }, {}).then(
      () => void taps.push({ due, ms: performance.now() - due }),
      () => void failed++,
    );
  const span = { begun: Infinity, ended: Infinity };
  let workSeconds = 0;
  let detail = '';
  let stall = 0;
  const started = performance.now();
  for (let i = 0; state.phase !== 'after' || afterTaps < QUIET_TAPS; i++) {
    const due = started + i * TAP_EVERY_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (state.phase === 'before' && i === QUIET_TAPS) {
      state.phase = 'during';
      span.begun = performance.now();
      const stopWatch = stallWatch();
      const ended = (what: string) => {
        detail = what;
        stall = stopWatch();
        span.ended = performance.now();
        workSeconds = (span.ended - span.begun) / 1000;
        state.phase = 'after';
      };
      void work().then(ended, (err: Error) => ended(`failed: ${err.message}`));
    }
    if (state.phase === 'after' && due > span.ended) afterTaps++;
    inflight.push(tap(i, due));
  }
  await Promise.all(inflight);
  const of = (keep: (due: number) => boolean) => stats(taps.filter((t) => keep(t.due)).map((t) => t.ms));
  return {
    workSeconds: round3(workSeconds),
    taps: of((due) => due >= span.begun && due <= span.ended),
    before: of((due) => due < span.begun),
    after: of((due) => due > span.ended),
    failedTaps: failed,
    longestStallMs: round3(stall),
    detail,
  };
}

function printRows(rows: TapLoadRow[]) {
  console.log(
    table(
      ['tap while …', 'work s', 'n', 'p50', 'p95', 'p99', 'max', 'before max', 'after max', 'stall', 'failed', 'target'],
      rows.map((r) => [
        r.work,
        r.workSeconds.toFixed(1),
        r.taps.n,
        ms(r.taps.p50),
        ms(r.taps.p95),
        ms(r.taps.p99),
        ms(r.taps.max),
        ms(r.before.max),
        ms(r.after.max),
        ms(r.longestStallMs),
        r.failedTaps,
        r.targetMet ? 'met' : 'MISSED',
      ]),
    ),
  );
  for (const r of rows) console.log(`  ${r.work}: ${r.detail}`);
}

/** Part 5: both rows, printed; its share of the JSON (`tapUnderLoad`). */
export async function benchTapUnderLoad(dir: string): Promise<Record<string, unknown>> {
  console.log(
    `5. tap latency (ms, from when each tap was due) at one tap every ${TAP_EVERY_MS} ms while long work runs in the app process; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
  const dataset = await ensureDataset(false, (s) => console.log(s));
  const file = join(dir, 'tap-load.sqlite');
  copyFileSync(dataset.file, file);
  if (existsSync(`${dataset.file}-wal`)) copyFileSync(`${dataset.file}-wal`, `${file}-wal`);
  const core = await openCore({ file });
  const rows: TapLoadRow[] = [];
  try {
    const row = (work: string, r: Omit<TapLoadRow, 'work' | 'targetMet'>): TapLoadRow => ({
      work,
      ...r,
      taps: roundStats(r.taps),
      before: roundStats(r.before),
      after: roundStats(r.after),
      targetMet: r.failedTaps === 0 && r.taps.p99 <= TARGET_TAP_P99_MS,
    });
    rows.push(
      row(
        `backupNow (${dataset.contacts.toLocaleString('en')} contacts)`,
        await tapsDuring(core, async () => {
          const backup = await core.handlers.backupNow({});
          return `backup ${backup.name} (${(backup.size / 1e6).toFixed(0)} MB) written${backup.verified ? ' and verified' : ', NOT verified'}`;
        }),
      ),
    );
    const input = { fileName: 'bench-import.csv', contentBase64: importFile(IMPORT_ROWS).toString('base64'), mapping: [] };
    rows.push(
      row(
        `commitImport (${IMPORT_ROWS.toLocaleString('en')} rows)`,
        await tapsDuring(core, async () => {
          const result = await core.handlers.commitImport(input);
          return `imported ${result.contacts.toLocaleString('en')} contacts (${result.range.from} … ${result.range.to}) into the ${dataset.contacts.toLocaleString('en')}-contact file`;
        }),
      ),
    );
  } finally {
    await core.close();
  }
  printRows(rows);
  console.log(`target: p99 ≤ ${TARGET_TAP_P99_MS} ms in both rows: ${rows.every((r) => r.targetMet) ? 'met' : 'MISSED'}`);
  console.log();
  return { tapEveryMs: TAP_EVERY_MS, targetP99Ms: TARGET_TAP_P99_MS, rows };
}
