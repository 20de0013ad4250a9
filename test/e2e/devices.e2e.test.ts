import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';
import { freePort } from '../support/free-port';
import { dbRows as dbRowsIn } from './support/desk-page';

/**
 * LAN desk mode end to end: the real app in browser mode, management's tab in one Chromium
 * context, and a "tablet" in another that opens the app through this machine's network address,
 * exactly as a device on the LAN does (the server sees a non-loopback peer).
 */
const lanIp = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .find((i) => i.family === 'IPv4' && !i.internal)?.address;
if (!lanIp && process.env.CI === 'true') throw new Error('LAN desk mode e2e needs a non-loopback IPv4 interface; none found');

const shots = '/tmp/shots';
const SLOW = { timeout: 20_000 };

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let lanPort: number;
let tablet: Page;

/** What the database file itself says, read beside the running app. */
const dbRows = <T>(sql: string, ...params: unknown[]): T[] => dbRowsIn<T>(app.dataFile, sql, ...params);
const contactsWithKey = (requestId: string) => dbRows<{ n: number }>('select count(*) n from contacts where request_id = ?', requestId)[0]!.n;

async function germanPage(context: Awaited<ReturnType<Browser['newContext']>>): Promise<Page> {
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  return context.newPage();
}

/** The request ids of the taps waiting on the tablet. */
const waitingKeys = (page: Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('kontaktdesk.queuedTaps') ?? '[]') as { input: { requestId: string } }[]).map((t) => t.input.requestId));

beforeAll(async () => {
  lanPort = await freePort();
  ({ dataDir, app, browser } = await startE2e('devices', ['--lan-port', String(lanPort)]));
  ({ api, session } = await managementSession(app.url));
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

describe.skipIf(!lanIp)(
  lanIp
    ? `LAN desk mode in real Chromium (tablet via ${lanIp})`
    : 'LAN desk mode in real Chromium (skipped: this machine has no non-loopback IPv4 interface; under CI=true that fails instead)',
  { timeout: 120_000 },
  () => {
    it('management switches sharing on and makes a code; a second browser pairs with it and its tap shows in the main PC’s day list', async () => {
      const main = await germanPage(await unlockedContext(browser, session));
      await main.goto(`${app.url}#/reports/devices`);
      await main.getByTestId('devices-panel').waitFor();
      // The panel shows "…" until the sharing state has loaded (slow on a busy machine).
      await expect.poll(() => main.getByTestId('sharing-state').textContent(), SLOW).toContain('Aus');
      await main.getByTestId('sharing-switch').click();
      await expect.poll(() => main.getByTestId('sharing-state').textContent(), SLOW).toContain(`Port ${lanPort}`);
      await expect.poll(() => main.getByTestId('lan-address').allTextContents(), SLOW).toContain(`http://${lanIp}:${lanPort}/`);
      await main.getByTestId('create-code').click();
      const code = (await main.getByTestId('pairing-code-shown').locator('.code').getAttribute('data-code', SLOW))!;
      expect(code).toMatch(/^\d{6}$/);
      await main.screenshot({ path: `${shots}/devices-panel-code.png`, fullPage: true });

      tablet = await germanPage(await browser.newContext({ viewport: { width: 1024, height: 768 } }));
      const errors: string[] = [];
      tablet.on('pageerror', (e) => errors.push(e.message));
      await tablet.goto(`http://${lanIp}:${lanPort}/`);
      await tablet.getByTestId('pairing-page').waitFor();
      await tablet.screenshot({ path: `${shots}/pairing-page.png`, fullPage: true });

      // A wrong code first: a clear refusal, nothing written.
      const devicesBefore = dbRows<{ n: number }>('select count(*) n from devices')[0]!.n;
      await tablet.getByTestId('pairing-code').fill(code === '000000' ? '111111' : '000000');
      await tablet.getByTestId('pairing-name').fill('Tablet Café');
      await tablet.getByTestId('pairing-submit').click();
      await expect.poll(() => tablet.getByTestId('pairing-error').textContent(), SLOW).toContain('Der Code stimmt nicht');
      expect(dbRows<{ n: number }>('select count(*) n from devices')[0]!.n).toBe(devicesBefore);
      await tablet.screenshot({ path: `${shots}/pairing-page-wrong-code.png`, fullPage: true });

      await tablet.getByTestId('pairing-code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
      await tablet.getByTestId('pairing-submit').click();
      await tablet.getByTestId('topic-1').waitFor(SLOW);
      await expect.poll(() => tablet.getByTestId('device-name').textContent(), SLOW).toContain('Tablet Café');
      expect(await tablet.evaluate(() => localStorage.getItem('kontaktdesk.deviceToken'))).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const before = (await api.listDay({})).count;
      await tablet.getByTestId('topic-1').click();
      await expect.poll(() => tablet.getByTestId('confirmation').textContent(), SLOW).toContain('Gespeichert');
      expect((await api.listDay({})).count).toBe(before + 1);

      // The main PC's desk shows it in today's list.
      await main.goto(`${app.url}#/`);
      await expect.poll(async () => Number(await main.getByTestId('today-count').textContent()), SLOW).toBe(before + 1);

      await main.goto(`${app.url}#/reports/devices`);
      await main.getByTestId('device-row').first().waitFor(SLOW);
      expect(await main.getByTestId('device-row').first().getAttribute('data-name')).toBe('Tablet Café');
      await main.screenshot({ path: `${shots}/devices-panel-paired.png`, fullPage: true });
      expect(errors).toEqual([]);
      await main.context().close();
    });

    it('a tap whose answer is lost is queued, sent again and stored once', async () => {
      // The server stores the tap, but the answer never reaches the tablet.
      let first: string | undefined;
      await tablet.route(
        '**/api/logContact',
        async (route) => {
          first = (JSON.parse(route.request().postData() ?? '{}') as { requestId?: string }).requestId;
          await route.fetch();
          await route.abort('connectionreset');
        },
        { times: 1 },
      );
      await tablet.getByTestId('topic-2').click();
      await expect.poll(() => first, SLOW).toBeDefined();
      await expect.poll(() => tablet.getByTestId('queued-sent').count(), SLOW).toBe(1);
      expect(contactsWithKey(first!)).toBe(1);
      expect(await waitingKeys(tablet)).toEqual([]);
    });

    it('while the main PC restarts, a tap waits on the tablet, shown as waiting, and is sent exactly once after the restart', async () => {
      const port = app.port;
      await app.stop();
      await tablet.getByTestId('topic-3').click();
      await tablet.getByTestId('queued-taps').waitFor(SLOW);
      expect(await tablet.getByTestId('queued-taps').textContent()).toContain('1 Kontakt wartet auf Verbindung');
      expect(await tablet.getByTestId('confirmation').textContent()).not.toContain('Gespeichert');
      await tablet.getByTestId('connection-lost').waitFor(SLOW);
      expect(await tablet.getByTestId('connection-lost').textContent()).toBe('Verbindung unterbrochen – wird erneut versucht');
      const [key] = await waitingKeys(tablet);
      expect(key).toBeDefined();
      expect(contactsWithKey(key!)).toBe(0);
      await tablet.screenshot({ path: `${shots}/tablet-waiting.png`, fullPage: true });

      // The same ports again: sharing was left on, so the LAN listener comes back by itself.
      app = await startAppProcess({ dataDir, port, extra: ['--lan-port', String(lanPort)] });
      await expect.poll(() => tablet.getByTestId('queued-taps').count(), { timeout: 40_000 }).toBe(0);
      await expect.poll(() => tablet.getByTestId('connection-lost').count(), SLOW).toBe(0);
      expect(await tablet.getByTestId('queued-sent').textContent()).toContain('Wartender Kontakt gespeichert');
      expect(contactsWithKey(key!)).toBe(1);
      expect(await waitingKeys(tablet)).toEqual([]);
      await tablet.screenshot({ path: `${shots}/tablet-after-restart.png`, fullPage: true });
    });

    it('a revoked tablet is sent back to the pairing page', async () => {
      ({ api, session } = await managementSession(app.url)); // the restart locked every session
      const [device] = (await api.listDevices({})).devices.filter((d) => d.revokedAt === null);
      await api.revokeDevice({ id: device!.id });
      await tablet.reload();
      await tablet.getByTestId('pairing-page').waitFor(SLOW);
      expect(await tablet.evaluate(() => localStorage.getItem('kontaktdesk.deviceToken'))).toBeNull();
    });
  },
);
