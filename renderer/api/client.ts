import { createClient, type Transport } from '../../core/api/client';
import { bridgeTransport, type ElectronBridge } from '../../core/api/bridge';
import type { Client } from '../../core/api/contract';
import type { ShellBridge } from '../../core/api/shell-bridge';
import { httpTransport } from './http-transport';
import { currentSession, setSession } from './management-session';
import { deviceToken, setDeviceToken } from '../device/device-token';
import { reportAnswer, reportNoAnswer, setConnectionProbe } from './connection';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    kontaktdesk?: ElectronBridge;
    /** Desktop-only abilities (save as PDF); absent in browser mode. */
    kontaktdeskShell?: ShellBridge;
  }
}

// A paired device on the network sends its token with every call; this machine's own pages have none.
const transport: Transport = window.kontaktdesk
  ? bridgeTransport(window.kontaktdesk)
  : httpTransport(new URL('./', window.location.href).href, (...args) => fetch(...args), deviceToken);

/**
 * A `locked` answer means the server has closed this tab's session (idle, restart, PIN change): forget it.
 * An `unpaired` one means this device's token was revoked (or never valid): forget it, the app shows the pairing page.
 * No answer at all means the server is unreachable: the connection watch retries until it answers.
 */
const watchingLock: Transport = async (method, input, session) => {
  let envelope;
  try {
    envelope = await transport(method, input, session);
  } catch (err) {
    reportNoAnswer();
    throw err;
  }
  reportAnswer();
  if (!envelope.ok && envelope.error.code === 'locked' && session === currentSession()) setSession(undefined);
  if (!envelope.ok && envelope.error.code === 'unpaired') setDeviceToken(undefined);
  return envelope;
};

/** The one typed client the UI uses: IPC inside Electron, HTTP in a browser; it sends this tab's management session. */
export const client: Client = createClient(watchingLock, currentSession);

// Cheap and answered without a session; from an unpaired device it is refused, which is an answer too.
setConnectionProbe(() => client.getStartupState({}));
