import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { startE2e, stopE2e } from './support/e2e-app';
import { managementSession, unlockedContext } from './support/management';
import { seriousAxeViolations } from './support/axe';

const resultsDir = join(projectRoot, 'test-results');

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let session: string;
let api: Client;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('closures'));
  ({ session, api } = await managementSession(app.url));
  mkdirSync(resultsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

async function openPage(hash: string, lang: 'de' | 'en' = 'de', bypassCSP = false): Promise<Page> {
  const context = await unlockedContext(browser, session, { timezoneId: 'Europe/Vienna', locale: lang === 'de' ? 'de-AT' : 'en-GB', bypassCSP });
  await context.addInitScript((l) => localStorage.setItem('kontaktdesk.uiLanguage', l), lang);
  const page = await context.newPage();
  await page.goto(app.url + hash);
  return page;
}

/** Polls wait for the app under a loaded machine; they pass as soon as the page shows the text. */
const SLOW = { timeout: 10_000 };
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
/** December 2025 lies wholly in the past: Mon 8 Dec and Thu 25 Dec are public holidays; 19 days have opening hours (57 hours). */
const DECEMBER = '#/reports?from=2025-12-01&to=2025-12-31';

describe('closure calendar in real Chromium', { timeout: 90_000 }, () => {
  it('adds, refuses, edits and deletes a closure in the management area; the report says “ohne N Schließtage” and lists them', async () => {
    const page = await openPage('#/reports/closures');
    await expect.poll(() => page.getByTestId('closures-panel').isVisible(), SLOW).toBe(true);
    expect(await page.getByTestId('reports-tab-closures').textContent()).toBe('Schließtage');
    await expect.poll(() => page.getByTestId('holiday-table').locator('tbody tr').count(), SLOW).toBe(15);
    expect(await page.getByTestId('holiday-ostermontag').locator('th, td').allTextContents()).toEqual(['Mo 06.04.2026', 'Ostermontag', 'geschlossen']);

    // A Christmas break over the turn of the year.
    await page.getByTestId('closure-new').click();
    await page.getByTestId('closure-from').fill('2025-12-22');
    await page.getByTestId('closure-to').fill('2026-01-06');
    await page.getByTestId('closure-note').fill('Weihnachtspause');
    await page.getByTestId('closure-save').click();
    await expect.poll(() => page.getByTestId('closure-notice').textContent(), SLOW).toBe('Gespeichert: Weihnachtspause, 22.12.2025 – 06.01.2026.');
    await expect.poll(() => page.getByTestId('closure-list').locator('tbody tr').count(), SLOW).toBe(1);
    const [saved] = (await api.listClosures({})).closures;
    expect((await page.getByTestId(`closure-${saved!.id}`).locator('th, td').allTextContents()).slice(0, 4)).toEqual([
      '22.12.2025 – 06.01.2026',
      '16 Tage',
      'Weihnachtspause',
      'geschlossen',
    ]);

    // A range the wrong way round without a note: both problems named, nothing sent or saved.
    await page.getByTestId('closure-new').click();
    await page.getByTestId('closure-from').fill('2026-01-10');
    await page.getByTestId('closure-to').fill('2026-01-05');
    await page.getByTestId('closure-save').click();
    await expect
      .poll(() => page.getByTestId('closure-problems').locator('li').allTextContents(), SLOW)
      .toEqual(['Das letzte Datum liegt vor dem ersten.', 'Bitte den Anlass nennen (1 bis 80 Zeichen, eine Zeile).']);
    expect(await page.getByTestId('closure-to').getAttribute('aria-invalid')).toBe('true');
    expect((await api.listClosures({})).closures).toHaveLength(1);
    await page.getByTestId('closure-form').getByRole('button', { name: 'Abbrechen' }).click();

    const report = await openPage(DECEMBER);
    // Mariä Empfängnis, then the break: 22, 23, 24, Christtag 25, 29, 30, 31 December; 11 of 19 days open.
    await expect.poll(() => report.getByTestId('open-hours-detail').textContent(), SLOW).toBe('bei 33 Öffnungsstunden, ohne 8 Schließtage');
    expect(await report.getByTestId('closed-days-list').textContent()).toBe(
      'Nicht als Öffnungsstunden gezählt (geschlossen): Mariä Empfängnis 08.12.2025, Weihnachtspause 22.12.2025 – 24.12.2025, Christtag 25.12.2025, Weihnachtspause 29.12.2025 – 31.12.2025',
    );
    expect(await report.getByTestId('open-days-1').textContent()).toBe('2'); // Mondays 1 and 15 December
    await report.getByTestId('section-open-hours').screenshot({ path: join(resultsDir, 'closures-report-open-hours.png') });
    await report.getByTestId('section-heatmap').screenshot({ path: join(resultsDir, 'closures-report-heatmap.png') });

    // Edit: the break starts later; the report follows.
    await page.getByTestId(`closure-edit-${saved!.id}`).click();
    await page.getByTestId('closure-from').fill('2025-12-29');
    await page.getByTestId('closure-save').click();
    await expect.poll(() => page.getByTestId('closure-notice').textContent(), SLOW).toBe('Gespeichert: Weihnachtspause, 29.12.2025 – 06.01.2026.');
    await report.reload();
    await expect.poll(() => report.getByTestId('open-hours-detail').textContent(), SLOW).toBe('bei 42 Öffnungsstunden, ohne 5 Schließtage');
    await page.screenshot({ path: join(resultsDir, 'closures-panel.png'), fullPage: true });

    // Delete, after confirming.
    await page.getByTestId(`closure-delete-${saved!.id}`).click();
    await page.getByTestId('closure-confirm-delete-ok').click();
    await expect.poll(() => page.getByTestId('closure-notice').textContent(), SLOW).toBe('Gelöscht: Weihnachtspause, 29.12.2025 – 06.01.2026.');
    await expect.poll(() => page.getByText('Noch keine eigenen Schließzeiten eingetragen.').isVisible(), SLOW).toBe(true);
    await report.reload();
    await expect.poll(() => report.getByTestId('open-hours-detail').textContent(), SLOW).toBe('bei 51 Öffnungsstunden, ohne 2 Schließtage');

    // Every change is in the audit log, named by its note.
    const audit = await openPage('#/reports/audit');
    await audit.getByTestId('audit-entity').selectOption('closure');
    await expect.poll(() => audit.getByTestId('audit-table').locator('tbody[data-entity=closure]').count(), SLOW).toBe(3);
    expect(squash(await audit.getByTestId('audit-table').textContent())).toContain('Schließzeit „Weihnachtspause“');
  });

  it('an “open anyway” entry gives a holiday its hours back, shown against the holiday; in English too', async () => {
    await api.saveClosure({ from: '2025-12-08', to: '2025-12-08', note: 'Adventmarkt', kind: 'open' });
    const page = await openPage('#/reports/closures', 'en');
    await page.getByTestId('holidays-previous').click();
    await expect.poll(() => page.getByTestId('holiday-table').locator('h3').textContent(), SLOW).toBe('Public holidays 2025');
    expect(squash(await page.getByTestId('holiday-mariaeEmpfaengnis').textContent())).toContain('open by “Adventmarkt”');
    const report = await openPage(DECEMBER, 'en');
    await expect.poll(() => report.getByTestId('open-hours-detail').textContent(), SLOW).toBe('over 54 open hours, without 1 closed day');
  });

  it('axe-core finds no serious or critical violations on the closure calendar, with its form and its problems shown', async () => {
    const page = await openPage('#/reports/closures', 'de', true);
    await page.getByTestId('closure-new').click();
    await page.getByTestId('closure-note').fill('');
    await page.getByTestId('closure-save').click();
    await expect.poll(() => page.getByTestId('closure-problems').isVisible(), SLOW).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
