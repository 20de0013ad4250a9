import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { Report } from '../../core/reports/report-types';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import type { AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

/**
 * The SDG section, the daily/weekly series, the "Wer fragt" chart and the referral labels on the
 * reports screen, in real Chromium against browser mode with demo history, checked against the
 * report the API returns.
 */
let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let lastMonth: { from: string; to: string };

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('report-figures', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  const { settings } = await api.getCatalog({});
  lastMonth = quickPeriod('lastMonth', todayIn(settings.timeZone), settings.openingDate);
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

const de = new Intl.NumberFormat('de');
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function openReport(query: string): Promise<Page> {
  const context = await unlockedContext(browser, session);
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${app.url}#/reports?${query}`);
  await expect.poll(() => page.getByTestId('report-total').textContent(), { timeout: 30_000 }).toMatch(/\d/);
  return page;
}

/** A canvas inside a section, laid out with a size. */
const chartArea = (page: Page, section: string) =>
  page
    .getByTestId(`section-${section}`)
    .locator('canvas')
    .evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().width * c.getBoundingClientRect().height));

describe('report figures on screen', () => {
  it('last month: a daily series, an SDG chart and table, a chart for who asked, and referral tables that say what they count', async () => {
    const report: Report = await api.getReport({ ...lastMonth, publication: false });
    const page = await openReport('period=lastMonth');

    // One bar a day, its figures in a table behind "Werte als Tabelle"; the month table stays below.
    expect(await page.getByTestId('section-monthly').locator('h3').textContent()).toBe('Kontakte je Tag');
    expect((await chartArea(page, 'monthly'))[0]).toBeGreaterThan(10_000);
    await page.getByTestId('section-monthly').locator('summary').click();
    const seriesRows = await page
      .getByTestId('table-series')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('td')!.textContent));
    expect(seriesRows).toEqual(report.series.points.map((p) => de.format(p.n!)));
    expect(seriesRows).toHaveLength(report.period.days);
    expect(await page.getByTestId('table-monthly-total').textContent()).toBe(de.format(report.total!));

    // SDGs: every goal row with its number and name, the pairs total, the contacts with a goal, a chart.
    const section = page.getByTestId('section-sdgs');
    expect(await section.locator('h3').textContent()).toBe('Beitrag zu den SDGs');
    expect(squash(await section.locator('.note').textContent())).toContain('zählt bei jedem UN-Nachhaltigkeitsziel (SDG) einmal');
    const sdgRows = await page
      .getByTestId('table-sdgs')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
    expect(sdgRows).toEqual(report.bySdg.rows.map((r) => [r.label.de, de.format(r.n!)]));
    expect(sdgRows[0]![0]).toBe('1 Keine Armut');
    expect(await page.getByTestId('table-sdgs-total').textContent()).toBe(de.format(report.bySdg.total!));
    expect(squash(await page.getByTestId('sdg-contacts').textContent())).toBe(
      `Kontakte mit mindestens einem Ziel (jeder einmal): ${de.format(report.bySdg.contacts!)}`,
    );
    expect((await chartArea(page, 'sdgs'))[0]).toBeGreaterThan(10_000);

    // Who asked: a chart like the other breakdowns, its table below.
    expect((await chartArea(page, 'askers'))[0]).toBeGreaterThan(10_000);
    expect(await page.getByTestId('table-askers-total').textContent()).toBe(de.format(report.total!));

    // Referrals named against contacts with a referral against topic–referral pairs.
    const referrals = page.getByTestId('table-referrals');
    expect(await referrals.locator('thead th').nth(1).textContent()).toBe('Weitervermittlungen');
    expect(await referrals.locator('tfoot th').textContent()).toBe('Summe: Weitervermittlungen');
    expect(await page.getByTestId('table-referrals-total').textContent()).toBe(de.format(report.byReferral.total!));
    expect(squash(await page.getByTestId('contacts-with-referral').textContent())).toBe(
      `Kontakte mit Weitervermittlung (jeder einmal): ${de.format(report.contactsWithReferral!)}`,
    );
    const cross = page.getByTestId('section-cross');
    expect(squash(await cross.locator('.note').textContent())).toContain('Die Summen zählen Thema-Stelle-Paare');
    expect(await page.getByTestId('table-cross').locator('tfoot th').textContent()).toBe('Summe (Paare)');
    expect(await page.getByTestId('table-cross').locator('tfoot td').last().textContent()).toBe(de.format(report.topicReferrals.total!));
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('four months: a weekly series of ISO weeks; a long period keeps the months', async () => {
    const to = lastMonth.to;
    const from = `${Number(to.slice(0, 4)) - (Number(to.slice(5, 7)) <= 3 ? 1 : 0)}-${String(((Number(to.slice(5, 7)) + 8) % 12) + 1).padStart(2, '0')}-01`;
    const report: Report = await api.getReport({ from, to, publication: false });
    expect(report.series.unit).toBe('week');
    const page = await openReport(`from=${from}&to=${to}`);
    expect(await page.getByTestId('section-monthly').locator('h3').textContent()).toBe('Kontakte je Kalenderwoche');
    expect(squash(await page.getByTestId('section-monthly').locator('.note').first().textContent())).toContain(
      'Kalenderwochen nach ISO 8601, Montag bis Sonntag',
    );
    await page.getByTestId('section-monthly').locator('summary').click();
    const weeks = await page.getByTestId('table-series').locator('tbody th').allTextContents();
    expect(weeks).toHaveLength(report.series.points.length);
    expect(weeks[1]).toMatch(/^KW \d+ \(\d\d\.\d\d\.\d{4} – \d\d\.\d\d\.\d{4}\)$/);
    await page.context().close();

    const long = await openReport('period=sinceOpening');
    expect(await long.getByTestId('section-monthly').locator('h3').textContent()).toBe('Kontakte je Monat');
    expect(await long.getByTestId('table-series').count()).toBe(0);
    await long.context().close();
  }, 120_000);
});
