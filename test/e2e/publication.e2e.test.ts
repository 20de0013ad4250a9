import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { Pivot } from '../../core/analysis/pivot-types';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import type { Report } from '../../core/reports/report-types';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import type { AppProcess } from '../support/app-process';
import { seriousAxeViolations } from './support/desk-page';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

/**
 * Publication mode on the report screen in real Chromium (issue 17), demo history: the method chooser
 * with the cell-key method chosen, a filter in publication mode, the note sentence, suppression refusing
 * the filter, and the pivot published by the cell-key method; every figure as getReport / getPivot
 * answer it (the screen computes none). Screenshots for a look by eye go to KONTAKTDESK_SHOTS_DIR
 * (default /tmp/shots17).
 */

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const shotsDir = process.env.KONTAKTDESK_SHOTS_DIR ?? '/tmp/shots17';

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let lastMonth: { from: string; to: string };

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('publication', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  const { settings } = await api.getCatalog({});
  lastMonth = quickPeriod('lastMonth', todayIn(settings.timeZone), settings.openingDate);
  mkdirSync(shotsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

const de = new Intl.NumberFormat('de');
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const UKRAINIAN = [{ dimension: 'language' as const, values: ['uk'], exclude: false }];

async function openPage(hash: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await unlockedContext(browser, session, { bypassCSP: true, viewport });
  await context.addInitScript(() => {
    localStorage.setItem('kontaktdesk.uiLanguage', 'de');
    window.print = () => undefined;
  });
  const page = await context.newPage();
  await page.goto(app.url + hash);
  return page;
}

const hashOf = (page: Page) => page.evaluate(() => location.hash);
const shown = (n: number | null) => (n === null ? '·' : de.format(n));

/** The report shown and no longer loading, with its total as the page writes it. */
async function shownTotal(page: Page): Promise<string> {
  await page
    .locator('[data-testid="report"]')
    .waitFor()
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\n${squash(await page.locator('body').innerText())}`.slice(0, 2000));
    });
  await expect.poll(() => page.locator('.stale').count()).toBe(0);
  return (await page.getByTestId('report-total').textContent()) ?? '';
}

const checked = (page: Page, method: string) => page.getByTestId(`publication-method-${method}`).isChecked();

/** The pivot table as text, row by row: header, body rows, totals row. */
const tableTexts = (page: Page) =>
  page.getByTestId('pivot-table').evaluate((table) => [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
const expectedTexts = (p: Pivot) => [
  ['Thema \\ Sprache', ...p.columns.map((c) => c.label.de), 'Summe'],
  ...p.rows.map((r, i) => [r.label.de + (r.retired ? ' (nicht mehr aktiv)' : ''), ...p.cells[i]!.map((n) => de.format(n)), de.format(p.rowTotals[i]!)]),
  ['Summe', ...p.columnTotals.map((n) => de.format(n)), de.format(p.total)],
];

describe('publication mode on the report screen (demo history)', () => {
  it('offers the cell-key method first and chosen; a filter can be added; the totals are getReport’s; the note is on screen and on paper', async () => {
    const published: Report = await api.getReport({ ...lastMonth, publication: true, publicationMethod: 'cellKey' });
    const filtered: Report = await api.getReport({ ...lastMonth, publication: true, publicationMethod: 'cellKey', filters: UKRAINIAN });
    expect(filtered.publication).toMatchObject({ enabled: true, method: 'cellKey' });

    const page = await openPage('#/reports?period=lastMonth&pub=1');
    expect(await shownTotal(page)).toBe(shown(published.total));
    expect(await checked(page, 'cellKey')).toBe(true);
    expect(await checked(page, 'suppression')).toBe(false);
    expect(squash(await page.getByTestId('publication-method').textContent())).toContain('Zellschlüssel-Verfahren (empfohlen)');
    expect(await page.getByTestId('publication-note').textContent()).toBe(PUBLICATION_NOTES.cellKey.de);
    expect(await page.getByTestId('filter-publication').count()).toBe(0);

    // A filter by the picker, as outside publication mode.
    await page.getByTestId('filter-add').click();
    await page.getByTestId('filter-dimension').selectOption('language');
    await page.getByTestId('filter-value-uk').check();
    await page.keyboard.press('Enter');
    await expect.poll(() => hashOf(page)).toBe('#/reports?period=lastMonth&pub=1&f=language:uk');
    await expect.poll(() => shownTotal(page)).toBe(shown(filtered.total));
    expect(await page.getByTestId('filter-chip-language-uk').isVisible()).toBe(true);
    expect(await page.getByTestId('publication-note').isVisible()).toBe(true);
    expect(await page.getByTestId('table-topics-total').textContent()).toBe(shown(filtered.byTopic.contacts.total));

    // A reload keeps mode, method and filter.
    await page.reload();
    await expect.poll(() => shownTotal(page)).toBe(shown(filtered.total));
    expect(await checked(page, 'cellKey')).toBe(true);
    expect(await seriousAxeViolations(page, AXE)).toEqual([]);
    await page.screenshot({ path: `${shotsDir}/report-publication-1366x768.png` });
    await page.screenshot({ path: `${shotsDir}/report-publication-1366x768-full.png`, fullPage: true });
    await page.locator('.report-head').screenshot({ path: `${shotsDir}/report-publication-head-1366.png` });

    // On paper: the note under the period, the same words.
    await page.getByTestId('print').click();
    await page.getByTestId('print-view').waitFor();
    await expect.poll(() => hashOf(page)).toBe(`#/print?from=${lastMonth.from}&to=${lastMonth.to}&pub=1&f=language:uk`);
    await expect.poll(() => page.getByTestId('publication-note').textContent()).toBe(PUBLICATION_NOTES.cellKey.de);
    expect(await page.getByTestId('report-total').textContent()).toBe(shown(filtered.total));
    await page.context().close();
  }, 120_000);

  it('with suppression chosen the filter bar says why there are no filters, and the report is getReport’s by suppression', async () => {
    const suppressed: Report = await api.getReport({ ...lastMonth, publication: true, publicationMethod: 'suppression' });
    const page = await openPage('#/reports?period=lastMonth&pub=1&f=language:uk');
    await shownTotal(page);
    await page.getByTestId('publication-method-suppression').check();
    await expect.poll(() => hashOf(page)).toBe('#/reports?period=lastMonth&pub=1&pm=suppression&f=language:uk');
    await expect.poll(() => shownTotal(page)).toBe(shown(suppressed.total));
    expect(squash(await page.getByTestId('filter-publication').textContent())).toContain('Bei der Unterdrückung kleiner Zahlen gibt es keine Filter');
    expect(await page.getByTestId('filter-add').count()).toBe(0);
    expect(await page.locator('button.drill').count()).toBe(0);
    expect(await page.getByTestId('publication-note').textContent()).toBe(PUBLICATION_NOTES.suppression.de);
    expect(await page.getByTestId('suppressed-legend').isVisible()).toBe(true);

    // Reload keeps the method; back to the cell-key method brings the filter back.
    await page.reload();
    await expect.poll(() => shownTotal(page)).toBe(shown(suppressed.total));
    expect(await checked(page, 'suppression')).toBe(true);
    await page.getByTestId('publication-method-cellKey').check();
    await expect.poll(() => hashOf(page)).toBe('#/reports?period=lastMonth&pub=1&f=language:uk');
    await expect.poll(() => page.getByTestId('filter-chip-language-uk').count()).toBe(1);
    await page.context().close();
  }, 120_000);

  it('the pivot in publication mode is getPivot’s with publication; with suppression there is none', async () => {
    const pivot = await api.getPivot({ ...lastMonth, rows: 'topic', columns: 'language', filters: [], publication: true });
    expect(pivot.publication).toBe(true);
    const page = await openPage(`#/reports/pivot?period=lastMonth&pub=1&rows=topic&cols=language`);
    await page.getByTestId('pivot-table').waitFor();
    await expect.poll(() => page.locator('.stale').count()).toBe(0);
    expect(await tableTexts(page)).toEqual(expectedTexts(pivot));
    expect(await page.getByTestId('publication-note').textContent()).toBe(PUBLICATION_NOTES.cellKey.de);
    expect(await checked(page, 'cellKey')).toBe(true);

    await page.getByTestId('publication-method-suppression').check();
    await expect.poll(() => page.getByTestId('pivot-publication-off').count()).toBe(1);
    expect(squash(await page.getByTestId('pivot-publication-off').textContent())).toContain('Bei der Unterdrückung kleiner Zahlen gibt es keine Pivot-Tabelle');
    expect(await page.getByTestId('pivot-table').count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('on a phone (390×844) the chooser and the note fit the screen; screenshot', async () => {
    const page = await openPage('#/reports?period=lastMonth&pub=1&f=language:uk', { width: 390, height: 844 });
    await shownTotal(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shotsDir}/report-publication-390x844.png` });
    await page.screenshot({ path: `${shotsDir}/report-publication-390x844-full.png`, fullPage: true });
    await page.locator('.report-head').screenshot({ path: `${shotsDir}/report-publication-head-390.png` });
    await page.locator('.report-toolbar').screenshot({ path: `${shotsDir}/report-publication-toolbar-390.png` });
    await page.context().close();
  }, 120_000);
});
