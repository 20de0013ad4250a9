import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type Api } from '../core/api/dispatch';
import type { ApiErrorBody, Envelope } from '../core/api/errors';
import { isManagementMethod, payloadLimit } from '../core/api/contract';
import { isMethodName } from '../core/api/method-names';
import { LOCKED_MESSAGE } from '../core/management/management-gate';
import { SECURITY_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';

export interface HttpServerOptions {
  api: Api;
  /** Folder of the built renderer; omitted in API-only tests. */
  staticDir?: string;
  host?: string;
  port?: number;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
const STATUS: Record<ApiErrorBody['code'], number> = {
  invalid_input: 400,
  payload_too_large: 413,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  locked: 401,
  rate_limited: 429,
  unknown_method: 404,
  unavailable: 503,
  internal: 500,
};

function send(res: ServerResponse, status: number, body: Buffer | string, contentType: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>, status = envelope.ok ? 200 : STATUS[envelope.error.code]) {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

const refuse = (res: ServerResponse, status: number, code: ApiErrorBody['code'], message: string) =>
  sendEnvelope(res, { ok: false, error: { code, message } }, status);

/** Host names a browser on this machine uses; anything else is a DNS-rebinding attempt. */
function isLocalHost(hostHeader: string | undefined, port: number) {
  return ['127.0.0.1', 'localhost', '[::1]'].some((h) => hostHeader === `${h}:${port}`);
}

/** The body as text, or null as soon as it grows past `limit` bytes (the rest is never buffered). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The management session travels in its own header, never in a cookie: another site cannot make a browser send it. */
export const SESSION_HEADER = 'x-kontaktdesk-session';

function sessionOf(req: IncomingMessage): string | undefined {
  const value = req.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, api: Api, method: string) {
  if (req.method !== 'POST') return refuse(res, 405, 'invalid_input', 'use POST');
  if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return refuse(res, 415, 'invalid_input', 'send the body as application/json');
  }
  const session = sessionOf(req);
  // Before reading a body of up to an import's size: a locked caller gets nothing but the refusal.
  if (isMethodName(method) && isManagementMethod(method) && !(await api.gate.isOpen(session))) {
    res.setHeader('Connection', 'close');
    refuse(res, 401, 'locked', LOCKED_MESSAGE);
    req.resume();
    return;
  }
  // Each method's own limit (an import carries a file); any other path keeps the small default.
  const limit = payloadLimit(method);
  const tooLarge = () => {
    // The client may still be sending: answer, then close the connection instead of reading the rest.
    res.setHeader('Connection', 'close');
    refuse(res, 413, 'payload_too_large', `request exceeds the limit of ${limit} bytes for ${method}`);
    req.resume();
  };
  if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
  const text = await readBody(req, limit);
  if (text === null) return tooLarge();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return refuse(res, 400, 'invalid_input', 'the body is not valid JSON');
  }
  sendEnvelope(res, await dispatch(api, method, input, { session }));
}

/** The contract over HTTP for browser mode: `POST /api/<method>` with a JSON body, and the built renderer. */
export function startHttpServer({ api, staticDir, host = '127.0.0.1', port = 0 }: HttpServerOptions): Promise<RunningServer> {
  let boundPort = port;
  const server = createServer((req, res) => {
    void (async () => {
      if (!isLocalHost(req.headers.host, boundPort)) return refuse(res, 421, 'forbidden', 'unexpected Host header');
      const origin = req.headers.origin;
      if (origin !== undefined && !isLocalHost(origin.replace(/^http:\/\//, ''), boundPort)) {
        return refuse(res, 403, 'forbidden', 'cross-origin requests are not accepted');
      }
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      if (path.startsWith(API_PREFIX)) return handleApi(req, res, api, path.slice(API_PREFIX.length));
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'invalid_input', 'method not allowed');
      const file = staticDir ? await readStaticFile(staticDir, req.url ?? '/') : null;
      if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      send(res, 200, file.body, file.contentType);
    })().catch((err) => {
      console.error(err);
      if (!res.headersSent) refuse(res, 500, 'internal', 'internal error; nothing was saved');
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      boundPort = (server.address() as AddressInfo).port;
      resolvePromise({
        server,
        port: boundPort,
        url: `http://${host}:${boundPort}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
