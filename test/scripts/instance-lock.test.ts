import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process';

let dataDir: string;
const running: AppProcess[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-instance-'));
});
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async (extra: string[] = []) => {
  const app = await startAppProcess({ dataDir, extra });
  running.push(app);
  // Past the address line the app still opens the LAN switch; it is idle once it says how to stop it.
  await vi.waitFor(() => expect(app.output()).toContain('Press Ctrl+C to stop.'), { timeout: 60_000, interval: 50 });
  return app;
};
const lockOf = (name: string) => JSON.parse(readFileSync(join(dataDir, `${name}.lock`), 'utf8'));

/**
 * Every file under the data folder with its bytes. The -shm file is left out: it is SQLite's
 * shared-memory index, which a running instance's own reads update; the data lives in the file and -wal.
 */
function folderBytes(dir = dataDir, prefix = ''): Record<string, Buffer> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return Object.entries(folderBytes(path, `${prefix}${entry.name}/`));
      return entry.name.endsWith('-shm') ? [] : [[`${prefix}${entry.name}`, readFileSync(path)]];
    }),
  );
}

async function answers(app: AppProcess) {
  const response = await fetch(new URL('api/getStartupState', app.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  return { status: response.status, body: await response.json() };
}

describe('two app processes on one data folder', () => {
  it('a second start is refused naming the first; after a kill -9 the next start takes the lock over', { timeout: 240_000 }, async () => {
    const first = await start();
    // The PID in the lock is the server's own, the one a kill -9 ends.
    expect(lockOf('kontaktdesk.sqlite')).toMatchObject({ pid: first.pid, address: first.url });
    const before = folderBytes();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['kontaktdesk.sqlite', 'kontaktdesk.sqlite.lock', expect.stringMatching(/^backups\//)]));

    // Were it to start after all, it is stopped after the test like the others.
    const refused = await startAppProcess({ dataDir }).then(
      (app) => (running.push(app), 'started beside the first'),
      (err: Error) => err.message,
    );
    expect(refused).toContain('app exited with 1 before it was ready');
    expect(refused).toContain(`Kontaktdesk could not start: Kontaktdesk is already running with this database (PID ${first.pid}): ${first.url}`);
    expect(folderBytes()).toEqual(before);
    expect(await answers(first)).toEqual({ status: 200, body: { ok: true, value: { state: 'ok' } } });

    process.kill(first.pid, 'SIGKILL');
    await first.stop();
    expect(existsSync(join(dataDir, 'kontaktdesk.sqlite.lock'))).toBe(true);

    const next = await start();
    expect(next.output()).toMatch(new RegExp(`stale lock from PID ${first.pid}\\b`));
    expect(lockOf('kontaktdesk.sqlite')).toMatchObject({ pid: next.pid, address: next.url });
    expect(await answers(next)).toEqual({ status: 200, body: { ok: true, value: { state: 'ok' } } });
    await next.stop();
    expect(existsSync(join(dataDir, 'kontaktdesk.sqlite.lock'))).toBe(false);
  });

  it('the demo database and the real one in the same folder run side by side', { timeout: 240_000 }, async () => {
    const real = await start();
    const demo = await start(['--demo']);
    expect(demo.dataFile).toBe(join(dataDir, 'kontaktdesk-demo.sqlite'));
    expect(lockOf('kontaktdesk.sqlite')).toMatchObject({ pid: real.pid, address: real.url });
    expect(lockOf('kontaktdesk-demo.sqlite')).toMatchObject({ pid: demo.pid, address: demo.url });
    expect((await answers(real)).status).toBe(200);
    expect((await answers(demo)).status).toBe(200);
    await demo.stop();
    await real.stop();
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });
});
