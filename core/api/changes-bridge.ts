/**
 * What the Electron preload puts on `window.kontaktdeskChanges`: the changes the main process
 * forwards to our windows (see core/base/changes.ts). The page gets one function, never
 * `ipcRenderer`; what it receives crossed a process boundary, so the renderer parses it.
 */
export interface ChangesBridge {
  /** Calls `listener` with every change the main process sends to this window; returns the unsubscribe. */
  subscribe(listener: (change: unknown) => void): () => void;
}

/** Main → renderer only; its own prefix, apart from the contract's `kontaktdesk:` invoke channels. */
export const CHANGES_CHANNEL = 'kontaktdesk-live:changes';
