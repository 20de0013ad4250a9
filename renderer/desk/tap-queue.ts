import { ClientError } from '../../core/api/client';
import type { MethodInput } from '../../core/api/contract';
import type { LoggedContact } from '../../core/contacts/contact-types';

/**
 * Every tap of this browser waits here until the server has acknowledged it: written to
 * localStorage before it is sent, so neither a lost answer, a stopped server, a full disk nor a
 * reload loses it. Taps go out one at a time, oldest first, each with its request id (the server's
 * idempotency key: a tap whose first answer was lost is found by it and stored once). A tap the
 * server refuses for good stays listed as refused until someone acknowledges it; nothing is ever
 * dropped without a person seeing it.
 */
export const QUEUE_STORAGE_KEY = 'kontaktdesk.queuedTaps';

export type TapInput = MethodInput<'logContact'> & { requestId: string };

export interface QueuedTap {
  /** The call as made; `occurredAt` only when the tap was back-dated on purpose. */
  input: TapInput;
  /** When the tap was made, by this device's clock (epoch ms). */
  madeAt: number;
  /** The page that made it: another page (a second tab) sends it only once it is clearly orphaned. */
  page: string;
  /** Set once a send got no answer or a "not now": the desk then says the tap waits. */
  waited?: true;
  /** Set when the server refused it for good; it is then never sent again, only shown. */
  refused?: { code: string; message: string; field?: string };
}

export interface QueueStore {
  read(): QueuedTap[];
  write(taps: QueuedTap[]): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one stored entry; the flat shape of earlier versions (input fields beside `occurredAt`) is taken over, so an update loses no waiting tap. */
export function readStoredTap(raw: unknown): QueuedTap | null {
  if (!isObject(raw)) return null;
  if (isObject(raw.input)) {
    const { input, madeAt, page } = raw;
    if (typeof input.requestId !== 'string' || !Array.isArray(input.topicIds) || typeof madeAt !== 'number') return null;
    return { ...(raw as unknown as QueuedTap), page: typeof page === 'string' ? page : '' };
  }
  if (typeof raw.requestId !== 'string' || !Array.isArray(raw.topicIds) || typeof raw.occurredAt !== 'string') return null;
  const madeAt = Date.parse(raw.occurredAt);
  if (Number.isNaN(madeAt)) return null;
  return { input: raw as unknown as TapInput, madeAt, page: '', waited: true };
}

export function localQueueStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined): QueueStore {
  let memory: QueuedTap[] = [];
  return {
    read() {
      if (!storage) return memory;
      try {
        const parsed: unknown = JSON.parse(storage.getItem(QUEUE_STORAGE_KEY) ?? '[]');
        return Array.isArray(parsed) ? parsed.map(readStoredTap).filter((t): t is QueuedTap => t !== null) : [];
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
const TRY_AGAIN = new Set(['unavailable', 'unpaired', 'rate_limited', 'internal', 'locked']);

/** A tap that waited this long is sent with the time it was made, not the time it finally arrives. */
export const SEND_WITH_TIME_AFTER_MS = 5_000;
/** Another page's tap counts as orphaned (its page was reloaded or closed) after this long. */
export const ORPHANED_AFTER_MS = 10_000;

/** What is sent for a queued tap: a tap that waited carries its original time (a back-dated one always does). */
export function callFor(tap: QueuedTap, now: number): TapInput {
  if (tap.input.occurredAt !== undefined || now - tap.madeAt < SEND_WITH_TIME_AFTER_MS) return tap.input;
  return { ...tap.input, occurredAt: new Date(tap.madeAt).toISOString() };
}

export interface SentTap {
  tap: QueuedTap;
  logged: LoggedContact;
}

export interface FlushOutcome {
  sent: SentTap[];
  /** Taps refused for good in this flush; they stay listed (marked) until acknowledged. */
  refused: QueuedTap[];
  /** The error that stopped the flush ("no answer" or a "not now"); taps after it are still waiting. */
  stoppedBy: unknown;
}

export interface TapQueue {
  /** Every tap not yet acknowledged, oldest first: waiting ones and refused ones. */
  list(): QueuedTap[];
  add(input: TapInput, madeAt: number): void;
  /** Sends waiting taps one by one, oldest first, until none is left or one gets no answer. One flush at a time per page. */
  flush(send: (input: TapInput) => Promise<LoggedContact>, onSent?: (sent: SentTap) => void): Promise<FlushOutcome>;
  /** A person has seen a refused tap: it goes. */
  acknowledge(requestId: string): void;
  subscribe(listener: (taps: QueuedTap[]) => void): () => void;
  /** Another page changed the stored queue: tell the listeners. */
  reread(): void;
}

export function createTapQueue(store: QueueStore, options: { page: string; now?: () => number }): TapQueue {
  const now = options.now ?? Date.now;
  const listeners = new Set<(taps: QueuedTap[]) => void>();
  let flushing: Promise<FlushOutcome> | null = null;
  const write = (taps: QueuedTap[]) => {
    store.write(taps);
    listeners.forEach((l) => l(taps));
  };
  const update = (requestId: string, change: (tap: QueuedTap) => QueuedTap | null) =>
    write(store.read().flatMap((t) => (t.input.requestId === requestId ? (change(t) ?? []) : [t])));
  /** The next tap this page may send: its own, or another page's once orphaned; refused ones never. */
  const nextToSend = () => store.read().find((t) => !t.refused && (t.page === options.page || now() - t.madeAt >= ORPHANED_AFTER_MS));

  const flushOnce = async (send: (input: TapInput) => Promise<LoggedContact>, onSent?: (sent: SentTap) => void): Promise<FlushOutcome> => {
    const outcome: FlushOutcome = { sent: [], refused: [], stoppedBy: null };
    for (let tap = nextToSend(); tap; tap = nextToSend()) {
      try {
        const logged = await send(callFor(tap, now()));
        update(tap.input.requestId, () => null);
        outcome.sent.push({ tap, logged });
        onSent?.({ tap, logged });
      } catch (error) {
        if (error instanceof ClientError && !TRY_AGAIN.has(error.body.code)) {
          const refused = { ...tap, refused: { code: error.body.code, message: error.body.message, ...(error.body.field ? { field: error.body.field } : {}) } };
          update(tap.input.requestId, () => refused);
          outcome.refused.push(refused);
          continue;
        }
        // This tap and every one queued behind it now wait: none goes out before it, to keep the order made.
        write(store.read().map((t) => (t.refused ? t : { ...t, waited: true })));
        outcome.stoppedBy = error;
        break;
      }
    }
    return outcome;
  };

  return {
    list: () => store.read(),
    add(input, madeAt) {
      if (store.read().some((t) => t.input.requestId === input.requestId)) return;
      write([...store.read(), { input, madeAt, page: options.page }]);
    },
    flush(send, onSent) {
      flushing ??= flushOnce(send, onSent).finally(() => (flushing = null));
      return flushing;
    },
    acknowledge: (requestId) => update(requestId, (t) => (t.refused ? null : t)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reread: () => listeners.forEach((l) => l(store.read())),
  };
}
