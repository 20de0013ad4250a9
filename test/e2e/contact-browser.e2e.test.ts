import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactView } from '../../core/contacts/contact-types';
import { instantOfLocal } from '../../core/time/local-parts';
import { shiftDay } from '../../renderer/manage/audit/audit-format';
import { formatter } from '../../renderer/ui/format';
import { todayIn } from '../../renderer/reports/period';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';
import { dbRows as dbRowsIn } from './support/desk-page';

const require = createRequire(import.meta.url);
const resultsDir = join(projectRoot, 'test-results');
const de = formatter('de');

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let session: string;
let api: Client;
let catalog: Catalog;
let yesterday: string;
/** Back-dated into yesterday (entered today): its language is corrected in the browser. */
let toEdit: ContactView;
/** Yesterday too: voided in the browser. */
let toVoid: ContactView;

const topicId = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const languageId = (code: string) => catalog.languages.find((l) => l.code === code)!.id;
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('contacts'));
  ({ session, api } = await managementSession(app.url));
  catalog = await api.getCatalog({});
  const { timeZone } = catalog.settings;
  yesterday = shiftDay(todayIn(timeZone), -1);
  const at = (hour: number, minute: number) => new Date(instantOfLocal(yesterday, hour, minute, timeZone)).toISOString();
  const tap = { languageId: languageId('de'), channel: 'in_person', asker: 'citizen' } as const;
  toEdit = (await api.logContact({ ...tap, topicIds: [topicId('Arbeit')], occurredAt: at(10, 15) })).contact;
  toVoid = (await api.logContact({ ...tap, topicIds: [topicId('Wohnen')], referralIds: [catalog.organisations[0]!.id], occurredAt: at(11, 30) })).contact;
  await api.logContact({ ...tap, topicIds: [topicId('Gesundheit')] });
  mkdirSync(resultsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

async function openPage(hash: string, options: { viewport?: { width: number; height: number }; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await unlockedContext(browser, session, { timezoneId: 'Europe/Vienna', locale: 'de-AT', ...options });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  await page.goto(app.url + hash);
  return page;
}

/** What the database file itself says, read beside the running app. */
const dbRows = <T>(sql: string, ...params: unknown[]): T[] => dbRowsIn<T>(app.dataFile, sql, ...params);

const rowOf = (page: Page, contact: ContactView) => page.getByTestId(`browse-contact-${contact.id}`);
const rowCount = (page: Page) => page.getByTestId('browse-table').locator('tbody tr').count();
/** Sideways scrolling needed to see the page: none allowed. */
const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the contact browser in real Chromium', () => {
  it('corrects yesterday: edits a back-dated contact’s language and voids another; the report, a recount and the audit trail show it', async () => {
    const page = await openPage('#/reports');
    await page.getByTestId('reports-tab-contacts').click();
    await expect.poll(() => page.getByTestId('browse-table').isVisible()).toBe(true);
    expect(await page.getByTestId('reports-tab-contacts').textContent()).toBe('Kontakte');
    expect(await page.getByTestId('reports-tab-contacts').getAttribute('aria-current')).toBe('page');
    // Yesterday and today by default.
    expect(await page.getByTestId('browse-quick-twoDays').getAttribute('aria-pressed')).toBe('true');
    expect(squash(await page.getByTestId('browse-summary').textContent())).toBe(
      `3 Kontakte · ${de.day(yesterday)} – ${de.day(todayIn(catalog.settings.timeZone))}`,
    );

    await page.getByTestId('browse-quick-yesterday').click();
    await expect.poll(() => rowCount(page)).toBe(2);
    expect(page.url()).toContain(`#/reports/contacts?from=${yesterday}&to=${yesterday}`);
    const editRow = squash(await rowOf(page, toEdit).textContent());
    expect(editRow).toContain(de.day(yesterday));
    expect(editRow).toContain('10:15');
    expect(editRow).toContain('Arbeit');
    expect(editRow).toContain('Deutsch');
    expect(squash(await rowOf(page, toEdit).getByTestId('browse-kind').textContent())).toBe('nachgetragen');

    // Edit: the desk's dialog, naming the day.
    await rowOf(page, toEdit).getByRole('button', { name: 'bearbeiten' }).click();
    const edit = page.getByTestId('edit-dialog');
    expect(squash(await edit.getByRole('heading').textContent())).toContain(`${de.day(yesterday)}, 10:15`);
    await edit.getByTestId('chips-language').getByRole('button', { name: 'Englisch' }).click();
    await edit.getByTestId('edit-save').click();
    await expect
      .poll(async () => squash(await page.getByTestId('browse-notice').textContent()))
      .toBe(`Gespeichert: Kontakt vom ${de.day(yesterday)}, 10:15 geändert.`);
    await expect.poll(async () => squash(await rowOf(page, toEdit).textContent())).toContain('Englisch');

    // Void: the desk's dialog; a reason must be chosen before confirming.
    await rowOf(page, toVoid).getByRole('button', { name: 'stornieren' }).click();
    const voiding = page.getByTestId('void-dialog');
    await voiding.getByTestId('void-reasons').getByRole('button', { name: 'doppelt erfasst' }).click();
    await voiding.getByTestId('void-confirm').click();
    await expect.poll(async () => squash(await rowOf(page, toVoid).getByTestId('browse-void-note').textContent())).toBe('storniert: doppelt erfasst');
    expect(await rowOf(page, toVoid).getAttribute('class')).toBe('voided');
    expect(await rowOf(page, toVoid).getByRole('button').count()).toBe(0);
    expect(squash(await page.getByTestId('browse-summary').textContent())).toBe(`2 Kontakte · ${de.day(yesterday)} · davon 1 storniert`);

    // A reload keeps the range and shows what the server has.
    await page.reload();
    await expect.poll(() => rowCount(page)).toBe(2);
    expect(await page.getByTestId('browse-quick-yesterday').getAttribute('aria-pressed')).toBe('true');
    expect(squash(await rowOf(page, toVoid).textContent())).toContain('storniert: doppelt erfasst');

    // The report of yesterday moved at once and equals a recount of the file.
    const recount = dbRows<{ code: string; n: number }>(
      'select l.code, count(*) as n from contacts c join languages l on l.id = c.language_id where c.voided_at is null and c.local_day = ? group by l.code',
      yesterday,
    );
    expect(recount).toEqual([{ code: 'en', n: 1 }]);
    const report = await api.getReport({ from: yesterday, to: yesterday });
    expect(report.total).toBe(1);
    expect(report.byLanguage.rows.filter((r) => r.n !== 0).map((r) => ({ code: r.key, n: r.n }))).toEqual(recount);
    await page.getByTestId('reports-tab-report').click();
    await expect.poll(() => page.getByTestId('report-total').textContent()).toBe('1');

    // The audit trail of today names both changes and the contacts' own day.
    await page.getByTestId('reports-tab-audit').click();
    await page.getByTestId('audit-entity').selectOption('contact');
    const amend = page.getByTestId('audit-table').locator('tbody[data-action=amend]');
    await expect.poll(() => amend.count()).toBe(1);
    expect(squash(await amend.textContent())).toContain('Deutsch → Englisch');
    expect(squash(await amend.textContent())).toContain(de.day(yesterday));
    const voided = squash(await page.getByTestId('audit-table').locator('tbody[data-action=void]').textContent());
    expect(voided).toContain('doppelt erfasst');
    await page.context().close();
  });

  it('filters live in the address: hiding voided contacts and one entry kind narrow the list and survive a reload', async () => {
    const page = await openPage(`#/reports/contacts?from=${yesterday}&to=${todayIn(catalog.settings.timeZone)}`);
    await expect.poll(() => rowCount(page)).toBe(3);
    await page.getByTestId('browse-hide-voided').check();
    await expect.poll(() => rowCount(page)).toBe(2);
    await page.getByTestId('browse-kind-filter').selectOption('live');
    await expect.poll(() => rowCount(page)).toBe(1);
    expect(page.url()).toMatch(/kind=live&voided=hide$/);
    await page.reload();
    await expect.poll(() => rowCount(page)).toBe(1);
    expect(await page.getByTestId('browse-hide-voided').isChecked()).toBe(true);
    expect(await page.getByTestId('browse-kind-filter').inputValue()).toBe('live');
    await page.context().close();
  });

  it('axe-core finds no serious or critical violations; no sideways scrolling at 1366×768 or 390×844; screenshots saved', async () => {
    for (const [name, viewport] of [
      ['contact-browser.png', { width: 1366, height: 768 }],
      ['contact-browser-390.png', { width: 390, height: 844 }],
    ] as const) {
      const page = await openPage(`#/reports/contacts?from=${yesterday}&to=${todayIn(catalog.settings.timeZone)}`, { viewport, bypassCSP: true });
      await expect.poll(() => rowCount(page)).toBe(3);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      const file = join(resultsDir, name);
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(10_000);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      expect(await overflowX(page), `${name}: wider than the window by`).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });
});
