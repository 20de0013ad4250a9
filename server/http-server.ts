import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dispatch, type Api } from '../core/api/dispatch';
import type { ApiErrorBody, Envelope } from '../core/base/errors';
import { isManagementMethod, payloadLimit } from '../core/api/contract';
import { isMethodName } from '../core/base/method-names';
import { LOCKED_MESSAGE } from '../core/management/management-gate';
import type { CallInfo } from '../core/base/call';
import { DEVICE_HEADER } from '../core/devices/device-token';
import type { ThisDevice } from '../core/devices/device-types';
import { isLoopbackAddress } from '../core/sharing/lan-addresses';
import { SECURITY_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';
import { discardBody, readBody } from './request-body';
import { createChangeEvents, EVENTS_PATH, type ChangeEvents, type ChangeEventsOptions } from './change-events';

export interface HttpServerOptions {
  api: Api;
  /** Folder of the built renderer; omitted in API-only tests. */
  staticDir?: string;
  host?: string;
  port?: number;
  /** Makes this the LAN listener of desk mode: any IP-literal Host, and a device token from every peer that is not this machine. */
  lan?: LanAccess;
  /** The change stream's heartbeat and stream cap; tests shorten them. */
  events?: ChangeEventsOptions;
}

/** What the LAN listener asks of the core for each request. */
export interface LanAccess {
  /** The device a token belongs to, or null (unknown or revoked); read per request, so a revocation applies at once. */
  deviceOf(token: string | undefined): Promise<ThisDevice | null>;
  /** Whether a socket's peer is this machine; by its address, never by a header. Injectable for tests on a machine without a LAN. */
  isLoopback?: (remoteAddress: string | undefined) => boolean;
}

/** The only call a device on the network may make before it holds a token. */
const PAIRING_METHOD = 'pairDevice';
export const UNPAIRED_MESSAGE = 'this device is not paired (or was revoked); pair it with a code from the management area';

/** How long closing waits for requests in progress before cutting their connections. */
const CLOSE_GRACE_MS = 5_000;

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
  unpaired: 401,
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

/**
 * A refusal, often decided before the body was read (Host, origin, method, type, device, lock, size):
 * answered at once, with whatever the client still sends read and dropped, so that it can read the
 * answer instead of a broken connection (see DISCARD_LIMIT).
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: ApiErrorBody['code'], message: string) {
  discardBody(req);
  sendEnvelope(res, { ok: false, error: { code, message } }, status);
}

/** Host names a browser on this machine uses; anything else is a DNS-rebinding attempt. */
function isLocalHost(hostHeader: string | undefined, port: number) {
  return ['127.0.0.1', 'localhost', '[::1]'].some((h) => hostHeader === `${h}:${port}`);
}

/**
 * What a device on the network puts in Host: this machine's address as an IP literal. A host
 * *name* is refused on the LAN listener too, since a page that rebinds its own name to this
 * machine is exactly what the check is there to stop.
 */
function isLanHost(hostHeader: string | undefined, port: number) {
  if (hostHeader === undefined) return false;
  const match = /^(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):(\d+)$/.exec(hostHeader);
  return (match !== null && Number(match[2]) === port) || isLocalHost(hostHeader, port);
}

/** The management session travels in its own header, never in a cookie: another site cannot make a browser send it. */
export const SESSION_HEADER = 'x-kontaktdesk-session';

function sessionOf(req: IncomingMessage): string | undefined {
  const value = req.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** On the LAN listener, a peer that is not this machine (by its socket's address, never a header). */
const fromNetwork = (req: IncomingMessage, lan: LanAccess | undefined): lan is LanAccess =>
  lan !== undefined && !(lan.isLoopback ?? isLoopbackAddress)(req.socket.remoteAddress);

function deviceTokenOf(req: IncomingMessage): string | undefined {
  const token = req.headers[DEVICE_HEADER];
  return typeof token === 'string' ? token : undefined;
}

/**
 * `GET /api/events`: the stream of changes, for whoever may call the API. From the network only
 * with a valid device token, asked again before every event and heartbeat, so a revoked device
 * hears nothing more and its stream ends.
 */
async function handleEvents(req: IncomingMessage, res: ServerResponse, events: ChangeEvents, lan: LanAccess | undefined) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return refuse(req, res, 405, 'invalid_input', 'use GET');
  }
  if (!fromNetwork(req, lan)) return events.serve(req, res);
  const token = deviceTokenOf(req);
  if (!(await lan.deviceOf(token))) return refuse(req, res, 401, 'unpaired', UNPAIRED_MESSAGE);
  events.serve(req, res, async () => (await lan.deviceOf(token)) !== null);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, api: Api, method: string, lan: LanAccess | undefined) {
  if (req.method !== 'POST') return refuse(req, res, 405, 'invalid_input', 'use POST');
  if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return refuse(req, res, 415, 'invalid_input', 'send the body as application/json');
  }
  const call: CallInfo = {};
  if (fromNetwork(req, lan)) {
    // From the network: a paired device, or the pairing call itself. Checked before the body is read.
    const device = await lan.deviceOf(deviceTokenOf(req));
    if (device) call.device = device;
    else if (method !== PAIRING_METHOD) return refuse(req, res, 401, 'unpaired', UNPAIRED_MESSAGE);
  }
  const session = sessionOf(req);
  // Before keeping any of a body of up to an import's size: a locked caller gets nothing but the refusal.
  if (isMethodName(method) && isManagementMethod(method) && !(await api.gate.isOpen(session))) {
    return refuse(req, res, 401, 'locked', LOCKED_MESSAGE);
  }
  // Each method's own limit (an import carries a file); any other path keeps the small default.
  const limit = payloadLimit(method);
  const tooLarge = `request exceeds the limit of ${limit} bytes for ${method}`;
  if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(req, res, 413, 'payload_too_large', tooLarge);
  const body = await readBody(req, limit);
  if ('refused' in body) return body.refused === 'too_large' ? refuse(req, res, 413, 'payload_too_large', tooLarge) : undefined;
  let input: unknown;
  try {
    input = JSON.parse(body.text);
  } catch {
    return refuse(req, res, 400, 'invalid_input', 'the body is not valid JSON');
  }
  sendEnvelope(res, await dispatch(api, method, input, { ...call, session }));
}

/** The contract over HTTP for browser mode: `POST /api/<method>` with a JSON body, and the built renderer. */
export function startHttpServer({ api, staticDir, host = '127.0.0.1', port = 0, lan, events: eventOptions }: HttpServerOptions): Promise<RunningServer> {
  let boundPort = port;
  const events = createChangeEvents(api.changes, eventOptions);
  const hostAllowed = lan ? isLanHost : isLocalHost;
  const server = createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req.headers.host, boundPort)) return refuse(req, res, 421, 'forbidden', 'unexpected Host header');
      const origin = req.headers.origin;
      // Same origin only: the page the device loaded from this very address.
      if (origin !== undefined && !(hostAllowed(origin.replace(/^http:\/\//, ''), boundPort) && (!lan || origin === `http://${req.headers.host}`))) {
        return refuse(req, res, 403, 'forbidden', 'cross-origin requests are not accepted');
      }
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      if (path === EVENTS_PATH) return handleEvents(req, res, events, lan);
      if (path.startsWith(API_PREFIX)) return handleApi(req, res, api, path.slice(API_PREFIX.length), lan);
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(req, res, 405, 'invalid_input', 'method not allowed');
      const file = staticDir ? await readStaticFile(staticDir, req.url ?? '/') : null;
      if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      send(res, 200, file.body, file.contentType);
    })().catch((err) => {
      console.error(err);
      if (!res.headersSent) return refuse(req, res, 500, 'internal', 'internal error; nothing was saved');
    });
  });
  // Sockets opened ahead (a browser's preconnect) that never carried a request: close() would wait for the browser to drop them.
  const unused = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (req: IncomingMessage) => unused.delete(req.socket));
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
        close: () =>
          new Promise((done) => {
            // An open stream never ends by itself, and close() waits for every open response.
            events.closeAll();
            server.close(() => done());
            unused.forEach((socket) => socket.destroy());
            // A connection still busy after a grace period (a browser's request that never completes, seen
            // rarely with an open desk page) must not keep the app from stopping: it is cut, and a tap it
            // carried is sent again by the desk with its same request id, so it is never counted twice.
            setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
            // A device's keep-alive connection must not outlive the switch: its next request finds nobody listening.
            if (lan) server.closeAllConnections();
          }),
      });
    });
  });
}
