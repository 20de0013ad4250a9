import { createClient } from '../../core/api/client';
import { bridgeTransport, type ElectronBridge } from '../../core/api/bridge';
import type { Client } from '../../core/api/contract';
import type { ShellBridge } from '../../core/api/shell-bridge';
import { httpTransport } from '../../server/http-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    kontaktdesk?: ElectronBridge;
    /** Desktop-only abilities (save as PDF); absent in browser mode. */
    kontaktdeskShell?: ShellBridge;
  }
}

/** The one typed client the UI uses: IPC inside Electron, HTTP in a browser. */
export const client: Client = createClient(
  window.kontaktdesk ? bridgeTransport(window.kontaktdesk) : httpTransport(new URL('./', window.location.href).href),
);
