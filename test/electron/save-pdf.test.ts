import type { IpcMainInvokeEvent } from 'electron';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHELL_CHANNELS } from '../../core/api/shell-bridge';
import { electronPdfOptions } from '../../core/reports/print-page';
import { registerSavePdf, safePdfName } from '../../electron/save-pdf';
import { isTrustedSender } from '../../electron/security';

type Listener = (event: IpcMainInvokeEvent, name: unknown) => Promise<{ saved: boolean }>;

describe('save the print view as PDF (desktop shell)', () => {
  let dir: string;
  let listener: Listener;
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]); // "%PDF-"
  const printToPDF = vi.fn(async () => pdf);
  const chooseFile = vi.fn<(name: string) => Promise<string | undefined>>();
  const event = (url: string) => ({ senderFrame: { url }, sender: { printToPDF } }) as unknown as IpcMainInvokeEvent;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-pdf-'));
    printToPDF.mockClear();
    chooseFile.mockReset();
    registerSavePdf({ handle: (channel: string, l: Listener) => channel === SHELL_CHANNELS.savePdf && (listener = l) } as never, isTrustedSender, {
      chooseFile,
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the sender page to A4 with printToPDF and writes the chosen file atomically', async () => {
    chooseFile.mockResolvedValue(join(dir, 'bericht.pdf'));
    await expect(listener(event('app://kontaktdesk/index.html#/print'), 'kontaktdesk-bericht-2026-03.pdf')).resolves.toEqual({ saved: true });
    expect(chooseFile).toHaveBeenCalledWith('kontaktdesk-bericht-2026-03.pdf');
    // The options the print e2e test makes its PDF with (core/reports/print-page.ts).
    expect(printToPDF).toHaveBeenCalledWith(electronPdfOptions());
    expect(printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4', printBackground: true }));
    expect(readFileSync(join(dir, 'bericht.pdf'))).toEqual(Buffer.from(pdf));
    expect(readdirSync(dir)).toEqual(['bericht.pdf']); // no temp file left behind
  });

  it('writes nothing when the user cancels the dialog', async () => {
    chooseFile.mockResolvedValue(undefined);
    await expect(listener(event('app://kontaktdesk/index.html'), 'x.pdf')).resolves.toEqual({ saved: false });
    expect(printToPDF).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a frame that is not our renderer, without asking or rendering', async () => {
    await expect(listener(event('https://evil.example/'), 'x.pdf')).resolves.toEqual({ saved: false });
    expect(chooseFile).not.toHaveBeenCalled();
    expect(printToPDF).not.toHaveBeenCalled();
  });

  it('suggests only a plain .pdf name, whatever the page sends', () => {
    expect(safePdfName('../../etc/passwd')).toBe('passwd.pdf');
    expect(safePdfName('C:\\Users\\x\\bericht.PDF')).toBe('bericht.pdf');
    expect(safePdfName({ toString: () => 'x' })).toBe('kontaktdesk-bericht.pdf');
    expect(safePdfName('Bericht März 2026.pdf')).toBe('Bericht März 2026.pdf');
    expect(existsSync(dir)).toBe(true);
  });
});
