import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import { quickPeriod, todayIn, type Period } from '../../renderer/reports/period';
import type { AppProcess } from '../support/app-process';
import { startE2e, stopE2e } from './support/e2e-app';
import { managementSession, unlockedContext } from './support/management';

/**
 * The page for the town's website (issue 17, "A page for the town's website"): the HTML file of a
 * published report, opened from a file in real Chromium. It loads nothing (no request but the file
 * itself), runs no script of its own, and axe-core finds no violation at all (WCAG 2.1 AA and best
 * practice, every impact). Screenshots at desk and phone size stay in /tmp/shots17/ to look at.
 * Also the "Veröffentlichen" button of the reports screen, and the raw exports it disables in publication mode.
 */

const require = createRequire(import.meta.url);
const shotsDir = '/tmp/shots17';

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let pagesDir: string;
const periods: Record<string, Period> = {};

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('publication-page', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  const { settings } = await api.getCatalog({});
  const today = todayIn(settings.timeZone);
  // A daily series (last month), a weekly one (this year) and a monthly one (since the opening).
  for (const kind of ['lastMonth', 'thisYear', 'sinceOpening'] as const) periods[kind] = quickPeriod(kind, today, settings.openingDate);
  pagesDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-publication-page-'));
  mkdirSync(shotsDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await stopE2e({ dataDir, app, browser });
  if (pagesDir) rmSync(pagesDir, { recursive: true, force: true });
});

interface AxeViolation {
  id: string;
  impact: string;
  nodes: string[];
}

/** Every axe-core violation on the page, whatever its impact. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

/** Opens a page file from disk, counting every request the page makes. */
async function openFile(file: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'de-AT', javaScriptEnabled: true });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return { page, requests, errors };
}

const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '390x844', width: 390, height: 844 },
] as const;

describe('the published page, opened from a file', { timeout: 90_000 }, () => {
  it.each(['lastMonth', 'thisYear', 'sinceOpening'])('%s: loads nothing, has no script, and axe-core finds no violation at all', async (kind) => {
    const period = periods[kind]!;
    const file = await api.exportReport({ period: { ...period, publication: true }, format: 'report-html' });
    const html = Buffer.from(file.base64, 'base64').toString('utf8');
    const path = join(pagesDir, file.fileName);
    writeFileSync(path, html);
    expect(html).toContain(PUBLICATION_NOTES.cellKey.de);
    for (const size of SIZES) {
      const { page, requests, errors } = await openFile(path, size);
      // The file itself, nothing else: no font, image, style sheet or anything else from anywhere.
      expect(requests).toEqual([pathToFileURL(path).href]);
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      // Every chart is drawn with a size and has its table right after it.
      const charts = await page.locator('svg[role="img"]').evaluateAll((svgs) =>
        svgs.map((s) => ({
          width: s.getBoundingClientRect().width,
          height: s.getBoundingClientRect().height,
          table: (s.nextElementSibling?.matches('table') ? s.nextElementSibling : s.nextElementSibling?.querySelector('table')) !== null,
        })),
      );
      expect(charts.length).toBe(14);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.height).toBeGreaterThan(20);
        expect(chart.table).toBe(true);
      }
      // Nothing wider than the window: no sideways scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      expect(await axeViolations(page)).toEqual([]);
      const shot = join(shotsDir, `${kind}-${size.name}.png`);
      await page.screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      // The whole page too, to look at every chart beside its table.
      await page.screenshot({ path: join(shotsDir, `${kind}-${size.name}-full.png`), fullPage: true });
      await page.context().close();
    }
  });
});

describe('"Veröffentlichen" on the reports screen', { timeout: 90_000 }, () => {
  it('downloads the publication-mode page of the report shown; in publication mode the raw exports are disabled with the reason', async () => {
    const context = await unlockedContext(browser, session);
    const page = await context.newPage();
    await page.goto(`${app.url}#/reports`);
    await page.getByTestId('period-lastMonth').click();
    await expect.poll(() => page.getByTestId('report-total').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('export-raw-csv').isEnabled()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report-html').click()]);
    expect(download.suggestedFilename()).toMatch(/^kontaktdesk-bericht-.*-veroeffentlichung\.html$/);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toContain(PUBLICATION_NOTES.cellKey.en);
    const published = await api.getReport({ ...periods.lastMonth!, publication: true });
    expect(html).toContain(`<dt>Kontakte im Zeitraum</dt><dd class="value">${new Intl.NumberFormat('de-DE').format(published.total!)}</dd>`);

    await page.getByTestId('publication-switch').click();
    await expect.poll(() => page.getByTestId('export-raw-csv').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-raw-xlsx').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-raw-refused').textContent()).toContain('Veröffentlichungsmodus');
    expect(await page.getByTestId('export-report-html').isEnabled()).toBe(true);
    await context.close();
  });
});
