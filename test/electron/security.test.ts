import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createSecureWindow, denyAllPermissions, hardenWebContents, isTrustedRendererUrl, isTrustedSender } from '../../electron/security';

class FakeWebContents extends EventEmitter {
  openHandler?: Parameters<WebContents['setWindowOpenHandler']>[0];
  setWindowOpenHandler(handler: Parameters<WebContents['setWindowOpenHandler']>[0]) {
    this.openHandler = handler;
  }
}

function hardened() {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

/** Emits a navigation-style event the way Electron does and reports whether it was cancelled. */
function attempt(contents: FakeWebContents, eventName: string, url: string): boolean {
  const event = { url, preventDefault: vi.fn() };
  contents.emit(eventName, event, url);
  return event.preventDefault.mock.calls.length > 0;
}

describe('window options', () => {
  class FakeWindow {
    constructor(readonly options: BrowserWindowConstructorOptions) {}
  }
  const win = createSecureWindow(FakeWindow, '/app/dist/electron/preload.cjs', { width: 1280, show: false });
  const prefs = win.options.webPreferences!;

  it('isolate the page from Node and Electron internals', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
  });

  it('allow no <webview>, no middle-click popups and no spellchecker (which fetches dictionaries from the network)', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.spellcheck).toBe(false);
  });

  it("keep the caller's window size and options, but never its webPreferences", () => {
    expect(win.options).toMatchObject({ width: 1280, show: false });
    const sneaky = { webPreferences: { nodeIntegration: true, contextIsolation: false } } as object;
    const other = createSecureWindow(FakeWindow, '/p.cjs', sneaky);
    expect(other.options.webPreferences).toMatchObject({ nodeIntegration: false, contextIsolation: true, sandbox: true });
  });
});

describe('trusted renderer URL', () => {
  it.each(['app://kontaktdesk/index.html', 'app://kontaktdesk/', 'app://kontaktdesk/assets/index-abc.js?v=1#top'])('accepts our own page %s', (url) =>
    expect(isTrustedRendererUrl(url)).toBe(true),
  );

  it.each([
    'app://kontaktdesk.evil/',
    'app://kontaktdesk.evil/index.html',
    'app://evil/kontaktdesk',
    'app://evil/kontaktdesk/index.html',
    'app://kontaktdesk@evil/index.html',
    'app://evil@kontaktdesk/index.html',
    'app://kontaktdesk:8080/index.html',
    'app:kontaktdesk/index.html',
    'file:///work/main/dist/renderer/index.html',
    'http://kontaktdesk/index.html',
    'https://kontaktdesk/index.html',
    'http://127.0.0.1:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'kontaktdesk/index.html',
    '',
  ])('rejects the look-alike %s', (url) => expect(isTrustedRendererUrl(url)).toBe(false));
});

describe('a hardened web contents', () => {
  it('cancels navigation to another origin and allows navigation within the app', () => {
    const contents = hardened();
    expect(attempt(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'app://kontaktdesk.evil/index.html')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'app://kontaktdesk/index.html')).toBe(false);
  });

  it('cancels navigation of any frame to another origin', () => {
    const contents = hardened();
    expect(attempt(contents, 'will-frame-navigate', 'https://evil.example/frame')).toBe(true);
    expect(attempt(contents, 'will-frame-navigate', 'app://kontaktdesk/index.html')).toBe(false);
  });

  it('cancels a server redirect that leaves the app', () => {
    const contents = hardened();
    expect(attempt(contents, 'will-redirect', 'https://evil.example/landing')).toBe(true);
    expect(attempt(contents, 'will-redirect', 'app://kontaktdesk/index.html')).toBe(false);
  });

  it('denies window.open, even for our own pages', () => {
    const contents = hardened();
    expect(contents.openHandler).toBeTypeOf('function');
    for (const url of ['https://evil.example/', 'app://kontaktdesk/index.html']) {
      const details = { url, frameName: '', features: '', disposition: 'new-window', referrer: {}, postBody: undefined };
      expect(contents.openHandler?.(details as never)).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  function deniedSession() {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyAllPermissions(session as unknown as Session);
    return {
      request: session.setPermissionRequestHandler.mock.calls[0]?.[0] as (...args: unknown[]) => void,
      check: session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean,
    };
  }

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'])('answers a %s request with false', (permission) => {
    const { request } = deniedSession();
    const callback = vi.fn();
    request({}, permission, callback, { requestingUrl: 'app://kontaktdesk/index.html' });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission check with false, even from our own origin', () => {
    const { check } = deniedSession();
    expect(check(null, 'media', 'app://kontaktdesk', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts only a frame showing our renderer', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://kontaktdesk/index.html' } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'app://kontaktdesk.evil/index.html' } })).toBe(false);
  });

  it('refuses a frame that is gone', () => {
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
    expect(isTrustedSender({})).toBe(false);
    const destroyed = {
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(destroyed)).toBe(false);
  });
});
