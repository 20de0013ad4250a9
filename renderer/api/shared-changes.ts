import type { ServerChange } from './server-change-schema';

export type ServerChangeListener = (change: ServerChange) => void;

/** Opens one connection that hands every change to `deliver`; returns its close. */
export type OpenChanges = (deliver: ServerChangeListener) => () => void;

/**
 * One connection per page, however many screens listen: the first subscriber opens it, the last
 * one's unsubscribe closes it. A listener that throws is reported and the others still hear.
 */
export function sharedChanges(open: OpenChanges): (listener: ServerChangeListener) => () => void {
  const listeners = new Set<ServerChangeListener>();
  let close: (() => void) | undefined;
  const deliver: ServerChangeListener = (change) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (err) {
        console.error('a change listener failed:', err);
      }
    }
  };
  return (listener) => {
    // Wrapped, so one function subscribed twice is two subscriptions.
    const entry: ServerChangeListener = (change) => listener(change);
    listeners.add(entry);
    close ??= open(deliver);
    return () => {
      if (!listeners.delete(entry) || listeners.size > 0) return;
      const closing = close;
      close = undefined;
      closing?.();
    };
  };
}
