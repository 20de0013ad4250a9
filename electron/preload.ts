import { contextBridge, ipcRenderer } from 'electron';
import type { ElectronBridge } from '../core/api/bridge';
import { SHELL_CHANNELS, type ShellBridge } from '../core/api/shell-bridge';
import { CHANGES_CHANNEL, type ChangesBridge } from '../core/api/changes-bridge';
import type { Envelope } from '../core/base/errors';
import { ipcChannel, methodNames, type MethodName } from '../core/base/method-names';

/**
 * Runs sandboxed: it may require only `electron`, so it imports the zod-free method list and
 * leaves all input checking to the main process. The page gets named functions, one per
 * contract method, never `ipcRenderer` itself.
 */
const invoke =
  (name: MethodName) =>
  (input: unknown, session?: string): Promise<Envelope<unknown>> =>
    // Only a string session goes on, so the page cannot smuggle other arguments to the main process.
    typeof session === 'string' ? ipcRenderer.invoke(ipcChannel(name), input, session) : ipcRenderer.invoke(ipcChannel(name), input);

const bridge = Object.fromEntries(methodNames.map((name) => [name, invoke(name)])) as {
  [M in MethodName]: ReturnType<typeof invoke>;
} satisfies ElectronBridge;

contextBridge.exposeInMainWorld('kontaktdesk', bridge);

const shell: ShellBridge = {
  savePdf: (defaultFileName: string) => ipcRenderer.invoke(SHELL_CHANNELS.savePdf, String(defaultFileName)),
};
contextBridge.exposeInMainWorld('kontaktdeskShell', shell);

/** The changes the main process forwards: the page's listener gets the change alone, never the IPC event (its `sender` is ipcRenderer). */
const changes = {
  subscribe: (listener: (change: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
    const relay = (_event: unknown, change: unknown) => listener(change);
    ipcRenderer.on(CHANGES_CHANNEL, relay);
    return () => void ipcRenderer.removeListener(CHANGES_CHANNEL, relay);
  },
} satisfies ChangesBridge;
contextBridge.exposeInMainWorld('kontaktdeskChanges', changes);
