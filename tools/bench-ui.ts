/**
 * Part 3 of `npm run bench`: click → persisted → counter updated in headless Chromium against the real
 * app in browser mode, timed inside the page (see tools/bench.ts for the output).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startAppProcess } from '../test/support/app-process';
import { round3, stats, type Stats, countedContactsIn } from './bench-common';
import { launchChromium } from './chromium';

export const UI_WARMUP = 10;
export const UI_CLICKS = 200;
export const TARGET_UI_P95_MS = 50;

export interface UiResult {
  clicks: Stats;
  /** Part of each click spent in the HTTP exchange, and the rest (page: handler, JSON, React render). */
  http: Stats | null;
  page: Stats | null;
  /** 1-minute load average of the machine around the measured clicks: the browser, the app and this script share the cores. */
  loadavg1: { before: number; after: number };
  /** p50 of the first and the last 50 measured clicks: shows whether a click gets slower as today's list grows. */
  trend: { first50P50: number; last50P50: number };
  warmup: number;
  measured: number;
  dbNonVoided: number;
  expected: number;
  ok: boolean;
}

export async function benchUi(dir: string): Promise<UiResult> {
  const dataDir = join(dir, 'app-data');
  const app = await startAppProcess({ dataDir });
  const browser = await launchChromium().catch(async (err) => {
    await app.stop();
    throw err;
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(app.url);
    // The number from its attribute: the text has thousands separators ("1.234").
    await page.waitForFunction(() => /^\d+$/.test((document.querySelector('[data-testid="today-count"]') as HTMLElement | null)?.dataset.count ?? ''));
    const topicIds = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid^="topic-"]')].map((b) => b.dataset.testid!));
    if (topicIds.length === 0) throw new Error('no topic buttons on the desk screen');

    /**
     * One tap, timed in the page: t0 right before element.click(), t1 when a MutationObserver on the
     * counter sees the new number (React commits it only after the server answered, i.e. after COMMIT).
     * Resource Timing of the logContact request splits t1 − t0 into the HTTP exchange (fetch start to
     * response end: network, server, core, fsync) and the page's own share (click handler, JSON, React).
     */
    const tap = (testId: string) =>
      page.evaluate(
        (id) =>
          new Promise<{ total: number; http: number }>((resolve, reject) => {
            const counter = document.querySelector<HTMLElement>('[data-testid="today-count"]')!;
            const button = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
            const expected = String(Number(counter.dataset.count) + 1);
            performance.clearResourceTimings();
            let t0 = 0;
            const timer = setTimeout(() => {
              observer.disconnect();
              reject(new Error(`counter stayed at ${counter.dataset.count}, expected ${expected}`));
            }, 10_000);
            const observer = new MutationObserver(() => {
              if (counter.dataset.count === expected) {
                const t1 = performance.now();
                observer.disconnect();
                clearTimeout(timer);
                const request = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/logContact')) as
                  | PerformanceResourceTiming
                  | undefined;
                resolve({ total: t1 - t0, http: request ? request.responseEnd - request.startTime : Number.NaN });
              }
            });
            observer.observe(counter, { attributes: true, attributeFilter: ['data-count'] });
            t0 = performance.now();
            button.click();
          }),
        testId,
      );

    for (let i = 0; i < UI_WARMUP; i++) await tap(topicIds[i % topicIds.length]!);
    const loadBefore = loadavg()[0]!;
    const samples: { total: number; http: number }[] = [];
    for (let i = 0; i < UI_CLICKS; i++) samples.push(await tap(topicIds[(UI_WARMUP + i) % topicIds.length]!));
    const loadAfter = loadavg()[0]!;
    await context.close();

    // The counter shows the server's answer, so every tap is committed; the file must agree.
    const dbNonVoided = countedContactsIn(app.dataFile);
    const expected = UI_WARMUP + UI_CLICKS;
    const http = samples.map((x) => x.http).filter((x) => !Number.isNaN(x));
    return {
      clicks: stats(samples.map((x) => x.total)),
      http: http.length > 0 ? stats(http) : null,
      page: http.length > 0 ? stats(samples.filter((x) => !Number.isNaN(x.http)).map((x) => x.total - x.http)) : null,
      loadavg1: { before: loadBefore, after: loadAfter },
      trend: {
        first50P50: round3(stats(samples.slice(0, 50).map((x) => x.total)).p50),
        last50P50: round3(stats(samples.slice(-50).map((x) => x.total)).p50),
      },
      warmup: UI_WARMUP,
      measured: UI_CLICKS,
      dbNonVoided,
      expected,
      ok: dbNonVoided === expected,
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}
