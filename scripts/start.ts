import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { defaultDataDir } from '../core/app/data-location';
import { openAppCore } from '../core/app/open-app-core';
import { startHttpServer } from '../server/http-server';
import { buildElectron } from './build-electron';
import { buildRenderer } from './build-renderer';
import { electronAvailability } from './electron-availability';
import { openInBrowser } from './open-in-browser';
import { rendererDist } from './paths';
import { parseStartOptions, USAGE, type StartOptions } from './start-options';

async function startDesktop(binary: string, options: StartOptions) {
  const { main } = await buildElectron();
  const args = [main, ...(options.demo ? ['--demo'] : []), ...(options.dataDir ? [`--data=${resolve(options.dataDir)}`] : [])];
  const child = spawn(binary, args, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startBrowserMode(options: StartOptions) {
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const core = await openAppCore({ dataDir, demo: options.demo });
  let server;
  try {
    server = await startHttpServer({ api: core.api, staticDir: rendererDist, port: options.port });
  } catch (err) {
    await core.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${options.port} is in use (is Kontaktdesk already running?); try --port 0 for a free port`);
    }
    throw err;
  }
  console.log(`Kontaktdesk is running in browser mode${options.demo ? ' (demo database)' : ''}. Open:`);
  console.log(server.url);
  console.log(`Data file: ${core.file}`);
  console.log('Press Ctrl+C to stop.');
  if (options.open) openInBrowser(server.url);
  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main() {
  const options = parseStartOptions(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  await buildRenderer({ quiet: true });
  if (!options.browser) {
    const electron = electronAvailability();
    if (electron.ok) return startDesktop(electron.binary, options);
    console.log(`The desktop app cannot start here: ${electron.reason}. Starting browser mode instead.`);
  }
  await startBrowserMode(options);
}

main().catch((err: Error) => {
  console.error(`Kontaktdesk could not start: ${err.message}`);
  process.exit(1);
});
