import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/paths';
import { DEFAULT_PORT, parseStartOptions } from '../../scripts/start-options';
import { DEFAULT_LAN_PORT } from '../../server/lan-listener';

/** Runs `npm start`'s script until `until` matches its output (or it exits), then stops it. */
function runStart(args: string[], env: NodeJS.ProcessEnv, until: RegExp): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', 'start.ts'), ...args], { cwd: projectRoot, env });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const onData = async (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) {
        const url = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/)$/m)?.[1];
        if (url) out += `\n[GET / → ${(await fetch(url)).status}]`;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
}

describe('npm start', () => {
  it('where Electron cannot start, says why in one line, then serves the desk in browser mode and prints the address and data file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-start-'));
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    try {
      const { out } = await runStart(['--port', '0', '--data', dataDir, '--no-open'], env, /^Data file: .+$/m);
      const lines = out.split('\n');
      expect(lines.filter((l) => l.startsWith('The desktop app cannot start here:'))).toHaveLength(1);
      expect(out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/m);
      expect(out).toContain(`Data file: ${join(dataDir, 'kontaktdesk.sqlite')}`);
      expect(out).toContain('[GET / → 200]');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses a bad flag with a clear message and a non-zero exit', async () => {
    const { out, code } = await runStart(['--port', 'eighty'], process.env, /$^/);
    expect(code).toBe(1);
    expect(out).toContain('--port must be a whole number');
  }, 60_000);
});

describe('start options', () => {
  it('default to the fixed port, opening a browser, the real database', () => {
    expect(parseStartOptions([])).toEqual({
      browser: false,
      port: DEFAULT_PORT,
      lanPort: DEFAULT_LAN_PORT,
      dataDir: undefined,
      open: true,
      demo: false,
      help: false,
    });
  });

  it('read every documented flag', () => {
    expect(parseStartOptions(['--browser', '--port', '0', '--lan-port', '0', '--data', '/tmp/x', '--no-open', '--demo'])).toEqual({
      browser: true,
      port: 0,
      lanPort: 0,
      dataDir: '/tmp/x',
      open: false,
      demo: true,
      help: false,
    });
  });

  it('take a postgres:// URL for --database, and refuse a file path or the demo with it', () => {
    expect(parseStartOptions(['--database', 'postgres://kd:secret@db.local:5432/kontaktdesk']).database).toBe('postgres://kd:secret@db.local:5432/kontaktdesk');
    expect(parseStartOptions(['--database', 'postgresql://db.local/kontaktdesk']).database).toBe('postgresql://db.local/kontaktdesk');
    expect(parseStartOptions([]).database).toBeUndefined();
    expect(() => parseStartOptions(['--database', './kontaktdesk.sqlite'])).toThrow(/--database takes a postgres:\/\/ URL/);
    expect(() => parseStartOptions(['--demo', '--database', 'postgres://db.local/kontaktdesk'])).toThrow(/--demo opens its own SQLite demo database/);
  });

  it.each([['--port', '70000'], ['--port', '-1'], ['--lan-port', 'x'], ['--colour']])('refuse %s %s', (...args) => {
    expect(() => parseStartOptions(args.filter(Boolean) as string[])).toThrow();
  });
});
