import type { BrowserWindow } from 'electron';
import { minimalChange, type ChangeSource } from '../core/base/changes';
import { CHANGES_CHANNEL } from '../core/api/changes-bridge';
import { isTrustedRendererUrl } from './security';

/** What forwarding needs of a window: its web contents, whose main frame shows the page. */
export type ForwardTarget = { webContents: Pick<BrowserWindow['webContents'], 'isDestroyed' | 'mainFrame'> };

/**
 * The IPC side of the change stream: every change goes to the main frame of every window that
 * shows our own renderer (checked per send, by URL, like IPC senders are). A window closing
 * meanwhile is skipped; one that fails does not keep the others from hearing.
 */
export function forwardChangesToWindows(changes: ChangeSource, windows: () => readonly ForwardTarget[]): () => void {
  return changes.subscribe((change) => {
    // The same minimal object as over HTTP: kind and days.
    const message = minimalChange(change);
    for (const { webContents } of windows()) {
      try {
        if (webContents.isDestroyed()) continue;
        const frame = webContents.mainFrame;
        if (isTrustedRendererUrl(frame.url)) frame.send(CHANGES_CHANNEL, message);
      } catch (err) {
        console.error('could not forward a change to a window:', err);
      }
    }
  });
}
