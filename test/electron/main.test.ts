import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, methodNames } from '../../core/base/method-names';
import { SHELL_CHANNELS } from '../../core/api/shell-bridge';
import { acquireInstanceLock } from '../../core/app/instance-lock';
import { openCore } from '../../core/open-core';
import { deskTap } from './desk-tap';

/** An Electron stand-in: just enough of app, BrowserWindow, ipcMain, protocol, session, dialog and safeStorage for main.ts. */
const electron = vi.hoisted(() => {
  type Listener = (...args: any[]) => unknown;
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  const state = {
    lock: true,
    paths: {} as Record<string, string>,
    ready: undefined as unknown as { promise: Promise<void>; resolve(): void },
    windows: [] as FakeWindow[],
    ipc: new Map<string, Listener>(),
  };
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => state.ready.promise),
    getPath: vi.fn((name: string) => {
      const path = state.paths[name];
      if (!path) throw new Error(`no path for ${name}`);
      return path;
    }),
    setPath: vi.fn((name: string, path: string) => void (state.paths[name] = path)),
  });
  class FakeWindow extends Emitter {
    static getAllWindows = () => state.windows;
    webContents = Object.assign(new Emitter(), {
      isDestroyed: () => false,
      mainFrame: { url: 'app://kontaktdesk/index.html', send: vi.fn() },
    });
    loadURL = vi.fn(async (_url: string) => undefined);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => true);
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      state.windows.push(this);
    }
  }
  const module = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) },
    ipcMain: {
      handle: vi.fn((channel: string, listener: Listener) => void state.ipc.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => void state.ipc.delete(channel)),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    // A reversible stand-in for the operating system's encryption (DPAPI, the keychain, libsecret).
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`)),
      decryptString: vi.fn((bytes: Buffer) => Buffer.from(bytes.toString().slice(4), 'hex').toString()),
    },
  };
  function reset(appData: string) {
    vi.clearAllMocks();
    app.listeners.clear();
    state.lock = true;
    state.paths = { appData };
    state.windows = [];
    state.ipc.clear();
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    state.ready = { promise, resolve };
  }
  return { module, state, reset };
});

vi.mock('electron', () => electron.module);

const { app, dialog, protocol, session } = electron.module;
/**
 * Opening (or refusing) the database, then the window or dialog: quick alone, but on a busy 2-core
 * machine more than vi.waitFor's default second. The waits end as soon as it happened.
 */
const STARTED = { timeout: 10_000 };
const trusted = { senderFrame: { url: 'app://kontaktdesk/index.html' } };
let appData: string;
let argv: string[];

beforeEach(() => {
  appData = mkdtempSync(join(tmpdir(), 'kontaktdesk-main-'));
  electron.reset(appData);
  argv = process.argv;
  vi.resetModules();
});

afterEach(async () => {
  // Quit like Electron would, so main closes the database before the folder goes (`--reset-pin` exits by itself).
  app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(app.quit.mock.calls.length + app.exit.mock.calls.length).toBeGreaterThan(0), STARTED);
  process.argv = argv;
  rmSync(appData, { recursive: true, force: true });
});

async function startMain() {
  await import('../../electron/main');
  electron.state.ready.resolve();
}

const userData = () => join(appData, 'Kontaktdesk');
const windowShown = () => vi.waitFor(() => expect(electron.state.windows).toHaveLength(1), STARTED);

describe('main process', () => {
  it('a second instance quits at once, without opening the database or a window', async () => {
    electron.state.lock = false;
    await startMain();
    await new Promise((r) => setTimeout(r, 50));
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(electron.state.windows).toEqual([]);
    expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(false);
  });

  it('takes the lock on the data folder browser mode uses, and registers the app scheme before ready', async () => {
    await import('../../electron/main');
    expect(app.setPath).toHaveBeenCalledWith('userData', userData());
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.handle).not.toHaveBeenCalled();
    electron.state.ready.resolve();
    await windowShown();
  });

  it('opens the database in userData and loads the app page in a sandboxed window', async () => {
    await startMain();
    await windowShown();
    expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(true);
    const [win] = electron.state.windows;
    expect(win!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    // Next to main's own file: in the bundle that is dist/electron/preload.cjs.
    expect(win!.options.webPreferences.preload).toBe(join(__dirname, '..', '..', 'electron', 'preload.cjs'));
    expect(win!.loadURL).toHaveBeenCalledWith('app://kontaktdesk/index.html');
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const check = session.defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0] as (() => boolean) | undefined;
    expect(check?.()).toBe(false);
  });

  it('binds every contract method to IPC, refusing untrusted frames and logging from ours', async () => {
    await startMain();
    await windowShown();
    expect([...electron.state.ipc.keys()].sort()).toEqual([...methodNames.map(ipcChannel), SHELL_CHANNELS.savePdf].sort());
    const call = (event: unknown, method: (typeof methodNames)[number], input: unknown) =>
      electron.state.ipc.get(ipcChannel(method))!(event, input) as Promise<{ ok: boolean; value?: any }>;
    const catalog = await call(trusted, 'getCatalog', {});
    const tap = await deskTap({ getCatalog: async () => catalog.value } as never);
    expect(await call({ senderFrame: { url: 'https://evil.example/' } }, 'logContact', tap)).toMatchObject({ ok: false });
    expect(await call({ senderFrame: null }, 'logContact', tap)).toMatchObject({ ok: false });
    expect(await call(trusted, 'logContact', tap)).toMatchObject({ ok: true, value: { todayCount: 1 } });
    expect(await call(trusted, 'listDay', {})).toMatchObject({ ok: true, value: { count: 1 } });
  });

  it('forwards every saved change to the windows on their own channel, kind and day only', async () => {
    await startMain();
    await windowShown();
    const call = (method: (typeof methodNames)[number], input: unknown) =>
      electron.state.ipc.get(ipcChannel(method))!(trusted, input) as Promise<{ ok: boolean; value?: any }>;
    const catalog = await call('getCatalog', {});
    const logged = await call('logContact', await deskTap({ getCatalog: async () => catalog.value } as never));
    const [win] = electron.state.windows;
    expect(win!.webContents.mainFrame.send).toHaveBeenCalledWith('kontaktdesk-live:changes', { kind: 'contacts', days: [logged.value.contact.localDay] });
  });

  it('keeps the mail password with safeStorage, encrypted in userData, never in the database or the plain file', async () => {
    await startMain();
    await windowShown();
    const call = (method: (typeof methodNames)[number], input: unknown, session?: string) =>
      electron.state.ipc.get(ipcChannel(method))!(trusted, input, session) as Promise<{ ok: boolean; value?: any }>;
    const { value: unlocked } = await call('setManagementPin', { pin: '135790' });
    const password = 'Desktop-Geheimnis-2718';
    const server = { host: 'mail.leibnitz.at', port: 587, security: 'starttls', user: 'berichte@leibnitz.at', from: 'berichte@leibnitz.at', password };
    expect(await call('saveMailServer', server, unlocked.session)).toMatchObject({ ok: true, value: { passwordSet: true, passwordStore: 'safeStorage' } });
    expect(electron.module.safeStorage.encryptString).toHaveBeenCalledWith(password);
    const stored = readFileSync(join(userData(), 'mail-password.safe'));
    expect(stored.includes(Buffer.from(password))).toBe(false);
    expect(existsSync(join(userData(), 'mail-password'))).toBe(false);
    expect(readFileSync(join(userData(), 'kontaktdesk.sqlite')).includes(Buffer.from(password))).toBe(false);
  });

  it('hardens every web contents Electron creates', async () => {
    await startMain();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map(([name]) => name)).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    await windowShown();
  });

  it('brings the open window to the front when the app is started again', async () => {
    await startMain();
    await windowShown();
    app.emit('second-instance', {}, ['kontaktdesk'], appData, {});
    const [win] = electron.state.windows;
    expect(win!.restore).toHaveBeenCalled();
    expect(win!.focus).toHaveBeenCalled();
  });

  // Seeding years of demo history takes a few seconds.
  it('opens the separate demo database with --demo', { timeout: 60_000 }, async () => {
    process.argv = [...argv, '--demo'];
    await startMain();
    await windowShown();
    expect(existsSync(join(userData(), 'kontaktdesk-demo.sqlite'))).toBe(true);
    expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(false);
  });

  it('closes the database before quitting', async () => {
    await startMain();
    await windowShown();
    const file = join(userData(), 'kontaktdesk.sqlite');
    expect(existsSync(`${file}-wal`)).toBe(true);
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled(), STARTED);
    // SQLite checkpoints and removes the WAL when the last connection closes.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = { preventDefault: vi.fn() };
    app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('holds the database’s instance lock as the desktop window while open, and gives it up on quit', async () => {
    await startMain();
    await windowShown();
    const lockFile = join(userData(), 'kontaktdesk.sqlite.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, address: 'desktop window' });
    app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled(), STARTED);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('another Kontaktdesk running on the same database: says where in a dialog and quits, without opening the file or a window', async () => {
    mkdirSync(userData(), { recursive: true });
    const file = join(userData(), 'kontaktdesk.sqlite');
    const other = acquireInstanceLock(file, { address: 'http://127.0.0.1:4780/' });
    try {
      const held = readFileSync(other.file);
      await startMain();
      await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalled(), STARTED);
      const [title, message] = dialog.showErrorBox.mock.calls[0] as [string, string];
      expect(title).toMatch(/already running/);
      expect(message).toContain(`already running with this database (PID ${process.pid}): http://127.0.0.1:4780/`);
      expect(app.quit).toHaveBeenCalled();
      expect(electron.state.windows).toEqual([]);
      expect(electron.state.ipc.size).toBe(0);
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(other.file)).toEqual(held);
    } finally {
      other.release();
    }
  });

  it('explains a database from a newer version in a dialog and quits without a window', async () => {
    mkdirSync(userData(), { recursive: true });
    const file = join(userData(), 'kontaktdesk.sqlite');
    const future = new Database(file);
    future.exec('create table schema_migrations (version integer primary key, name text not null, applied_at bigint not null)');
    future.prepare('insert into schema_migrations values (999, ?, 0)').run('from the future');
    future.close();

    await startMain();
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalled(), STARTED);
    const [title, message] = dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toMatch(/cannot open its database/);
    expect(message).toMatch(/schema version 999/);
    expect(message).toContain(file);
    expect(app.quit).toHaveBeenCalled();
    expect(electron.state.windows).toEqual([]);
    expect(electron.state.ipc.size).toBe(0);
  });

  it('a switch whose value cannot be used (the same check as npm start): says so in a dialog and quits, opening nothing', async () => {
    process.argv = [...argv, '--lan-port=99999'];
    await startMain();
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalled(), STARTED);
    expect(dialog.showErrorBox.mock.calls[0]).toEqual(['Kontaktdesk could not start', '--lan-port must be a whole number from 0 to 65535, not "99999"']);
    expect(app.quit).toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(electron.state.windows).toEqual([]);
    expect(existsSync(userData())).toBe(false);
  });

  describe('--reset-pin, for IT when the PIN is forgotten (an installed app has no npm)', () => {
    const messageBox = () => (dialog.showMessageBox.mock.calls as unknown as [{ type: string; message: string }][])[0]![0];

    it('removes the PIN of the database in the data folder, audited, says so and exits 0 without a window, IPC or network', async () => {
      const file = join(userData(), 'kontaktdesk.sqlite');
      mkdirSync(userData(), { recursive: true });
      const setUp = await openCore({ file });
      await setUp.handlers.setManagementPin({ pin: '8642' });
      await setUp.close();

      process.argv = [...argv, '--reset-pin'];
      await startMain();
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), STARTED);
      expect(app.exit).toHaveBeenCalledWith(0);
      expect(messageBox()).toMatchObject({ type: 'info', message: `PIN removed from ${file}. The next visit to the management area sets a new one.` });
      expect(electron.state.windows).toEqual([]);
      expect(electron.state.ipc.size).toBe(0);
      expect(protocol.handle).not.toHaveBeenCalled();

      const after = new Database(file, { readonly: true });
      try {
        expect(after.prepare("select count(*) as n from settings where key = 'management_pin_hash'").get()).toEqual({ n: 0 });
        expect(after.prepare("select action from audit_log where field = 'pin' order by id").all()).toEqual([{ action: 'create' }, { action: 'void' }]);
      } finally {
        after.close();
      }
    });

    it('with --data=DIR and --demo, resets the demo database in that folder', async () => {
      const dir = join(appData, 'elsewhere');
      const file = join(dir, 'kontaktdesk-demo.sqlite');
      mkdirSync(dir, { recursive: true });
      const setUp = await openCore({ file });
      await setUp.handlers.setManagementPin({ pin: '8642' });
      await setUp.close();
      process.argv = [...argv, '--reset-pin', `--data=${dir}`, '--demo'];
      await startMain();
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0), STARTED);
      expect(messageBox().message).toBe(`PIN removed from ${file}. The next visit to the management area sets a new one.`);
    });

    it('a folder without a database: says so and exits 2, creating nothing', async () => {
      process.argv = [...argv, '--reset-pin'];
      await startMain();
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(2), STARTED);
      expect(messageBox()).toMatchObject({ type: 'error', message: expect.stringMatching(/^no database at .+kontaktdesk\.sqlite/) });
      expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(false);
      expect(electron.state.windows).toEqual([]);
    });

    it('while Kontaktdesk runs (the app lock is taken): refuses and exits 1, touching nothing', async () => {
      electron.state.lock = false;
      process.argv = [...argv, '--reset-pin'];
      await startMain();
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1), STARTED);
      expect(messageBox()).toMatchObject({ type: 'error', message: 'Kontaktdesk is running. Close it, then start it again with --reset-pin.' });
      expect(existsSync(userData())).toBe(false);
    });

    it('refuses a PostgreSQL database: its PIN is not in this PC’s file', async () => {
      process.argv = [...argv, '--reset-pin', '--database=postgres://kd@127.0.0.1:1/kd'];
      await startMain();
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(2), STARTED);
      expect(messageBox().message).toMatch(/not on a PostgreSQL database/);
      expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(false);
    });
  });
});

describe('the PostgreSQL URL, found without the command line (README, "PostgreSQL for several sites")', () => {
  const PASSWORD = 'Zq8-secret-Wv3';
  // Nothing listens on port 1: the start fails at once, showing what the app tried to open.
  const UNREACHABLE = `postgres://kd:${PASSWORD}@127.0.0.1:1/kd`;
  afterEach(() => {
    delete process.env.KONTAKTDESK_DATABASE_URL;
  });
  const errorBox = async () => {
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalled(), STARTED);
    return dialog.showErrorBox.mock.calls[0] as [string, string];
  };

  it('from KONTAKTDESK_DATABASE_URL (what npm start passes on): opens that database, and an error shows it without the password', async () => {
    process.env.KONTAKTDESK_DATABASE_URL = UNREACHABLE;
    await startMain();
    const [title, message] = await errorBox();
    expect(title).toMatch(/cannot open its database/);
    expect(message).toContain('Cannot open the PostgreSQL database postgres://kd:***@127.0.0.1:1/kd');
    expect(message).not.toContain(PASSWORD);
    expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(false);
    expect(electron.state.windows).toEqual([]);
  });

  it('from the database-url file in the data folder; one other users can read stops the start with the chmod command, opening nothing', async () => {
    mkdirSync(userData(), { recursive: true });
    const file = join(userData(), 'database-url');
    writeFileSync(file, `${UNREACHABLE}\n`);
    chmodSync(file, 0o644);
    await startMain();
    const [title, message] = await errorBox();
    expect(title).toMatch(/cannot open its database/);
    expect(message).toContain(`chmod 600 ${file}`);
    expect(message).not.toContain(PASSWORD);
    expect(message).not.toContain('Database file:');
    expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(false);
    expect(electron.state.windows).toEqual([]);
    expect(electron.state.ipc.size).toBe(0);
  });

  it('--reset-pin on a PC set to PostgreSQL by the variable refuses like with --database, naming where it is set', async () => {
    process.env.KONTAKTDESK_DATABASE_URL = UNREACHABLE;
    process.argv = [...argv, '--reset-pin'];
    await startMain();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(2), STARTED);
    const [[box]] = dialog.showMessageBox.mock.calls as unknown as [[{ message: string }]];
    expect(box.message).toMatch(/not on a PostgreSQL database/);
    expect(box.message).toContain('KONTAKTDESK_DATABASE_URL');
    expect(box.message).not.toContain(PASSWORD);
    expect(existsSync(join(userData(), 'kontaktdesk.sqlite'))).toBe(false);
  });
});
