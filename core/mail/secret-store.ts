import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../base/atomic-write';
import { ApiError } from '../base/errors';

/**
 * Where the mail server's password is kept: never in the database (so never in a backup, an export,
 * the move to PostgreSQL or the audit trail), only on this PC. On PostgreSQL every PC keeps its own.
 *
 * - `file` (browser mode, the CLI, tests): `<data folder>/mail-password`, mode 0600, written atomically.
 * - `safeStorage` (the desktop app, electron/secret-store.ts): the same file encrypted by the
 *   operating system's key store (DPAPI on Windows, the keychain on macOS, libsecret on Linux).
 */
export interface SecretStore {
  readonly kind: 'file' | 'safeStorage';
  /** The stored password, or null when none is stored. */
  read(): Promise<string | null>;
  /** Stores the password (null removes it). */
  write(secret: string | null): Promise<void>;
}

/** The name of the password file beside the site's database; the demo keeps its own, so trying it out never replaces the real one. */
export function mailPasswordFile(dataDir: string, demo: boolean, kind: SecretStore['kind'] = 'file'): string {
  return join(dataDir, `mail-password${demo ? '-demo' : ''}${kind === 'safeStorage' ? '.safe' : ''}`);
}

/** The password file for a SQLite database file when no store is given (CLI, tests): in the database's folder. */
export const mailPasswordFileBeside = (databaseFile: string) => mailPasswordFile(dirname(databaseFile), basename(databaseFile) === 'kontaktdesk-demo.sqlite');

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** How a store turns the password into the file's bytes and back: as it is (UTF-8), or encrypted by the shell. */
export interface SecretCodec {
  encode(secret: string): Buffer;
  decode(bytes: Buffer): string;
}

const PLAIN: SecretCodec = { encode: (s) => Buffer.from(s, 'utf8'), decode: (b) => b.toString('utf8') };

/**
 * The password in one file, readable by this user only (0600 from its first byte: the temp file is
 * created so and renamed over the old one). A file that cannot be read is an error, not "no password":
 * the sender would otherwise try without one and report a wrong password.
 */
export function fileSecretStore(file: string, codec: SecretCodec = PLAIN, kind: SecretStore['kind'] = 'file'): SecretStore {
  return {
    kind,
    async read() {
      try {
        return codec.decode(await readFile(file));
      } catch (err) {
        if (missing(err)) return null;
        throw new ApiError('conflict', `the stored mail password cannot be read (${file}): ${(err as Error).message}`);
      }
    },
    async write(secret) {
      if (secret === null) await rm(file, { force: true });
      else await writeFileAtomic(file, codec.encode(secret), 0o600);
    },
  };
}

/**
 * A core opened on PostgreSQL by a tool that named no data folder: there is no PC-local place for
 * the password, so reading finds none and storing one is refused with the reason.
 */
export function noSecretStore(): SecretStore {
  return {
    kind: 'file',
    read: async () => null,
    write: async (secret) => {
      if (secret !== null) throw new ApiError('conflict', 'this process has no data folder to keep the mail password in; save it from the app', 'password');
    },
  };
}
