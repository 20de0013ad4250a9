import type { IpcMainInvokeEvent } from 'electron';
import { createClient, type Transport } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import type { Api } from '../../core/api/dispatch';
import type { Envelope } from '../../core/base/errors';
import { ipcChannel } from '../../core/base/method-names';
import { registerIpc } from '../../electron/ipc';
import { isTrustedSender } from '../../electron/security';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export interface IpcClientOptions {
  /** URL of the calling frame; defaults to our renderer's entry page. */
  senderUrl?: string;
  /** The management session the client sends; none by default, like the desk screen. */
  session?: () => string | undefined;
}

/**
 * The IPC transport without Electron: the real `registerIpc` and sender check bound to a fake
 * ipcMain. Input and result are structured-cloned, as Electron's IPC does, so anything that
 * would not survive the process boundary fails here too.
 */
export function createIpcClient(api: Api, options: IpcClientOptions = {}): { client: Client; transport: Transport; dispose(): void } {
  const channels = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle(channel: string, listener: InvokeHandler) {
      if (channels.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      channels.set(channel, listener);
    },
    removeHandler(channel: string) {
      channels.delete(channel);
    },
  };
  const unregister = registerIpc(ipcMain, api, isTrustedSender);
  const event = { senderFrame: { url: options.senderUrl ?? 'app://kontaktdesk/index.html' } } as unknown as IpcMainInvokeEvent;

  const transport: Transport = async (method, input, session) => {
    const channel = ipcChannel(method);
    const listener = channels.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    const result = await listener(event, structuredClone(input), session);
    return structuredClone(result) as Envelope<unknown>;
  };
  return { client: createClient(transport, options.session), transport, dispose: unregister };
}
