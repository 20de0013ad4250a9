import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { dbRows, openDesk, SCREENS, seriousAxeViolations, todayCount, topicBoxes } from './support/desk-page';
import { startE2e, stopE2e } from './support/e2e-app';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const shots = join(projectRoot, 'test-results');

let dataDir: string;
let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('desk-layout'));
  mkdirSync(shots, { recursive: true });
}, 90_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

/** The topics of the newest `n` taps in the database, newest first. */
const newestTopics = (n: number) =>
  dbRows<{ topic_id: number }>(
    app.dataFile,
    'select t.topic_id from contacts c join contact_topics t on t.contact_id = c.id and t.ordinal = 0 order by c.id desc limit ?',
    n,
  ).map((r) => r.topic_id);

/** Holds every logContact request until released: the save is "slow" for as long as the test wants. */
async function holdSaves(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  await page.route('**/api/logContact', (route) => void held.push(route));
  return async () => {
    await Promise.all(held.map((route) => route.continue()));
    await page.unroute('**/api/logContact');
  };
}

describe.each(SCREENS)('the desk at $name: nothing moves under the finger', ({ name, width, height }) => {
  it('every topic button keeps its box through a confirmation, a second tap on the same spot, Undo, a slow save, an error, waiting taps, pending choices and the confirmation expiring', async () => {
    const page = await openDesk(browser, app.url, { width, height });
    await page.clock.install();
    const before = await topicBoxes(page);
    expect(Object.keys(before)).toHaveLength(12);
    const unchanged = async (state: string) => expect(await topicBoxes(page), `${name}: ${state}`).toEqual(before);

    // Tap "Armut/Schulden" where it is, then the very same spot again after the confirmation appeared.
    const target = page.getByTestId('topic-5');
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    const spot = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const scrolled = await topicBoxes(page); // the same layout, seen from where the page is scrolled now
    const start = await todayCount(page);
    await page.mouse.click(spot.x, spot.y);
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Gespeichert');
    expect(await topicBoxes(page)).toEqual(scrolled);
    await page.mouse.click(spot.x, spot.y);
    await expect.poll(() => todayCount(page)).toBe(start + 2);
    expect(newestTopics(2)).toEqual([5, 5]);
    await unchanged('confirmation shown');
    await page.screenshot({ path: join(shots, `desk-${name}-saved.png`) });

    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Rückgängig gemacht');
    await unchanged('after Undo');

    // A slow save shows "Wird gespeichert …" in the same box.
    const release = await holdSaves(page);
    await page.getByTestId('topic-1').click();
    await page.clock.fastForward(1000);
    await page.getByTestId('saving').waitFor();
    await unchanged('while saving');
    await release();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Gespeichert');

    // "Nicht gespeichert!": a back-dated time in the future is refused before sending.
    await page.getByTestId('chips-when').getByRole('button', { name: 'früher …' }).click();
    await page.getByTestId('earlier-time').fill('23:59');
    await page.getByTestId('count-plus').click();
    await unchanged('pending back-dating and batch outline');
    const tomorrow = await page.evaluate(() => {
      const d = new Date(Date.now() + 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.getByTestId('earlier-date').evaluate((input: HTMLInputElement, day) => {
      input.max = day; // past the picker's own bound, so the app's check is what refuses it
    }, tomorrow);
    await page.getByTestId('earlier-date').fill(tomorrow);
    await page.getByTestId('topic-2').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Nicht gespeichert');
    await unchanged('error banner');
    await page.getByTestId('pending-reset').click();
    await page.getByTestId('confirmation').getByRole('button', { name: 'Schließen' }).click();

    // The server does not answer: the tap waits, shown with its topic; the connection notice lies over the header.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.getByTestId('topic-4').click();
    await page.getByTestId('queued-taps').waitFor();
    await page.getByTestId('connection-lost').waitFor();
    expect(await page.getByTestId('queued-taps').textContent()).toContain('Gesundheit');
    await unchanged('waiting taps and connection notice');
    await page.screenshot({ path: join(shots, `desk-${name}-waiting.png`) });
    await page.unroute('**/api/**');
    await page.getByTestId('send-waiting').click();
    await expect.poll(() => page.getByTestId('queued-taps').count()).toBe(0);
    await expect.poll(() => page.getByTestId('connection-lost').count()).toBe(0);
    await unchanged('waiting taps sent');

    // The confirmation goes after ten seconds.
    await page.getByTestId('topic-3').click();
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Gespeichert');
    await page.clock.fastForward(11_000);
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toBe('');
    await unchanged('confirmation expired');
    await page.context().close();
  }, 90_000);
});

describe('the desk at each size', () => {
  it('at 1024×768 every topic button is visible without scrolling; on narrow screens the grid comes before the chips', async () => {
    for (const { name, width, height } of SCREENS) {
      const page = await openDesk(browser, app.url, { width, height });
      const boxes = Object.values(await topicBoxes(page));
      const chips = (await page.getByTestId('chips-language').boundingBox())!;
      if (width >= 1024) expect(Math.max(...boxes.map((b) => b.y + b.height)), name).toBeLessThanOrEqual(height);
      if (width <= 820) expect(Math.max(...boxes.map((b) => b.y + b.height)), name).toBeLessThan(chips.y);
      // The site name is shown whole where there is room (it wraps rather than being cut).
      const title = await page.locator('.app-header h1').evaluate((h) => ({ scroll: h.scrollWidth, client: h.clientWidth, text: h.textContent }));
      expect(title.text, name).toContain('Sozial-Info im Wohnzimmer Leibnitz');
      expect(title.scroll, name).toBeLessThanOrEqual(title.client);
      await page.screenshot({ path: join(shots, `desk-${name}.png`) });
      await page.context().close();
    }
  });

  it('today’s list fits its card without sideways scrolling at 1366×768 and at 390×844, its buttons inside the screen', async () => {
    const page = await openDesk(browser, app.url, { width: 1366, height: 768 });
    await page.getByTestId('chips-referrals').getByRole('button', { name: 'Stadtgemeinde Leibnitz – Bürgerservice' }).click();
    await page.getByTestId('chips-referrals').getByRole('button', { name: 'Frauen- und Mädchenberatung' }).click();
    await page.getByTestId('topic-3').click();
    await expect.poll(() => page.getByTestId('today-list').locator('tbody tr').count()).toBeGreaterThan(0);
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      const card = await page.locator('.today').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
      expect(card.scroll, `${viewport.width}`).toBeLessThanOrEqual(card.client);
      const row = page.getByTestId('today-list').locator('tbody tr').first();
      for (const button of ['Bearbeiten', 'Stornieren']) {
        const b = (await row.getByRole('button', { name: button }).boundingBox())!;
        expect(b.x + b.width, `${viewport.width} ${button}`).toBeLessThanOrEqual(viewport.width);
      }
    }
    await page.context().close();
  });

  it('axe-core finds no serious or critical violations on the desk with waiting taps, at every size', async () => {
    for (const { name, width, height } of SCREENS) {
      const page = await openDesk(browser, app.url, { width, height }, { bypassCSP: true });
      await page.route('**/api/logContact', (route) => route.abort('connectionrefused'));
      await page.getByTestId('topic-6').click();
      await page.getByTestId('queued-taps').waitFor();
      expect(await seriousAxeViolations(page, AXE), name).toEqual([]);
      await page.unroute('**/api/logContact');
      await page.getByTestId('send-waiting').click();
      await expect.poll(() => page.getByTestId('queued-taps').count()).toBe(0);
      await page.context().close();
    }
  });
});
