import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES } from '../../core/base/limits';
import { SESSION_HEADER, startHttpServer, type RunningServer } from '../../server/http-server';
import { snapshotDatabase } from '../support/db-snapshot';
import { queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Malformed HTTP, sent byte for byte over a raw socket (node:http and fetch refuse to send most of
 * it): bad JSON, huge bodies with and without Content-Length, wrong content types, and path
 * traversal in static file requests. Each gets a 4xx, no CORS header, and the database is unchanged.
 * (test/server/http-server.test.ts covers the well-formed refusals: Host, Origin, headers, binding.)
 */

const INDEX_HTML = '<!doctype html><title>Kontaktdesk</title>';
/** Lies next to the served folder, as the database does: it must never be reachable. */
const SECRET = 'NOT-FOR-THE-BROWSER-c41d';
/** The shape of a tap, for bodies that are refused before their ids are looked at. */
const TAP_SHAPE = JSON.stringify({ topicIds: [1], languageId: 1, channel: 'in_person', asker: 'citizen' });

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let core: TempCore;
let server: RunningServer;
let host: string;
let validTap: string;

/**
 * Writes `head` (request line and headers, without the blank line) and then the body parts, as they
 * are, and reads the answer until the server closes. The server may answer and close before the body
 * is sent in full (a body over the limit): the answer read so far is what counts.
 */
function raw(head: string, body: (string | Buffer)[] = []): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A reset after the answer arrived is the server refusing the rest of a huge body.
      if (!['ECONNRESET', 'EPIPE'].includes(err.code ?? '') || chunks.length === 0) reject(err);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [headText = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = headText.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const reply = { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') };
      for (const name of Object.keys(headers)) expect(name, head.split('\r\n')[0]).not.toMatch(/^access-control-/);
      resolve(reply);
    });
    socket.write(`${head}\r\n\r\n`);
    void (async () => {
      for (const part of body) {
        if (socket.destroyed) return;
        if (!socket.write(part)) await new Promise((done) => socket.once('drain', done).once('close', done));
      }
      // Not after a bodiless GET: the server may drop a request whose client half-closed before the answer.
      if (!socket.destroyed && body.length > 0) socket.end();
    })();
  });
}

/** A POST to the API with a body of exactly these bytes and a correct Content-Length. */
function post(method: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  const all = { Host: host, Connection: 'close', 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers };
  const head = [
    `POST /api/${method} HTTP/1.1`,
    ...Object.entries(all)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  return raw(head, [body]);
}

/** A chunked POST (no Content-Length), as a streaming client sends it: `count` chunks of `chunk`. */
function postChunked(method: string, chunk: string, count: number, headers: Record<string, string> = {}): Promise<Reply> {
  const all = { Host: host, Connection: 'close', 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', ...headers };
  const head = [`POST /api/${method} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  const framed = `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`;
  const body = ['{"pad":"', ...Array.from({ length: count }, () => framed), '0\r\n\r\n'];
  body[0] = `${Buffer.byteLength(body[0]!).toString(16)}\r\n${body[0]}\r\n`;
  return raw(head, body);
}

const get = (path: string) => raw(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close`);

const session = () => ({ [SESSION_HEADER]: core.session });

beforeAll(async () => {
  core = await openTempCore();
  const www = join(core.dir, 'www');
  mkdirSync(join(www, 'assets'), { recursive: true });
  writeFileSync(join(www, 'index.html'), INDEX_HTML);
  writeFileSync(join(core.dir, 'secret.txt'), SECRET);
  // Links inside the build folder that point out of it (a careless deploy): the names look harmless.
  symlinkSync(join(core.dir, 'secret.txt'), join(www, 'assets', 'linked.js'));
  symlinkSync(core.dir, join(www, 'up'));
  server = await startHttpServer({ api: core.api, staticDir: www, port: 0 });
  host = `127.0.0.1:${server.port}`;
  const { topics, languages } = await core.handlers.getCatalog({});
  validTap = JSON.stringify({ topicIds: [topics[0]!.id], languageId: languages[0]!.id, channel: 'in_person', asker: 'citizen' });
  await core.client.logContact(JSON.parse(validTap));
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
});

/** Runs `request`, which must get `status`, and proves the database did not change. */
async function refusedUnchanged(request: () => Promise<Reply>, status: number | RegExp): Promise<Reply> {
  const before = await snapshotDatabase(core.database.db);
  const res = await request();
  if (typeof status === 'number') expect(res.status).toBe(status);
  else expect(String(res.status)).toMatch(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(await snapshotDatabase(core.database.db)).toEqual(before);
  return res;
}

describe('the raw client itself', () => {
  it('a well-formed tap over the raw socket is saved (control)', async () => {
    const before = Number(await queryValue(core.database.db, 'select count(*) as n from contacts'));

    const res = await post('logContact', validTap);

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true });
    expect(Number(await queryValue(core.database.db, 'select count(*) as n from contacts'))).toBe(before + 1);
  });
});

describe('bad JSON', () => {
  const bodies: [string, string | Buffer][] = [
    ['an unclosed object', '{'],
    ['a missing value', '{"topicIds":}'],
    ['a trailing comma', TAP_SHAPE.replace(/}$/, ',}')],
    ['single quotes', TAP_SHAPE.replaceAll('"', "'")],
    ['unquoted keys', TAP_SHAPE.replace(/"(\w+)":/g, '$1:')],
    ['a comment', `/* tap */ ${TAP_SHAPE}`],
    ['two JSON documents', `${TAP_SHAPE}${TAP_SHAPE}`],
    ['NaN', '{"topicIds":[NaN]}'],
    ['undefined', 'undefined'],
    ['a byte-order mark before the JSON', `\uFEFF${TAP_SHAPE}`],
    ['a NUL byte inside', `{"topicIds":\u0000[1]}`],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"topicIds":[1],"x":"'), Buffer.from([0xff, 0xfe, 0xc0, 0xae]), Buffer.from('"')])],
    ['an unterminated string', '{"channel":"in_person'],
    ['a lone backslash escape', '{"channel":"\\x41"}'],
  ];

  it.each(bodies)('%s gets 400 for a desk method, and nothing is saved', async (_label, body) => {
    const res = await refusedUnchanged(() => post('logContact', body), 400);

    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each(bodies)('%s gets 400 for a management method with an unlocked session, and nothing is written', async (_label, body) => {
    await refusedUnchanged(() => post('commitImport', body, session()), 400);
  });

  it.each([
    ['JSON nested 5,000 deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a prototype-pollution payload', `{"__proto__":{"unlocked":true},"constructor":{"prototype":{"unlocked":true}},${TAP_SHAPE.slice(1)}`],
    ['duplicate keys, the second one wrong', TAP_SHAPE.replace(/}$/, ',"channel":"fax"}')],
    ['a JSON string instead of an object', JSON.stringify(TAP_SHAPE)],
    ['null', 'null'],
  ])('valid JSON of the wrong shape (%s) gets 400 naming the field, and nothing is saved', async (_label, body) => {
    const res = await refusedUnchanged(() => post('logContact', body), 400);

    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: expect.any(String) } });
    expect(({} as Record<string, unknown>).unlocked).toBeUndefined();
  });
});

describe('huge bodies', () => {
  const overDesk = 'x'.repeat(MAX_PAYLOAD_BYTES);

  it('over the limit with a Content-Length: 413 before the body is read', async () => {
    await refusedUnchanged(() => post('logContact', `{"pad":"${overDesk}"}`), 413);
  });

  it('a Content-Length claiming 1 GB: 413 at once, without waiting for the body', async () => {
    const head = [`POST /api/logContact HTTP/1.1`, `Host: ${host}`, 'Connection: close', 'Content-Type: application/json', `Content-Length: ${2 ** 30}`].join(
      '\r\n',
    );

    await refusedUnchanged(() => raw(head, ['{"pad":"']), 413);
  });

  it('chunked without Content-Length, 1 MB in small chunks: 413 once the limit is passed', async () => {
    await refusedUnchanged(() => postChunked('logContact', 'x'.repeat(1024), 1024), 413);
  });

  it('chunked, for an import with an unlocked session: 413 past the import limit, and nothing is imported', async () => {
    const chunks = Math.ceil(IMPORT_MAX_PAYLOAD_BYTES / (64 * 1024)) + 2;

    await refusedUnchanged(() => postChunked('commitImport', 'A'.repeat(64 * 1024), chunks, session()), 413);
  });

  it('over the import limit with a Content-Length: 413 before the body is read', async () => {
    const head = [
      'POST /api/commitImport HTTP/1.1',
      `Host: ${host}`,
      'Connection: close',
      'Content-Type: application/json',
      `Content-Length: ${IMPORT_MAX_PAYLOAD_BYTES + 1}`,
      `${SESSION_HEADER}: ${core.session}`,
    ].join('\r\n');

    await refusedUnchanged(() => raw(head, ['{"fileName":"a.csv","contentBase64":"']), 413);
  });

  it('a huge body for a management method without a session: 401 at once, none of it kept', async () => {
    await refusedUnchanged(() => postChunked('commitImport', 'A'.repeat(64 * 1024), 200), 401);
  });

  it('a header block over the server limit gets 431', async () => {
    await refusedUnchanged(() => post('logContact', validTap, { 'X-Pad': 'y'.repeat(64 * 1024) }), 431);
  });

  it('the server keeps answering after all of these', async () => {
    const res = await post('listDay', '{}');

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true });
  });
});

describe('wrong content type', () => {
  it.each([
    'multipart/form-data; boundary=x',
    'text/json',
    'application/x-json',
    'application/json5',
    'application/ld+json',
    'application/merge-patch+json',
    'application/jsonx',
    'json',
    '*/*',
    'application/octet-stream',
    'text/html',
  ])('%s gets 415 even with a valid JSON body, and nothing is saved', async (type) => {
    const res = await refusedUnchanged(() => post('logContact', validTap, { 'Content-Type': type }), 415);

    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('an empty Content-Type gets 415', async () => {
    await refusedUnchanged(() => post('logContact', validTap, { 'Content-Type': '' }), 415);
  });

  it('a management method with the wrong type gets 415 even with a session', async () => {
    await refusedUnchanged(() => post('updateSettings', '{"siteName":"Evil"}', { 'Content-Type': 'text/plain', ...session() }), 415);
  });
});

describe('path traversal in static file requests', () => {
  it('the index is served over the raw client (control)', async () => {
    const res = await get('/');

    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
  });

  it.each([
    '/%252e%252e%252fsecret.txt',
    '/%252e%252e/secret.txt',
    '/..%252fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/..%5c..%5csecret.txt',
    '/.%2e/secret.txt',
    '/%2e./secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%c0%ae%c0%ae%c0%afsecret.txt',
    '/%u002e%u002e/secret.txt',
    '/..;/secret.txt',
    '/....//secret.txt',
    '/C:%5cWindows%5cwin.ini',
    '/%00../secret.txt',
    '/secret.txt%00',
    '/..%00/secret.txt',
    '/..%2fsecret.txt?x=1',
    '/api/../../secret.txt',
    '/api/%2e%2e/%2e%2e/secret.txt',
  ])('%s never serves the file', async (path) => {
    const res = await refusedUnchanged(() => get(path), /^4\d\d$/);

    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toMatch(/root:/);
    expect(res.body).not.toContain('SQLite format');
  });

  // Without an extension a path is a route of the one-page app: the answer is its index page, whatever the path says.
  it.each(['/%2fetc%2fpasswd', '//etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%252e%252e%252fetc%252fpasswd', '/.%2e/.%2e/etc/shadow'])(
    '%s gets the index page or 404, never the file',
    async (path) => {
      const before = await snapshotDatabase(core.database.db);

      const res = await get(path);

      expect(res.status === 404 || (res.status === 200 && res.body === INDEX_HTML), `${res.status} ${res.body.slice(0, 80)}`).toBe(true);
      expect(await snapshotDatabase(core.database.db)).toEqual(before);
    },
  );

  it.each(['/assets/linked.js', '/up/secret.txt', '/up/kontaktdesk.sqlite'])('a symbolic link out of the build folder (%s) is not followed', async (path) => {
    const res = await refusedUnchanged(() => get(path), 404);

    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('SQLite format');
  });

  it.each([
    ['a raw backslash', '/..\\..\\secret.txt'],
    ['a raw NUL byte', '/secret.txt\u0000.html'],
    ['raw dots in an absolute-form target', `http://${'127.0.0.1'}:PORT/../secret.txt`],
    ['a space', '/../ secret.txt'],
  ])('%s in the request line is refused', async (_label, target) => {
    const res = await refusedUnchanged(() => get(target.replace('PORT', String(server.port))), /^4\d\d$/);

    expect(res.body).not.toContain(SECRET);
  });
});
