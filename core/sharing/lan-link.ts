import type { CoreContext } from '../context';
import type { LanProblem } from '../devices/device-types';
import { createPairingDoor, type PairingDoor } from '../devices/pairing-door';

/** What a shell that owns the sockets reports about its LAN listener. */
export interface LanStatus {
  listening: boolean;
  port: number | null;
  /** Why it is not listening although asked to (e.g. the port is in use); null otherwise. */
  problem: LanProblem | null;
}

/** The LAN listener of the shell (server/lan-listener.ts): started and stopped by the sharing switch. */
export interface LanListener {
  /** Listens on the local network when `enabled`, stops (dropping open connections) when not. Never throws: a failure shows in status(). */
  apply(enabled: boolean): Promise<void>;
  status(): LanStatus;
}

interface LanLink {
  door: PairingDoor;
  listener: LanListener | null;
}

/**
 * Per open core: its pairing door and the shell's LAN listener. Keyed by the context rather than
 * held in it, because the context is built where the database dialect is chosen (open-core) and
 * the listener is attached later by whichever shell owns the sockets; a reopened core (restore,
 * recovery) gets a fresh door, and codes do not outlive the core they were made for.
 */
const links = new WeakMap<CoreContext, LanLink>();

export function lanLink(ctx: CoreContext): LanLink {
  let link = links.get(ctx);
  if (!link) {
    link = { door: createPairingDoor(ctx.now), listener: null };
    links.set(ctx, link);
  }
  return link;
}

/** Hands the switch a listener to start and stop; returns the detach. */
export function attachLanListener(ctx: CoreContext, listener: LanListener): () => void {
  const link = lanLink(ctx);
  link.listener = listener;
  return () => {
    if (link.listener === listener) link.listener = null;
  };
}
