import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../core/app/data-location';
import { lockFileOf } from '../../core/app/instance-lock';
import { openShell, type Closable } from '../../core/app/open-shell';
import type { App } from '../../core/app/start-app';

let dataDir: string;
let steps: string[];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-shell-'));
  steps = [];
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const lockFile = () => lockFileOf(databaseFile(dataDir, false));

/** A transport that writes down when it starts and stops, and whether the core was open at that moment. */
function part(name: string, fail?: 'start'): (app: App) => Promise<Closable> {
  return async (app) => {
    steps.push(`${name} up (core ${app.core() ? 'open' : 'closed'})`);
    if (fail === 'start') throw new Error(`${name} cannot listen`);
    return {
      close: async () => {
        // The core still answers while the transports stop: no request meets a closed database.
        await app.core()!.handlers.getCatalog({});
        steps.push(`${name} down (lock ${existsSync(lockFile()) ? 'held' : 'released'})`);
      },
    };
  };
}

describe('the start and stop sequence both shells run (core/app/open-shell.ts)', () => {
  it('opens the core, then serves, then the LAN; stops the LAN, then the transport, then the core (its lock last)', async () => {
    const shell = await openShell({ dataDir, report: () => undefined }, { serve: part('window'), shareOnLan: part('lan') });
    expect(steps).toEqual(['window up (core open)', 'lan up (core open)']);
    expect(existsSync(lockFile())).toBe(true);
    await Promise.all([shell.close(), shell.close()]);
    expect(steps).toEqual(['window up (core open)', 'lan up (core open)', 'lan down (lock held)', 'window down (lock held)']);
    expect(existsSync(lockFile())).toBe(false);
  });

  it('a transport that cannot start: the core is closed again and the error comes through unchanged', async () => {
    await expect(openShell({ dataDir, report: () => undefined }, { serve: part('window', 'start'), shareOnLan: part('lan') })).rejects.toThrow(
      'window cannot listen',
    );
    expect(steps).toEqual(['window up (core open)']);
    expect(existsSync(lockFile())).toBe(false);
  });

  it('a LAN listener that cannot start: the transport stops, then the core closes', async () => {
    await expect(openShell({ dataDir, report: () => undefined }, { serve: part('window'), shareOnLan: part('lan', 'start') })).rejects.toThrow(
      'lan cannot listen',
    );
    expect(steps).toEqual(['window up (core open)', 'lan up (core open)', 'window down (lock held)']);
    expect(existsSync(lockFile())).toBe(false);
    // The folder is free: the next start opens it.
    const again = await openShell({ dataDir, report: () => undefined }, { serve: part('window'), shareOnLan: part('lan') });
    await again.close();
  });
});
