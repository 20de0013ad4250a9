import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_URL_ENV, DatabaseUrlError, databaseUrlFile, findDatabaseUrl, type FindDatabaseUrlOptions } from '../../core/app/database-url';
import { maskedUrl } from '../../core/db/database-handle';

const PASSWORD = 'Zq8-secret-Wv3';
const FROM_FLAG = `postgres://kd:${PASSWORD}@flag.example:5432/kontaktdesk`;
const FROM_ENV = `postgres://kd:${PASSWORD}@env.example:5432/kontaktdesk`;
const FROM_FILE = `postgres://kd:${PASSWORD}@file.example:5432/kontaktdesk`;

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-url-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** The `database-url` file with the given content and mode (0600 unless said). */
function writeUrlFile(content: string, mode = 0o600) {
  const file = databaseUrlFile(dataDir);
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

/** The finder as a Linux PC runs it, with nothing in the environment unless given; warnings collected. */
function find(options: Partial<FindDatabaseUrlOptions> = {}) {
  const warn = vi.fn<(message: string) => void>();
  const found = findDatabaseUrl({ dataDir, env: {}, platform: 'linux', warn, ...options });
  return { found, warnings: warn.mock.calls.map(([message]) => message) };
}

/** The error a finding must end in; fails the test if it found something or threw anything else. */
function refusal(options: Partial<FindDatabaseUrlOptions>): DatabaseUrlError {
  let outcome: unknown = 'found';
  try {
    find(options);
  } catch (err) {
    outcome = err;
  }
  expect(outcome).toBeInstanceOf(DatabaseUrlError);
  return outcome as DatabaseUrlError;
}

describe('where the PostgreSQL URL comes from', () => {
  it('nothing given, no variable, no file: SQLite as before', () => {
    expect(find()).toEqual({ found: undefined, warnings: [] });
  });

  it('a data folder that does not exist yet (a first start): no file, SQLite as before', () => {
    expect(find({ dataDir: join(dataDir, 'not-yet', 'Kontaktdesk') })).toEqual({ found: undefined, warnings: [] });
  });

  it('the file database-url in the data folder, 0600, one line (a trailing newline or CRLF is fine)', () => {
    const file = writeUrlFile(`${FROM_FILE}\r\n`);
    expect(find()).toEqual({ found: { url: FROM_FILE, source: file }, warnings: [] });
  });

  it('the environment variable comes before the file (which is then not read at all, even if too open)', () => {
    writeUrlFile(FROM_FILE, 0o644);
    expect(find({ env: { [DATABASE_URL_ENV]: FROM_ENV } })).toEqual({ found: { url: FROM_ENV, source: DATABASE_URL_ENV }, warnings: [] });
  });

  it('--database comes first, still works, and warns once that the password shows in the process list, naming the two better ways', () => {
    writeUrlFile(FROM_FILE);
    const { found, warnings } = find({ explicit: FROM_FLAG, env: { [DATABASE_URL_ENV]: FROM_ENV } });
    expect(found).toEqual({ url: FROM_FLAG, source: '--database' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/--database .*process list/);
    expect(warnings[0]).toContain(DATABASE_URL_ENV);
    expect(warnings[0]).toContain(databaseUrlFile(dataDir));
    expect(warnings[0]).not.toContain(PASSWORD);
  });

  it('a command-line URL without a password (a .pgpass, a trusted network) has nothing to hide: no warning', () => {
    expect(find({ explicit: 'postgres://kd@db.local:5432/kontaktdesk' })).toEqual({
      found: { url: 'postgres://kd@db.local:5432/kontaktdesk', source: '--database' },
      warnings: [],
    });
  });

  it('move-to-postgres names its own flag in the warning', () => {
    const { found, warnings } = find({ explicit: FROM_FLAG, explicitFlag: '--to' });
    expect(found?.source).toBe('--to');
    expect(warnings).toEqual([expect.stringMatching(/^Warning: --to /)]);
  });

  it('the demo opens its own SQLite file whatever the PC is set to; with --database it is refused', () => {
    writeUrlFile(FROM_FILE);
    expect(find({ demo: true, env: { [DATABASE_URL_ENV]: FROM_ENV } })).toEqual({ found: undefined, warnings: [] });
    expect(refusal({ demo: true, explicit: FROM_FLAG }).message).toMatch(/--demo opens its own SQLite demo database; leave out --database/);
  });
});

describe('a URL that cannot be used stops the start, says where it came from, and never shows the password', () => {
  it.each([0o644, 0o640, 0o604, 0o620, 0o660])('a database-url file with mode %o is refused with the chmod command, like ssh does', (mode) => {
    const file = writeUrlFile(FROM_FILE, mode);
    const error = refusal({});
    expect(error.message).toContain(file);
    expect(error.message).toContain(`chmod 600 ${file}`);
    expect(error.message).toContain(`(mode 0${mode.toString(8)})`);
    expect(error.message).not.toContain(PASSWORD);
  });

  it('a folder path with a space gets a chmod command that can be pasted as it is', () => {
    dataDir = join(dataDir, 'Kontaktdesk Daten');
    mkdirSync(dataDir);
    const file = writeUrlFile(FROM_FILE, 0o644);
    expect(refusal({}).message).toContain(`chmod 600 '${file}'`);
  });

  it('on Windows the mode is not checked (the folder is the user’s own profile)', () => {
    writeUrlFile(FROM_FILE, 0o644);
    expect(find({ platform: 'win32' }).found?.url).toBe(FROM_FILE);
  });

  it('an empty file, or one with only blanks, names the file', () => {
    const file = writeUrlFile('\n');
    expect(refusal({}).message).toMatch(new RegExp(`^${file.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is empty`));
    writeUrlFile('   \n');
    expect(refusal({}).message).toContain(`${file} is empty`);
  });

  it('an empty environment variable names the variable (and does not fall back to the file)', () => {
    writeUrlFile(FROM_FILE);
    expect(refusal({ env: { [DATABASE_URL_ENV]: '' } }).message).toMatch(/^KONTAKTDESK_DATABASE_URL is empty/);
  });

  it('a database-url that is a folder, or holds two lines, is refused by name', () => {
    mkdirSync(databaseUrlFile(dataDir));
    expect(refusal({}).message).toContain(`${databaseUrlFile(dataDir)} is not a file`);
    rmSync(databaseUrlFile(dataDir), { recursive: true });
    writeUrlFile(`${FROM_FILE}\n${FROM_ENV}\n`);
    expect(refusal({}).message).toContain('one line');
  });

  it('not a postgres:// URL: says where, and not what (it may be the password alone)', () => {
    const messages = [
      refusal({ env: { [DATABASE_URL_ENV]: PASSWORD } }).message,
      refusal({ env: { [DATABASE_URL_ENV]: `mysql://kd:${PASSWORD}@db/kd` } }).message,
      refusal({ explicit: `pg://kd:${PASSWORD}@db/kd` }).message,
      (writeUrlFile(`kd:${PASSWORD}@db.local/kontaktdesk`), refusal({}).message),
    ];
    expect(messages[0]).toMatch(/^KONTAKTDESK_DATABASE_URL does not hold a postgres:\/\/ URL/);
    expect(messages[2]).toMatch(/^--database does not hold a postgres:\/\/ URL/);
    expect(messages[3]).toContain(`${databaseUrlFile(dataDir)} does not hold a postgres:// URL`);
    for (const message of messages) expect(message).not.toContain(PASSWORD);
  });

  it('a password with an unencoded # / ? breaks the URL: refused with the percent-encoding hint, without any of it', () => {
    for (const broken of [`postgres://kd:ab#${PASSWORD}@db.local/kd`, `postgres://kd:ab/${PASSWORD}@db.local/kd`, `postgres://kd:ab?${PASSWORD}@db.local/kd`]) {
      const message = refusal({ env: { [DATABASE_URL_ENV]: broken } }).message;
      expect(message).toMatch(/^KONTAKTDESK_DATABASE_URL holds a postgres:\/\/ URL that cannot be read/);
      expect(message).toContain('%23');
      expect(message).not.toContain(PASSWORD);
      expect(message).not.toContain('kd:ab');
    }
  });

  it('an @ in the password, a socket folder instead of a host: accepted as the PostgreSQL client reads them', () => {
    expect(find({ env: { [DATABASE_URL_ENV]: `postgres://kd:p@ss@db.local/kd` } }).found?.url).toBe('postgres://kd:p@ss@db.local/kd');
    expect(find({ env: { [DATABASE_URL_ENV]: 'postgres://kd:pw@/kontaktdesk?host=/var/run/postgresql' } }).found?.url).toBe(
      'postgres://kd:pw@/kontaktdesk?host=/var/run/postgresql',
    );
  });
});

describe('maskedUrl', () => {
  it('hides a password given in the URL’s query as well', () => {
    expect(maskedUrl(`postgres://kd@db.local/kd?password=${PASSWORD}&sslmode=require`)).toBe('postgres://kd@db.local/kd?password=***&sslmode=require');
    expect(maskedUrl(`postgres://kd:${PASSWORD}@db.local/kd`)).toBe('postgres://kd:***@db.local/kd');
  });
});
