/**
 * The token of this browser as a paired device of LAN desk mode. Kept in localStorage, so it
 * survives a reload, a closed tab and a restart of the main PC; the server keeps only its hash.
 * Listeners hear when it is set or dropped (the server said `unpaired`), so the app can show the
 * pairing page at once.
 */
export const DEVICE_TOKEN_KEY = 'kontaktdesk.deviceToken';

type Listener = (token: string | undefined) => void;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let memory: string | undefined = storage()?.getItem(DEVICE_TOKEN_KEY) ?? undefined;

export const deviceToken = (): string | undefined => memory;

export function setDeviceToken(token: string | undefined): void {
  if (token === memory) return;
  memory = token;
  if (token === undefined) storage()?.removeItem(DEVICE_TOKEN_KEY);
  else storage()?.setItem(DEVICE_TOKEN_KEY, token);
  listeners.forEach((listener) => listener(token));
}

export function onDeviceTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Loopback names: the main PC's own browser, which needs no pairing. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether this page was opened from another device on the network (the desktop window and the main PC's browser are not). */
export const isNetworkDevice = (location: Pick<Location, 'protocol' | 'hostname'> = window.location, inElectron = window.kontaktdesk !== undefined): boolean =>
  !inElectron && location.protocol.startsWith('http') && !LOOPBACK_HOSTS.has(location.hostname);
