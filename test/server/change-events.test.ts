import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { createHttpClient } from '../../renderer/api/http-transport';
import { startHttpServer, type RunningServer } from '../../server/http-server';
import { openChangeStream } from '../../renderer/api/change-stream';
import type { ServerChange } from '../../renderer/api/server-change-schema';
import { openEventStream, type EventStreamReply } from '../support/event-stream';
import { openTempCore, type TempCore } from '../support/temp-core';
import { deskTap } from '../electron/desk-tap';

/** The clock of openTempCore: Tuesday 10 March 2026 in Vienna. */
const TODAY = '2026-03-10';
const TAP_CHANGE = { kind: 'contacts', days: [TODAY] };

let core: TempCore;
let desk: Client;
const servers: RunningServer[] = [];
const streams: EventStreamReply[] = [];

async function serve(options: Partial<Parameters<typeof startHttpServer>[0]> = {}) {
  const server = await startHttpServer({ api: core.api, port: 0, ...options });
  servers.push(server);
  desk = createHttpClient(server.url);
  return server;
}
async function listen(server: RunningServer, headers: Record<string, string> = {}) {
  const stream = await openEventStream(server.url, headers);
  streams.push(stream);
  return stream;
}
const tap = async () => desk.logContact(await deskTap(core.handlers));

/** A raw request (node:http sends Host and Origin exactly as written); answers status and body, or the status alone for a stream. */
function rawGet(server: RunningServer, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path: '/api/events', method, agent: false, headers: { Connection: 'close', ...headers } },
      (res) => {
        if (res.statusCode === 200) {
          resolve({ status: 200, body: '' });
          return void res.destroy();
        }
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  core = await openTempCore();
});
afterEach(async () => {
  streams.splice(0).forEach((s) => s.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => core.dispose());

describe('GET /api/events: the change stream over HTTP', () => {
  it('another page hears a tap as one data line with kind and day, after a retry hint, with the usual security headers', async () => {
    const server = await serve();
    const stream = await listen(server);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(await stream.next()).toBe('retry: 1000');
    await tap();
    expect(await stream.next()).toBe(`data: ${JSON.stringify(TAP_CHANGE)}`);
  });

  it('sends a comment line as heartbeat while nothing changes', async () => {
    const stream = await listen(await serve({ events: { heartbeatMs: 30 } }));
    expect(await stream.next()).toBe('retry: 1000');
    expect(await stream.next()).toBe(': heartbeat');
  });

  it('checks Host and Origin like the API, and takes only GET', async () => {
    const server = await serve();
    const host = `127.0.0.1:${server.port}`;
    expect((await rawGet(server, { Host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await rawGet(server, { Host: host, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await rawGet(server, { Host: host, Origin: 'null' })).status).toBe(403);
    const post = await rawGet(server, { Host: host }, 'POST');
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await rawGet(server, { Host: host, Origin: `http://${host}` })).status).toBe(200);
  });

  it('refuses streams beyond the cap with a clear 503, and takes a new one once another has gone', async () => {
    const server = await serve({ events: { maxStreams: 2 } });
    const first = await listen(server);
    await listen(server);
    const third = await listen(server);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('15');
    expect(JSON.parse(third.body)).toEqual({ ok: false, error: { code: 'unavailable', message: 'too many open event streams (2); try again later' } });
    first.close();
    await expect.poll(async () => (await listen(server)).status).toBe(200);
  });

  it('closing the server ends every open stream instead of waiting for them', async () => {
    const server = await serve();
    const stream = await listen(server);
    expect(await stream.next()).toBe('retry: 1000');
    servers.splice(servers.indexOf(server), 1);
    await server.close();
    expect(await stream.next()).toBeNull();
  });

  it('closing the server does not wait for a socket that never sent a request (a browser’s preconnect)', async () => {
    const server = await serve();
    const idle = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    const closed = new Promise((resolve) => idle.once('close', resolve));
    servers.splice(servers.indexOf(server), 1);
    await server.close();
    await closed;
  });

  it('a device on the network listens only with a token that is valid, and its stream ends once it is not', async () => {
    let valid = true;
    const device = { id: 1, name: 'Tablet Café', deskId: null };
    const server = await serve({
      lan: { deviceOf: async (token) => (token === 'good-token' && valid ? device : null), isLoopback: () => false },
      events: { heartbeatMs: 30 },
    });
    for (const headers of [{}, { 'X-Kontaktdesk-Device': 'forged-token' }] as Record<string, string>[]) {
      const refused = await listen(server, headers);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'unpaired' } });
    }
    const stream = await listen(server, { 'X-Kontaktdesk-Device': 'good-token' });
    expect(stream.status).toBe(200);
    // Tapped on this machine, through dispatch, not over the network (which here would need a token too).
    await core.deskClient.logContact(await deskTap(core.handlers));
    expect(await stream.nextData()).toEqual(TAP_CHANGE);
    valid = false;
    await core.deskClient.logContact(await deskTap(core.handlers));
    expect(await stream.nextData()).toBeNull();
  });
});

describe('the renderer’s stream reader against the real server', () => {
  it('hands over resync once connected, then each change; after the server restarts it reconnects and resyncs', async () => {
    const first = await serve();
    const heard: ServerChange[] = [];
    const reader = openChangeStream({ url: new URL('api/events', first.url).href, fetch, headers: () => ({}), onChange: (c) => heard.push(c) });
    try {
      await expect.poll(() => heard).toEqual([{ kind: 'resync' }]);
      await tap();
      await expect.poll(() => heard).toEqual([{ kind: 'resync' }, TAP_CHANGE]);

      servers.splice(servers.indexOf(first), 1);
      await first.close();
      await serve({ port: first.port });
      await expect.poll(() => heard, { timeout: 10_000 }).toEqual([{ kind: 'resync' }, TAP_CHANGE, { kind: 'resync' }]);
      await tap();
      await expect.poll(() => heard).toEqual([{ kind: 'resync' }, TAP_CHANGE, { kind: 'resync' }, TAP_CHANGE]);
    } finally {
      reader.close();
    }
  });
});
