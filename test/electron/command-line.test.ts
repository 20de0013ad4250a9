import { describe, expect, it } from 'vitest';
import { shellSwitches } from '../../electron/command-line';
import { parseStartOptions } from '../../scripts/start-options';

describe('the desktop app’s switches', () => {
  const exe = ['C:\\Users\\anna\\AppData\\Local\\Programs\\Kontaktdesk\\Kontaktdesk.exe'];

  it('a plain start: none set', () => {
    expect(shellSwitches(exe)).toEqual({ dataDir: undefined, database: undefined, lanPort: undefined, demo: false, resetPin: false });
  });

  it('--reset-pin alone, or with the data folder and the demo database, in any order', () => {
    expect(shellSwitches([...exe, '--reset-pin'])).toMatchObject({ resetPin: true, dataDir: undefined, demo: false });
    expect(shellSwitches([...exe, '--demo', '--data=D:\\Kontaktdesk Daten', '--reset-pin'])).toMatchObject({
      resetPin: true,
      dataDir: 'D:\\Kontaktdesk Daten',
      demo: true,
    });
  });

  it('reads the values of --data=, --database= and --lan-port= (what npm start passes on)', () => {
    expect(shellSwitches([...exe, '--data=/srv/kd', '--database=postgres://kd@db:5432/kd', '--lan-port=4790'])).toEqual({
      dataDir: '/srv/kd',
      database: 'postgres://kd@db:5432/kd',
      lanPort: 4790,
      demo: false,
      resetPin: false,
    });
  });

  it('a switch is matched whole: --reset-pins or --reset-pin=1 and an empty --data= mean nothing', () => {
    expect(shellSwitches([...exe, '--reset-pins', '--reset-pin=1', '--data='])).toMatchObject({ resetPin: false, dataDir: undefined });
    // Chromium's own switches pass through untouched.
    expect(shellSwitches([...exe, '--no-sandbox', '--enable-logging'])).toMatchObject({ resetPin: false, demo: false });
  });

  it('checks a value as npm start does (one parser): a port out of range or a file for --database is refused, naming the switch', () => {
    expect(() => shellSwitches([...exe, '--lan-port=70000'])).toThrow('--lan-port must be a whole number from 0 to 65535, not "70000"');
    expect(() => parseStartOptions(['--lan-port', '70000'])).toThrow('--lan-port must be a whole number from 0 to 65535, not "70000"');
    expect(() => shellSwitches([...exe, '--database=C:\\kd\\kontaktdesk.sqlite'])).toThrow(/--database takes a postgres:\/\/ URL/);
    expect(() => shellSwitches([...exe, '--demo', '--database=postgres://db.local/kd'])).toThrow(/--demo opens its own SQLite demo database/);
  });

  it('a value after a space is not read as the switch’s value (Chromium’s form only)', () => {
    expect(shellSwitches([...exe, '--data', '--demo'])).toMatchObject({ dataDir: undefined, demo: true });
  });
});
