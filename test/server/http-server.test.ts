import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../core/base/limits';
import { startHttpServer, type RunningServer } from '../../server/http-server';
import { snapshotDatabase } from '../support/db-snapshot';
import { queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

const INDEX_HTML = '<!doctype html><title>Kontaktdesk</title><div id="root"></div>';
const APP_JS = 'console.log("desk");';
/** Lies next to the served folder, as the database file does: it must never be reachable. */
const SECRET = 'NOT-FOR-THE-BROWSER-7f3a';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body without Content-Length (chunked), as a streaming client would. */
  chunked?: boolean;
}

let core: TempCore;
let server: RunningServer;
let host: string;
let validTap: string;

/**
 * A raw HTTP request with node:http, which (unlike fetch) sends the path and Host header exactly
 * as written. Every reply is checked for what must hold on any response: no CORS grant.
 */
function send({ method = 'GET', path, headers = {}, body, chunked = false }: Req): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const allHeaders: Record<string, string> = { Host: host, Connection: 'close', ...headers };
    if (body !== undefined && !chunked) allHeaders['Content-Length'] = String(Buffer.byteLength(body));
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path, headers: allHeaders, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const reply = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
        for (const name of Object.keys(reply.headers)) expect(name, `${method} ${path}`).not.toMatch(/^access-control-/);
        resolve(reply);
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const postJson = (path: string, body: string, headers: Record<string, string> = {}): Req => ({
  method: 'POST',
  path,
  body,
  headers: { 'Content-Type': 'application/json', ...headers },
});

const contactCount = async () => Number(await queryValue(core.database.db, 'select count(*) as n from contacts'));

beforeAll(async () => {
  core = await openTempCore();
  const www = join(core.dir, 'www');
  mkdirSync(join(www, 'assets'), { recursive: true });
  writeFileSync(join(www, 'index.html'), INDEX_HTML);
  writeFileSync(join(www, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(core.dir, 'secret.txt'), SECRET);
  server = await startHttpServer({ api: core.api, staticDir: www, port: 0 });
  host = `127.0.0.1:${server.port}`;
  const catalog = await core.handlers.getCatalog({});
  validTap = JSON.stringify({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
});

describe('static files', () => {
  it('serves index.html at the root', async () => {
    const res = await send({ path: '/' });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(INDEX_HTML);
  });

  it('serves a script with a JavaScript content type', async () => {
    const res = await send({ path: '/assets/app.js' });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.body).toBe(APP_JS);
  });

  it('answers a route of the one-page app with index.html, with or without a query', async () => {
    for (const path of ['/today', '/?lang=en', '/today?day=2026-03-10']) {
      const res = await send({ path });
      expect([path, res.status, res.body]).toEqual([path, 200, INDEX_HTML]);
    }
  });

  it('a missing file with an extension is 404', async () => {
    expect((await send({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2e%2e/',
    '/assets/..%2f..%2fsecret.txt',
    '/..%2f..%2fetc/passwd',
    '/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/..\\secret.txt',
    '/..\\..\\etc\\passwd',
    '/%5c..%5csecret.txt',
    '/%2e%2e/kontaktdesk.sqlite',
    '/secret.txt%00.html',
  ])('path traversal %s gets 404 and never the file', async (path) => {
    const res = await send({ path });

    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toMatch(/root:/);
    expect(res.body).not.toContain('SQLite format');
  });
});

describe('refused requests change nothing', () => {
  it('the same request with the right Host, Origin and content type is accepted (control)', async () => {
    const before = await contactCount();

    const res = await send(postJson('/api/logContact', validTap, { Origin: `http://${host}` }));

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { duplicate: false } });
    expect(await contactCount()).toBe(before + 1);
  });

  const refused: [string, number, () => Req][] = [
    ['a foreign Host (DNS rebinding)', 421, () => postJson('/api/logContact', validTap, { Host: `evil.example:${server.port}` })],
    ['a Host without the port', 421, () => postJson('/api/logContact', validTap, { Host: '127.0.0.1' })],
    ['a Host on another port', 421, () => postJson('/api/logContact', validTap, { Host: `127.0.0.1:${server.port + 1}` })],
    ['a rebinding Host for a static file', 421, () => ({ path: '/', headers: { Host: `evil.example:${server.port}` } })],
    ['a foreign Origin', 403, () => postJson('/api/logContact', validTap, { Origin: 'http://evil.example' })],
    ['the Origin "null" of a sandboxed frame', 403, () => postJson('/api/logContact', validTap, { Origin: 'null' })],
    ['a local Origin on another port', 403, () => postJson('/api/logContact', validTap, { Origin: `http://127.0.0.1:${server.port + 1}` })],
    ['a local Origin over https', 403, () => postJson('/api/logContact', validTap, { Origin: `https://${host}` })],
    ['text/plain (a simple cross-site form)', 415, () => postJson('/api/logContact', validTap, { 'Content-Type': 'text/plain' })],
    ['a url-encoded form', 415, () => postJson('/api/logContact', validTap, { 'Content-Type': 'application/x-www-form-urlencoded' })],
    ['no content type', 415, () => ({ method: 'POST', path: '/api/logContact', body: validTap })],
    ['a JSON look-alike type', 415, () => postJson('/api/logContact', validTap, { 'Content-Type': 'application/jsonp' })],
    ['a truncated JSON body', 400, () => postJson('/api/logContact', validTap.slice(0, -5))],
    ['an empty body', 400, () => postJson('/api/logContact', '')],
    ['a body over the limit', 413, () => postJson('/api/logContact', JSON.stringify({ pad: 'x'.repeat(MAX_PAYLOAD_BYTES) }))],
    ['a chunked body over the limit', 413, () => ({ ...postJson('/api/logContact', JSON.stringify({ pad: 'x'.repeat(MAX_PAYLOAD_BYTES) })), chunked: true })],
    ['GET on an API method', 405, () => ({ path: '/api/logContact' })],
    ['GET on an unknown API path', 405, () => ({ path: '/api/x' })],
    ['PUT on an API method', 405, () => ({ ...postJson('/api/logContact', validTap), method: 'PUT' })],
    [
      'a cross-site CORS preflight',
      403,
      () => ({
        method: 'OPTIONS',
        path: '/api/logContact',
        headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
      }),
    ],
    ['POST to a static path', 405, () => postJson('/index.html', validTap)],
    ['an unknown API method', 404, () => postJson('/api/dropAllContacts', '{}')],
  ];

  it.each(refused)('%s is refused with %i', async (_label, status, build) => {
    const before = await snapshotDatabase(core.database.db);

    const res = await send(build());

    expect(res.status).toBe(status);
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });
});

describe('security headers', () => {
  const samples: [string, () => Req][] = [
    ['a page', () => ({ path: '/' })],
    ['a script', () => ({ path: '/assets/app.js' })],
    ['a 404', () => ({ path: '/assets/missing.js' })],
    ['an API answer', () => postJson('/api/listDay', '{}')],
    ['an API refusal', () => postJson('/api/listDay', '{"day":"yesterday"}')],
    ['a rebinding refusal', () => ({ path: '/', headers: { Host: `evil.example:${server.port}` } })],
    ['a cross-origin refusal', () => postJson('/api/listDay', '{}', { Origin: 'http://evil.example' })],
  ];

  it.each(samples)('%s carries CSP, nosniff and X-Frame-Options DENY, and no CORS grant', async (_label, build) => {
    const res = await send(build());

    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('API refusals are JSON envelopes naming the problem', async () => {
    const res = await send(postJson('/api/listDay', '{"day":"yesterday"}'));

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'day' } });
  });
});

describe('binding', () => {
  it('listens on the loopback address only by default', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });
});
