import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../server/security-headers';
import { readStaticFile } from '../server/static-files';
import { APP_HOST, APP_SCHEME } from './security';

/**
 * Makes `app:` a standard, secure origin (like https), so the renderer gets a real origin for
 * CSP `'self'`, module scripts and fetch. Electron only accepts this before `ready`.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

const notFound = () => new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Answers one `app://` request from the built renderer in `rendererDir`, with the same
 * security headers (CSP included) as browser mode. Only host `kontaktdesk`; the path is
 * resolved by `readStaticFile`, which refuses anything outside `rendererDir`.
 */
export async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return notFound();
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { ...SECURITY_HEADERS, Allow: 'GET, HEAD' } });
  }
  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) return notFound();
  const body = request.method === 'HEAD' ? null : new Uint8Array(file.body);
  return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType } });
}

/** Serves the built renderer on `app://kontaktdesk/`; call after `ready`. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
