import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../support/app-process';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';
import { seriousAxeViolations } from './support/axe';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

/** Where the screenshots of the Berichtsversand tab go (looked at by hand, issue 18). */
const SHOTS = process.env.KONTAKTDESK_MAIL_SHOTS ?? '/tmp/shots18';
const SLOW = { timeout: 30_000 };
const USER = 'kontaktdesk';
const PASSWORD = 'Geheim-2026';

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let session: string;
/** A server on the local network without encryption, and one with STARTTLS, a password and a self-signed certificate. */
let plain: SmtpServer;
let secure: SmtpServer;

beforeAll(async () => {
  [{ dataDir, app, browser }, plain, secure] = await Promise.all([
    startE2e('mail'),
    startSmtpServer({ tls: 'none' }),
    startSmtpServer({ tls: 'starttls', auth: { user: USER, password: PASSWORD } }),
  ]);
  const opened = await managementSession(app.url);
  session = opened.session;
  // The first-visit form would stand above every tab in the screenshots.
  await opened.api.updateSettings({ confirmSetup: true });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await Promise.all([plain?.stop(), secure?.stop()]);
  await stopE2e({ dataDir, app, browser });
});

async function openMailTab(viewport = { width: 1366, height: 768 }, { bypassCSP = false } = {}): Promise<Page> {
  const context = await unlockedContext(browser, session, { viewport, bypassCSP });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  await page.goto(`${app.url}#/reports/mail`);
  await page.getByTestId('mail-server').waitFor();
  return page;
}

async function fillServer(page: Page, server: SmtpServer, security: 'none' | 'starttls') {
  await page.getByTestId('mail-host').fill(server.host);
  await page.getByTestId('mail-security').selectOption(security);
  await page.getByTestId('mail-port').fill(String(server.port));
  await page.getByTestId('mail-from').fill('berichte@leibnitz.at');
}

const scheduleRow = (page: Page, name: string) => page.locator('tr').filter({ has: page.getByTestId('schedule-row-name').getByText(name, { exact: true }) });

describe('Berichtsversand in real Chromium against browser mode and a real SMTP server', { timeout: 120_000 }, () => {
  it('sets up a server on the local network, sends a test message that arrives, and a schedule sent now shows "gesendet"', async () => {
    const page = await openMailTab();
    expect(await page.getByTestId('reports-tab-mail').textContent()).toBe('Berichtsversand');
    await fillServer(page, plain, 'none');
    // Without encryption only with the confirmation that the server is on the local network.
    await page.getByTestId('mail-server-save').click();
    expect(await page.getByTestId('mail-plain-missing').textContent()).toBe(
      'Ohne Verschlüsselung nur mit der Bestätigung, dass der Server im lokalen Netz steht.',
    );
    await page.getByTestId('mail-plain-confirm').check();
    await page.getByTestId('mail-server-save').click();
    await expect.poll(() => page.getByTestId('mail-server-notice').textContent(), SLOW).toBe('Mailserver gespeichert.');

    await page.getByTestId('mail-test-to').fill('it@leibnitz.at');
    await page.getByTestId('mail-test-send').click();
    await expect.poll(() => page.getByTestId('mail-test-outcome').getAttribute('data-kind'), SLOW).toBe('sent');
    const [test] = await plain.waitForMessages(1);
    expect(test!.to && !Array.isArray(test!.to) ? test!.to.text : '').toBe('it@leibnitz.at');
    expect(test!.from?.text).toContain('berichte@leibnitz.at');

    // A schedule: the editor, then "Jetzt senden"; the log says "gesendet" and the report arrives.
    await page.getByTestId('schedule-add').click();
    await page.getByTestId('schedule-name').fill('Monatsbericht Gemeinderat');
    await page.getByTestId('schedule-recipient-new').fill('gemeinderat@leibnitz.at');
    await page.getByTestId('schedule-recipient-new').press('Enter');
    await page.getByTestId('schedule-recipient-new').fill('buergermeisterin@leibnitz.at');
    await page.getByTestId('schedule-recipient-add').click();
    expect(await page.getByTestId('schedule-recipient').count()).toBe(2);
    await page.getByTestId('schedule-format-csv').check();
    // Browser mode: no PDF (the desktop app prints it).
    expect(await page.getByTestId('schedule-format-pdf').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mail-editor-1366.png` });
    await page.getByTestId('schedule-save').click();
    await expect.poll(() => page.getByTestId('mail-schedules-notice').textContent(), SLOW).toBe('Zeitplan „Monatsbericht Gemeinderat“ gespeichert.');
    const row = scheduleRow(page, 'Monatsbericht Gemeinderat');
    expect(await row.getByTestId('schedule-row-rule').textContent()).toBe('Letzter Monat (am 1.)');
    expect(await row.getByTestId('schedule-row-recipients').textContent()).toBe('2 Empfänger');
    expect(await row.getByTestId('schedule-row-last').textContent()).toBe('noch nie');

    await row.getByTestId('schedule-send-now').click();
    await expect.poll(() => page.getByTestId('mail-delivery').first().getAttribute('data-state'), SLOW).toBe('sent');
    expect(await page.getByTestId('mail-delivery-result').first().textContent()).toBe('gesendet');
    expect(await row.getByTestId('schedule-row-last').textContent()).toMatch(/^gesendet · /);
    const received = await plain.waitForMessages(2);
    const report = received[1]!;
    expect(report.subject).toBeTruthy();
    expect(report.attachments.some((a) => (a.filename ?? '').endsWith('.csv'))).toBe(true);
    // Again for the same period: nothing goes out, and the notice says when it did.
    await row.getByTestId('schedule-send-now').click();
    await expect
      .poll(() => page.getByTestId('mail-schedules-notice').textContent(), SLOW)
      .toMatch(/^„Monatsbericht Gemeinderat“ für .+ wurde bereits am .+ gesendet und wird nicht noch einmal gesendet\.$/);
    expect(await page.getByTestId('mail-delivery').count()).toBe(1);
    expect(await plain.messages()).toHaveLength(2);
    await page.getByTestId('mail-schedules-notice').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/mail-already-sent-1366.png` });
    await page.context().close();
  });

  it('a failed send shows a small notice on the desk for management only, linking to the tab', async () => {
    await plain.down();
    const page = await openMailTab();
    await page.getByTestId('schedule-add').click();
    await page.getByTestId('schedule-name').fill('Quartalsbericht');
    await page.getByTestId('schedule-recipient-new').fill('kultur@leibnitz.at');
    await page.getByTestId('schedule-recipient-add').click();
    await page.getByTestId('schedule-rule-lastQuarter').check();
    await page.getByTestId('schedule-save').click();
    const row = scheduleRow(page, 'Quartalsbericht');
    await row.getByTestId('schedule-send-now').click();
    await expect.poll(() => row.getByTestId('schedule-row-last').textContent(), SLOW).toMatch(/^fehlgeschlagen/);
    const failed = page.locator('[data-testid="mail-delivery"][data-state="failed"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.getByTestId('mail-delivery-result').textContent()).toMatch(/^fehlgeschlagen · /);

    // Desk staff (no management session in their window) see nothing.
    const staff = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await staff.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
    const desk = await staff.newPage();
    await desk.goto(`${app.url}#/`);
    await desk.getByTestId('today-count').waitFor();
    expect(await desk.getByTestId('mail-failure-notice').count()).toBe(0);

    await page.goto(`${app.url}#/`);
    const notice = page.getByTestId('mail-failure-notice');
    await notice.waitFor(SLOW);
    // Opened from the scrolled tab, the desk keeps the scroll position: back to the top for the pictures.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await notice.textContent()).toBe('✉ Berichtsversand: 1 E-Mail nicht gesendet');
    expect(await notice.getAttribute('title')).toBe('Berichtsversand: 1 E-Mail nicht gesendet');
    // The notice takes only spare room: the topics stand exactly where they stand for desk staff, wide and narrow.
    const topicsTop = async (p: Page) => (await p.locator('#topics').boundingBox())!.y;
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await desk.setViewportSize(viewport);
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await topicsTop(page), `${viewport.width}`).toBe(await topicsTop(desk));
      await page.screenshot({ path: `${SHOTS}/desk-notice-${viewport.width}.png` });
    }
    await staff.close();
    await page.setViewportSize({ width: 1366, height: 768 });

    await notice.click();
    await page.getByTestId('mail-tab').waitFor(SLOW);
    await page.context().close();
    await plain.up();
  });

  it('refuses a self-signed certificate until "Zertifikat vertrauen", then the test message arrives with the password', async () => {
    const page = await openMailTab();
    await fillServer(page, secure, 'starttls');
    await page.getByTestId('mail-user').fill(USER);
    await page.getByTestId('mail-password').fill(PASSWORD);
    await page.getByTestId('mail-server-save').click();
    await expect.poll(() => page.getByTestId('mail-server-notice').textContent(), SLOW).toBe('Mailserver gespeichert.');
    // Write-only: after saving, the field is empty and the label says one is stored.
    expect(await page.getByTestId('mail-password').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('mail-server').textContent(), SLOW).toContain('Passwort (gespeichert)');

    await page.getByTestId('mail-test-to').fill('it@leibnitz.at');
    await page.getByTestId('mail-test-send').click();
    await page.getByTestId('mail-certificate').waitFor(SLOW);
    expect(await page.getByTestId('mail-test-outcome').getAttribute('data-kind')).toBe('certificateUntrusted');
    expect(await page.getByTestId('mail-certificate-fingerprint').textContent()).toBe(secure.fingerprint);
    await page.screenshot({ path: `${SHOTS}/mail-certificate-1366.png`, fullPage: true });
    await page.getByTestId('mail-certificate-trust').click();
    await expect.poll(() => page.getByTestId('mail-test-outcome').getAttribute('data-kind'), SLOW).toBe('sent');
    const [test] = await secure.waitForMessages(1);
    expect(test!.to && !Array.isArray(test!.to) ? test!.to.text : '').toBe('it@leibnitz.at');
    await page.screenshot({ path: `${SHOTS}/mail-tab-1366.png`, fullPage: true });

    const phone = await openMailTab({ width: 390, height: 844 });
    await phone.getByTestId('mail-delivery').first().waitFor(SLOW);
    await phone.screenshot({ path: `${SHOTS}/mail-tab-390.png`, fullPage: true });
    await phone.getByTestId('schedule-add').click();
    await phone.getByTestId('schedule-publication').uncheck();
    await phone.screenshot({ path: `${SHOTS}/mail-editor-390.png` });
    await phone.context().close();
    await page.context().close();
  });

  it('axe-core finds no serious or critical violations on the tab and in the schedule editor, at 1366×768 and 390×844', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const page = await openMailTab(viewport, { bypassCSP: true });
      // The whole tab: after the tests above also with a trusted certificate, schedules and deliveries.
      await page.getByTestId('mail-log').waitFor(SLOW);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByTestId('schedule-add').click();
      await page.getByTestId('schedule-publication').uncheck();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
