import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageSecretStore } from '../../electron/secret-store';

/** Electron's safeStorage as the store uses it, with a reversible stand-in for the operating system's encryption. */
const fakeSafeStorage = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain: string) => Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('hex')}`),
  decryptString: (bytes: Buffer) => {
    const text = bytes.toString();
    if (!text.startsWith('enc:')) throw new Error('not encrypted by this user');
    return Buffer.from(text.slice(4), 'hex').toString('utf8');
  },
});

describe("the desktop app's mail password store (safeStorage)", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the password encrypted in <userData>/mail-password.safe, 0600, and reads it back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-safe-'));
    const store = safeStorageSecretStore(fakeSafeStorage(), dir, false)!;
    expect(store.kind).toBe('safeStorage');
    expect(await store.read()).toBeNull();
    await store.write('Geheim-Ä-2026');
    const file = join(dir, 'mail-password.safe');
    expect(readFileSync(file).includes(Buffer.from('Geheim'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.read()).toBe('Geheim-Ä-2026');
    await store.write(null);
    expect(await store.read()).toBeNull();
  });

  it('without encryption from the system, none: the core then keeps the 0600 file of browser mode', () => {
    dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-safe-'));
    expect(safeStorageSecretStore(fakeSafeStorage(false), dir, false)).toBeUndefined();
  });

  it('the demo keeps its own file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-safe-'));
    await safeStorageSecretStore(fakeSafeStorage(), dir, true)!.write('demo');
    expect(statSync(join(dir, 'mail-password-demo.safe')).isFile()).toBe(true);
  });
});
