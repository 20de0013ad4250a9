import type { Change, ChangeListener, ChangeOrigin, ChangeSource } from '../base/changes';

/** A ChangeSource anyone holding it can publish into: the core's handlers, and later other sources. */
export interface ChangeFeed extends ChangeSource {
  /**
   * Hands `change` to every listener, synchronously. Call only after the write's transaction
   * committed: a listener may re-read at once and must find the change.
   */
  publish(change: Change, origin?: ChangeOrigin): void;
}

/**
 * Publish/subscribe of changes inside one process. A listener that throws is reported and skipped,
 * so a broken window or stream never turns a saved write into an error or silences the others.
 *
 * @example
 * const feed = createChangeFeed();
 * const stop = feed.subscribe((change) => console.log(change.kind));
 * feed.publish({ kind: 'contacts', days: ['2026-03-10'] });
 * stop();
 */
export function createChangeFeed(onListenerError: (err: unknown) => void = (err) => console.error('change listener failed:', err)): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    publish(change, origin = 'local') {
      // A copy: a listener may unsubscribe (or subscribe another) while this change is delivered.
      for (const listener of [...listeners]) {
        try {
          listener(change, origin);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
    subscribe(listener) {
      // Wrapped, so the same function subscribed twice is two subscriptions with two unsubscribes.
      const entry: ChangeListener = (change, origin) => listener(change, origin);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}

/** The source of an api that writes nothing (the recovery screen's): nobody ever hears from it. */
export const NO_CHANGES: ChangeSource = { subscribe: () => () => undefined };
