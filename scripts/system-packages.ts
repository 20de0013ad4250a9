import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The one place that installs system packages: Debian packages the tests and the developer tools drive
 * for real (Chromium, PostgreSQL, poppler's pdftotext, the sqlite3 tool, aiosmtpd and openssl for the test
 * SMTP server), and how to tell they are there.
 * Only `npm test` installs (scripts/test.ts), because the README promises it ("installs what tests need
 * where it can, or stops with the exact command"); the tools in tools/ (the bench, the load test) say
 * the exact command and go on without, or stop.
 */
export interface SystemPackage {
  /** The Debian package name. */
  pkg: string;
  /** What needs it, for the message when it is missing. */
  why: string;
  present(): boolean;
}

/** What a user runs to install them; the same words in every message. */
export const installCommand = (pkgs: readonly string[]) => `sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`;

/**
 * Installs the missing ones through apt-get where this process may (root, apt-get present), otherwise
 * says exactly how. True when every package is present afterwards.
 */
export function installMissingPackages(packages: readonly SystemPackage[], log: (line: string) => void = console.log): boolean {
  const missing = packages.filter((p) => !p.present());
  if (missing.length === 0) return true;
  const pkgs = missing.map((p) => p.pkg);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log(`Installing ${pkgs.join(', ')} with apt-get (about a minute) …`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...pkgs]) && missing.every((p) => p.present())) return true;
  }
  for (const p of missing) console.error(`${p.pkg} is needed for ${p.why} and is not installed.`);
  console.error(`Run:\n  ${installCommand(pkgs)}`);
  return false;
}

/** Debian's Chromium; playwright's own browser download is not reachable from these machines. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM = { pkg: 'chromium', present: () => existsSync(chromiumPath()) };

/** Where Debian's postgresql package puts the server programs (one folder per major version). */
const POSTGRES_LIB = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  if (!existsSync(POSTGRES_LIB)) return null;
  const versions = readdirSync(POSTGRES_LIB)
    .filter((v) => existsSync(join(POSTGRES_LIB, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(POSTGRES_LIB, versions[0]!, 'bin') : null;
}

export const POSTGRESQL = { pkg: 'postgresql', present: () => postgresBinDir() !== null };

export const POSTGRES_INSTALL_HINT = installCommand([POSTGRESQL.pkg]);

/** Debian's own Python, which python3-aiosmtpd installs into (a `python3` earlier on PATH may be another one without it). */
export const systemPython = () => process.env.KONTAKTDESK_SYSTEM_PYTHON ?? '/usr/bin/python3';

/** The real SMTP server the e-mail tests send to (test/support/smtp_server.py). */
export const AIOSMTPD = {
  pkg: 'python3-aiosmtpd',
  present: () => existsSync(systemPython()) && spawnSync(systemPython(), ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0,
};

/** Makes the test SMTP server's self-signed certificate. */
export const OPENSSL = { pkg: 'openssl', present: () => existsSync('/usr/bin/openssl') };
