import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildElectron } from './build-electron';
import { buildRenderer } from './build-renderer';
import { projectRoot, rendererDist } from './paths';
import { stageApp } from './stage-app';

/**
 * `npm run rebuild-native`: a copy of the app in dist/native/app, like the one packaging stages,
 * with better-sqlite3 rebuilt there for Electron's ABI. node_modules keeps the Node build that the
 * tests and browser mode load. `npm start` then runs the desktop shell from that folder, so every
 * `require('better-sqlite3')` in main resolves to the Electron build (the core opens several
 * connections, for start-up checks and backups too, so one `nativeBinding` option would not do).
 * Needs a connected machine: Electron's headers (or a prebuilt binary) are downloaded.
 */

export const NATIVE_APP_DIR = join(projectRoot, 'dist', 'native', 'app');
/** Written after a successful rebuild: the Electron version the module was built for. */
const MARKER = 'electron-abi.txt';

export const installedElectronVersion = () =>
  (JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

/** True when `appDir` holds a better-sqlite3 rebuilt for `electronVersion`. */
export function hasElectronBuild(appDir: string, electronVersion: string): boolean {
  const marker = join(appDir, MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === electronVersion;
}

export function markElectronBuild(appDir: string, electronVersion: string): void {
  writeFileSync(join(appDir, MARKER), `${electronVersion}\n`);
}

/**
 * Builds the shell for `npm start`: into `appDir` (with a fresh copy of the renderer) when it holds
 * the Electron build of better-sqlite3, otherwise into dist/electron, where it would load the Node
 * build and fail, which is why `npm start` says to run `npm run rebuild-native` first.
 */
export async function buildDesktopRun({
  appDir = NATIVE_APP_DIR,
  rendererDir = rendererDist,
  electronVersion = installedElectronVersion(),
} = {}): Promise<{ main: string; rebuilt: boolean }> {
  if (!hasElectronBuild(appDir, electronVersion)) return { main: (await buildElectron()).main, rebuilt: false };
  const { main } = await buildElectron(join(appDir, 'dist', 'electron'));
  rmSync(join(appDir, 'dist', 'renderer'), { recursive: true, force: true });
  cpSync(rendererDir, join(appDir, 'dist', 'renderer'), { recursive: true });
  return { main, rebuilt: true };
}

async function main() {
  await buildRenderer({ quiet: true });
  await buildElectron();
  stageApp(projectRoot, NATIVE_APP_DIR);
  const electronVersion = installedElectronVersion();
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: NATIVE_APP_DIR, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  markElectronBuild(NATIVE_APP_DIR, electronVersion);
  console.log(`better-sqlite3 is built for Electron ${electronVersion} in ${NATIVE_APP_DIR}; npm start uses it.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: Error) => {
    console.error(`Rebuilding better-sqlite3 for Electron failed: ${err.message}`);
    process.exit(1);
  });
}
