import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../tools/chromium';
import { startAppProcess, type AppProcess } from '../../support/app-process';

export interface E2eRun {
  dataDir: string;
  app: AppProcess;
  browser: Browser;
}

/** What every e2e suite starts with: the real app in browser mode on a fresh data folder, and headless Chromium. */
export async function startE2e(name: string, extra: string[] = []): Promise<E2eRun> {
  const dataDir = mkdtempSync(join(tmpdir(), `kontaktdesk-${name}-e2e-`));
  const app = await startAppProcess({ dataDir, extra });
  return { dataDir, app, browser: await launchChromium() };
}

/** Closes what `startE2e` opened (or what the suite holds now, if it restarted the app) and removes the folder. */
export async function stopE2e({ dataDir, app, browser }: Partial<E2eRun>): Promise<void> {
  await browser?.close();
  await app?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
