import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; playwright's own browser download is not reachable from these machines. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const INSTALL_CHROMIUM = 'sudo apt-get update && sudo apt-get install -y chromium';

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
