import { storedValue } from '../api/stored-value';

/**
 * The token of this browser as a paired device of LAN desk mode. Kept in localStorage, so it
 * survives a reload, a closed tab and a restart of the main PC; the server keeps only its hash.
 * Listeners hear when it is set or dropped (the server said `unpaired`), so the app can show the
 * pairing page at once.
 */
export const DEVICE_TOKEN_KEY = 'kontaktdesk.deviceToken';

const token = storedValue(DEVICE_TOKEN_KEY, () => window.localStorage);

export const deviceToken = token.get;
export const setDeviceToken = token.set;
export const onDeviceTokenChange = token.onChange;

/** Loopback names: the main PC's own browser, which needs no pairing. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether this page was opened from another device on the network (the desktop window and the main PC's browser are not). */
export const isNetworkDevice = (location: Pick<Location, 'protocol' | 'hostname'> = window.location, inElectron = window.kontaktdesk !== undefined): boolean =>
  !inElectron && location.protocol.startsWith('http') && !LOOPBACK_HOSTS.has(location.hostname);
