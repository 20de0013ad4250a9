import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { writeFileAtomic } from '../core/base/atomic-write';
import { SHELL_CHANNELS } from '../core/api/shell-bridge';
import { electronPdfOptions } from '../core/reports/print-page';
import type { SenderCheck } from './ipc';

export interface SavePdfDeps {
  /** Asks the user for a target file; undefined when cancelled. */
  chooseFile(defaultFileName: string): Promise<string | undefined>;
  write?(file: string, data: Uint8Array): Promise<void>;
}

/**
 * The A4 PDF of the sender's page: the print view's own print CSS decides the layout, and its `@page`
 * margin boxes the running header and footer (site, period, day made, page x of y) — the same the
 * browser's print dialog prints. The options are the ones the e2e test makes its PDF with.
 */
export const renderPdf = (contents: Pick<WebContents, 'printToPDF'>) => contents.printToPDF(electronPdfOptions());

/** A file name the renderer suggested, reduced to a plain `.pdf` name (no folders, no odd characters). */
export function safePdfName(name: unknown): string {
  const base =
    typeof name === 'string'
      ? name
          .split(/[\\/]/)
          .pop()!
          .replace(/[^\p{L}\p{N} ._-]/gu, '')
          .trim()
      : '';
  const stem = base.replace(/\.pdf$/i, '').slice(0, 120) || 'kontaktdesk-bericht';
  return `${stem}.pdf`;
}

/** Binds "save as PDF" for the print view: sender checked like every IPC call, file written atomically. */
export function registerSavePdf(ipcMain: Pick<IpcMain, 'handle'>, isTrustedSender: SenderCheck, deps: SavePdfDeps) {
  ipcMain.handle(SHELL_CHANNELS.savePdf, async (event: IpcMainInvokeEvent, name: unknown) => {
    if (!isTrustedSender(event)) return { saved: false };
    const file = await deps.chooseFile(safePdfName(name));
    if (!file) return { saved: false };
    await (deps.write ?? writeFileAtomic)(file, await renderPdf(event.sender));
    return { saved: true };
  });
}
