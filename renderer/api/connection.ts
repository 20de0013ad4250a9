/**
 * Whether the server answers. A call that gets no answer at all (the main PC restarts, the Wi-Fi
 * drops) marks the connection as lost; any answer, even a refusal, marks it as back. While it is
 * lost, a probe retries with a growing pause, so paired devices reconnect by themselves.
 */
export type ConnectionState = 'online' | 'offline';

type Listener = (state: ConnectionState) => void;
const listeners = new Set<Listener>();
let state: ConnectionState = 'online';
let probe: (() => Promise<unknown>) | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let attempt = 0;

/** Pause before the n-th retry: 1 s, 2 s, 4 s … at most 15 s. */
export const retryDelayMs = (n: number) => Math.min(15_000, 1000 * 2 ** n);

export const connectionState = (): ConnectionState => state;

export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next: ConnectionState) {
  if (next === state) return;
  state = next;
  listeners.forEach((l) => l(next));
}

function scheduleProbe() {
  if (timer !== undefined || !probe) return;
  timer = setTimeout(() => {
    timer = undefined;
    // An answer sets the state to online through reportAnswer; no answer schedules the next try.
    void probe?.().catch(() => undefined);
  }, retryDelayMs(attempt++));
}

/** Called by the transport: the server answered. */
export function reportAnswer(): void {
  attempt = 0;
  clearTimeout(timer);
  timer = undefined;
  set('online');
}

/** Called by the transport: the request got no answer. */
export function reportNoAnswer(): void {
  set('offline');
  scheduleProbe();
}

/** What to call to find out whether the server is back (a cheap call that needs no session). */
export function setConnectionProbe(call: () => Promise<unknown>): void {
  probe = call;
}
