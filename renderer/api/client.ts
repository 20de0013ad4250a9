import { createClient, type Transport } from '../../core/api/client';
import { bridgeTransport, type ElectronBridge } from '../../core/api/bridge';
import type { Client } from '../../core/api/contract';
import type { ShellBridge } from '../../core/api/shell-bridge';
import { httpTransport } from '../../server/http-client';
import { currentSession, setSession } from './management-session';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    kontaktdesk?: ElectronBridge;
    /** Desktop-only abilities (save as PDF); absent in browser mode. */
    kontaktdeskShell?: ShellBridge;
  }
}

const transport: Transport = window.kontaktdesk ? bridgeTransport(window.kontaktdesk) : httpTransport(new URL('./', window.location.href).href);

/** A `locked` answer means the server has closed this tab's session (idle, restart, PIN change): forget it. */
const watchingLock: Transport = async (method, input, session) => {
  const envelope = await transport(method, input, session);
  if (!envelope.ok && envelope.error.code === 'locked' && session === currentSession()) setSession(undefined);
  return envelope;
};

/** The one typed client the UI uses: IPC inside Electron, HTTP in a browser; it sends this tab's management session. */
export const client: Client = createClient(watchingLock, currentSession);
