import type { SafeStorage } from 'electron';
import { fileSecretStore, mailPasswordFile, type SecretStore } from '../core/mail/secret-store';

/**
 * The desktop app's mail password store: Electron's safeStorage encrypts it with the operating
 * system's key store (DPAPI, the keychain, libsecret) into `<userData>/mail-password.safe`; the core
 * does the file handling (0600, atomic). Where the system offers no encryption (a Linux desktop
 * without a key ring), undefined: the core then keeps the 0600 file of browser mode, and
 * getMailServer says so (`passwordStore: 'file'`). Called once the app is ready.
 */
export function safeStorageSecretStore(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  dataDir: string,
  demo: boolean,
): SecretStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const codec = { encode: (secret: string) => safeStorage.encryptString(secret), decode: (bytes: Buffer) => safeStorage.decryptString(bytes) };
  return fileSecretStore(mailPasswordFile(dataDir, demo, 'safeStorage'), codec, 'safeStorage');
}
