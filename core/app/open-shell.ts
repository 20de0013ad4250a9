import { startApp, type App, type AppOptions } from './start-app';

export interface Closable {
  close(): Promise<void>;
}

export interface ShellParts<Served extends Closable> {
  /** The shell's own transport to its window or page: IPC in the desktop app, the loopback HTTP server in browser mode. */
  serve(app: App): Promise<Served>;
  /** LAN desk mode (server/lan-listener.ts serveLan): passed in, since the core never imports the transports. */
  shareOnLan(app: App): Promise<Closable>;
}

export interface Shell<Served extends Closable> {
  app: App;
  served: Served;
  /** Stops in the reverse order of the start; a second call waits for the first. */
  close(): Promise<void>;
}

/**
 * The one start and stop sequence of both shells (scripts/start.ts, electron/main.ts): open the app's
 * core (startApp: lock, checks, backups), then serve the shell's own transport, then the LAN listener;
 * stop the LAN listener, then the transport, then the core, so no request reaches a closed database
 * and the file is closed (its lock released) last. A failed step closes what the earlier ones opened
 * and throws its error unchanged, so the shells can say what went wrong.
 */
export async function openShell<Served extends Closable>(options: AppOptions, parts: ShellParts<Served>): Promise<Shell<Served>> {
  const app = await startApp(options);
  let served: Served | undefined;
  let lan: Closable;
  try {
    served = await parts.serve(app);
    lan = await parts.shareOnLan(app);
  } catch (err) {
    try {
      await served?.close();
    } finally {
      await app.close();
    }
    throw err;
  }
  const transport = served;
  let closing: Promise<void> | undefined;
  const stop = async () => {
    try {
      await lan.close();
      await transport.close();
    } finally {
      await app.close();
    }
  };
  return { app, served: transport, close: () => (closing ??= stop()) };
}
