import { ClientError } from '../../core/api/client';
import type { MethodInput } from '../../core/api/contract';
import type { LoggedContact } from '../../core/contacts/contact-types';

/**
 * Taps a paired device made while the main PC did not answer. Each keeps its request id (the
 * server's idempotency key) and the time it was made, and is sent again until the server answers:
 * a tap whose first answer was lost is then found by its key and stored once (`duplicate: true`).
 * Kept in localStorage, so a reload or a flat battery does not lose them. Never shown as saved
 * before the server has acknowledged it.
 */
export const QUEUE_STORAGE_KEY = 'kontaktdesk.queuedTaps';

export type QueuedTap = MethodInput<'logContact'> & { requestId: string; occurredAt: string };

export interface QueueStore {
  read(): QueuedTap[];
  write(taps: QueuedTap[]): void;
}

export function localQueueStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined): QueueStore {
  let memory: QueuedTap[] = [];
  return {
    read() {
      if (!storage) return memory;
      try {
        const parsed: unknown = JSON.parse(storage.getItem(QUEUE_STORAGE_KEY) ?? '[]');
        return Array.isArray(parsed) ? (parsed as QueuedTap[]) : [];
      } catch {
        return [];
      }
    },
    write(taps) {
      memory = taps;
      if (!storage) return;
      if (taps.length === 0) storage.removeItem(QUEUE_STORAGE_KEY);
      else storage.setItem(QUEUE_STORAGE_KEY, JSON.stringify(taps));
    },
  };
}

/** Refusals that say "not now" rather than "never": the tap stays queued for the next try. */
const TRY_AGAIN = new Set(['unavailable', 'unpaired', 'rate_limited', 'internal']);

export interface FlushOutcome {
  sent: LoggedContact[];
  /** Taps the server refused for good (e.g. a topic retired meanwhile), with why; no longer queued. */
  refused: { tap: QueuedTap; error: ClientError }[];
  /** Still queued: the server did not answer (or said "not now"). */
  left: number;
}

export interface TapQueue {
  list(): QueuedTap[];
  /** Queues a tap whose send got no answer; the time it was made goes with it, so it is not logged as later. */
  add(input: MethodInput<'logContact'> & { requestId: string }, madeAt: number): void;
  /** Sends the queued taps one by one, oldest first; stops at the first one that gets no answer. One flush at a time. */
  flush(send: (tap: QueuedTap) => Promise<LoggedContact>): Promise<FlushOutcome>;
  subscribe(listener: (taps: QueuedTap[]) => void): () => void;
}

export function createTapQueue(store: QueueStore): TapQueue {
  const listeners = new Set<(taps: QueuedTap[]) => void>();
  let flushing: Promise<FlushOutcome> | null = null;
  const write = (taps: QueuedTap[]) => {
    store.write(taps);
    listeners.forEach((l) => l(taps));
  };
  const remove = (requestId: string) => write(store.read().filter((t) => t.requestId !== requestId));

  const flushOnce = async (send: (tap: QueuedTap) => Promise<LoggedContact>): Promise<FlushOutcome> => {
    const outcome: FlushOutcome = { sent: [], refused: [], left: 0 };
    for (const tap of store.read()) {
      try {
        outcome.sent.push(await send(tap));
        remove(tap.requestId);
      } catch (error) {
        if (error instanceof ClientError && !TRY_AGAIN.has(error.body.code)) {
          outcome.refused.push({ tap, error });
          remove(tap.requestId);
          continue;
        }
        break;
      }
    }
    outcome.left = store.read().length;
    return outcome;
  };

  return {
    list: () => store.read(),
    add(input, madeAt) {
      if (store.read().some((t) => t.requestId === input.requestId)) return;
      write([...store.read(), { ...input, occurredAt: input.occurredAt ?? new Date(madeAt).toISOString() }]);
    },
    flush(send) {
      flushing ??= flushOnce(send).finally(() => (flushing = null));
      return flushing;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
