import type { Browser, BrowserContext } from 'playwright-core';
import { ClientError } from '../../../core/api/client';
import type { Client } from '../../../core/api/contract';
import { SESSION_STORAGE_KEY } from '../../../renderer/api/management-session';
import { createHttpClient } from '../../../renderer/api/http-transport';

/** The PIN e2e suites set on their app's first management visit. */
export const E2E_PIN = '482916';

/**
 * A management session on the app at `url`: sets E2E_PIN when no PIN is set yet, else unlocks
 * with it. Returns a client that sends the session, and the session itself for a browser tab.
 */
export async function managementSession(url: string): Promise<{ session: string; api: Client }> {
  const anonymous = createHttpClient(url);
  const { pinSet } = await anonymous.getManagementStatus({});
  const { session } = pinSet ? await anonymous.unlockManagement({ pin: E2E_PIN }) : await anonymous.setManagementPin({ pin: E2E_PIN });
  return { session, api: createHttpClient(url, () => session) };
}

/** A browser context whose tabs start with `session` in sessionStorage, i.e. already unlocked. */
export async function unlockedContext(browser: Browser, session: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  await context.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem(key!)) sessionStorage.setItem(key!, value!);
    },
    [SESSION_STORAGE_KEY, session],
  );
  return context;
}

export const isLocked = (err: unknown) => err instanceof ClientError && err.body.code === 'locked';
