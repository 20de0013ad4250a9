import type { ChangesBridge } from '../../core/api/changes-bridge';
import { identityHeaders } from './http-transport';
import { deviceToken, setDeviceToken } from '../device/device-token';
import { openChangeStream } from './change-stream';
import { readServerChange } from './server-change-schema';
import { sharedChanges, type OpenChanges, type ServerChangeListener } from './shared-changes';

export type { ServerChange } from './server-change-schema';
export type { ServerChangeListener } from './shared-changes';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    kontaktdeskChanges?: ChangesBridge;
  }
}

/** In the desktop app: the main process pushes every change to this window; there is nothing to reconnect. */
export const ipcChanges =
  (bridge: ChangesBridge): OpenChanges =>
  (deliver) =>
    bridge.subscribe((raw) => deliver(readServerChange(raw)));

/** In a browser: `GET /api/events` with the headers the API calls send; a refused device is forgotten, so the app shows pairing. */
const httpChanges: OpenChanges = (deliver) =>
  openChangeStream({
    url: new URL('./api/events', window.location.href).href,
    fetch: (...args) => fetch(...args),
    headers: () => identityHeaders(undefined, deviceToken()),
    onChange: deliver,
    onUnpaired: () => setDeviceToken(undefined),
  }).close;

/**
 * Hears what any window, tab or tablet of this desk saved, pushed by the server: `contacts` (with
 * the local days touched, or 'any'), `catalog`, `devices`, and `resync` after a (re)connect, when
 * something may have been missed. Chooses IPC or HTTP as renderer/api/client.ts does, when the
 * first listener subscribes; one connection per page. Returns the unsubscribe.
 *
 * @example
 * useEffect(() => subscribeServerChanges((change) => {
 *   if (change.kind === 'resync' || (change.kind === 'contacts' && touchesDay(change.days, today))) refetch();
 * }), []);
 */
export const subscribeServerChanges: (listener: ServerChangeListener) => () => void = sharedChanges((deliver) =>
  (window.kontaktdeskChanges ? ipcChanges(window.kontaktdeskChanges) : httpChanges)(deliver),
);
