import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { REPORT_SECTIONS } from '../../core/views/view-types';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import type { AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';
import { seriousAxeViolations } from './support/axe';

/**
 * Saved views in real Chromium against browser mode with demo history: saved from the report screen,
 * listed, opened (period, filter and sections in the address), renamed in place and deleted after asking.
 * Screenshots of the list go to SHOTS_DIR (default /tmp/shots16).
 */
const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/shots16';

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let lastMonth: { from: string; to: string };

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('saved-views', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  const { settings } = await api.getCatalog({});
  lastMonth = quickPeriod('lastMonth', todayIn(settings.timeZone), settings.openingDate);
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

async function openPage(hash: string, viewport = { width: 1366, height: 768 }, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await unlockedContext(browser, session, { viewport, bypassCSP: options.bypassCSP ?? false });
  await context.addInitScript(() => {
    localStorage.setItem('kontaktdesk.uiLanguage', 'de');
    // The print view asks to print once it is ready: counted instead of a dialog.
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => {
      (window as unknown as { printCalls: number }).printCalls++;
    };
  });
  const page = await context.newPage();
  await page.goto(app.url + hash);
  return page;
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const hashQuery = (page: Page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] ?? '')));
const sectionIds = (page: Page) => page.locator('[data-testid^="section-"]').evaluateAll((ss) => ss.map((s) => s.getAttribute('data-testid')));
/** The row of the view called `name` in the list. */
const rowOf = (page: Page, name: string) =>
  page.locator('[data-testid^="saved-view-"]', { has: page.getByTestId('saved-view-name').getByText(name, { exact: true }) });

describe('saved views', () => {
  it('saves the current view from the report, lists it, opens it with period, filter and sections, renames and deletes it', async () => {
    const page = await openPage('#/reports?period=lastMonth&f=language:uk');
    await expect.poll(() => page.getByTestId('report-total').textContent(), { timeout: 30_000 }).toMatch(/\d/);

    await page.getByTestId('save-view').click();
    const dialog = page.getByTestId('save-view-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('save-view-rule-lastMonth').isChecked()).toBe(true);
    for (const s of REPORT_SECTIONS) expect(await dialog.getByTestId(`save-view-section-${s}`).isChecked()).toBe(true);
    await dialog.getByTestId('save-view-name').fill('Ukrainisch im Monat');
    await dialog.getByTestId('save-view-section-heatmap').uncheck();
    await dialog.getByTestId('save-view-section-crossTable').uncheck();
    await dialog.getByTestId('save-view-confirm').click();
    await expect.poll(() => page.getByTestId('save-view-notice').textContent()).toBe('Gespeichert: Ukrainisch im Monat');
    expect(await dialog.count()).toBe(0);
    const [saved] = await api.listSavedViews({});
    expect(saved).toMatchObject({
      name: 'Ukrainisch im Monat',
      period: { kind: 'lastMonth' },
      filters: [{ dimension: 'language', values: ['uk'], exclude: false }],
      sections: REPORT_SECTIONS.filter((s) => s !== 'heatmap' && s !== 'crossTable'),
      publication: false,
    });

    // The list says what the view holds, in words.
    await page.getByTestId('reports-tab-views').click();
    const row = rowOf(page, 'Ukrainisch im Monat');
    await row.waitFor();
    expect(squash(await row.getByTestId('saved-view-period').textContent())).toBe('Letzter Monat');
    expect(squash(await row.getByTestId('saved-view-filter').textContent())).toBe('Sprache = Ukrainisch');
    expect(squash(await row.getByTestId('saved-view-sections').textContent())).toBe(`${REPORT_SECTIONS.length - 2} Abschnitte`);

    // Open: the report of last month as of today, filtered, without the two sections.
    await row.getByTestId('saved-view-open').click();
    await expect.poll(() => page.evaluate(() => location.hash.split('?')[0])).toBe('#/reports');
    expect(await hashQuery(page)).toEqual({
      ...lastMonth,
      f: 'language:uk',
      sections: REPORT_SECTIONS.filter((s) => s !== 'heatmap' && s !== 'crossTable').join(','),
    });
    const report = await api.getReport({ ...lastMonth, filters: saved!.filters });
    await expect.poll(() => page.getByTestId('report-total').textContent(), { timeout: 30_000 }).toBe(new Intl.NumberFormat('de').format(report.total!));
    const shown = await sectionIds(page);
    expect(shown).toContain('section-topics');
    expect(shown).not.toContain('section-heatmap');
    expect(shown).not.toContain('section-cross');
    await page.reload();
    await expect.poll(() => sectionIds(page)).toEqual(shown);

    // The print view keeps the view's filter and sections, and is ready (asks to print) without the charts left out.
    await page.getByTestId('print').click();
    await expect.poll(() => page.evaluate(() => location.hash.split('?')[0])).toBe('#/print');
    expect(await hashQuery(page)).toMatchObject({ f: 'language:uk', sections: REPORT_SECTIONS.filter((s) => s !== 'heatmap' && s !== 'crossTable').join(',') });
    await page.locator('[data-print-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
    expect(await sectionIds(page)).toEqual(shown);
    // "Zurück" returns to the report with the same filter and sections.
    await page.getByTestId('print-back').click();
    await expect.poll(() => page.evaluate(() => location.hash.split('?')[0])).toBe('#/reports');
    expect(await hashQuery(page)).toMatchObject({ f: 'language:uk', sections: REPORT_SECTIONS.filter((s) => s !== 'heatmap' && s !== 'crossTable').join(',') });
    await expect.poll(() => sectionIds(page)).toEqual(shown);

    // Rename in place: Escape leaves the name, Enter saves the new one.
    await page.getByTestId('reports-tab-views').click();
    await rowOf(page, 'Ukrainisch im Monat').getByTestId('saved-view-rename').click();
    const input = page.getByTestId('saved-view-rename-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('Verworfen');
    await input.press('Escape');
    expect(await input.count()).toBe(0);
    expect((await api.listSavedViews({})).map((v) => v.name)).toEqual(['Ukrainisch im Monat']);
    await rowOf(page, 'Ukrainisch im Monat').getByTestId('saved-view-rename').click();
    await page.getByTestId('saved-view-rename-input').fill('Gemeinderat Ukrainisch');
    await page.getByTestId('saved-view-rename-input').press('Enter');
    await rowOf(page, 'Gemeinderat Ukrainisch').waitFor();
    expect((await api.listSavedViews({})).map((v) => [v.name, v.id])).toEqual([['Gemeinderat Ukrainisch', saved!.id]]);

    // Delete: cancel keeps it, confirm removes it.
    await rowOf(page, 'Gemeinderat Ukrainisch').getByTestId('saved-view-delete').click();
    await page.getByTestId('saved-view-delete-cancel').click();
    expect(await page.getByTestId('saved-view-delete-dialog').count()).toBe(0);
    expect(await api.listSavedViews({})).toHaveLength(1);
    await rowOf(page, 'Gemeinderat Ukrainisch').getByTestId('saved-view-delete').click();
    await page.getByTestId('saved-view-delete-confirm').click();
    await page.getByTestId('saved-views-empty').waitFor();
    expect(await api.listSavedViews({})).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('axe-core finds no serious or critical violations in the list and the save dialog; screenshots at 1366×768 and 768×1024', async () => {
    const { languages, topics } = await api.getCatalog({});
    const housing = topics.find((t) => !t.retired)!;
    await api.saveSavedView({
      name: 'Monatsbericht Gemeinderat',
      period: { kind: 'lastMonth' },
      filters: [],
      sections: [...REPORT_SECTIONS],
      publication: true,
    });
    await api.saveSavedView({
      name: 'Gewaltschutz-Quartal',
      period: { kind: 'lastQuarter' },
      filters: [
        { dimension: 'topic', values: [housing.id], exclude: false },
        { dimension: 'referral', values: ['none'], exclude: true },
      ],
      sections: ['headline', 'comparisons', 'monthly', 'topics', 'referrals'],
      publication: false,
    });
    await api.saveSavedView({
      name: 'Ukrainisch 2025',
      period: { kind: 'fixed', from: '2025-01-01', to: '2025-12-31' },
      filters: [{ dimension: 'language', values: [languages.find((l) => l.code === 'uk')!.code], exclude: false }],
      sections: [...REPORT_SECTIONS],
      publication: false,
    });
    for (const [name, viewport] of [
      ['views-1366x768', { width: 1366, height: 768 }],
      ['views-768x1024', { width: 768, height: 1024 }],
    ] as const) {
      const page = await openPage('#/reports/views', viewport, { bypassCSP: true });
      await rowOf(page, 'Ukrainisch 2025').waitFor();
      await page.screenshot({ path: `${SHOTS_DIR}/${name}.png` });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().close();
    }
    const page = await openPage('#/reports?period=lastMonth', { width: 1366, height: 768 }, { bypassCSP: true });
    await expect.poll(() => page.getByTestId('report-total').textContent(), { timeout: 30_000 }).toMatch(/\d/);
    await page.getByTestId('save-view').click();
    await page.getByTestId('save-view-dialog').waitFor();
    await page.screenshot({ path: `${SHOTS_DIR}/save-view-dialog-1366x768.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
