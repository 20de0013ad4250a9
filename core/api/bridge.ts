import type { Transport } from './client';
import type { Envelope } from '../base/errors';
import type { MethodName } from '../base/method-names';

/**
 * What the Electron preload puts on `window.kontaktdesk`: one named function per contract
 * method, returning the main process's envelope. Zod-free, so the sandboxed preload and the
 * renderer can both import it without the schemas.
 */
export type ElectronBridge = { [M in MethodName]: (input: unknown, session?: string) => Promise<Envelope<unknown>> };

/** The IPC transport for `createClient`, over the functions the preload exposed. */
export const bridgeTransport =
  (bridge: ElectronBridge): Transport =>
  (method, input, session) =>
    bridge[method](input, session);
