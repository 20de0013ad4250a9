import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Handlers } from '../core/api/contract';
import { dispatch } from '../core/api/dispatch';
import type { Envelope } from '../core/api/errors';
import { ipcChannel, methodNames } from '../core/api/method-names';

/** Decides whether an IPC call comes from our own renderer frame. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Binds every contract method to an IPC channel. The sender is checked first; the input is
 * then parsed with the contract's zod schema inside `dispatch`, exactly as over HTTP.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handlers: Handlers, isTrustedSender: SenderCheck): () => void {
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC call from an untrusted frame refused' } };
      }
      return dispatch(handlers, name, input);
    });
  }
  return () => methodNames.forEach((name) => ipcMain.removeHandler(ipcChannel(name)));
}
