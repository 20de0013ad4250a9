import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_ROWS } from '../../renderer/desk/TodayList';
import { createHttpClient } from '../../renderer/api/http-transport';
import { projectRoot } from '../../scripts/paths';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { startE2e, stopE2e } from './support/e2e-app';
import { dbRows as dbRowsIn, openDesk as openDeskPage, todayCount } from './support/desk-page';

const require = createRequire(import.meta.url);
const screenshotDir = join(projectRoot, 'test-results');

let dataDir: string;
let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('desk'));
}, 90_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

/** A desk tab at 1366×768 in the site's zone (back-dated times are typed in it). */
const openDesk = (options: { bypassCSP?: boolean } = {}): Promise<Page> => openDeskPage(browser, app.url, { width: 1366, height: 768 }, options);

const count = todayCount;

/** What the database file itself says, read beside the running app. */
const dbRows = <T>(sql: string, ...params: unknown[]): T[] => dbRowsIn<T>(app.dataFile, sql, ...params);

describe('desk screen in real Chromium against browser mode', () => {
  it('a tap shows 1 today, and still 1 after a reload', async () => {
    const page = await openDesk();
    expect(await count(page)).toBe(0);
    await page.getByTestId('topic-1').click();
    await expect.poll(() => count(page)).toBe(1);
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Gespeichert');
    await page.reload();
    await expect.poll(() => count(page)).toBe(1);
    expect(dbRows<{ n: number }>('select count(*) n from contacts where voided_at is null')[0]!.n).toBe(1);
    await page.context().close();
  });

  it('a hotkey logs a contact with the chips’ values, and referrals reset after the tap', async () => {
    const page = await openDesk();
    const before = await count(page);
    await page.getByTestId('chips-channel').getByRole('button', { name: 'Telefon' }).click();
    await page.getByTestId('chips-referrals').getByRole('button', { name: 'Caritas' }).click();
    await page.keyboard.press('2');
    await expect.poll(() => count(page)).toBe(before + 1);
    const firstRow = page.getByTestId('today-list').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain('Wohnen');
    expect(await firstRow.textContent()).toContain('Caritas');
    expect(await firstRow.textContent()).toContain('Telefon');
    // Referrals are one-off; the channel stays for the next caller.
    expect(await page.getByTestId('chips-referrals').getByRole('button', { name: 'keine' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('chips-channel').getByRole('button', { name: 'Telefon' }).getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
  });

  it('Undo removes the contact just logged', async () => {
    const page = await openDesk();
    const before = await count(page);
    await page.getByTestId('topic-5').click();
    await expect.poll(() => count(page)).toBe(before + 1);
    const rowsBefore = await page.getByTestId('today-list').locator('tbody tr').count();
    await page.getByTestId('undo').click();
    await expect.poll(() => count(page)).toBe(before);
    await expect.poll(() => page.getByTestId('today-list').locator('tbody tr').count()).toBe(rowsBefore - 1);
    await page.reload();
    await expect.poll(() => count(page)).toBe(before);
    await page.context().close();
  });

  it('Amend adds a second topic and a referral to the contact just logged', async () => {
    const page = await openDesk();
    await page.getByTestId('topic-8').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Migration');
    await page.getByTestId('amend').click();
    const dialog = page.getByTestId('edit-dialog');
    await dialog.getByTestId('edit-topics').getByRole('button', { name: 'Behörden & Formulare' }).click();
    await dialog.getByTestId('chips-referrals').getByRole('button', { name: 'ZEBRA' }).click();
    await dialog.getByTestId('edit-save').click();
    const firstRow = page.getByTestId('today-list').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain('Behörden & Formulare');
    expect(await firstRow.textContent()).toContain('ZEBRA');
    const audit = dbRows<{ field: string }>("select field from audit_log where action = 'amend' order by id");
    expect(audit.map((a) => a.field)).toEqual(expect.arrayContaining(['topicIds', 'referralIds']));
    await page.context().close();
  });

  it('an edit from today’s list changes a field', async () => {
    const page = await openDesk();
    await page.getByTestId('topic-4').click();
    const firstRow = page.getByTestId('today-list').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain('Gesundheit');
    await firstRow.getByRole('button', { name: 'Bearbeiten' }).click();
    await page.getByTestId('edit-dialog').getByTestId('chips-language').getByRole('button', { name: 'Arabisch' }).click();
    await page.getByTestId('edit-save').click();
    await expect.poll(() => firstRow.textContent()).toContain('Arabisch');
    await page.reload();
    await expect.poll(() => page.getByTestId('today-list').locator('tbody tr').first().textContent()).toContain('Arabisch');
    await page.context().close();
  });

  it('voiding with a reason keeps the contact visible, struck through, and it stops counting', async () => {
    const page = await openDesk();
    await page.getByTestId('topic-9').click();
    const firstRow = page.getByTestId('today-list').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain('Gewaltschutz');
    const before = await count(page);
    await firstRow.getByRole('button', { name: 'Stornieren' }).click();
    await page.getByTestId('void-reasons').getByRole('button', { name: 'doppelt erfasst' }).click();
    await page.keyboard.press('Enter'); // Enter confirms the dialog
    await expect.poll(() => count(page)).toBe(before - 1);
    await expect.poll(() => firstRow.getAttribute('class')).toBe('voided');
    expect(await firstRow.textContent()).toContain('storniert: doppelt erfasst');
    const decoration = await firstRow
      .locator('td.struck')
      .first()
      .evaluate((td) => getComputedStyle(td).textDecorationLine);
    expect(decoration).toBe('line-through');
    await page.context().close();
  });

  it('keyboard only: Tab reaches a topic button and Enter logs it; hotkeys are ignored while a dialog is open', async () => {
    const page = await openDesk();
    const before = await count(page);
    let focusedTestId: string | null = null;
    // 70: the "Nachtragen / Mehrere" controls (two chips, the stepper's −, number and +) sit before the grid.
    for (let i = 0; i < 70 && focusedTestId !== 'topic-1'; i++) {
      await page.keyboard.press('Tab');
      focusedTestId = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    }
    expect(focusedTestId).toBe('topic-1');
    await page.keyboard.press('Enter');
    await expect.poll(() => count(page)).toBe(before + 1);
    await page.getByTestId('amend').click();
    await page.keyboard.press('3');
    await page.waitForTimeout(300);
    expect(await count(page)).toBe(before + 1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    await page.context().close();
  });

  it('switching to English relabels the screen and survives a reload', async () => {
    const page = await openDesk();
    await page.getByTestId('ui-language-en').click();
    await expect.poll(() => page.locator('.today-count-label').textContent()).toBe('Contacts today');
    expect(await page.getByTestId('topic-1').textContent()).toContain('Work');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('.today-count-label').textContent()).toBe('Contacts today');
    await page.getByTestId('ui-language-de').click();
    await expect.poll(() => page.locator('.today-count-label').textContent()).toBe('Kontakte heute');
    await page.context().close();
  });

  it('axe-core finds no serious or critical accessibility violations, and a screenshot is saved', async () => {
    const page = await openDesk({ bypassCSP: true });
    await page.getByTestId('topic-2').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Gespeichert');
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    mkdirSync(screenshotDir, { recursive: true });
    const file = join(screenshotDir, 'desk.png');
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await page.context().close();
  });

  it('a tap while the app is unreachable says “not saved”, waits, and “Nochmals senden” stores it exactly once', async () => {
    const page = await openDesk();
    const before = await count(page);
    const port = app.port;
    await app.stop();
    await page.getByTestId('topic-3').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Nicht gespeichert: 1 Kontakt wartet auf Verbindung');
    expect(await count(page)).toBe(before);
    app = await startAppProcess({ dataDir, port });
    // The queue also retries by itself, so the button may already be gone: either way the tap is stored once.
    await page
      .getByRole('button', { name: 'Nochmals senden' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(before + 1);
    expect(dbRows<{ n: number }>('select count(*) n from contacts where voided_at is null')[0]!.n).toBe(before + 1);
    await page.context().close();
  }, 90_000);
});

/** Local date and time in the browser (the site's zone), `offsetMinutes` from now. */
const localAt = (page: Page, offsetMinutes: number) =>
  page.evaluate((offset) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const now = new Date();
    const d = new Date(now.getTime() + offset * 60_000);
    return {
      date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
      time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
      today: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
      germanDate: `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`,
    };
  }, offsetMinutes);

const allContacts = () => dbRows<{ n: number }>('select count(*) n from contacts')[0]!.n;

async function chooseEarlier(page: Page, at: { date: string; time: string }) {
  await page.getByTestId('chips-when').getByRole('button', { name: 'früher …' }).click();
  await page.getByTestId('earlier-date').fill(at.date);
  await page.getByTestId('earlier-time').fill(at.time);
}

/** The controls are back at their defaults: "jetzt", 1, and no pending badge. */
async function expectDefaults(page: Page) {
  await expect.poll(() => page.getByTestId('chips-when').getByRole('button', { name: 'jetzt' }).getAttribute('aria-pressed')).toBe('true');
  expect(await page.getByTestId('count-value').inputValue()).toBe('1');
  expect(await page.getByTestId('earlier-fields').count()).toBe(0);
  expect(await page.getByTestId('pending-entry').count()).toBe(0);
}

describe('desk screen: taps faster than a redraw', () => {
  it('two referral chips and a channel tapped in one burst all apply', async () => {
    const page = await openDesk();
    const chip = (group: string, name: string) => page.getByTestId(group).getByRole('button', { name, exact: true });
    const targets = [chip('chips-referrals', 'Caritas'), chip('chips-referrals', 'ZEBRA'), chip('chips-channel', 'Telefon')];
    const handles = await Promise.all(targets.map((t) => t.elementHandle()));
    await page.evaluate((buttons) => buttons.forEach((b) => (b as HTMLElement).click()), handles);
    for (const target of targets) await expect.poll(() => target.getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
  });
});

describe('desk screen: back-dating and batch entry', () => {
  it('“+5” then a topic stores five contacts marked as a batch; the controls reset; Undo takes back all five', async () => {
    const page = await openDesk();
    const before = await count(page);
    // Four taps faster than the screen redraws: each must count.
    await page.getByTestId('count-plus').evaluate((plus: HTMLElement) => [1, 2, 3, 4].forEach(() => plus.click()));
    await expect.poll(() => page.getByTestId('count-value').inputValue()).toBe('5');
    expect(await page.getByTestId('count-hint').textContent()).toBe('+5 Kontakte mit diesen Angaben');
    expect(await page.getByTestId('pending-batch').textContent()).toContain('× 5');
    await page.getByTestId('topic-6').click();
    await expect.poll(() => count(page)).toBe(before + 5);
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('5 Kontakte gespeichert');
    await expect.poll(() => page.getByTestId('today-list').getByTestId('badge-batch').count()).toBe(5);
    expect(dbRows<{ n: number }>("select count(*) n from contacts where entry_kind = 'batch' and voided_at is null")[0]!.n).toBe(5);
    await expectDefaults(page); // one-off: the next tap is a single contact again
    await page.getByTestId('undo').click();
    await expect.poll(() => count(page)).toBe(before);
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('5 Kontakte rückgängig gemacht');
    await expect.poll(() => page.getByTestId('today-list').getByTestId('badge-batch').count()).toBe(0);
    expect(dbRows<{ n: number }>("select count(*) n from contacts where entry_kind = 'batch' and voided_at is null")[0]!.n).toBe(0);
    await page.reload();
    await expect.poll(() => count(page)).toBe(before);
    await page.context().close();
  });

  it('back-dating an hour: the row shows the chosen time and the badge (yesterday shortly after midnight: today’s count stays)', async () => {
    const page = await openDesk();
    const before = await count(page);
    const at = await localAt(page, -60);
    await chooseEarlier(page, at);
    expect(await page.getByTestId('pending-backdate').textContent()).toContain(at.time);
    await page.getByTestId('topic-7').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain(`Nachgetragen: ${at.germanDate} ${at.time}`);
    await expectDefaults(page);
    if (at.date === at.today) {
      await expect.poll(() => count(page)).toBe(before + 1);
      const row = page
        .getByTestId('today-list')
        .locator('tbody tr', { has: page.getByTestId('badge-backdated') })
        .filter({ hasText: at.time });
      await expect.poll(() => row.count()).toBeGreaterThan(0);
      expect(await row.first().textContent()).toContain('Pflege');
    } else {
      await page.waitForTimeout(300);
      expect(await count(page)).toBe(before);
    }
    const stored = dbRows<{ local_day: string; entry_kind: string }>('select local_day, entry_kind from contacts order by id desc limit 1')[0]!;
    expect(stored).toEqual({ local_day: at.date, entry_kind: 'backdated' });
    await page.context().close();
  });

  it('back-dating to yesterday stores it on yesterday and does not change today’s count', async () => {
    const page = await openDesk();
    const before = await count(page);
    const yesterday = await localAt(page, -24 * 60);
    await chooseEarlier(page, { date: yesterday.date, time: '10:00' });
    await page.getByTestId('topic-3').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain(`Nachgetragen: ${yesterday.germanDate} 10:00`);
    await page.waitForTimeout(300);
    expect(await count(page)).toBe(before);
    const stored = dbRows<{ local_day: string; entry_kind: string }>('select local_day, entry_kind from contacts order by id desc limit 1')[0]!;
    expect(stored).toEqual({ local_day: yesterday.date, entry_kind: 'backdated' });
    await page.reload();
    await expect.poll(() => count(page)).toBe(before);
    await page.context().close();
  });

  it('a time in the future is refused in the UI with an error, and nothing is stored', async () => {
    const page = await openDesk();
    const before = await count(page);
    const stored = allContacts();
    const later = await localAt(page, 30);
    // Half an hour ahead, or 23:59 today when that would already be tomorrow.
    await chooseEarlier(page, later.date === later.today ? later : { date: later.today, time: '23:59' });
    await expect.poll(() => page.getByTestId('earlier-error').textContent()).toContain('Zukunft');
    expect(await page.getByTestId('earlier-time').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('topic-1').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Nicht gespeichert');
    expect(await page.getByTestId('confirmation').textContent()).toContain('Zukunft');
    await page.keyboard.press('2'); // a hotkey is refused the same way
    await page.waitForTimeout(300);
    expect(await count(page)).toBe(before);
    expect(allContacts()).toBe(stored);
    // The choice stays for correcting it; "jetzt" takes it back.
    expect(await page.getByTestId('chips-when').getByRole('button', { name: 'früher …' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('chips-when').getByRole('button', { name: 'jetzt' }).click();
    await expectDefaults(page);
    await page.context().close();
  });

  it('keyboard only: Tab reaches the stepper, and Enter/Space on its buttons change the number', async () => {
    const page = await openDesk();
    let focused: string | null = null;
    for (let i = 0; i < 70 && focused !== 'count-plus'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    }
    expect(focused).toBe('count-plus');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('count-value').inputValue()).toBe('3');
    await page.keyboard.press('Shift+Tab'); // the number itself
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('count-minus');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('count-value').inputValue()).toBe('2');
    expect(await page.getByTestId('pending-batch').textContent()).toContain('× 2');
    await page.getByTestId('pending-reset').click();
    await expectDefaults(page);
    await page.context().close();
  });

  it('the “früher …” area at 1366×768: screenshot, and axe finds no serious or critical violations', async () => {
    const page = await openDesk({ bypassCSP: true });
    await chooseEarlier(page, await localAt(page, -60));
    await page.getByTestId('count-plus').click();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    mkdirSync(screenshotDir, { recursive: true });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    // The topic grid with its pending badges stays in view while the panel shows the open "früher …" area.
    expect(await page.getByTestId('pending-entry').isVisible()).toBe(true);
    expect(await page.getByTestId('topic-1').boundingBox()).toMatchObject({ y: expect.any(Number) });
    const file = join(screenshotDir, 'desk-backdate.png');
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await page.context().close();
  });
});

describe('today’s list on a busy day', () => {
  it('shows the newest 50 contacts, and all of them on request', async () => {
    const client = createHttpClient(app.url);
    const before = (await client.listDay({})).contacts.length;
    // A group of 50 and a few more, so the day holds more than the list shows at first.
    await client.logContact({
      requestId: '3f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c',
      topicIds: [1],
      languageId: 1,
      channel: 'in_person',
      asker: 'citizen',
      count: 50,
    });
    for (let i = 0; i < 3; i++) await client.logContact({ topicIds: [2], languageId: 1, channel: 'phone', asker: 'citizen' });
    const total = before + 53;
    const page = await openDesk();
    const rows = page.getByTestId('today-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(RECENT_ROWS);
    expect(await rows.first().textContent()).toContain('Wohnen'); // newest first
    await page.getByTestId('today-show-all').click();
    await expect.poll(() => rows.count()).toBe(total);
    await page.context().close();
  });
});
