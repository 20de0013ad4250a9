import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { dbRows, openDesk, todayCount } from './support/desk-page';
import { startE2e, stopE2e } from './support/e2e-app';
import { managementSession } from './support/management';

let dataDir: string;
let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('desk-queue'));
}, 90_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

interface StoredTap {
  id: number;
  topic_id: number;
  occurred_at: number;
  entry_kind: string;
  request_id: string;
}

/** Contacts stored after `afterId`, oldest first, with their first topic. */
const storedSince = (afterId: number) =>
  dbRows<StoredTap>(
    app.dataFile,
    'select c.id, t.topic_id, c.occurred_at, c.entry_kind, c.request_id from contacts c join contact_topics t on t.contact_id = c.id and t.ordinal = 0 where c.id > ? and c.voided_at is null order by c.id',
    afterId,
  );
const lastId = () => dbRows<{ id: number | null }>(app.dataFile, 'select max(id) id from contacts')[0]!.id ?? 0;

/** Stops the app; returns a function that starts it again on the same port and data. */
async function stopApp(): Promise<() => Promise<void>> {
  const port = app.port;
  await app.stop();
  return async () => {
    app = await startAppProcess({ dataDir, port });
  };
}

const waitingText = (page: Page) => page.getByTestId('queued-taps').textContent();

describe('no tap is ever lost: one persistent queue on every client', () => {
  it('two failed taps in a row both wait, both are listed, and both are stored once the app is back', async () => {
    const page = await openDesk(browser, app.url);
    const from = lastId();
    const restart = await stopApp();
    await page.getByTestId('topic-4').click(); // Gesundheit
    await expect.poll(() => waitingText(page)).toContain('Nicht gespeichert: 1 Kontakt wartet auf Verbindung');
    await page.getByTestId('topic-10').click(); // Bildung
    await expect.poll(() => waitingText(page)).toContain('2 Kontakte warten');
    expect(await waitingText(page)).toMatch(/Gesundheit \d\d:\d\d · Bildung \d\d:\d\d/);
    await restart();
    // Sent by itself once the app answers (no click needed); "Nochmals senden" only makes it sooner.
    await expect.poll(() => storedSince(from).map((c) => c.topic_id), { timeout: 40_000 }).toEqual([4, 10]);
    await expect.poll(() => page.getByTestId('queued-taps').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('queued-sent').textContent()).toContain('2 wartende Kontakte gespeichert');
    await page.context().close();
  }, 120_000);

  it('three taps while the app is stopped (one a batch of +3, one back-dated), a reload, a restart: exactly 5 contacts with their topics and times', async () => {
    const page = await openDesk(browser, app.url);
    const from = lastId();
    const countBefore = await todayCount(page);
    const restart = await stopApp();

    const beforeFirst = Date.now();
    await page.getByTestId('topic-1').click(); // Arbeit, now
    await page.getByTestId('queued-taps').waitFor();
    const afterFirst = Date.now();

    await page.getByTestId('count-plus').click();
    await page.getByTestId('count-plus').click(); // +3
    await page.getByTestId('topic-2').click(); // Wohnen ×3, now
    await expect.poll(() => waitingText(page)).toContain('4 Kontakte warten');
    const afterBatch = Date.now();

    const earlier = await page.evaluate(() => {
      const d = new Date(Date.now() - 2 * 3_600_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
    });
    await page.getByTestId('chips-when').getByRole('button', { name: 'früher …' }).click();
    await page.getByTestId('earlier-date').fill(earlier.date);
    await page.getByTestId('earlier-time').fill(earlier.time);
    await page.getByTestId('topic-3').click(); // Grundsicherung, back-dated two hours
    await expect.poll(() => waitingText(page)).toContain('5 Kontakte warten');
    expect(await waitingText(page)).toMatch(/Arbeit \d\d:\d\d · Wohnen ×3 \d\d:\d\d · Grundsicherung\/Sozialhilfe \(nachgetragen/);
    expect(await todayCount(page)).toBe(countBefore); // waiting taps are not counted as saved

    // A reload while the app is down: the page cannot even load, the taps stay in the browser.
    await page.reload().catch(() => undefined);
    const beforeRestart = Date.now();
    await restart();
    await page.goto(app.url);
    await expect.poll(() => storedSince(from).length, { timeout: 40_000 }).toBe(5);
    await expect.poll(() => page.getByTestId('queued-taps').count(), { timeout: 20_000 }).toBe(0);

    const stored = storedSince(from);
    expect(stored.map((c) => c.topic_id)).toEqual([1, 2, 2, 2, 3]);
    // Each with the time it was made, not the time it finally arrived.
    expect(stored[0]!.occurred_at).toBeGreaterThanOrEqual(beforeFirst - 1000);
    expect(stored[0]!.occurred_at).toBeLessThanOrEqual(afterFirst);
    for (const c of stored.slice(1, 4)) {
      expect(c.entry_kind).toBe('batch');
      expect(c.occurred_at).toBeGreaterThanOrEqual(afterFirst - 1000);
      expect(c.occurred_at).toBeLessThanOrEqual(afterBatch);
    }
    expect(stored[4]!.entry_kind).toBe('backdated');
    const localTime = await page.evaluate((ms) => {
      const d = new Date(ms);
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    }, stored[4]!.occurred_at);
    expect(localTime).toBe(earlier.time);
    expect(Math.max(...stored.map((c) => c.occurred_at))).toBeLessThan(beforeRestart);
    // Stored once each: sending again (e.g. from a second tab) finds them by their request id.
    expect(new Set(stored.map((c) => c.request_id)).size).toBe(5);
    await page.context().close();
  }, 120_000);

  it('a tap the server refuses for good (its topic retired meanwhile) is shown, survives a reload, and goes only when someone acknowledges it', async () => {
    const { api } = await managementSession(app.url);
    const saved = await api.saveCatalogEntry({ kind: 'topic', labelDe: 'Heizkosten', labelEn: 'Heating costs', color: '#2e7d32', hotkey: null });
    const topicId = saved.entry.id;
    const page = await openDesk(browser, app.url);
    const from = lastId();
    await page.route('**/api/logContact', (route) => route.abort('connectionrefused'));
    await page.getByTestId(`topic-${topicId}`).click();
    await page.getByTestId('queued-taps').waitFor();
    await api.setCatalogEntryRetired({ kind: 'topic', id: topicId, retired: true });
    // Time stands still in the page from here: the refusal's discard button stays as it is when it appears.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await page.unroute('**/api/logContact');
    // The queue's own retry may get there first: then "Nochmals senden" is already gone.
    await page
      .getByTestId('send-waiting')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect.poll(() => page.getByTestId('refused-taps').textContent()).toContain('Heizkosten');
    expect(await page.getByTestId('refused-taps').textContent()).toContain('dieses Thema gibt es im Katalog nicht mehr');
    // A tap right after it appeared (meant for "Nochmals senden", which stood there) discards nothing.
    await page.getByTestId('acknowledge-refused').click();
    expect(await page.getByTestId('refused-taps').count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('kontaktdesk.queuedTaps'))).toContain('"refused"');
    await page.clock.resume();
    await page.reload();
    await page.getByTestId('refused-taps').waitFor();
    expect(storedSince(from)).toEqual([]);
    // A discard button that just appeared ignores taps for a moment (one meant for "Nochmals senden" must not land on it).
    await page.locator('[data-testid=acknowledge-refused][data-armed=true]').click();
    await expect.poll(() => page.getByTestId('refused-taps').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('kontaktdesk.queuedTaps'))).toBeNull();
    await page.context().close();
  }, 60_000);
});
