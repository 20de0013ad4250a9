import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_URL_ENV } from '../../core/app/database-url';
import { desktopLaunch } from '../../scripts/desktop-launch';
import { parseStartOptions } from '../../scripts/start-options';

const PASSWORD = 'Zq8-secret-Wv3';
const URL = `postgres://kd:${PASSWORD}@db.local:5432/kontaktdesk`;
const MAIN = '/app/dist/electron/main.cjs';

describe('npm start hands the database to the desktop app', () => {
  it('through the child’s environment, never on its command line (which every user of the PC can list)', () => {
    const options = parseStartOptions(['--data', 'site-data', '--lan-port', '4790', '--database', URL]);
    const { args, env } = desktopLaunch(MAIN, options, URL, { PATH: '/usr/bin', LANG: 'de_AT.UTF-8' });
    expect(args).toEqual([MAIN, `--data=${resolve('site-data')}`, '--lan-port=4790']);
    expect(args.join(' ')).not.toContain(PASSWORD);
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'de_AT.UTF-8', [DATABASE_URL_ENV]: URL });
  });

  it('found in the data folder’s file: the same, so the desktop app need not read it again', () => {
    const { args, env } = desktopLaunch(MAIN, parseStartOptions([]), URL, {});
    expect(args).toEqual([MAIN, '--lan-port=4781']);
    expect(env[DATABASE_URL_ENV]).toBe(URL);
  });

  it('no PostgreSQL (the SQLite file, or the demo): the variable is not passed on, whatever the shell held', () => {
    const { args, env } = desktopLaunch(MAIN, parseStartOptions(['--demo']), undefined, { PATH: '/usr/bin', [DATABASE_URL_ENV]: URL });
    expect(args).toEqual([MAIN, '--demo', '--lan-port=4781']);
    expect(env).toEqual({ PATH: '/usr/bin' });
  });

  it('a wrong --database value is refused without repeating it (it may be a password)', () => {
    expect(() => parseStartOptions(['--database', PASSWORD])).toThrow(/--database takes a postgres:\/\/ URL/);
    expect(() => parseStartOptions(['--database', PASSWORD])).not.toThrow(new RegExp(PASSWORD));
  });
});
