import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/paths';
import { createHttpClient } from '../../renderer/api/http-transport';
import type { AppProcess } from '../support/app-process';
import { startE2e, stopE2e } from './support/e2e-app';
import { deskTap } from '../electron/desk-tap';
import { longDate } from '../../core/reports/report-labels';

const PIN = '739164';
const resultsDir = join(projectRoot, 'test-results');
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

let dataDir: string;
let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('first-visit'));
}, 90_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page: Object.assign(page, { errors }) };
}

const localDay = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;

describe('the first visit to the management area, in real Chromium', () => {
  it('a new database: after the PIN, the setup asks for name, opening date, time zone and hours; confirmed, it is gone for good and the headline counts from that date', async () => {
    // A desk that has already logged a few contacts before anyone opened the management area.
    const anonymous = createHttpClient(app.url);
    for (let i = 0; i < 3; i++) await anonymous.logContact(await deskTap(anonymous as never));

    const { context, page } = await device();
    await page.goto(`${app.url}#/reports`);
    await expect.poll(() => page.getByTestId('pin-form-set').isVisible()).toBe(true);
    expect(await page.getByTestId('first-visit-setup').count()).toBe(0);
    await page.getByTestId('pin-input').fill(PIN);
    await page.getByTestId('pin-repeat').fill(PIN);
    await page.getByTestId('pin-input').press('Enter');

    // Filled in with the current settings; until confirmed, the headline has no figure.
    const setup = page.getByTestId('first-visit-setup');
    // Setting the PIN hashes it with scrypt: slow on a busy machine.
    await expect.poll(() => setup.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('setup-site-name').inputValue()).toBe('Sozial-Info im Wohnzimmer Leibnitz');
    expect(await page.getByTestId('setup-opening-date').inputValue()).toBe('2021-06-01');
    expect(await page.getByTestId('setup-time-zone').inputValue()).toBe('Europe/Vienna');
    expect(await page.getByTestId('setup-opening-hours').locator('tbody tr').count()).toBe(4);
    await expect.poll(() => page.getByTestId('headline').textContent()).toMatch(/^Eröffnungsdatum noch nicht bestätigt/);
    await page.screenshot({ path: join(resultsDir, 'first-visit-setup.png'), fullPage: true });

    // The site's own details: opened on the first of this month, open Monday and Friday mornings.
    const catalog = await anonymous.getCatalog({});
    const today = localDay(catalog.settings.timeZone);
    const opened = firstOfMonth(today);
    await page.getByTestId('setup-site-name').fill('Sozial-Info Testdorf');
    await page.getByTestId('setup-opening-date').fill(opened);
    const rows = page.getByTestId('setup-opening-hours').locator('tbody tr');
    while ((await rows.count()) > 1) await rows.last().getByRole('button', { name: 'Entfernen' }).click();
    await rows.first().getByRole('combobox', { name: 'bis' }).selectOption('13');
    await page.getByTestId('setup-add-slot').click();
    await rows.last().getByRole('combobox', { name: 'Wochentag' }).selectOption('5');
    await page.getByTestId('setup-confirm').click();

    await expect.poll(() => setup.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('.app-header .site-name').textContent()).toContain('Sozial-Info Testdorf');
    await expect.poll(() => page.getByTestId('headline').textContent()).toBe(`Seit der Eröffnung am ${longDate(opened).de}: 3 Kontakte in 1 Monat`);
    const settings = (await anonymous.getCatalog({})).settings;
    expect(settings).toMatchObject({ siteName: 'Sozial-Info Testdorf', openingDate: opened, timeZone: 'Europe/Vienna' });
    expect(settings.openingHours).toEqual([
      { weekday: 1, startHour: 9, endHour: 13 },
      { weekday: 5, startHour: 9, endHour: 12 },
    ]);
    expect(settings.setupConfirmedAt).not.toBe('');
    await page.screenshot({ path: join(resultsDir, 'first-visit-confirmed.png') });

    // Not asked again: after a reload, in another window, on the settings tab; the date stays changeable there.
    await page.reload();
    await expect.poll(() => page.getByTestId('headline').isVisible()).toBe(true);
    expect(await setup.count()).toBe(0);
    await page.goto(`${app.url}#/reports/settings`);
    await expect.poll(() => page.getByTestId('opening-date').inputValue()).toBe(opened);
    expect(await setup.count()).toBe(0);

    // The audit log says it in a sentence.
    await page.goto(`${app.url}#/reports/audit`);
    await page.getByTestId('audit-entity').selectOption('settings');
    await expect.poll(async () => squash(await page.getByTestId('audit-table').textContent())).toContain('Ersteinrichtung bestätigt');
    expect(squash(await page.getByTestId('audit-table').textContent())).toContain(
      'Name der Einrichtung: Sozial-Info im Wohnzimmer Leibnitz → Sozial-Info Testdorf',
    );
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await context.close();
  });
});
