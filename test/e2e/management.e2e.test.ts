import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS } from '../../core/management/management-gate';
import { SESSION_STORAGE_KEY } from '../../renderer/api/management-session';
import { projectRoot } from '../../scripts/paths';
import { createHttpClient } from '../../renderer/api/http-transport';
import type { AppProcess } from '../support/app-process';
import { startE2e, stopE2e } from './support/e2e-app';

const PIN = '260481';
/**
 * Every PIN the server checks is hashed on purpose slowly, and opening the area then asks for the
 * status and draws the reports: on a busy 2-core machine that is more than expect.poll's default
 * second. The waits end as soon as the page shows the state; this only bounds how long they may take.
 */
const SLOW = { timeout: 10_000 };
const resultsDir = join(projectRoot, 'test-results');

let dataDir: string;
let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('management'));
}, 90_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

/** A fresh browser context: another device, as far as the server can tell. */
async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  return { context, page };
}

const management = async (page: Page) => {
  await page.goto(`${app.url}#/reports`);
  await expect.poll(() => page.locator('[data-testid=management-locked], [data-testid=management-unlocked]').count(), SLOW).toBe(1);
};

async function typePin(page: Page, pin: string, repeat?: string) {
  await page.getByTestId('pin-input').fill(pin);
  if (repeat !== undefined) await page.getByTestId('pin-repeat').fill(repeat);
  await page.getByTestId('pin-input').press('Enter');
}

// Several devices and up to five PIN checks per test: more than the default 20 s on a busy machine.
describe('management PIN in real Chromium', { timeout: 60_000 }, () => {
  it('the first visit sets the PIN (typed twice); the area opens; the desk never asked for it', async () => {
    const { context, page } = await device();
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('today-count').textContent(), SLOW).toBe('0');
    await page.getByTestId('topic-1').click();
    await expect.poll(() => page.getByTestId('today-count').textContent(), SLOW).toBe('1');

    await page.getByTestId('nav-reports').click();
    await expect.poll(() => page.getByTestId('pin-form-set').isVisible(), SLOW).toBe(true);
    expect(await page.getByTestId('report-total').count()).toBe(0);
    await page.screenshot({ path: join(resultsDir, 'management-set-pin.png') });

    await typePin(page, PIN, '260482');
    await expect.poll(() => page.getByTestId('pin-error').textContent(), SLOW).toContain('stimmen nicht überein');
    await typePin(page, '12', '12');
    await expect.poll(() => page.getByTestId('pin-error').textContent(), SLOW).toContain('4 bis 12 Ziffern');
    await typePin(page, PIN, PIN);
    await expect.poll(() => page.getByTestId('management-unlocked').isVisible(), SLOW).toBe(true);
    await expect.poll(() => page.getByTestId('report-total').textContent(), SLOW).toMatch(/\d/);

    // A reload keeps this tab's unlock.
    await page.reload();
    await expect.poll(() => page.getByTestId('management-unlocked').isVisible(), SLOW).toBe(true);
    await context.close();
  });

  it('an unlock in one tab does not open another device; a wrong PIN says so; the lock button closes it', async () => {
    const first = await device();
    await management(first.page);
    expect(await first.page.getByTestId('pin-form-unlock').isVisible()).toBe(true);
    await typePin(first.page, '999999');
    await expect.poll(() => first.page.getByTestId('pin-error').textContent(), SLOW).toBe('Falsche PIN.');
    expect(await first.page.getByTestId('pin-input').inputValue()).toBe('');
    await typePin(first.page, PIN);
    await expect.poll(() => first.page.getByTestId('management-unlocked').isVisible(), SLOW).toBe(true);
    const session = await first.page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY);
    expect(session).toMatch(/^[\w-]{43}$/);

    const second = await device();
    await management(second.page);
    expect(await second.page.getByTestId('pin-form-unlock').isVisible()).toBe(true);
    // Nor does a second tab of the same browser: sessionStorage is per tab.
    const sameBrowserTab = await first.context.newPage();
    await management(sameBrowserTab);
    expect(await sameBrowserTab.getByTestId('pin-form-unlock').isVisible()).toBe(true);

    await first.page.getByTestId('management-lock').click();
    await expect.poll(() => first.page.getByTestId('pin-form-unlock').isVisible(), SLOW).toBe(true);
    // The server closed it too: the old token no longer opens anything.
    const err = await createHttpClient(app.url, () => session!)
      .getReport({ from: '2026-01-01', to: '2026-01-31' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ body: { code: 'locked' } });
    await first.context.close();
    await second.context.close();
  });

  it('locks itself after the idle minutes without a key or click', async () => {
    const { context, page } = await device();
    await page.clock.install();
    await management(page);
    await typePin(page, PIN);
    await expect.poll(() => page.getByTestId('management-unlocked').isVisible(), SLOW).toBe(true);
    expect(await page.getByTestId('management-unlocked').textContent()).toContain('nach 10 Minuten');
    await page.clock.fastForward('09:00');
    expect(await page.getByTestId('management-unlocked').isVisible()).toBe(true);
    await page.mouse.click(5, 700);
    await page.clock.fastForward('09:00');
    // 18 minutes since unlocking, 9 since the click: still open.
    expect(await page.getByTestId('management-unlocked').isVisible()).toBe(true);
    await page.clock.fastForward('01:01');
    await expect.poll(() => page.getByTestId('auto-locked').textContent(), SLOW).toContain('nach 10 Minuten ohne Bedienung gesperrt');
    expect(await page.getByTestId('pin-form-unlock').isVisible()).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'management-auto-locked.png') });
    await context.close();
  });

  it('changing the PIN locks the other open windows', async () => {
    const mine = await device();
    await management(mine.page);
    await typePin(mine.page, PIN);
    const other = await device();
    await management(other.page);
    await typePin(other.page, PIN);
    await expect.poll(() => other.page.getByTestId('management-unlocked').isVisible(), SLOW).toBe(true);

    await mine.page.getByTestId('change-pin').click();
    await mine.page.getByTestId('change-currentPin').fill(PIN);
    await mine.page.getByTestId('change-newPin').fill('314159');
    await mine.page.getByTestId('change-pinRepeat').fill('314159');
    await mine.page.getByTestId('change-pin-submit').click();
    await expect.poll(() => mine.page.getByTestId('change-pin-message').textContent(), SLOW).toContain('PIN geändert');
    await mine.page.screenshot({ path: join(resultsDir, 'management-change-pin.png') });

    // The other window learns it at its next management call.
    await other.page.getByTestId('period-lastMonth').click();
    await expect.poll(() => other.page.getByTestId('pin-form-unlock').isVisible(), SLOW).toBe(true);
    await typePin(other.page, PIN);
    await expect.poll(() => other.page.getByTestId('pin-error').textContent(), SLOW).toBe('Falsche PIN.');
    await typePin(other.page, '314159');
    await expect.poll(() => other.page.getByTestId('management-unlocked').isVisible(), SLOW).toBe(true);
    await mine.context.close();
    await other.context.close();
  });

  // Last: the wrong-PIN wait applies to the whole app for half a minute.
  it(`after ${FREE_ATTEMPTS} wrong PINs the form waits and counts down`, async () => {
    const { context, page } = await device();
    await management(page);
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      // One try at a time: the field empties when the answer arrives.
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/unlockManagement'));
      await typePin(page, '000000');
      expect((await answered).status()).toBe(403);
      await expect.poll(() => page.getByTestId('pin-input').inputValue(), SLOW).toBe('');
    }
    await expect.poll(() => page.getByTestId('pin-error').textContent(), SLOW).toMatch(/Zu viele falsche Versuche – wieder möglich in (30|29|28) Sekunden\./);
    expect(await page.getByTestId('pin-submit').isDisabled()).toBe(true);
    const first = Number((await page.getByTestId('pin-error').textContent())!.match(/(\d+) Sekunde/)![1]);
    await expect
      .poll(async () => Number((await page.getByTestId('pin-error').textContent())!.match(/(\d+) Sekunde/)?.[1]), { timeout: 5000 })
      .toBeLessThan(first);
    await page.screenshot({ path: join(resultsDir, 'management-rate-limited.png') });
    await context.close();
  });
});
