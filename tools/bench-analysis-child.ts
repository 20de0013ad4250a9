/**
 * The app side of the analysis bench in a process of its own (tools/bench-analysis.ts starts it), so that neither
 * DuckDB nor the parent's warm caches are in its figures:
 *  1. the desk after a start: openCore on a copy of the 1M file until a tap (`handlers.logContact`) has been
 *     stored and `listDay` answers with it (target ≤ 1 s);
 *  2. taps at a steady rate (one every TAP_EVERY_MS, timed from when each was due, as part 5 of the bench does)
 *     while the first filtered report after the start runs, which waits for the analysis structures the core
 *     builds after opening; then the same taps once it has answered, the quiet baseline;
 *  3. every report and pivot of the analysis rows, once each, through the core alone; then the process's resident
 *     memory (`process.memoryUsage().rss`; target ≤ 300 MB).
 * Prints one line `ANALYSIS_CHILD {json}`. Usage: node --import tsx tools/bench-analysis-child.ts <copy.sqlite>
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openCore, type Core } from '../core/open-core';
import { analysisCases, PLAIN_REPORT } from './bench-analysis-cases';
import { round3, roundStats, stats } from './bench-common';
import { NOW } from './bench-reports-site';
import { TAP_EVERY_MS } from './bench-tap-under-load';

/** Taps after the first filtered report has answered: the desk with the structures built. */
const QUIET_TAPS = 40;
const megabytes = () => Math.round(process.memoryUsage().rss / 1e5) / 10;

async function tapInput(core: Core) {
  const { topics, languages } = await core.handlers.getCatalog({});
  const active = topics.filter((t) => !t.retired);
  const language = languages.find((l) => l.code === 'de')!.id;
  let i = 0;
  return () => ({
    requestId: randomUUID(),
    topicIds: [active[i++ % active.length]!.id],
    languageId: language,
    channel: 'in_person' as const,
    asker: 'citizen' as const,
  });
}

type TapInput = ReturnType<Awaited<ReturnType<typeof tapInput>>>;

/** Taps every TAP_EVERY_MS while `work` runs and QUIET_TAPS after; each timed from when it was due. */
async function tapsWhile(core: Core, next: () => TapInput, work: Promise<unknown>) {
  const taps: { due: number; ms: number; during: boolean }[] = [];
  let failed = 0;
  const state = { done: false, doneAt: Infinity };
  const ended = () => {
    state.done = true;
    state.doneAt = performance.now();
  };
  work.then(ended, ended); // a failed report is reported by whoever awaits `work`
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  let after = 0;
  for (let i = 0; !state.done || after < QUIET_TAPS; i++) {
    const due = started + i * TAP_EVERY_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Behind schedule (a blocked thread), the loop sends overdue taps at once; they belong to the work, so only taps
    // due after it ended count as the quiet baseline.
    if (due > state.doneAt) after++;
    inflight.push(
      core.handlers.logContact({ ...next(), referralIds: [], count: 1 }).then(
        () => void taps.push({ due, ms: performance.now() - due, during: due <= state.doneAt }),
        () => void failed++,
      ),
    );
  }
  await Promise.all(inflight);
  const of = (during: boolean) => {
    const xs = taps.filter((t) => t.during === during).map((t) => t.ms);
    return xs.length ? roundStats(stats(xs)) : null;
  };
  return { during: of(true), after: of(false), failed };
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: bench-analysis-child.ts <copy of the 1M file>');
  const rssAtStart = megabytes();
  const t0 = performance.now();
  const core = await openCore({ file, now: () => NOW });
  const opened = performance.now();
  try {
    const next = await tapInput(core);
    const tap = await core.handlers.logContact({ ...next(), referralIds: [], count: 1 });
    const tapped = performance.now();
    const day = await core.handlers.listDay({});
    const listed = performance.now();
    const desk = {
      openMs: round3(opened - t0),
      tapMs: round3(tapped - opened),
      listDayMs: round3(listed - tapped),
      readyMs: round3(listed - t0),
      todayCount: tap.todayCount,
      listDayCount: day.count,
      listDayHoldsTap: day.contacts.some((c) => c.id === tap.contact.id),
    };
    const rssAfterOpen = megabytes();

    // The first filtered question after the start: it waits for whatever the core builds for analysis.
    const catalog = await core.handlers.getCatalog({});
    const cases = analysisCases(catalog);
    const firstRun = cases.find((c) => c.id === 'sinceOpeningFiltered')!.runs[0]!;
    const firstStarted = performance.now();
    let firstMs = 0;
    const first = core.handlers
      .getReport({ from: firstRun.from, to: firstRun.to, ...PLAIN_REPORT, filters: firstRun.filters })
      .then(() => void (firstMs = performance.now() - firstStarted));
    const taps = await tapsWhile(core, next, first);
    await first;
    const rssAfterBuild = megabytes();

    const failures: string[] = [];
    for (const c of cases) {
      for (const run of c.runs) {
        try {
          if (run.pivot) await core.handlers.getPivot({ from: run.from, to: run.to, ...run.pivot, filters: run.filters, publication: false });
          else await core.handlers.getReport({ from: run.from, to: run.to, ...PLAIN_REPORT, filters: run.filters });
        } catch (err) {
          failures.push(`${c.id}: ${(err as Error).message}`);
          break;
        }
      }
    }
    const rssAfterCases = megabytes();
    // What stays once the garbage of the last questions is collected (the app idles between questions).
    global.gc?.();
    const rssSettled = megabytes();
    const result = {
      desk,
      firstFilteredReportMs: round3(firstMs),
      tapEveryMs: TAP_EVERY_MS,
      tapsWhileBuilding: taps.during,
      tapsAfter: taps.after,
      failedTaps: taps.failed,
      rssMB: { atStart: rssAtStart, afterOpen: rssAfterOpen, afterFirstFiltered: rssAfterBuild, afterAllCases: rssAfterCases, afterCollection: rssSettled },
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
      // Typed arrays (the column store, tallies, scratch masks) live outside the heap.
      arrayBuffersMB: Math.round(process.memoryUsage().arrayBuffers / 1e5) / 10,
      caseFailures: failures,
    };
    console.log(`ANALYSIS_CHILD ${JSON.stringify(result)}`);
  } finally {
    await core.close();
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
