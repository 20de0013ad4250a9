import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch, type Api } from '../core/api/dispatch';
import type { Envelope } from '../core/base/errors';
import { ipcChannel, methodNames } from '../core/base/method-names';

/** Decides whether an IPC call comes from our own renderer frame. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Binds every contract method to an IPC channel. The sender is checked first; the input is
 * then parsed with the contract's zod schema inside `dispatch`, exactly as over HTTP.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, api: Api, isTrustedSender: SenderCheck): () => void {
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown, session: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC call from an untrusted frame refused' } };
      }
      // The session crosses the process boundary too, so it is checked for shape like any input.
      return dispatch(api, name, input, { session: typeof session === 'string' ? session : undefined });
    });
  }
  return () => methodNames.forEach((name) => ipcMain.removeHandler(ipcChannel(name)));
}
