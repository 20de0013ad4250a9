import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { electronPdfOptions } from '../core/reports/print-page';
import { createSecureWindow } from './security';

/**
 * Prints a self-contained HTML page (the report page of a scheduled mail, core/exports/report-html.ts)
 * to an A4 PDF in a hidden window: no preload, no scripts (the page has none), sandboxed, and closed
 * again at once. The page is loaded from a data: URL, so nothing reaches the network or the app's files.
 */
export async function printHtmlToPdf(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => Pick<ElectronBrowserWindow, 'loadURL' | 'webContents' | 'destroy'>,
  html: string,
): Promise<Buffer> {
  // The app's window settings (isolated, sandboxed, no Node), without a preload and without scripts.
  const window = createSecureWindow(BrowserWindow, undefined, { show: false }, false);
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return Buffer.from(await window.webContents.printToPDF(electronPdfOptions()));
  } finally {
    window.destroy();
  }
}
