import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { Report } from '../../core/reports/report-types';
import { byCountDesc, visibleRows } from '../../renderer/reports/chart-configs';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { seriousAxeViolations } from './support/desk-page';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
/** Screenshots of the filter bar and its picker, looked at by hand (issue 16). */
const shotsDir = process.env.KONTAKTDESK_SHOTS_DIR ?? join(projectRoot, 'test-results', 'report-filters');

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let lastMonth: { from: string; to: string };

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('report-filters', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  const { settings } = await api.getCatalog({});
  lastMonth = quickPeriod('lastMonth', todayIn(settings.timeZone), settings.openingDate);
  mkdirSync(shotsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

const de = new Intl.NumberFormat('de');
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function openPage(hash: string, options: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await unlockedContext(browser, session, { bypassCSP: options.bypassCSP ?? false, ...(options.viewport && { viewport: options.viewport }) });
  await context.addInitScript(() => {
    localStorage.setItem('kontaktdesk.uiLanguage', 'de');
    // Count print requests instead of opening a dialog.
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => {
      (window as unknown as { printCalls: number }).printCalls++;
    };
  });
  const page = await context.newPage();
  await page.goto(app.url + hash);
  return page;
}

const hashOf = (page: Page) => page.evaluate(() => location.hash);
/** The report shown and no longer loading, with its total as the page writes it. */
async function shownTotal(page: Page): Promise<string> {
  await page
    .locator('[data-testid="report"]')
    .waitFor()
    .catch(async (err: Error) => {
      // Say what the page shows instead (an error, the PIN form) rather than only that the report never came.
      throw new Error(`${err.message}\n${squash(await page.locator('body').innerText())}`.slice(0, 2000));
    });
  await expect.poll(() => page.locator('.stale').count()).toBe(0);
  return (await page.getByTestId('report-total').textContent()) ?? '';
}

/**
 * The centres of a horizontal bar chart's bars, top to bottom, in CSS pixels of the canvas: found in the
 * canvas's own pixels (the contacts blue), since chart.js keeps its geometry to itself. Polled until two
 * reads agree, so the grow-in animation is over.
 */
async function barCentres(page: Page, section: string): Promise<{ x: number; y: number }[]> {
  const read = () =>
    page
      .getByTestId(`section-${section}`)
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const { width, height } = canvas;
        const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        const blue = (x: number, y: number) => {
          const i = (y * width + x) * 4;
          return Math.abs(data[i]! - 29) < 8 && Math.abs(data[i + 1]! - 95) < 8 && Math.abs(data[i + 2]! - 138) < 8 && data[i + 3]! > 200;
        };
        const bars: { top: number; bottom: number; left: number; right: number }[] = [];
        let bar: (typeof bars)[number] | null = null;
        for (let y = 0; y < height; y++) {
          let left = -1;
          let right = -1;
          for (let x = 0; x < width; x++) {
            if (!blue(x, y)) continue;
            if (left < 0) left = x;
            right = x;
          }
          if (left >= 0 && bar) Object.assign(bar, { bottom: y, left: Math.min(bar.left, left), right: Math.max(bar.right, right) });
          else if (left >= 0) bar = { top: y, bottom: y, left, right };
          else if (bar) {
            bars.push(bar);
            bar = null;
          }
        }
        const box = canvas.getBoundingClientRect();
        const sx = box.width / width;
        const sy = box.height / height;
        return bars
          .filter((b) => b.bottom - b.top >= 3)
          .map((b) => ({ x: Math.round(((b.left + b.right) / 2) * sx), y: Math.round(((b.top + b.bottom) / 2) * sy) }));
      });
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await read());
      const same = now === last && now !== '[]';
      last = now;
      return same;
    })
    .toBe(true);
  return JSON.parse(last) as { x: number; y: number }[];
}

const languageFilter = (code: string): ReportFilters => [{ dimension: 'language', values: [code], exclude: false }];

describe('report filters and drill-down in real Chromium (demo history)', () => {
  it('a click on a bar of the language chart filters by it: the address, the chip and the filtered total; reload keeps it, back removes it', async () => {
    const whole: Report = await api.getReport({ ...lastMonth, publication: false });
    // The chart's bars in its order (largest first); a language without contacts has no bar.
    const rows = byCountDesc(visibleRows(whole.byLanguage)).filter((r) => (r.n ?? 0) > 0);
    expect(rows.length).toBeGreaterThan(1);
    const index = Math.max(
      0,
      rows.findIndex((r) => r.key === 'uk'),
    );
    const code = String(rows[index]!.key);
    const filtered: Report = await api.getReport({ ...lastMonth, publication: false, filters: languageFilter(code) });
    // The core answers the filter: fewer contacts than the whole month, exactly that language's.
    expect(filtered.total).toBe(rows[index]!.n);
    expect(filtered.total!).toBeLessThan(whole.total!);

    const page = await openPage('#/reports?period=lastMonth');
    expect(await shownTotal(page)).toBe(de.format(whole.total!));
    expect(await page.getByTestId('filter-none').isVisible()).toBe(true);
    const bars = await barCentres(page, 'languages');
    expect(bars).toHaveLength(rows.length);
    await page.getByTestId('section-languages').locator('canvas').click({ position: bars[index]! });

    await expect.poll(() => hashOf(page)).toBe(`#/reports?period=lastMonth&f=language:${code}`);
    await expect.poll(() => page.getByTestId(`filter-chip-language-${code}`).textContent()).toBe(`${rows[index]!.label.de}×`);
    await expect.poll(() => shownTotal(page)).toBe(de.format(filtered.total!));
    expect(await page.getByTestId('report-filter-line').textContent()).toBe(`Filter: Sprache = ${rows[index]!.label.de}`);

    await page.reload();
    expect(await hashOf(page)).toBe(`#/reports?period=lastMonth&f=language:${code}`);
    await expect.poll(() => shownTotal(page)).toBe(de.format(filtered.total!));
    expect(await page.getByTestId(`filter-chip-language-${code}`).isVisible()).toBe(true);

    await page.goBack();
    await expect.poll(() => hashOf(page)).toBe('#/reports?period=lastMonth');
    await expect.poll(() => shownTotal(page)).toBe(de.format(whole.total!));
    expect(await page.getByTestId('filter-none').isVisible()).toBe(true);
    expect(await page.getByTestId('report-filter-line').count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('by keyboard: a table row name adds its value, the picker adds another and Escape returns the focus; a chip goes with Enter; axe-clean; screenshots', async () => {
    const page = await openPage('#/reports?period=lastMonth', { bypassCSP: true });
    await shownTotal(page);
    // A row name in the channels table is a button: Enter adds the channel.
    await page.getByTestId('table-channels-drill-phone').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => hashOf(page)).toBe('#/reports?period=lastMonth&f=channel:phone');
    await expect.poll(() => page.getByTestId('filter-chip-channel-phone').isVisible()).toBe(true);
    // Now filtered: the phone row is plain text, the others still offer themselves.
    await expect.poll(() => page.getByTestId('table-channels-drill-phone').count()).toBe(0);
    expect(await page.getByTestId('table-channels-drill-email').count()).toBe(1);

    // The picker: opened with Enter, closed with Escape, the focus back on "Filter hinzufügen".
    await page.getByTestId('filter-add').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('filter-picker').waitFor();
    // Polled: the focus moves in and back out as the dialog opens and closes, a moment after the key (a busy machine).
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('dialog')?.dataset.testid)).toBe('filter-picker');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('filter-picker').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('filter-add');
    expect(await hashOf(page)).toBe('#/reports?period=lastMonth&f=channel:phone');

    // Again, and this time a language, ticked with Space and applied with Enter.
    await page.keyboard.press('Enter');
    await page.getByTestId('filter-dimension').selectOption('language');
    await page.getByTestId('filter-value-uk').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('filter-value-uk').isChecked()).toBe(true);
    expect(await seriousAxeViolations(page, AXE)).toEqual([]);
    await page.screenshot({ path: join(shotsDir, 'filter-picker-1366x768.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => hashOf(page)).toBe('#/reports?period=lastMonth&f=channel:phone;language:uk');
    const both: Report = await api.getReport({
      ...lastMonth,
      publication: false,
      filters: [
        { dimension: 'channel', values: ['phone'], exclude: false },
        { dimension: 'language', values: ['uk'], exclude: false },
      ],
    });
    await expect.poll(() => shownTotal(page)).toBe(de.format(both.total!));
    expect(await page.getByTestId('report-filter-line').textContent()).toBe('Filter: Kanal = Telefon; Sprache = Ukrainisch');
    expect(await seriousAxeViolations(page, AXE)).toEqual([]);
    await page.screenshot({ path: join(shotsDir, 'report-two-filters-1366x768.png') });

    // On a phone: no sideways scrolling, with the filter bar and with the picker open.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('filter-bar').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="filter-bar"]')!.getBoundingClientRect().top + window.scrollY - 8));
    // Polled: the charts lay themselves out again after the resize, a moment later on a busy machine.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(shotsDir, 'report-two-filters-390x844.png') });
    await page.getByTestId('filter-add').click();
    await page.getByTestId('filter-dimension').selectOption('topic');
    await page.screenshot({ path: join(shotsDir, 'filter-picker-390x844.png') });
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1366, height: 768 });

    // A chip goes with Enter; the focus moves to the chip now in its place.
    await page.getByTestId('filter-chip-channel-phone').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => hashOf(page)).toBe('#/reports?period=lastMonth&f=language:uk');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('filter-chip-language-uk');
    await page.context().close();
  }, 120_000);

  it('print and exports carry the filter: the print address, the filter line on paper, the exported file', async () => {
    const page = await openPage('#/reports?period=lastMonth&f=language:uk');
    await shownTotal(page);
    const filtered: Report = await api.getReport({ ...lastMonth, publication: false, filters: languageFilter('uk') });

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report-csv').click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text).toContain('Sprache = Ukrainisch');
    await expect.poll(() => page.getByTestId('export-report-csv').isEnabled()).toBe(true);

    await page.getByTestId('print').click();
    await expect.poll(() => hashOf(page)).toBe(`#/print?from=${lastMonth.from}&to=${lastMonth.to}&f=language:uk`);
    await page.locator('[data-print-ready="true"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('report-filter-line').textContent()).toBe('Filter: Sprache = Ukrainisch');
    expect(await page.getByTestId('report-total').textContent()).toBe(de.format(filtered.total!));
    // Paper has no drill-down buttons.
    expect(await page.locator('button.drill').count()).toBe(0);
    const pdfFile = join(shotsDir, 'report-filtered.pdf');
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
    const pdftotext = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(pdftotext.status).toBe(0);
    expect(squash(pdftotext.stdout)).toContain('Filter: Sprache = Ukrainisch');

    // Back to the screen, filter and all.
    await page.getByTestId('print-back').click();
    await expect.poll(() => hashOf(page)).toBe(`#/reports?from=${lastMonth.from}&to=${lastMonth.to}&f=language:uk`);
    await page.context().close();
  }, 90_000);

  it('in publication by suppression the filter is not applied and not offered, and one sentence says why', async () => {
    const page = await openPage('#/reports?period=lastMonth&pub=1&pm=suppression&f=language:uk');
    const published: Report = await api.getReport({ ...lastMonth, publication: true, publicationMethod: 'suppression' });
    expect(await shownTotal(page)).toBe(published.total === null ? '·' : de.format(published.total));
    expect(await page.getByTestId('filter-publication').textContent()).toContain('Unterdrückung kleiner Zahlen');
    expect(await page.getByTestId('filter-add').count()).toBe(0);
    expect(await page.locator('button.drill').count()).toBe(0);
    expect(await page.getByTestId('report-error').count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
