import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { defaultDataDir } from '../core/app/data-location';
import { findDatabaseUrl } from '../core/app/database-url';
import { openShell } from '../core/app/open-shell';
import { startHttpServer } from '../server/http-server';
import { serveLan } from '../server/lan-listener';
import { buildRenderer } from './build-renderer';
import { desktopLaunch } from './desktop-launch';
import { electronAvailability } from './electron-availability';
import { openInBrowser } from './open-in-browser';
import { rendererDist } from './paths';
import { buildDesktopRun } from './rebuild-native';
import { parseStartOptions, USAGE, type StartOptions } from './start-options';

async function startDesktop(binary: string, options: StartOptions, databaseUrl: string | undefined) {
  // node_modules holds better-sqlite3 built for Node (tests, browser mode); Electron needs its own build.
  const { main, rebuilt } = await buildDesktopRun();
  if (!rebuilt) console.log('better-sqlite3 is not built for this Electron yet: run `npm run rebuild-native` once (needs internet).');
  const { args, env } = desktopLaunch(main, options, databaseUrl);
  const child = spawn(binary, args, { stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startBrowserMode(options: StartOptions, dataDir: string, databaseUrl: string | undefined) {
  // A damaged, locked or read-only database is reported on the console and in the page; nothing is written to it.
  // The core opens before the renderer build: a start refused because another instance runs answers at once and leaves dist alone.
  const shell = await openShell(
    { dataDir, demo: options.demo, postgres: databaseUrl },
    {
      serve: async (app) => {
        await buildRenderer({ quiet: true });
        const server = await startHttpServer({ api: app.api, staticDir: rendererDist, port: options.port }).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'EADDRINUSE') throw new Error(`port ${options.port} is in use (is Kontaktdesk already running?); try --port 0 for a free port`);
          throw err;
        });
        app.announce(server.url);
        return server;
      },
      // Listens on the local network only while management has sharing switched on (port options.lanPort).
      shareOnLan: (app) => serveLan(app, { staticDir: rendererDist, port: options.lanPort }),
    },
  );
  const { app, served: server } = shell;
  console.log(`Kontaktdesk is running in browser mode${options.demo ? ' (demo database)' : ''}. Open:`);
  console.log(server.url);
  // app.file is the masked URL on PostgreSQL: the password is never printed.
  console.log(`${databaseUrl ? 'Database' : 'Data file'}: ${app.file}`);
  const sharing = await app.core()?.handlers.getSharing({});
  if (sharing?.listening) console.log(`Shared on the local network (Verwaltung → Geräte): ${sharing.addresses.join(' ') || `port ${sharing.port}`}`);
  else if (sharing?.enabled) console.log(`Sharing on the local network is on, but port ${options.lanPort} cannot be used (${sharing.problem}).`);
  console.log('Press Ctrl+C to stop.');
  if (options.open) openInBrowser(server.url);
  const stop = async () => {
    await shell.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main() {
  const options = parseStartOptions(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  // Checked here, before either mode starts: a URL that cannot be used (or a file others can read) stops the start.
  const databaseUrl = findDatabaseUrl({ explicit: options.database, dataDir, demo: options.demo })?.url;
  if (!options.browser) {
    const electron = electronAvailability();
    if (electron.ok) {
      await buildRenderer({ quiet: true });
      return startDesktop(electron.binary, options, databaseUrl);
    }
    console.log(`The desktop app cannot start here: ${electron.reason}. Starting browser mode instead.`);
  }
  await startBrowserMode(options, dataDir, databaseUrl);
}

main().catch((err: Error) => {
  console.error(`Kontaktdesk could not start: ${err.message}`);
  process.exit(1);
});
