import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { csvBytes, MONTHLY_HEADER } from '../support/import-files';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';
import { seriousAxeViolations } from './support/axe';

const resultsDir = join(projectRoot, 'test-results');

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let catalog: Catalog;
/** "Letzter Monat" and the month before it, as the screen computes them in the site's time zone. */
let lastMonth: { from: string; to: string };
let monthBefore: string;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('import'));
  ({ api, session } = await managementSession(app.url));
  catalog = await api.getCatalog({});
  lastMonth = quickPeriod('lastMonth', todayIn(catalog.settings.timeZone), catalog.settings.openingDate);
  const [y, m] = lastMonth.from.split('-').map(Number) as [number, number];
  monthBefore = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

async function openImport(options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await unlockedContext(browser, session, { viewport: { width: 1280, height: 1000 }, bypassCSP: options.bypassCSP ?? false });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${app.url}#/reports/import`);
  await page.getByTestId('import-panel').waitFor();
  return page;
}

const upload = (page: Page, name: string, buffer: Buffer) => page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });

async function screenshot(page: Page, name: string) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, name);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(10_000);
}

describe('import of earlier tallies in real Chromium against browser mode', { timeout: 60_000 }, () => {
  it('the import tab sits in the management area at #/reports/import', async () => {
    const page = await openImport();
    expect(await page.getByTestId('reports-tab-import').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('import-panel').locator('h2').textContent()).toBe('Frühere Strichlisten importieren');
    await page.context().close();
  });

  it('a bad file shows its errors by line and column, and Importieren stays disabled', async () => {
    const page = await openImport();
    const bad = csvBytes([
      MONTHLY_HEADER,
      [lastMonth.from.slice(0, 7), 'Arbeit', '12'],
      ['2099-01', 'Arbeit', '3'],
      [monthBefore, '=HYPERLINK("x")', '4'],
      [monthBefore, 'Wohnen', 'viele'],
    ]);
    await upload(page, 'fehlerhaft.csv', bad);
    await expect.poll(() => page.getByTestId('import-error-row').count()).toBe(3);
    const rows = await page.getByTestId('import-error-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['3', 'Monat', 'liegt in der Zukunft', '2099-01'],
      ['4', 'Thema', 'sieht aus wie eine Formel (=, +, -, @) – Formeln werden nicht importiert', '=HYPERLINK("x")'],
      ['5', 'Anzahl', 'keine ganze Zahl ab 0', 'viele'],
    ]);
    expect(await page.getByTestId('import-summary').textContent()).toBe('fehlerhaft.csv: Monatswerte je Thema · 4 Zeilen, davon 1 ohne Fehler');
    expect(await page.getByTestId('import-submit').isDisabled()).toBe(true);
    await screenshot(page, 'import-errors.png');

    // A tab-separated file is refused as a whole, with the reason in words.
    await upload(page, 'tabs.csv', Buffer.from('Monat\tThema\tAnzahl\n2020-01\tArbeit\t3\n'));
    await expect.poll(() => page.getByTestId('import-error-row').count()).toBe(1);
    expect(await page.getByTestId('import-errors').textContent()).toContain('Falsches Trennzeichen');
    const report = await api.getReport({ ...lastMonth, publication: false });
    expect(report.total).toBe(0);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('axe-core finds no serious or critical violations on a preview with errors and an unknown name', async () => {
    const page = await openImport({ bypassCSP: true });
    await upload(page, 'gemischt.csv', csvBytes([MONTHLY_HEADER, [monthBefore, 'Schulden', '3'], ['2099-01', 'Arbeit', '1']]));
    await page.getByTestId('import-unknown').waitFor();
    await page.getByTestId('import-errors').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The file button is reachable by keyboard: the hidden input takes the focus for its label.
    await page.getByTestId('import-file').focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-file');
    await page.context().close();
  });

  it('an unknown name is mapped to a catalog entry, the file imported, and the report shows the month marked as imported', async () => {
    const page = await openImport();
    const file = csvBytes(
      [
        MONTHLY_HEADER,
        [monthBefore, 'Arbeit', '30'],
        [monthBefore, 'Wohnen', '18'],
        [lastMonth.from.slice(0, 7), 'Arbeit', '25'],
        [lastMonth.from.slice(0, 7), 'Schulden', '8'],
      ],
      { bom: true },
    );
    await upload(page, 'strichliste.csv', file);
    await page.getByTestId('import-unknown').waitFor();
    expect(await page.getByTestId('import-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-blocked').isVisible()).toBe(true);
    const select = page.getByTestId('import-map-topic-Schulden');
    // The likely entry is offered first.
    expect(await select.locator('optgroup').first().locator('option').first().textContent()).toBe('Armut/Schulden');
    await select.selectOption({ label: 'Armut/Schulden' });
    await expect.poll(() => page.getByTestId('import-submit').isEnabled()).toBe(true);
    expect(await page.getByTestId('import-total').textContent()).toMatch(/^Zusammen 81 Kontakte, /);
    await screenshot(page, 'import-panel.png');

    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('81 Kontakte aus 4 Zeilen importiert (strichliste.csv)');

    // The same file again: the preview says it was imported already.
    await upload(page, 'strichliste.csv', file);
    await page.getByTestId('import-duplicate').waitFor();
    expect(await page.getByTestId('import-submit').isDisabled()).toBe(true);

    await page.getByTestId('reports-tab-report').click();
    await page.getByTestId('period-lastMonth').click();
    await expect.poll(() => page.getByTestId('report-total').textContent()).toBe('33');
    expect(await page.getByTestId('report-imported').textContent()).toBe('davon importiert: 33');
    expect(await page.getByTestId('imported-explain').isVisible()).toBe(true);
    const monthly = page.getByTestId('table-monthly');
    expect(await monthly.locator('thead').textContent()).toContain('davon importiert');
    expect(await monthly.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['33', '33', '33']);
    // Topics include the imported counts; the heat map does not.
    expect(await page.getByTestId('table-topics-total').textContent()).toBe('33');
    const heat = await page.getByTestId('table-heatmap').locator('tbody tr td:last-child').allTextContents();
    expect(heat.reduce((s, t) => s + Number(t.replace(/\./g, '') || 0), 0)).toBe(0);
    await page.getByTestId('section-monthly').locator('canvas').waitFor();
    await page.waitForTimeout(800); // the chart's entry animation
    await page.getByTestId('section-monthly').screenshot({ path: join(resultsDir, 'import-report-monthly.png') });
    await page.locator('.report-head').screenshot({ path: join(resultsDir, 'import-report-figures.png') });
    await page.getByTestId('table-topics').screenshot({ path: join(resultsDir, 'import-report-topics.png') });
    await screenshot(page, 'import-report.png');

    // Two months: the month before is all imported as well, and both bars are marked.
    const two = await api.getReport({ from: `${monthBefore}-01`, to: lastMonth.to, publication: false });
    expect(two.monthly.map((m) => [m.month, m.n, m.imported])).toEqual([
      [monthBefore, 48, 48],
      [lastMonth.from.slice(0, 7), 33, 33],
    ]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });
});
