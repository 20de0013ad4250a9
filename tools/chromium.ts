import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, chromiumPath, installCommand } from '../scripts/system-packages';

export const INSTALL_CHROMIUM = installCommand([CHROMIUM.pkg]);

/** Headless Chromium with the flags that keep it off the (closed) network. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath())) {
    throw new Error(`Chromium is missing at ${chromiumPath()}; install it with: ${INSTALL_CHROMIUM}`);
  }
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
