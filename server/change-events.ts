import type { IncomingMessage, ServerResponse } from 'node:http';
import { minimalChange, type Change, type ChangeSource } from '../core/base/changes';
import { SECURITY_HEADERS } from './security-headers';

/** The one path of the stream; `events` is no contract method, and must never become one. */
export const EVENTS_PATH = '/api/events';

/** A comment line this often: proxies and the client's silence watch see the connection alive. */
export const HEARTBEAT_MS = 20_000;
/** Each stream holds a socket and a listener; a page keeps one however many screens listen. */
export const MAX_STREAMS = 64;
/** What an EventSource-style client waits before reconnecting; ours grows its own pause from there. */
const RETRY_HINT_MS = 1_000;
/** A client that reads nothing while this much waits is gone or stuck: it is cut off and reconnects later. */
const MAX_UNREAD_BYTES = 64 * 1024;

export interface ChangeEventsOptions {
  heartbeatMs?: number;
  maxStreams?: number;
}

/** Per stream: asked before every event and heartbeat; false ends the stream (a revoked device). */
export type StillAllowed = () => Promise<boolean>;

export interface ChangeEvents {
  /** Answers `GET /api/events`; the caller has checked Host, Origin and who may listen. */
  serve(req: IncomingMessage, res: ServerResponse, stillAllowed?: StillAllowed): void;
  /** Ends every open stream, so closing the server does not wait for them. */
  closeAll(): void;
}

/** The `data:` of one change's event. */
export const eventData = (change: Change): string => JSON.stringify(minimalChange(change));

/**
 * Server-sent events of the core's changes: `retry: …` first, then one `data: <json>` per change and
 * a `:` comment as heartbeat. Writes to one stream stay in order, each after its access check.
 */
export function createChangeEvents(source: ChangeSource, { heartbeatMs = HEARTBEAT_MS, maxStreams = MAX_STREAMS }: ChangeEventsOptions = {}): ChangeEvents {
  const open = new Set<() => void>();

  function serve(req: IncomingMessage, res: ServerResponse, stillAllowed?: StillAllowed) {
    if (open.size >= maxStreams) {
      const body = JSON.stringify({ ok: false, error: { code: 'unavailable', message: `too many open event streams (${maxStreams}); try again later` } });
      res.writeHead(503, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Retry-After': '15',
        Connection: 'close',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    let ended = false;
    let queue: Promise<void> = Promise.resolve();
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      res.end();
    };
    const send = (text: string) => {
      queue = queue
        .then(async () => {
          if (ended) return;
          if (stillAllowed && !(await stillAllowed())) return end();
          if (ended) return;
          if (res.writableLength > MAX_UNREAD_BYTES) return end();
          res.write(text);
        })
        .catch(end);
    };
    // Subscribed before the headers go out: a client that re-reads once connected misses nothing after.
    const unsubscribe = source.subscribe((change) => send(`data: ${eventData(change)}\n\n`));
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
    open.add(end);
    res.on('close', end);
    // The client may have gone while its access was checked: 'close' fired before anyone listened.
    if (req.socket.destroyed || res.destroyed) return end();
    // Connection: close, so an ended stream takes its socket along: a server closing down waits for no idle keep-alive.
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'close', 'X-Accel-Buffering': 'no' });
    res.write(`retry: ${RETRY_HINT_MS}\n\n`);
  }

  return {
    serve,
    closeAll: () => [...open].forEach((end) => end()),
  };
}
