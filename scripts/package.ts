import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildElectron } from './build-electron';
import { buildRenderer } from './build-renderer';
import { projectRoot } from './paths';
import { stageApp } from './stage-app';

/**
 * `npm run package -- --win` (NSIS installer) or `-- --linux` (AppImage and deb): builds, stages
 * the app in dist/app and runs electron-builder on that folder. Needs a connected machine:
 * electron-builder downloads Electron, NSIS/AppImage tools and better-sqlite3's headers or
 * prebuilt binary for Electron's ABI. Installers land in release/.
 */

const USAGE = 'usage: npm run package -- --win | --linux   (build installers on a machine with internet access)';

export const STAGING_DIR = join(projectRoot, 'dist', 'app');
export const BUILDER_CONFIG = join(projectRoot, 'electron-builder.json');

export function packageTargets(args: string[]): ('win' | 'linux')[] {
  const targets = new Set<'win' | 'linux'>();
  for (const arg of args) {
    if (arg === '--win' || arg === '--windows') targets.add('win');
    else if (arg === '--linux') targets.add('linux');
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (targets.size === 0) throw new Error(USAGE);
  return [...targets];
}

async function main() {
  const targets = packageTargets(process.argv.slice(2));
  await buildRenderer({ quiet: true });
  await buildElectron();
  const { packages } = stageApp(projectRoot, STAGING_DIR);
  console.log(`staged ${STAGING_DIR} with ${packages.length} production packages`);

  const { build } = await import('electron-builder');
  const electronVersion = (JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const config = { ...(JSON.parse(readFileSync(BUILDER_CONFIG, 'utf8')) as object), electronVersion };
  // projectDir stays the project (icons in build/, output in release/); the app and the
  // Electron-ABI rebuild of better-sqlite3 are confined to dist/app. An empty target list
  // means the targets in electron-builder.json.
  const platforms = Object.fromEntries(targets.map((t) => [t, []]));
  const artifacts = await build({ projectDir: projectRoot, config, ...platforms });
  for (const file of artifacts) console.log(`built ${file}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: Error) => {
    console.error(`Packaging failed: ${err.message}`);
    process.exit(1);
  });
}
