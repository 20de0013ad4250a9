import { retryDelayMs } from './connection';
import { createEventStreamParser } from './event-stream-parser';
import { readServerChange, RESYNC, type ServerChange } from './server-change-schema';

/** Heartbeats come every 20 s; this long without a byte means a dead connection (Wi-Fi gone, PC asleep) that never said so. */
export const SILENCE_MS = 45_000;

/** setTimeout and clearTimeout, injectable so tests drive time themselves. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ChangeStreamOptions {
  /** The absolute URL of `GET /api/events`. */
  url: string;
  fetch: typeof fetch;
  /** The headers the API calls send (a paired device's token), read at every (re)connect. */
  headers: () => Record<string, string>;
  /** Every change as it arrives, and `resync` after every (re)connect. */
  onChange: (change: ServerChange) => void;
  /** The server refused this device (revoked, or never paired). */
  onUnpaired?: () => void;
  timers?: Timers;
  silenceMs?: number;
}

/**
 * The server's change stream over HTTP, read with fetch so it can carry the device header (a
 * browser's EventSource cannot). Whenever it drops, is refused or stays silent too long, it
 * reconnects after a growing pause (1 s, 2 s, 4 s … 15 s; back to 1 s once connected). After every
 * connect it hands over `resync` first, since anything may have changed while it was away.
 */
export function openChangeStream({ url, fetch, headers, onChange, onUnpaired, timers = realTimers, silenceMs = SILENCE_MS }: ChangeStreamOptions): {
  close(): void;
} {
  let closed = false;
  let attempt = 0;
  let connection: AbortController | undefined;
  let retry: unknown;
  let silence: unknown;

  const deliver = (change: ServerChange) => {
    try {
      onChange(change);
    } catch (err) {
      console.error('a change listener failed:', err);
    }
  };
  const deliverData = (data: string) => {
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      raw = undefined; // not JSON: readServerChange reports it and answers resync
    }
    deliver(readServerChange(raw));
  };

  async function connect() {
    const abort = new AbortController();
    connection = abort;
    const watchSilence = () => {
      timers.clear(silence);
      silence = timers.set(() => abort.abort(), silenceMs);
    };
    try {
      watchSilence();
      const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers() }, signal: abort.signal, cache: 'no-store' });
      if (!res.ok || !res.body) {
        if (res.status === 401) onUnpaired?.();
        await res.body?.cancel().catch(() => undefined);
      } else {
        attempt = 0;
        deliver(RESYNC);
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        const parser = createEventStreamParser(deliverData);
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          watchSilence();
          parser.push(decoder.decode(value, { stream: true }));
        }
      }
    } catch {
      // No answer, cut off, silent too long, or closed: the same way back (or out) below.
    } finally {
      timers.clear(silence);
    }
    if (closed) return;
    retry = timers.set(() => void connect(), retryDelayMs(attempt++));
  }

  void connect();
  return {
    close() {
      closed = true;
      timers.clear(retry);
      timers.clear(silence);
      connection?.abort();
    },
  };
}
