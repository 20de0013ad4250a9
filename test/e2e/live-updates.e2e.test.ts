import { networkInterfaces } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { DEVICE_TOKEN_KEY } from '../../renderer/device/device-token';
import { createHttpClient } from '../../renderer/api/http-transport';
import type { AppProcess } from '../support/app-process';
import { managementSession } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';
import { freePort } from '../support/free-port';

/**
 * Issue 11, "two windows disagree": every open desk shows a change made elsewhere within 2 s, pushed
 * by the app. Window A and window B are two Chromium contexts on the same app (two windows or tabs);
 * the tablet opens the app over this machine's network address as a paired device would.
 */
const lanIp = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .find((i) => i.family === 'IPv4' && !i.internal)?.address;

/** Generous against a loaded machine, far below the desk's own 60 s re-read. */
const PUSHED = { timeout: 5_000 };
/** The desk re-reads its list every 60 s by itself: an update seen before this much time passed since the page loaded was pushed. */
const BEFORE_OWN_REFRESH_MS = 55_000;

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let lanPort: number;

interface Desk {
  page: Page;
  loadedAt: number;
}

async function openDesk(url: string, init?: (page: Page) => Promise<unknown>): Promise<Desk> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  await init?.(page);
  await page.goto(url);
  await expect.poll(() => page.getByTestId('today-count').textContent(), { timeout: 20_000 }).toMatch(/^\d+$/);
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return { page, loadedAt: Date.now() };
}

const count = async (page: Page) => Number(await page.getByTestId('today-count').textContent());

/** The update came from a push: the page was not reloaded, and its own 60 s re-read cannot have run yet. */
async function pushedTo({ page, loadedAt }: Desk) {
  expect(Date.now() - loadedAt).toBeLessThan(BEFORE_OWN_REFRESH_MS);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
}

/** The id of the newest contact in a desk's list (rows are `contact-<id>`). */
const newestContactId = async (page: Page) =>
  Number((await page.getByTestId('today-list').locator('tbody tr').first().getAttribute('data-testid'))!.replace('contact-', ''));

beforeAll(async () => {
  lanPort = await freePort();
  ({ dataDir, app, browser } = await startE2e('live', ['--lan-port', String(lanPort)]));
  ({ api } = await managementSession(app.url));
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

describe('every open desk shows a change made elsewhere, pushed, within seconds', { timeout: 60_000 }, () => {
  it('a tap, an undo and a void in window A show in window B without a reload', async () => {
    const a = await openDesk(app.url);
    const b = await openDesk(app.url);
    const start = await count(b.page);

    await a.page.getByTestId('topic-1').click();
    await expect.poll(() => count(a.page)).toBe(start + 1);
    const tapped = await newestContactId(a.page);
    await expect.poll(() => count(b.page), PUSHED).toBe(start + 1);
    await expect.poll(() => b.page.getByTestId(`contact-${tapped}`).count(), PUSHED).toBe(1);
    await pushedTo(b);

    await a.page.getByTestId('undo').click();
    await expect.poll(() => count(b.page), PUSHED).toBe(start);
    await expect.poll(() => b.page.getByTestId(`contact-${tapped}`).count(), PUSHED).toBe(0);
    await pushedTo(b);

    await a.page.getByTestId('topic-2').click();
    await expect.poll(() => count(b.page), PUSHED).toBe(start + 1);
    const voided = await newestContactId(a.page);
    await a.page.getByTestId(`void-${voided}`).click();
    await a.page.getByTestId('void-reasons').getByRole('button').first().click();
    await a.page.getByTestId('void-confirm').click();
    await expect.poll(() => count(b.page), PUSHED).toBe(start);
    await expect.poll(() => b.page.getByTestId(`contact-${voided}`).getAttribute('class'), PUSHED).toBe('voided');
    await pushedTo(b);
    await a.page.context().close();
    await b.page.context().close();
  });

  it('a topic renamed and one retired in the management area show on an open desk at once', async () => {
    const desk = await openDesk(app.url);
    const catalog = await api.getCatalog({});
    const renamed = catalog.topics.find((t) => !t.retired && t.hotkey === '3')!;
    const retired = catalog.topics.find((t) => !t.retired && t.hotkey === '4')!;
    const button = (label: string) => desk.page.locator('#topics').getByRole('button').filter({ hasText: label });
    expect(await button(retired.labelDe).count()).toBe(1);

    await api.saveCatalogEntry({
      kind: 'topic',
      id: renamed.id,
      labelDe: 'Existenzsicherung',
      labelEn: renamed.labelEn,
      color: renamed.color,
      hotkey: renamed.hotkey,
      sdgs: renamed.sdgs,
    });
    await expect.poll(() => button('Existenzsicherung').count(), PUSHED).toBe(1);
    await api.setCatalogEntryRetired({ kind: 'topic', id: retired.id, retired: true });
    await expect.poll(() => button(retired.labelDe).count(), PUSHED).toBe(0);
    await pushedTo(desk);
    await desk.page.context().close();
  });
});

describe.skipIf(!lanIp)(
  lanIp ? `a paired tablet (via ${lanIp})` : 'a paired tablet (skipped: this machine has no non-loopback IPv4 interface)',
  { timeout: 60_000 },
  () => {
    it('hears the stream only with its valid token, and shows a tap made on the main PC without a reload', async () => {
      await api.setSharing({ enabled: true });
      const lanUrl = `http://${lanIp}:${lanPort}/`;
      const { code } = await api.createPairingCode({});
      const { token } = await createHttpClient(lanUrl).pairDevice({ code, name: 'Tablet Café' });
      const tablet = await openDesk(lanUrl, (page) =>
        page.context().addInitScript(([key, value]) => localStorage.setItem(key!, value!), [DEVICE_TOKEN_KEY, token]),
      );

      const streamStatus = (headers: Record<string, string>) =>
        tablet.page.evaluate(async (h) => {
          const abort = new AbortController();
          const res = await fetch('/api/events', { headers: h, signal: abort.signal });
          abort.abort();
          return res.status;
        }, headers);
      expect(await streamStatus({})).toBe(401);
      expect(await streamStatus({ 'X-Kontaktdesk-Device': 'a'.repeat(43) })).toBe(401);
      expect(await streamStatus({ 'X-Kontaktdesk-Device': token })).toBe(200);

      const main = await openDesk(app.url);
      const before = await count(tablet.page);
      await main.page.getByTestId('topic-5').click();
      await expect.poll(() => count(main.page)).toBe(before + 1);
      await expect.poll(() => count(tablet.page), PUSHED).toBe(before + 1);
      await pushedTo(tablet);
      await main.page.context().close();
      await tablet.page.context().close();
    });
  },
);

describe('shutting down', () => {
  it('the app exits on SIGTERM at once, although open windows hold change streams', { timeout: 30_000 }, async () => {
    const a = await openDesk(app.url);
    const b = await openDesk(app.url);
    const started = Date.now();
    await app.stop();
    // The test's own limit is the real check; this says how long it took when it passes.
    expect(Date.now() - started).toBeLessThan(15_000);
    await a.page.context().close();
    await b.page.context().close();
  });
});
