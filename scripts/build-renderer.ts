import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { rendererDist, viteConfig } from './paths';

/**
 * Set by `npm test` once it has built the screen: the many app processes the tests start (several at
 * a time) then serve that build instead of each emptying and rewriting dist/renderer under the others.
 */
export const PREBUILT_ENV = 'KONTAKTDESK_RENDERER_PREBUILT';

/** Builds the React renderer into dist/renderer (about a second). */
export async function buildRenderer(options: { quiet?: boolean } = {}) {
  if (process.env[PREBUILT_ENV] === '1' && existsSync(join(rendererDist, 'index.html'))) return;
  await build({ configFile: viteConfig, logLevel: options.quiet ? 'warn' : 'info' });
}

// `node --import tsx scripts/build-renderer.ts` builds the screen alone (the e2e tests serve dist/renderer).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildRenderer();
