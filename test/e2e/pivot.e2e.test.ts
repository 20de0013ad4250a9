import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pivot } from '../../core/analysis/pivot-types';
import type { Client } from '../../core/api/contract';
import type { AppProcess } from '../support/app-process';
import { readWorkbook, sheetValues } from '../exports/xlsx-read';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';
import { seriousAxeViolations } from './support/axe';

/**
 * The pivot tab in real Chromium against browser mode with demo history: topic × language for a
 * whole year, checked cell by cell against `getPivot`, and its XLSX export read back with exceljs.
 * Screenshots go to SHOTS_DIR (default /tmp/shots16) for a look by eye.
 */
const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/shots16';

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
/** A whole year of demo history: the last calendar year. */
let year: { from: string; to: string };

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('pivot', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  const last = new Date().getUTCFullYear() - 1;
  year = { from: `${last}-01-01`, to: `${last}-12-31` };
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

async function openPage(hash: string, viewport = { width: 1366, height: 768 }, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await unlockedContext(browser, session, { viewport, acceptDownloads: true, bypassCSP: options.bypassCSP ?? false });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(app.url + hash);
  return page;
}

const de = new Intl.NumberFormat('de');
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The table as text, row by row: header, body rows, totals row. */
const tableTexts = (page: Page) =>
  page.getByTestId('pivot-table').evaluate((table) => [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));

/** What the table must show for a pivot: the same rows, columns, cells and totals, numbers in German. */
const expectedTexts = (p: Pivot) => [
  ['Thema \\ Sprache', ...p.columns.map((c) => c.label.de), 'Summe'],
  ...p.rows.map((r, i) => [r.label.de + (r.retired ? ' (nicht mehr aktiv)' : ''), ...p.cells[i]!.map((n) => de.format(n)), de.format(p.rowTotals[i]!)]),
  ['Summe', ...p.columnTotals.map((n) => de.format(n)), de.format(p.total)],
];

describe('the pivot tab', () => {
  it('puts topics against languages for a year, as getPivot counts them; the XLSX export holds the same cells', async () => {
    const page = await openPage('#/reports');
    await page.getByTestId('reports-tab-pivot').click();
    await page.getByTestId('pivot-tab').waitFor();
    await page.getByTestId('period-from').fill(year.from);
    await page.getByTestId('period-to').fill(year.to);
    await page.getByTestId('period-apply').click();
    await page.getByTestId('pivot-rows').selectOption('topic');
    await page.getByTestId('pivot-columns').selectOption('language');
    // The same dimension twice is not offered.
    expect(await page.getByTestId('pivot-columns').locator('option[value="topic"]').count()).toBe(0);
    expect(await page.getByTestId('pivot-rows').locator('option[value="language"]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/reports/pivot?from=${year.from}&to=${year.to}&rows=topic&cols=language`);

    const pivot = await api.getPivot({ ...year, rows: 'topic', columns: 'language', filters: [] });
    expect(pivot.total).toBeGreaterThan(1000);
    expect(pivot.columns.length).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('pivot-total').textContent(), { timeout: 30_000 }).toBe(de.format(pivot.total));
    expect(await tableTexts(page)).toEqual(expectedTexts(pivot));
    expect(squash(await page.getByTestId('pivot-multi-valued').textContent())).toBe(
      'Ein Kontakt mit mehreren Themen zählt in mehreren Zeilen; die Summen zählen jeden Kontakt einmal.',
    );
    // The chart is drawn, with a size.
    const chartArea = await page
      .getByTestId('pivot-body')
      .locator('canvas')
      .evaluate((c) => c.getBoundingClientRect().width * c.getBoundingClientRect().height);
    expect(chartArea).toBeGreaterThan(50_000);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pivot-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = await readWorkbook(readFileSync((await download.path())!));
    const rows = sheetValues(workbook.worksheets[0]!);
    const headerAt = rows.findIndex((r) => r[0] === 'Thema \\ Sprache');
    expect(headerAt).toBeGreaterThan(0);
    const table = rows.slice(headerAt, headerAt + pivot.rows.length + 2);
    expect(table[0]).toEqual(['Thema \\ Sprache', ...pivot.columns.map((c) => c.label.de + (c.retired ? ' (archiviert)' : '')), 'Summe']);
    pivot.rows.forEach((r, i) => {
      expect(table[i + 1]).toEqual([r.label.de + (r.retired ? ' (archiviert)' : ''), ...pivot.cells[i]!, pivot.rowTotals[i]]);
    });
    expect(table.at(-1)).toEqual(['Summe', ...pivot.columnTotals, pivot.total]);
    await expect.poll(() => page.getByTestId('export-pivot-xlsx').isEnabled()).toBe(true);
    expect(await page.getByTestId('pivot-export-error').count()).toBe(0);

    // Drill-down: the name of the Ukrainian column adds it to the filter (a new history entry); back returns.
    const uk = pivot.columns.findIndex((c) => c.key === 'uk');
    expect(uk).toBeGreaterThanOrEqual(0);
    await page.getByTestId('pivot-drill-language-uk').click();
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('f'))).toBe('language:uk');
    const filtered = await api.getPivot({ ...year, rows: 'topic', columns: 'language', filters: [{ dimension: 'language', values: ['uk'], exclude: false }] });
    expect(filtered.total).toBe(pivot.columnTotals[uk]);
    await expect.poll(() => page.getByTestId('pivot-total').textContent(), { timeout: 30_000 }).toBe(de.format(filtered.total));
    expect(await tableTexts(page)).toEqual(expectedTexts(filtered));
    await page.goBack();
    await expect.poll(() => page.getByTestId('pivot-total').textContent(), { timeout: 30_000 }).toBe(de.format(pivot.total));
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('scrolls by keyboard inside its box, with the header row and first column kept in view', async () => {
    const page = await openPage(`#/reports/pivot?from=${year.from}&to=${year.to}&rows=week&cols=topic`);
    await expect.poll(() => page.getByTestId('pivot-total').textContent(), { timeout: 60_000 }).toMatch(/\d/);
    const box = page.getByTestId('pivot-scroll');
    expect(await box.getAttribute('aria-label')).toBe('Pivot-Tabelle Kalenderwoche × Thema, mit den Pfeiltasten scrollbar');
    await box.focus();
    const tops = () =>
      page.evaluate(() => ({
        box: document.querySelector('[data-testid="pivot-scroll"]')!.getBoundingClientRect().top,
        header: document.querySelector('.pivot-table thead th')!.getBoundingClientRect().top,
        firstRow: document.querySelector('.pivot-table tbody tr')!.getBoundingClientRect().top,
      }));
    const before = await tops();
    expect(before.header).toBeGreaterThan(before.box);
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    await expect.poll(() => box.evaluate((b) => b.scrollTop)).toBeGreaterThan(100);
    // Sticky: the first rows went up out of the box, the header row stays at its top edge.
    const after = await tops();
    expect(after.firstRow).toBeLessThan(after.box);
    expect(Math.abs(after.header - after.box)).toBeLessThan(2);
    await page.context().close();
  }, 120_000);

  it('in publication by suppression offers no pivot and says why', async () => {
    const page = await openPage(`#/reports/pivot?from=${year.from}&to=${year.to}&pub=1&pm=suppression`);
    expect(squash(await page.getByTestId('pivot-publication-off').textContent())).toMatch(/^Bei der Unterdrückung kleiner Zahlen gibt es keine Pivot-Tabelle/);
    expect(await page.getByTestId('pivot-table').count()).toBe(0);
    expect(await page.getByTestId('export-pivot-xlsx').count()).toBe(0);
    await page.context().close();
  });

  it('axe-core finds no serious or critical violations; screenshots at 1366×768 and 768×1024', async () => {
    for (const [name, viewport] of [
      ['pivot-1366x768', { width: 1366, height: 768 }],
      ['pivot-768x1024', { width: 768, height: 1024 }],
    ] as const) {
      const page = await openPage(`#/reports/pivot?from=${year.from}&to=${year.to}&rows=topic&cols=language`, viewport, { bypassCSP: true });
      await expect.poll(() => page.getByTestId('pivot-total').textContent(), { timeout: 30_000 }).toMatch(/\d/);
      // Wait for chart.js' entry animation to end before the picture.
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${SHOTS_DIR}/${name}.png` });
      await page.screenshot({ path: `${SHOTS_DIR}/${name}-full.png`, fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().close();
    }
  }, 90_000);
});
