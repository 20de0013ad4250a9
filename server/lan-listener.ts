import type { Api } from '../core/api/dispatch';
import type { App } from '../core/app/start-app';
import { deviceOfToken } from '../core/devices/devices';
import type { LanProblem } from '../core/devices/device-types';
import type { LanListener, LanStatus } from '../core/sharing/lan-link';
import { attachSharedSwitch, isSharingEnabled } from '../core/sharing/sharing';
import { startHttpServer, type LanAccess, type RunningServer } from './http-server';

/** The LAN port when none is given: next to browser mode's loopback port, so one firewall rule names both. */
export const DEFAULT_LAN_PORT = 4781;

export interface LanListenerOptions {
  api: Api;
  access: LanAccess;
  staticDir?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** All interfaces by default; tests may narrow it. */
  host?: string;
}

/**
 * The second HTTP listener of LAN desk mode, on all interfaces: up only while the sharing switch
 * is on. Switching off closes it and drops open connections, so a device is refused at once.
 */
export function createLanListener({ api, access, staticDir, port, host = '0.0.0.0' }: LanListenerOptions): LanListener & { close(): Promise<void> } {
  let running: RunningServer | null = null;
  let problem: LanProblem | null = null;
  // Switches are applied one after the other, so a quick on-off-on ends as the last one says.
  let queue: Promise<void> = Promise.resolve();

  const start = async () => {
    if (running) return;
    try {
      running = await startHttpServer({ api, staticDir, host, port, lan: access });
      problem = null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problem = code === 'EADDRINUSE' ? 'portInUse' : 'cannotListen';
      console.error(`LAN desk mode cannot listen on port ${port}: ${(err as Error).message}`);
    }
  };
  const stop = async () => {
    const closing = running;
    running = null;
    problem = null;
    await closing?.close();
  };

  return {
    apply: (enabled) => (queue = queue.then(enabled ? start : stop)),
    status: (): LanStatus => ({ listening: running !== null, port: running?.port ?? null, problem }),
    close: () => (queue = queue.then(stop)),
  };
}

export interface LanSharing {
  close(): Promise<void>;
}

/**
 * What both shells call after startApp: gives the core's sharing switch a LAN listener and starts
 * it if sharing was left on. While the database cannot be used (a recovery screen) nothing is shared.
 */
export async function serveLan(
  app: App,
  options: { staticDir?: string; port: number; host?: string; isLoopback?: LanAccess['isLoopback'] },
): Promise<LanSharing> {
  const core = app.core();
  if (!core) return { close: async () => {} };
  const listener = createLanListener({
    api: app.api,
    staticDir: options.staticDir,
    port: options.port,
    host: options.host,
    access: { deviceOf: (token) => deviceOfToken(core.context, token), isLoopback: options.isLoopback },
  });
  const detach = attachSharedSwitch(core.context, listener);
  if (await isSharingEnabled(core.context.db)) await listener.apply(true);
  return {
    close: async () => {
      detach();
      await listener.close();
    },
  };
}
