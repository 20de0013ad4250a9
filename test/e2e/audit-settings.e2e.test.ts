import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { Client } from '../../core/api/contract';
import { shiftDay } from '../../renderer/manage/audit/audit-format';
import { todayIn } from '../../renderer/reports/period';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

const resultsDir = join(projectRoot, 'test-results');

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let session: string;
let api: Client;
let catalog: Catalog;
/** Epoch ms just before the app started: every entry this suite causes is at or after it. */
let suiteStart: number;

beforeAll(async () => {
  suiteStart = Date.now() - 1000;
  ({ dataDir, app, browser } = await startE2e('audit'));
  ({ session, api } = await managementSession(app.url));
  catalog = await api.getCatalog({});
  mkdirSync(resultsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

/** An unlocked tab; `lang` is what its user picked on the language switch (none: the site's default applies). */
async function openPage(hash = '', lang: 'de' | 'en' | null = 'de'): Promise<Page> {
  const context = await unlockedContext(browser, session, { timezoneId: 'Europe/Vienna', locale: 'de-AT' });
  if (lang) await context.addInitScript((l) => localStorage.setItem('kontaktdesk.uiLanguage', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(app.url + hash);
  return page;
}

const topicId = (de: string) => catalog.topics.find((t) => t.labelDe === de)!.id;
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const entries = (page: Page, action: string) => page.getByTestId('audit-table').locator(`tbody[data-entity=contact][data-action=${action}]`);

/** Writes beside the running app, as another process could (WAL allows it): an audit entry of yesterday. */
function auditYesterday(at: number) {
  const db = new Database(app.dataFile);
  try {
    db.prepare(
      "insert into audit_log (at, action, entity, entity_id, field, old_value, new_value) values (?, 'amend', 'settings', 0, 'smallCellThreshold', '3', '4')",
    ).run(at);
  } finally {
    db.close();
  }
}

describe('audit log and site settings in real Chromium', () => {
  it('the audit log shows today’s create, amend (old → new as labels) and void, batch entries marked; an earlier day has its own', async () => {
    const page = await openPage();
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('0');

    // Log "Wohnen", amend it to "Arbeit", void it; then a batch of two.
    await page.getByTestId(`topic-${topicId('Wohnen')}`).click();
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('1');
    await page.getByTestId('amend').click();
    const dialog = page.getByTestId('edit-dialog');
    await dialog.getByTestId('edit-topics').getByRole('button', { name: 'Arbeit' }).click();
    await dialog.getByTestId('edit-topics').getByRole('button', { name: 'Wohnen' }).click();
    await dialog.getByTestId('edit-save').click();
    const firstRow = page.getByTestId('today-list').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain('Arbeit');
    await firstRow.getByRole('button', { name: 'Stornieren' }).click();
    await page.getByTestId('void-reasons').getByRole('button', { name: 'doppelt erfasst' }).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('0');
    await page.getByTestId('count-plus').click();
    await page.getByTestId(`topic-${topicId('Gesundheit')}`).click();
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('2');

    const today = todayIn(catalog.settings.timeZone);
    auditYesterday(Date.parse(`${shiftDay(today, -1)}T10:00:00Z`));

    await page.goto(`${app.url}#/reports/audit`);
    await expect.poll(() => page.getByTestId('audit-table').isVisible()).toBe(true);
    expect(await page.getByTestId('reports-tab-audit').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('reports-tab-audit').textContent()).toBe('Protokoll');
    expect(await page.getByTestId('audit-day').inputValue()).toBe(today);
    // Five contact entries, and setting the PIN when this suite opened its management session.
    expect(squash(await page.getByTestId('audit-summary').textContent())).toMatch(/^6 Einträge am /);

    expect(await entries(page, 'create').count()).toBe(3);
    const amend = squash(await entries(page, 'amend').textContent());
    expect(amend).toContain('geändert');
    expect(amend).toContain('Themen');
    expect(amend).toContain('Wohnen → Arbeit');
    // Each entry is one sentence: what happened to what, then the changed field.
    expect(amend).toMatch(/Kontakt von \d\d:\d\d geändert – Themen: Wohnen → Arbeit\.$/);
    const voided = squash(await entries(page, 'void').textContent());
    expect(voided).toContain('storniert');
    expect(voided).toContain('doppelt erfasst');
    expect(await page.getByTestId('audit-table').locator('.badge.batch').count()).toBe(2);
    const created = squash(await entries(page, 'create').last().textContent());
    expect(created).toMatch(/Kontakt von \d\d:\d\d/);
    expect(created).toContain('Kanal');
    expect(created).toContain('persönlich');
    // Newest first: the batch, then the void, the amendment, the tap, and the PIN set before them all.
    const order = await page
      .getByTestId('audit-table')
      .locator('tbody')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-entity')}:${r.getAttribute('data-action')}`));
    expect(order).toEqual(['contact:create', 'contact:create', 'contact:void', 'contact:amend', 'contact:create', 'settings:create']);
    await page.screenshot({ path: join(resultsDir, 'audit.png'), fullPage: true });

    // Only settings today: the PIN, without any value.
    await page.getByTestId('audit-entity').selectOption('settings');
    await expect.poll(() => page.getByTestId('audit-table').locator('tbody').count()).toBe(1);
    expect(squash(await page.getByTestId('audit-table').textContent())).toContain('Verwaltungs-PIN festgelegt.');

    // Catalog changes: a new organisation (its fields on one line) and a rename, old → new.
    const { entry } = await api.saveCatalogEntry({ kind: 'organisation', name: 'Mieterschutz' });
    await api.saveCatalogEntry({ kind: 'organisation', id: entry.id, name: 'Mieterschutz Steiermark' });
    await page.getByTestId('audit-entity').selectOption('catalog');
    await expect.poll(() => page.getByTestId('audit-table').locator('tbody').count()).toBe(2);
    const catalogText = squash(await page.getByTestId('audit-table').textContent());
    expect(catalogText).toContain('Organisation „Mieterschutz Steiermark“');
    expect(catalogText).toContain('Mieterschutz → Mieterschutz Steiermark');
    await page.screenshot({ path: join(resultsDir, 'audit-catalog.png') });

    // The day before, by the previous-day button.
    await page.getByTestId('audit-entity').selectOption('settings');
    await page.getByTestId('audit-previous-day').click();
    await expect.poll(() => page.getByTestId('audit-day').inputValue()).toBe(shiftDay(today, -1));
    await expect.poll(async () => squash(await page.getByTestId('audit-table').textContent())).toContain('Kleine Zahlen ausblenden unter');
    expect(squash(await page.getByTestId('audit-table').textContent())).toContain('3 → 4');
    expect(await page.getByTestId('audit-table').locator('tbody').count()).toBe(1);
    expect(await page.getByTestId('audit-next-day').isEnabled()).toBe(true);
    await page.getByTestId('audit-today').click();
    await page.getByTestId('audit-entity').selectOption('');
    await expect.poll(() => page.getByTestId('audit-table').locator('tbody').count()).toBe(8);
    expect(await page.getByTestId('audit-next-day').isEnabled()).toBe(false);

    // The same in English, by the language switch.
    await page.getByTestId('ui-language-en').click();
    await expect.poll(async () => squash(await entries(page, 'amend').textContent())).toContain('Housing → Work');
    expect(squash(await entries(page, 'void').textContent())).toContain('entered twice');
    await page.screenshot({ path: join(resultsDir, 'audit-en.png'), fullPage: true });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('site name, auto-lock and default language are saved; a new time zone says first what it moves', async () => {
    const page = await openPage('#/reports/settings');
    await expect.poll(() => page.getByTestId('settings-panel').isVisible()).toBe(true);

    await page.getByTestId('site-name').fill('  Sozial-Info Testdorf ');
    await page.getByTestId('auto-lock').fill('15');
    await page.getByTestId('default-language').selectOption('en');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-saved').textContent()).toBe('Gespeichert.');
    await expect.poll(() => page.locator('.app-header .site-name').textContent()).toContain('Sozial-Info Testdorf');
    expect((await api.getCatalog({})).settings).toMatchObject({ siteName: 'Sozial-Info Testdorf', autoLockMinutes: 15, defaultLanguage: 'en' });
    expect(await api.getManagementStatus({})).toMatchObject({ autoLockMinutes: 15 });
    // This tab's user picked German: it stays German.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

    // A bad value is caught before sending.
    await page.getByTestId('auto-lock').fill('0');
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);
    await page.getByTestId('auto-lock').fill('15');

    // The time zone: the dialog tells what the change does before it happens.
    await page.getByTestId('time-zone').selectOption('Europe/London');
    await page.getByTestId('settings-save').click();
    const confirm = page.getByTestId('time-zone-confirm');
    await expect.poll(() => confirm.isVisible()).toBe(true);
    const message = squash(await page.getByTestId('time-zone-shift').textContent());
    expect(message).toContain('aller 2 Kontakte werden in Europe/London neu berechnet');
    expect(message).toMatch(/Bei 2 Kontakten ändert sich die Uhrzeit, (keiner fällt|1 davon fällt|2 davon fallen) auf einen anderen Tag\./);
    expect((await api.getCatalog({})).settings.timeZone).toBe('Europe/Vienna');
    await page.screenshot({ path: join(resultsDir, 'settings.png') });
    await page.getByTestId('time-zone-confirm-ok').click();
    await expect.poll(() => page.getByTestId('settings-saved').textContent()).toContain('Zeitzone jetzt Europe/London: 2 Kontakte verschoben');
    expect((await api.getCatalog({})).settings.timeZone).toBe('Europe/London');
    // Written since this app started: the entry the first test dated yesterday in Vienna lies on London's today
    // when this runs between 23:00 and 24:00 UTC.
    const sinceStart = (await api.listAudit({ entity: 'settings' })).entries.filter((e) => Date.parse(e.at) >= suiteStart);
    expect(sinceStart.map((e) => e.changes[0]?.field)).toEqual(['timeZone', 'defaultLanguage', 'autoLockMinutes', 'siteName', 'pin']);
    await page.reload();
    await expect.poll(() => page.getByTestId('management-unlocked').textContent()).toContain('15 Minuten');
    await page.context().close();

    // A new browser where nobody picked a language starts in the site's default, English.
    const fresh = await openPage('#/reports/settings', null);
    await expect.poll(() => fresh.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => fresh.getByTestId('nav-desk').textContent()).toBe('Desk');
    await expect.poll(() => fresh.getByTestId('settings-panel').isVisible()).toBe(true);
    expect(await fresh.getByTestId('time-zone').inputValue()).toBe('Europe/London');
    // Back to Vienna, in English: the dialog speaks English too.
    await fresh.getByTestId('time-zone').selectOption('Europe/Vienna');
    await fresh.getByTestId('settings-save').click();
    await expect.poll(() => fresh.getByTestId('time-zone-confirm').isVisible()).toBe(true);
    expect(squash(await fresh.getByTestId('time-zone-shift').textContent())).toContain('of all 2 contacts are recomputed in Europe/Vienna');
    await fresh.screenshot({ path: join(resultsDir, 'settings-en.png') });
    await fresh.getByTestId('time-zone-confirm-ok').click();
    await expect.poll(() => fresh.getByTestId('settings-saved').textContent()).toContain('Time zone now Europe/Vienna');
    expect((fresh as Page & { errors: string[] }).errors).toEqual([]);
    await fresh.context().close();
  });
});
