import { afterEach, describe, expect, it, vi } from 'vitest';
import { openChangeStream, SILENCE_MS, type Timers } from '../../renderer/api/change-stream';
import type { ServerChange } from '../../renderer/api/server-change-schema';

/** Timers the test fires itself: nothing here waits on the wall clock. */
function manualTimers() {
  let next = 0;
  const pending = new Map<number, { run: () => void; ms: number }>();
  const timers: Timers = {
    set: (run, ms) => {
      pending.set(++next, { run, ms });
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    /** The pauses now waiting, e.g. a retry's and a silence watch's. */
    waiting: () => [...pending.values()].map((t) => t.ms),
    /** Runs the timer waiting `ms` (there must be exactly one). */
    fire(ms: number) {
      const due = [...pending].filter(([, t]) => t.ms === ms);
      expect(due, `one timer of ${ms} ms`).toHaveLength(1);
      pending.delete(due[0]![0]);
      due[0]![1].run();
    },
  };
}

/** One server response the test writes into, as the stream's body; aborting the request errors it, as fetch does. */
interface FakeStream {
  write(text: string): void;
  end(): void;
  aborted: boolean;
}

/** A fetch that answers each call with the next scripted reply: a status, a stream, or a network failure. */
function fakeFetch() {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const streams: FakeStream[] = [];
  let replies: ('stream' | 'offline' | number)[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: init?.headers as Record<string, string> });
    const reply = replies.shift() ?? 'offline';
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    if (typeof reply === 'number') return new Response('{"ok":false}', { status: reply });
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const stream: FakeStream = {
      aborted: false,
      write: (text) => controller.enqueue(new TextEncoder().encode(text)),
      end: () => controller.close(),
    };
    init?.signal?.addEventListener('abort', () => {
      stream.aborted = true;
      controller.error(new DOMException('aborted', 'AbortError'));
    });
    streams.push(stream);
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls, streams, answer: (...next: typeof replies) => void (replies = next) };
}

const RESYNC = { kind: 'resync' };
const TAP = { kind: 'contacts', days: ['2026-03-10'] };

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Opens a reader whose first connect gets `first` (offline unless given). */
function start(options: { first?: 'stream' | number; token?: () => string | undefined; onUnpaired?: () => void } = {}) {
  const server = fakeFetch();
  if (options.first !== undefined) server.answer(options.first);
  const clock = manualTimers();
  const heard: ServerChange[] = [];
  const stream = openChangeStream({
    url: 'http://192.168.1.20:4781/api/events',
    fetch: server.fetch,
    headers: (): Record<string, string> => {
      const token = options.token?.();
      return token ? { 'X-Kontaktdesk-Device': token } : {};
    },
    onChange: (change) => heard.push(change),
    onUnpaired: options.onUnpaired,
    timers: clock.timers,
  });
  close = stream.close;
  return { server, clock, heard, stream };
}

describe('the change stream reader (HTTP)', () => {
  it('after connecting says resync first, then hands over each event, parsed', async () => {
    const { server, heard } = start({ first: 'stream' });
    await vi.waitFor(() => expect(heard).toEqual([RESYNC]));
    server.streams[0]!.write('retry: 1000\n\n: heartbeat\n\ndata: {"kind":"contacts",');
    server.streams[0]!.write('"days":["2026-03-10"]}\n\ndata: {"kind":"catalog"}\n\n');
    await vi.waitFor(() => expect(heard).toEqual([RESYNC, TAP, { kind: 'catalog' }]));
    expect(server.calls).toEqual([{ url: 'http://192.168.1.20:4781/api/events', headers: { Accept: 'text/event-stream' } }]);
  });

  it('reconnects with a growing pause, 1 s, 2 s, 4 s … at most 15 s, and starts at 1 s again once connected', async () => {
    const { server, clock, heard } = start();
    const pauses: number[] = [];
    for (let i = 0; i < 6; i++) {
      await vi.waitFor(() => expect(clock.waiting()).toHaveLength(1));
      const [pause] = clock.waiting();
      pauses.push(pause!);
      if (i === 5) server.answer('stream');
      clock.fire(pause!);
    }
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    await vi.waitFor(() => expect(heard).toEqual([RESYNC]));
    server.streams[0]!.end(); // the server restarts
    await vi.waitFor(() => expect(clock.waiting()).toEqual([1000]));
    server.answer('stream');
    clock.fire(1000);
    await vi.waitFor(() => expect(heard).toEqual([RESYNC, RESYNC]));
    expect(server.calls).toHaveLength(8);
  });

  it('a refused device is reported as unpaired and tried again with the token it holds then; other refusals just wait', async () => {
    let token: string | undefined = 'revoked-token';
    const onUnpaired = vi.fn(() => void (token = undefined));
    const { server, clock, heard } = start({ token: () => token, onUnpaired });
    await vi.waitFor(() => expect(clock.waiting()).toEqual([1000]));
    server.answer(401);
    clock.fire(1000);
    await vi.waitFor(() => expect(clock.waiting()).toEqual([2000]));
    expect(onUnpaired).toHaveBeenCalledTimes(1);
    server.answer(503);
    token = 'new-token';
    clock.fire(2000);
    await vi.waitFor(() => expect(clock.waiting()).toEqual([4000]));
    expect(onUnpaired).toHaveBeenCalledTimes(1);
    expect(server.calls.map((c) => c.headers['X-Kontaktdesk-Device'])).toEqual(['revoked-token', 'revoked-token', 'new-token']);
    expect(heard).toEqual([]);
  });

  it('a connection silent for longer than two heartbeats is given up and made anew', async () => {
    const { server, clock, heard } = start({ first: 'stream' });
    await vi.waitFor(() => expect(heard).toEqual([RESYNC]));
    server.streams[0]!.write(': heartbeat\n\n'); // bytes arrive: the watch starts over
    await vi.waitFor(() => expect(clock.waiting()).toEqual([SILENCE_MS]));
    clock.fire(SILENCE_MS);
    await vi.waitFor(() => expect(clock.waiting()).toEqual([1000]));
    expect(server.streams[0]!.aborted).toBe(true);
  });

  it('an event that does not read as a change is answered with resync, never handed over as one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { server, heard } = start({ first: 'stream' });
    await vi.waitFor(() => expect(heard).toEqual([RESYNC]));
    server.streams[0]!.write('data: {"kind":"contacts","days":["10.03.2026"]}\n\ndata: not json\n\ndata: {"kind":"catalog","extra":1}\n\n');
    await vi.waitFor(() => expect(heard).toEqual([RESYNC, RESYNC, RESYNC, RESYNC]));
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });

  it('close ends the connection and every retry', async () => {
    const { server, clock, stream } = start({ first: 'stream' });
    await vi.waitFor(() => expect(server.streams).toHaveLength(1));
    stream.close();
    await vi.waitFor(() => expect(server.streams[0]!.aborted).toBe(true));
    expect(clock.waiting()).toEqual([]);
    expect(server.calls).toHaveLength(1);

    const offline = start();
    await vi.waitFor(() => expect(offline.clock.waiting()).toEqual([1000]));
    offline.stream.close();
    expect(offline.clock.waiting()).toEqual([]);
  });
});
