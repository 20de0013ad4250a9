import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { printHtmlToPdf } from '../../electron/print-html-pdf';

/** A stand-in for Electron's BrowserWindow (the binary cannot run here): records what the printer asks of it. */
function fakeWindows(print: () => Promise<Uint8Array>) {
  const made: { options: BrowserWindowConstructorOptions; loaded: string[]; destroyed: boolean }[] = [];
  class FakeWindow {
    record: (typeof made)[number];
    constructor(options: BrowserWindowConstructorOptions) {
      this.record = { options, loaded: [], destroyed: false };
      made.push(this.record);
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
    webContents = { printToPDF: print } as never;
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { FakeWindow, made };
}

describe('printing a report mail page to PDF in the desktop app', () => {
  it('loads exactly the page in a hidden window without scripts, prints it and closes the window', async () => {
    const { FakeWindow, made } = fakeWindows(async () => new Uint8Array([37, 80, 68, 70]));
    const html = '<!doctype html><html lang="de"><title>Bericht März</title><p>Kontakte: 1.234</p></html>';
    const pdf = await printHtmlToPdf(FakeWindow as never, html);
    expect(pdf.toString()).toBe('%PDF');
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, javascript: false, nodeIntegration: false } });
    expect(made[0]!.options.webPreferences?.preload).toBeUndefined();
    const [url] = made[0]!.loaded;
    expect(url!.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url!.split(',')[1]!, 'base64').toString('utf8')).toBe(html);
    expect(made[0]!.destroyed).toBe(true);
  });

  it('closes the window when printing fails, and the failure reaches the sender', async () => {
    const { FakeWindow, made } = fakeWindows(async () => {
      throw new Error('printing failed');
    });
    await expect(printHtmlToPdf(FakeWindow as never, '<p>x</p>')).rejects.toThrow('printing failed');
    expect(made[0]!.destroyed).toBe(true);
  });
});
