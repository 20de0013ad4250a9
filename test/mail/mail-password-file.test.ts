import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../core/app/start-app';
import { fileSecretStore, mailPasswordFile, type SecretStore } from '../../core/mail/secret-store';
import { clientsOf, openTempCore, type TempCore } from '../support/temp-core';

/**
 * Where the mail password lives in browser mode and the CLI: `<data folder>/mail-password`, 0600,
 * written atomically, never in the database; so the app's backups (which copy the database file through
 * SQLite's backup API) never hold it. SQLite only: the backups and the data folder are the SQLite file's.
 */

const PASSWORD = 'Nur-Auf-Diesem-PC-31415';
const SERVER = { host: 'mail.leibnitz.at', port: 587, security: 'starttls', user: 'berichte@leibnitz.at', from: 'berichte@leibnitz.at' } as const;

const folders: string[] = [];
const tempFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-secret-'));
  folders.push(dir);
  return dir;
};
const cores: TempCore[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const core of cores.splice(0)) await core.dispose();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the mail password file', () => {
  it('is <data folder>/mail-password, readable by this user only, and replaced whole', async () => {
    const core = await openTempCore();
    cores.push(core);
    const file = join(core.dir, 'mail-password');
    // A file left with wider rights (copied in by hand) is replaced, not written into.
    writeFileSync(file, 'alt', { mode: 0o644 });
    chmodSync(file, 0o644);
    await core.client.saveMailServer({ ...SERVER, password: PASSWORD });
    expect(readFileSync(file, 'utf8')).toBe(PASSWORD);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(core.dir).filter((name) => name.includes('mail-password'))).toEqual(['mail-password']);
  });

  it('a backup holds the settings but not the password: its bytes are nowhere in the backup folder', async () => {
    const core = await openTempCore();
    cores.push(core);
    await core.client.saveMailServer({ ...SERVER, password: PASSWORD });
    const folder = tempFolder();
    const backup = await core.context.backups.backupNow(folder);
    const files = readdirSync(folder);
    expect(files).toEqual([backup.name]);
    const bytes = readFileSync(join(folder, backup.name));
    expect(bytes.includes(Buffer.from(SERVER.host))).toBe(true);
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le'))).toBe(false);
    // Nor in the database file and its log, which the backup is copied from.
    for (const name of readdirSync(core.dir).filter((n) => n.startsWith('kontaktdesk.sqlite'))) {
      expect(readFileSync(join(core.dir, name)).includes(Buffer.from(PASSWORD)), name).toBe(false);
    }
  });

  it('a file that cannot be read is said, not taken for "no password": a send fails in words before it connects', async () => {
    const dir = tempFolder();
    const file = join(dir, 'mail-password');
    mkdirSync(file);
    await expect(fileSecretStore(file).read()).rejects.toThrow(/stored mail password cannot be read/);

    const core = await openTempCore();
    cores.push(core);
    await core.client.saveMailServer({ ...SERVER, password: PASSWORD });
    rmSync(join(core.dir, 'mail-password'));
    mkdirSync(join(core.dir, 'mail-password'));
    const outcome = await core.client.sendTestMail({ to: 'sozialamt@leibnitz.at' });
    expect(outcome).toMatchObject({ ok: false, kind: 'other' });
    expect(outcome.message.de).toMatch(/Passwort des Mailservers kann auf diesem PC nicht gelesen werden/);
  });

  it('the demo keeps its own file, so trying the demo never replaces the real password', () => {
    expect(mailPasswordFile('/data', false)).toBe(join('/data', 'mail-password'));
    expect(mailPasswordFile('/data', true)).toBe(join('/data', 'mail-password-demo'));
    expect(mailPasswordFile('/data', false, 'safeStorage')).toBe(join('/data', 'mail-password.safe'));
  });
});

describe('the shell chooses the store', () => {
  it('startApp passes the shell store (the desktop app: safeStorage) to the core; nothing lands in the data folder file', async () => {
    const dataDir = tempFolder();
    const kept: (string | null)[] = [];
    const store: SecretStore = {
      kind: 'safeStorage',
      read: async () => kept.at(-1) ?? null,
      write: async (secret) => void kept.push(secret),
    };
    const app = await startApp({ dataDir, report: () => undefined, secretStore: store });
    apps.push(app);
    const { client } = await clientsOf(app.core()!);
    expect(await client.saveMailServer({ ...SERVER, password: PASSWORD })).toMatchObject({ passwordSet: true, passwordStore: 'safeStorage' });
    expect(kept).toEqual([PASSWORD]);
    expect(existsSync(join(dataDir, 'mail-password'))).toBe(false);
  });

  it('without a shell store, startApp keeps it in the data folder (browser mode)', async () => {
    const dataDir = tempFolder();
    const app = await startApp({ dataDir, report: () => undefined });
    apps.push(app);
    const { client } = await clientsOf(app.core()!);
    expect(await client.saveMailServer({ ...SERVER, password: PASSWORD })).toMatchObject({ passwordSet: true, passwordStore: 'file' });
    expect(readFileSync(join(dataDir, 'mail-password'), 'utf8')).toBe(PASSWORD);
  });
});
