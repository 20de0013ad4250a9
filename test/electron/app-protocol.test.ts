import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handleAppProtocol, registerAppScheme, serveAppRequest } from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../server/security-headers';

const SECRET = '{"name":"outside-the-renderer"}';
let root: string;
let rendererDir: string;

beforeAll(() => {
  // A file next to the renderer folder: what a path traversal would reach.
  root = mkdtempSync(join(tmpdir(), 'kontaktdesk-app-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(root, 'package.json'), SECRET);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kontaktdesk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("desk")');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => serveAppRequest(rendererDir, new Request(url, init));

describe('app:// protocol', () => {
  it('serves the renderer with the same Content-Security-Policy as browser mode', async () => {
    const res = await get('app://kontaktdesk/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Kontaktdesk</title>');
  });

  it('serves scripts from the renderer folder as JavaScript', async () => {
    const res = await get('app://kontaktdesk/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log("desk")');
  });

  it.each([
    'app://kontaktdesk/../package.json',
    'app://kontaktdesk/%2e%2e/package.json',
    'app://kontaktdesk/%2e%2e%2fpackage.json',
    'app://kontaktdesk/assets/..%2f..%2fpackage.json',
    'app://kontaktdesk/%2E%2E%2F%2E%2E%2Fpackage.json',
    'app://kontaktdesk/..%5cpackage.json',
    'app://kontaktdesk/package.json',
  ])('answers the path traversal %s with 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside-the-renderer');
    expect(res.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['app://evil/index.html', 'app://kontaktdesk.evil/index.html', 'app://kontaktdesk:8080/index.html'])(
    'answers the foreign host %s with 404',
    async (url) => {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('Kontaktdesk</title>');
    },
  );

  it('accepts only reads', async () => {
    const res = await get('app://kontaktdesk/index.html', { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });

  it('registers app: as a standard, secure, fetch-capable scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
  });

  it('binds the handler to the app scheme and serves the given folder', async () => {
    const protocol = { handle: vi.fn() };
    handleAppProtocol(protocol, rendererDir);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (req: Request) => Promise<Response>;
    const res = await handler(new Request('app://kontaktdesk/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Kontaktdesk</title>');
  });
});
