import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../renderer/api/http-transport';
import type { AppProcess } from '../support/app-process';
import { dbRows, openDesk, todayCount } from './support/desk-page';
import { startE2e, stopE2e } from './support/e2e-app';

let dataDir: string;
let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('desk-choices'));
}, 90_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

const chip = (page: Page, group: string, name: string) => page.getByTestId(group).getByRole('button', { name, exact: true });
/** The line as it reads on screen (without the "(geändert)" said only to screen readers). */
const current = (page: Page) =>
  page
    .getByTestId('current-choices')
    .locator('.current-choices-values')
    .evaluate((line) => {
      const copy = line.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
      return copy.textContent;
    });
const changed = (page: Page, what: string) => page.getByTestId(`current-${what}`).getAttribute('data-changed');
const newest = () =>
  dbRows<{ channel: string; asker: string; language_id: number; entry_kind: string }>(
    app.dataFile,
    'select channel, asker, language_id, entry_kind from contacts order by id desc limit 1',
  )[0]!;

describe('what the next tap stores is always in sight', () => {
  it('a fresh day says “1 Kontakt heute”; the defaults show above the grid with nothing marked and “Standard” off', async () => {
    const page = await openDesk(browser, app.url);
    expect(await current(page)).toBe('Deutsch · persönlich · Bürger*in');
    expect(await page.getByTestId('reset-choices').isDisabled()).toBe(true);
    await page.getByTestId('topic-1').click();
    await expect.poll(() => todayCount(page)).toBe(1);
    expect(await page.locator('.today-count-label').textContent()).toBe('Kontakt heute');
    await page.getByTestId('topic-2').click();
    await expect.poll(() => page.locator('.today-count-label').textContent()).toBe('Kontakte heute');
    await page.context().close();
  });

  it('language, channel and who asked stay after a tap, marked as changed; referrals go; one click on “Standard” brings all back', async () => {
    const page = await openDesk(browser, app.url);
    await chip(page, 'chips-language', 'Arabisch').click();
    await chip(page, 'chips-channel', 'Telefon').click();
    await chip(page, 'chips-referrals', 'Caritas').click();
    expect(await current(page)).toBe('Arabisch · Telefon · Bürger*in · → Caritas');
    expect([await changed(page, 'language'), await changed(page, 'channel'), await changed(page, 'asker')]).toEqual(['true', 'true', 'false']);
    await page.getByTestId('topic-4').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Gespeichert');
    expect(newest()).toMatchObject({ channel: 'phone', asker: 'citizen' });
    // The next caller is still on the phone and speaks Arabic; the referral was this visitor's only.
    await expect.poll(() => current(page)).toBe('Arabisch · Telefon · Bürger*in');
    await page.getByTestId('reset-choices').click();
    expect(await current(page)).toBe('Deutsch · persönlich · Bürger*in');
    expect(await chip(page, 'chips-channel', 'persönlich').getAttribute('aria-pressed')).toBe('true');
    expect(await chip(page, 'chips-language', 'Deutsch').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('reset-choices').isDisabled()).toBe(true);
    await page.context().close();
  });

  it('after a back-dated phone call every choice is back at its default, so the next walk-in is not logged as a call', async () => {
    const page = await openDesk(browser, app.url);
    await chip(page, 'chips-channel', 'Telefon').click();
    await chip(page, 'chips-asker', 'Organisation').click();
    const earlier = await page.evaluate(() => {
      const d = new Date(Date.now() - 60 * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
    });
    await chip(page, 'chips-when', 'früher …').click();
    await page.getByTestId('earlier-date').fill(earlier.date);
    await page.getByTestId('earlier-time').fill(earlier.time);
    await page.getByTestId('topic-5').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Nachgetragen');
    expect(newest()).toMatchObject({ channel: 'phone', asker: 'organisation', entry_kind: 'backdated' });
    await expect.poll(() => current(page)).toBe('Deutsch · persönlich · Bürger*in');
    expect(await chip(page, 'chips-channel', 'persönlich').getAttribute('aria-pressed')).toBe('true');
    // The confirmation names the time once, in its title.
    const text = (await page.getByTestId('confirmation').textContent())!;
    expect(text.split(earlier.time)).toHaveLength(2);
    await page.context().close();
  });
});

describe('small things that add up', () => {
  it('the first Tab stop jumps to the topics: Tab, Enter, and the first topic has the focus', async () => {
    const page = await openDesk(browser, app.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('skip-to-topics');
    expect(await page.getByTestId('skip-to-topics').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('topic-1');
    const before = await todayCount(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => todayCount(page)).toBe(before + 1);
    await page.context().close();
  });

  it('typing 60 into “Anzahl” says it became 50, and the note goes with the reset', async () => {
    const page = await openDesk(browser, app.url);
    await page.getByTestId('count-value').fill('60');
    await expect.poll(() => page.getByTestId('count-adjusted').textContent()).toBe('Höchstens 50 auf einmal – auf 50 gesetzt.');
    expect(await page.getByTestId('pending-batch').textContent()).toContain('× 50');
    await page.getByTestId('count-value').blur();
    expect(await page.getByTestId('count-value').inputValue()).toBe('50');
    expect(await page.getByTestId('count-adjusted').count()).toBe(1);
    await page.getByTestId('pending-reset').click();
    await expect.poll(() => page.getByTestId('count-adjusted').count()).toBe(0);
    await page.context().close();
  });

  it('voiding asks for a reason and chooses none itself; without one nothing is voided', async () => {
    const page = await openDesk(browser, app.url);
    await page.getByTestId('topic-9').click();
    const row = page.getByTestId('today-list').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Gewaltschutz');
    const id = Number((await row.getAttribute('data-testid'))!.replace('contact-', ''));
    await row.getByRole('button', { name: 'Stornieren' }).click();
    const reasons = page.getByTestId('void-reasons').getByRole('button');
    expect(await reasons.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-pressed')))).toEqual(['false', 'false', 'false', 'false']);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('void-choose-reason').textContent()).toBe('Bitte einen Grund wählen.');
    expect(dbRows<{ voided_at: number | null }>(app.dataFile, 'select voided_at from contacts where id = ?', id)[0]!.voided_at).toBeNull();
    await page.getByTestId('void-reasons').getByRole('button', { name: 'Test' }).click();
    await page.getByTestId('void-confirm').click();
    await expect.poll(() => row.getAttribute('class')).toBe('voided');
    expect(dbRows<{ void_reason: string }>(app.dataFile, 'select void_reason from contacts where id = ?', id)[0]!.void_reason).toBe('test');
    await page.context().close();
  });

  it('a back-dated contact takes its place by time in today’s list at once, the same place a reload gives it', async () => {
    const page = await openDesk(browser, app.url);
    await page.getByTestId('topic-6').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Gespeichert');
    const earlier = await page.evaluate(() => {
      const d = new Date(Date.now() - 30 * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return {
        date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
        time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
        sameDay: d.getDate() === new Date().getDate(),
      };
    });
    await chip(page, 'chips-when', 'früher …').click();
    await page.getByTestId('earlier-date').fill(earlier.date);
    await page.getByTestId('earlier-time').fill(earlier.time);
    await page.getByTestId('topic-7').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Nachgetragen');
    const order = () =>
      page
        .getByTestId('today-list')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    const backdated = `contact-${dbRows<{ id: number }>(app.dataFile, 'select max(id) id from contacts')[0]!.id}`;
    if (earlier.sameDay) {
      await expect.poll(order).toContain(backdated);
      expect((await order())[0]).not.toBe(backdated); // the contact logged "now" is newer and stays on top
    }
    const shown = await order();
    await page.reload();
    await expect.poll(order).toEqual(shown);
    await page.context().close();
  });

  it('counts read with thousands separators: 1.000 and more today', async () => {
    const client = createHttpClient(app.url);
    const before = (await client.listDay({})).count;
    for (let i = 0; i < 20; i++) {
      await client.logContact({ requestId: randomUUID(), topicIds: [1], languageId: 1, channel: 'in_person', asker: 'citizen', count: 50 });
    }
    const total = before + 1000;
    const page = await openDesk(browser, app.url);
    const grouped = new Intl.NumberFormat('de').format(total);
    expect(grouped).toContain('.');
    expect(await page.getByTestId('today-count').textContent()).toBe(grouped);
    // The list holds voided contacts too, so its number may be a little higher than the count.
    expect(await page.getByTestId('today-show-all').textContent()).toMatch(/^Alle 1\.0\d\d Kontakte von heute zeigen$/);
    await page.context().close();
  }, 60_000);
});
