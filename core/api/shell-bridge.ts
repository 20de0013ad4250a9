/**
 * What the desktop shell offers the page beside the contract (on `window.kontaktdeskShell`): things
 * only a desktop can do. Browser mode has none of it and falls back to the browser's own means.
 */
export interface ShellBridge {
  /** Renders the current page (the print view) to an A4 PDF and asks where to save it. */
  savePdf(defaultFileName: string): Promise<{ saved: boolean }>;
}

export const SHELL_CHANNELS = { savePdf: 'kontaktdesk-shell:savePdf' } as const;
