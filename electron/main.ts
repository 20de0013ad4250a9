import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { join, resolve } from 'node:path';
import { APP_NAME, databaseFile } from '../core/app/data-location';
import { DatabaseUrlError, findDatabaseUrl } from '../core/app/database-url';
import { AlreadyRunningError } from '../core/app/instance-lock';
import { openShell, type Closable, type Shell } from '../core/app/open-shell';
import type { App } from '../core/app/start-app';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { DEFAULT_LAN_PORT, serveLan } from '../server/lan-listener';
import { registerIpc } from './ipc';
import { forwardChangesToWindows } from './change-forwarding';
import { registerSavePdf } from './save-pdf';
import { printHtmlToPdf } from './print-html-pdf';
import { safeStorageSecretStore } from './secret-store';
import { shellSwitches, type ShellSwitches } from './command-line';
import { refuseWhileRunning, resetPinAndExit } from './reset-pin-switch';
import { createSecureWindow, denyAllPermissions, hardenWebContents, isTrustedSender, RENDERER_ENTRY_URL } from './security';

// Bundled to dist/electron/main.cjs: the preload sits next to it, the renderer in dist/renderer.
const PRELOAD = join(__dirname, 'preload.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');

/**
 * The shared PostgreSQL database this PC runs on, if any: from KONTAKTDESK_DATABASE_URL (how `npm start`
 * passes it on), the data folder's `database-url` file, or a `--database=` switch (accepted, with a
 * warning: the process list shows it). Throws what is wrong with it; asked once, when the app is ready.
 */
const databaseUrl = (switches: ShellSwitches) => findDatabaseUrl({ explicit: switches.database, dataDir: app.getPath('userData'), demo: switches.demo });

let shell: Shell<Closable> | undefined;
let mainWindow: BrowserWindow | undefined;

function createWindow() {
  mainWindow = createSecureWindow(BrowserWindow, PRELOAD, { width: 1280, height: 800, show: false, autoHideMenuBar: true });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = undefined));
  void mainWindow.loadURL(RENDERER_ENTRY_URL);
}

function fail(title: string, err: unknown, detail = '') {
  dialog.showErrorBox(title, `${err instanceof Error ? err.message : String(err)}${detail}`);
  app.quit();
}

/** The window's transport: every contract method on IPC, and every saved change (from any window, tab or tablet) pushed to the windows. */
async function serveWindows(api: App['api']): Promise<Closable> {
  const unregister = registerIpc(ipcMain, api, isTrustedSender);
  const stopForwarding = forwardChangesToWindows(api.changes, () => BrowserWindow.getAllWindows());
  return {
    close: async () => {
      stopForwarding();
      unregister();
    },
  };
}

async function start(switches: ShellSwitches) {
  handleAppProtocol(protocol, RENDERER_DIR);
  denyAllPermissions(session.defaultSession);
  const dataDir = app.getPath('userData');
  const demo = switches.demo;
  let postgres: string | undefined;
  try {
    postgres = databaseUrl(switches)?.url;
    // A damaged, locked or read-only database does not throw: the window shows why (and offers the newest good backup).
    shell = await openShell(
      // The mail password: encrypted by the operating system (safeStorage), never in the database.
      {
        dataDir,
        demo,
        postgres,
        address: 'desktop window',
        secretStore: safeStorageSecretStore(safeStorage, dataDir, demo),
        // Report mails with a PDF: the report page printed in a hidden window.
        printPdf: (html) => printHtmlToPdf(BrowserWindow, html),
      },
      {
        serve: (started) => serveWindows(started.api),
        // The window talks IPC; other devices on the network get the same renderer over HTTP, only while management shares.
        shareOnLan: (started) => serveLan(started, { staticDir: RENDERER_DIR, port: switches.lanPort ?? DEFAULT_LAN_PORT }),
      },
    );
  } catch (err) {
    const title = err instanceof AlreadyRunningError ? 'Kontaktdesk is already running' : 'Kontaktdesk cannot open its database';
    const onFile = postgres === undefined && !(err instanceof DatabaseUrlError);
    return fail(title, err, onFile ? `\n\nDatabase file: ${databaseFile(dataDir, demo)}` : '');
  }
  registerSavePdf(ipcMain, isTrustedSender, {
    chooseFile: async (defaultFileName) => {
      const options = { defaultPath: defaultFileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
  });
  createWindow();
}

function run(switches: ShellSwitches) {
  // package.json's name is lower case; pin the folder so browser mode (defaultDataDir) opens the same file.
  // Must precede the single-instance lock, which is keyed on this folder.
  // `--data=DIR` (passed on by `npm start -- --data DIR`) points it elsewhere.
  app.setPath('userData', switches.dataDir ? resolve(switches.dataDir) : join(app.getPath('appData'), APP_NAME));
  if (!app.requestSingleInstanceLock()) {
    if (switches.resetPin) void app.whenReady().then(() => refuseWhileRunning(app, dialog));
    else app.quit();
  } else if (switches.resetPin) {
    // For IT, when the PIN is forgotten: no window, no IPC, no network; the database is opened, changed and closed.
    void app
      .whenReady()
      .then(() => resetPinAndExit(app, dialog, { dataDir: app.getPath('userData'), demo: switches.demo, postgres: databaseUrl(switches) }))
      .catch((err: unknown) => fail('Kontaktdesk could not reset the PIN', err));
  } else {
    app.enableSandbox();
    registerAppScheme(protocol);
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
    app.on('second-instance', () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    });
    // Hold the quit until the database is closed, so the WAL is checkpointed and nothing is cut off.
    app.on('will-quit', (event) => {
      if (!shell) return;
      event.preventDefault();
      const closing = shell;
      shell = undefined;
      void closing.close().finally(() => app.quit());
    });
    app
      .whenReady()
      .then(() => start(switches))
      .catch((err: unknown) => fail('Kontaktdesk could not start', err));
  }
}

let switches: ShellSwitches | undefined;
try {
  switches = shellSwitches(process.argv);
} catch (err) {
  // A switch whose value cannot be used (`--lan-port=x`): said in a dialog, and nothing is opened.
  void app.whenReady().then(() => fail('Kontaktdesk could not start', err));
}
if (switches) run(switches);
