import { build } from 'vite';
import { viteConfig } from './paths';

/** Builds the React renderer into dist/renderer (about a second). */
export async function buildRenderer(options: { quiet?: boolean } = {}) {
  await build({ configFile: viteConfig, logLevel: options.quiet ? 'warn' : 'info' });
}
