import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { SESSION_HEADER, startHttpServer, type RunningServer } from '../../server/http-server';
import { snapshotDatabase } from '../support/db-snapshot';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * A client that goes away in the middle of its body (a closed tab, a lost Wi-Fi, a killed script) is
 * an expected event: the server writes nothing about it, above all no stack trace, and goes on
 * answering. Sent over a raw socket: Content-Length 1,000,000, then 1,000 bytes, then the socket closes.
 */

let core: TempCore;
let server: RunningServer;
let written: string[];
const spies: MockInstance[] = [];

beforeAll(async () => {
  core = await openTempCore();
  server = await startHttpServer({ api: core.api, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
});

beforeEach(() => {
  written = [];
  const capture = (...args: unknown[]) => void written.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
  for (const level of ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const) spies.push(vi.spyOn(console, level).mockImplementation(capture));
  spies.push(vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (capture(String(chunk)), true)));
});

afterEach(() => {
  spies.splice(0).forEach((spy) => spy.mockRestore());
});

/** The server's side of the next request it receives: resolves once its connection has closed. */
function nextRequestClosed(): Promise<void> {
  return new Promise((resolve) => {
    server.server.once('request', (req: IncomingMessage) => (req.socket.destroyed ? resolve() : req.socket.once('close', () => resolve())));
  });
}

/** Sends the head of a POST claiming `declared` bytes, then `sent` bytes of it, then closes the socket. */
async function abortMidBody(method: string, headers: Record<string, string>, declared = 1_000_000, sent = 1_000) {
  const closed = nextRequestClosed();
  const socket = connect(server.port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const head = [
    `POST /api/${method} HTTP/1.1`,
    `Host: 127.0.0.1:${server.port}`,
    'Content-Type: application/json',
    `Content-Length: ${declared}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  socket.write(`${head}\r\n\r\n{"pad":"${'A'.repeat(sent - 8)}`);
  socket.destroy();
  await closed;
  // Whatever the server does about the abort runs in the turns right after the request closed.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function normalRequestAnswers() {
  const res = await fetch(`${server.url}api/listDay`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true });
}

describe('a client aborting mid-body', () => {
  it.each([
    ['an import being read, with a management session', 'commitImport', () => ({ [SESSION_HEADER]: core.session })],
    ['an import refused as locked, its body being dropped', 'commitImport', () => ({})],
    ['a desk call refused as too large, its body being dropped', 'logContact', () => ({})],
    ['a preview being read, with a management session', 'previewImport', () => ({ [SESSION_HEADER]: core.session })],
  ])('%s: nothing is logged, nothing is written, and the server answers the next request', async (_label, method, headers) => {
    const before = await snapshotDatabase(core.database.db);

    await abortMidBody(method, headers());
    await normalRequestAnswers();

    expect(written).toEqual([]);
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('twenty in a row, with normal requests in between, leave the log empty', async () => {
    for (let i = 0; i < 20; i++) {
      await abortMidBody('commitImport', { [SESSION_HEADER]: core.session }, 1_000_000, 1_000 + i * 997);
      await normalRequestAnswers();
    }

    expect(written).toEqual([]);
  });
});
