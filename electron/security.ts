import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The one origin our renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kontaktdesk';
export const RENDERER_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Opens a renderer window: isolated, sandboxed, no Node, no middle-click popups. The preload (none
 * for a window that only prints a page) is the only bridge, and it hands over named functions, never `ipcRenderer`. The options are
 * written out at the `new BrowserWindow` call itself so that Electronegativity's static checks
 * (which do not follow function calls) can see them; the constructor is passed in for tests.
 */
export function createSecureWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  preload: string | undefined,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'> = {},
  /** `false` for a page that needs no scripts (the report page printed to PDF). */
  javascript = true,
): W {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
      javascript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/**
 * True only for `app://kontaktdesk/…`. Parsed, never prefix-matched: `app://kontaktdesk.evil/`,
 * `app://kontaktdesk@evil/` and `app://kontaktdesk:1/` all start with the right characters.
 */
export function isTrustedRendererUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.pathname.startsWith('/')
  );
}

/**
 * Keeps a web contents on our origin: leaving it by link, script or server redirect is
 * cancelled, new windows are never opened, and `<webview>` cannot be attached.
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  const stayOnOrigin = (event: { url: string; preventDefault(): void }) => {
    if (!isTrustedRendererUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnOrigin);
  contents.on('will-frame-navigate', stayOnOrigin);
  contents.on('will-redirect', stayOnOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The desk needs no camera, microphone, location or notifications: every request is refused. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * IPC guard: only frames showing our own renderer may call the core. A frame that has
 * navigated away or was destroyed (`senderFrame` null) is refused.
 */
export function isTrustedSender(event: { readonly senderFrame?: { readonly url: string } | null }): boolean {
  let url: string | undefined;
  try {
    url = event.senderFrame?.url;
  } catch {
    return false;
  }
  return typeof url === 'string' && isTrustedRendererUrl(url);
}
