import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES } from '../../core/base/limits';
import { LOCKED_MESSAGE } from '../../core/management/management-gate';
import { SESSION_HEADER, startHttpServer, UNPAIRED_MESSAGE, type RunningServer } from '../../server/http-server';
import { snapshotDatabase } from '../support/db-snapshot';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Refusals that come before the body is read (locked, unpaired, too large, wrong type), sent with
 * Node's own fetch (undici) as a script or a second desk would. The client is still sending a body
 * of megabytes when the server has decided: it must still read the answer, every time, instead of
 * a broken connection (EPIPE / ECONNRESET). Repeated, since a broken connection loses a race.
 */

const TRIES = 20;
/** About an import's size and well past what a socket buffers: the client is still sending when the refusal is decided. */
const SEVEN_MB = 7 * 1024 * 1024;

let core: TempCore;
let server: RunningServer;
let lanServer: RunningServer;

beforeAll(async () => {
  core = await openTempCore();
  server = await startHttpServer({ api: core.api, port: 0 });
  // The LAN listener, with every peer taken for a device on the network and no token valid.
  lanServer = await startHttpServer({ api: core.api, port: 0, lan: { deviceOf: async () => null, isLoopback: () => false } });
});

afterAll(async () => {
  await server?.close();
  await lanServer?.close();
  await core?.dispose();
});

interface Answer {
  status: number;
  body: unknown;
}

interface Attempt {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** A JSON body of exactly this many bytes (one string field of padding)… */
  bytes: number;
  /** …sent in 64 KB pieces without a Content-Length, as a streaming client sends it. */
  streamed?: boolean;
}

/**
 * The client: Node's fetch in a process of its own, so that its sending and the server's answering
 * race as they do between a script and the app (in one process they take turns on one event loop,
 * and the broken connection never shows). Prints each try's answer, or the error a broken connection gives.
 */
const CLIENT = `
const { url, method = 'POST', headers = {}, bytes, streamed, tries } = JSON.parse(process.argv[1]);
const frame = '{"pad":""}';
const text = '{"pad":"' + 'A'.repeat(bytes - frame.length) + '"}';
function pieces() {
  let at = 0;
  return new ReadableStream({ pull(controller) {
    if (at >= text.length) return controller.close();
    controller.enqueue(new TextEncoder().encode(text.slice(at, at + 65536)));
    at += 65536;
  } });
}
const answers = [];
for (let i = 0; i < tries; i++) {
  try {
    const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: streamed ? pieces() : text, duplex: 'half' });
    answers.push({ status: res.status, body: await res.json() });
  } catch (err) {
    answers.push(err.message + ': ' + (err.cause?.code ?? err.cause?.message ?? '?'));
  }
}
console.log(JSON.stringify(answers));
`;

async function tryInClient(attempt: Attempt): Promise<(Answer | string)[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT, JSON.stringify({ ...attempt, tries: TRIES })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  return JSON.parse(out) as (Answer | string)[];
}

/** `TRIES` times the same request; every answer must be the refusal, read in full, and nothing is written. */
async function everyTry(attempt: Attempt, status: number, error: Record<string, unknown>) {
  const before = await snapshotDatabase(core.database.db);

  const answers = await tryInClient(attempt);

  expect(answers).toEqual(Array.from({ length: TRIES }, () => ({ status, body: { ok: false, error: expect.objectContaining(error) } })));
  expect(await snapshotDatabase(core.database.db)).toEqual(before);
}

describe('early refusals of large bodies are read by Node fetch', { timeout: 120_000 }, () => {
  const url = (method: string) => `${server.url}api/${method}`;

  it('a 7 MB import without a management session: the 401 every time', async () => {
    await everyTry({ url: url('commitImport'), bytes: SEVEN_MB }, 401, { code: 'locked', message: LOCKED_MESSAGE });
  });

  it('an import over its payload limit with a session: the 413 every time, naming the limit', async () => {
    await everyTry({ url: url('commitImport'), bytes: IMPORT_MAX_PAYLOAD_BYTES + 1024 * 1024, headers: { [SESSION_HEADER]: core.session } }, 413, {
      code: 'payload_too_large',
      message: expect.stringContaining(String(IMPORT_MAX_PAYLOAD_BYTES)),
    });
  });

  it('an import over its payload limit streamed without a Content-Length: the 413 every time', async () => {
    await everyTry(
      { url: url('commitImport'), bytes: IMPORT_MAX_PAYLOAD_BYTES + 1024 * 1024, streamed: true, headers: { [SESSION_HEADER]: core.session } },
      413,
      {
        code: 'payload_too_large',
      },
    );
  });

  it('7 MB to a desk method (limit 16 KB): the 413 every time', async () => {
    await everyTry({ url: url('logContact'), bytes: SEVEN_MB }, 413, {
      code: 'payload_too_large',
      message: expect.stringContaining(String(MAX_PAYLOAD_BYTES)),
    });
  });

  it('7 MB streamed without a Content-Length to a desk method: the 413 every time', async () => {
    await everyTry({ url: url('logContact'), bytes: SEVEN_MB, streamed: true }, 413, { code: 'payload_too_large' });
  });

  it('7 MB to a method that does not exist: the 413 of the default limit every time', async () => {
    await everyTry({ url: url('importEverything'), bytes: SEVEN_MB }, 413, { code: 'payload_too_large' });
  });

  it('7 MB with the wrong content type: the 415 every time', async () => {
    await everyTry({ url: url('commitImport'), bytes: SEVEN_MB, headers: { 'Content-Type': 'text/plain' } }, 415, { code: 'invalid_input' });
  });

  it('7 MB with PUT instead of POST: the 405 every time', async () => {
    await everyTry({ url: url('commitImport'), method: 'PUT', bytes: SEVEN_MB }, 405, { code: 'invalid_input' });
  });

  it('7 MB from another origin: the 403 every time', async () => {
    await everyTry({ url: url('commitImport'), bytes: SEVEN_MB, headers: { Origin: 'http://evil.example' } }, 403, { code: 'forbidden' });
  });

  it('7 MB from an unpaired device on the network: the 401 every time', async () => {
    await everyTry({ url: `${lanServer.url}api/commitImport`, bytes: SEVEN_MB }, 401, { code: 'unpaired', message: UNPAIRED_MESSAGE });
  });
});
