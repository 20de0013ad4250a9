import { createServer, request as httpRequest } from 'node:http';
import { freePort } from '../support/free-port';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../core/app/start-app';
import { DEVICE_HEADER } from '../../core/devices/device-token';
import { serveLan, type LanSharing } from '../../server/lan-listener';
import { snapshotCore } from '../support/db-snapshot';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The LAN listener of desk mode over real sockets. Requests go to this machine's own non-loopback
 * IPv4 address, so the server sees a network peer exactly as it would see a tablet. A machine
 * without such an interface (some CI containers) still runs every test: the listener's loopback
 * decision is then injected to treat every peer as remote, instead of the suite skipping.
 */
const lanIp = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .find((i) => i.family === 'IPv4' && !i.internal)?.address;
const connectTo = lanIp ?? '127.0.0.1';

interface Reply {
  status: number;
  body: { ok: boolean; value?: any; error?: { code: string; message: string; field?: string } };
}

let core: TempCore;
let lan: LanSharing;
let port: number;
let catalog: Awaited<ReturnType<TempCore['handlers']['getCatalog']>>;

function call(method: string, input: unknown, headers: Record<string, string> = {}, via = connectTo): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(input);
    const req = httpRequest(
      {
        host: via,
        port,
        method: 'POST',
        path: `/api/${method}`,
        agent: false,
        headers: {
          Host: `${via}:${port}`,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          Connection: 'close',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves with the socket error code when nothing listens on the port. */
const refusedConnection = () =>
  call('getCatalog', {}).then(
    () => 'answered',
    (err: NodeJS.ErrnoException) => err.code,
  );

const tap = () => ({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });
const withToken = (token: string) => ({ [DEVICE_HEADER]: token });
const pair = async (name: string) => {
  const { code } = await core.client.createPairingCode({});
  const reply = await call('pairDevice', { code, name });
  expect(reply.status).toBe(200);
  return reply.body.value as { token: string; device: { id: number } };
};

beforeAll(async () => {
  core = await openTempCore(Date.now());
  catalog = await core.handlers.getCatalog({});
  port = await freePort();
  const app = { api: core.api, core: () => core } as unknown as App;
  lan = await serveLan(app, { port, isLoopback: lanIp ? undefined : () => false });
});

afterAll(async () => {
  await lan?.close();
  await core?.dispose();
});

describe(`LAN listener over real sockets (${lanIp ? `via ${lanIp}` : 'no LAN interface: loopback decision injected'})`, () => {
  it('while sharing is off nothing listens on the LAN port', async () => {
    expect(await refusedConnection()).toBe('ECONNREFUSED');
  });

  it('switched on, a request without a device token gets 401 and changes nothing', async () => {
    const sharing = await core.client.setSharing({ enabled: true });
    expect(sharing).toMatchObject({ enabled: true, listening: true, port, problem: null });
    if (lanIp) expect(sharing.addresses).toContain(`http://${lanIp}:${port}/`);
    const before = await snapshotCore(core);
    for (const [method, input] of [
      ['logContact', tap()],
      ['getCatalog', {}],
      ['listDay', {}],
      ['unlockManagement', { pin: '1234' }],
    ] as const) {
      const reply = await call(method, input);
      expect(reply.status, method).toBe(401);
      expect(reply.body.error?.code, method).toBe('unpaired');
    }
    const forged = await call('logContact', tap(), withToken('a'.repeat(43)));
    expect([forged.status, forged.body.error?.code]).toEqual([401, 'unpaired']);
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('a paired device holds a token that makes the desk work, at its desk', async () => {
    const { token, device } = await pair('Tablet Café');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await call('getThisDevice', {}, withToken(token))).body.value).toEqual({ device: { id: device.id, name: 'Tablet Café', deskId: null } });
    const logged = await call('logContact', { ...tap(), requestId: '0b9a4a3e-1c2d-4e5f-8a7b-9c0d1e2f3a4b' }, withToken(token));
    expect(logged.status).toBe(200);
    expect(logged.body.value.contact.deskId).toBe(catalog.desks[0]!.id);
    const day = await call('listDay', {}, withToken(token));
    expect(day.body.value.contacts.map((c: { id: number }) => c.id)).toContain(logged.body.value.contact.id);
  });

  it('a tap sent again after its answer was lost is stored once and answered as a duplicate', async () => {
    const { token } = await pair('Tablet 3');
    const requestId = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
    const first = await call('logContact', { ...tap(), requestId }, withToken(token));
    const again = await call('logContact', { ...tap(), requestId, occurredAt: new Date(Date.now() - 5_000).toISOString() }, withToken(token));
    expect([first.body.value.duplicate, again.body.value.duplicate]).toEqual([false, true]);
    expect(again.body.value.contact.id).toBe(first.body.value.contact.id);
    const rows = await core.database.db.selectFrom('contacts').select('id').where('request_id', '=', requestId).execute();
    expect(rows).toHaveLength(1);
  });

  it('a paired device still needs the PIN for management methods', async () => {
    const { token } = await pair('Laptop');
    const before = await snapshotCore(core);
    for (const method of ['listDevices', 'getReport', 'setSharing']) {
      const reply = await call(
        method,
        method === 'setSharing' ? { enabled: false } : method === 'getReport' ? { from: '2026-01-01', to: '2026-01-31' } : {},
        withToken(token),
      );
      expect([reply.status, reply.body.error?.code], method).toEqual([401, 'locked']);
    }
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('a revoked token gets 401 on its very next request', async () => {
    const { token, device } = await pair('Alter Laptop');
    expect((await call('listDay', {}, withToken(token))).status).toBe(200);
    await core.client.revokeDevice({ id: device.id });
    const before = await snapshotCore(core);
    const reply = await call('logContact', tap(), withToken(token));
    expect([reply.status, reply.body.error?.code]).toEqual([401, 'unpaired']);
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('a wrong pairing code over the network is refused and writes nothing', async () => {
    await core.client.createPairingCode({});
    const before = await snapshotCore(core);
    const reply = await call('pairDevice', { code: '000000', name: 'Rater' });
    // 000000 is the right code once in a million runs: then this asserts on a real pairing and fails loudly.
    expect([reply.status, reply.body.error?.code, reply.body.error?.field]).toEqual([403, 'forbidden', 'code']);
    expect(await snapshotCore(core)).toEqual(before);
  });

  it('refuses a host name in Host (DNS rebinding) and a foreign Origin', async () => {
    const { token } = await pair('Tablet 2');
    expect((await call('listDay', {}, { ...withToken(token), Host: `evil.example:${port}` })).status).toBe(421);
    expect((await call('listDay', {}, { ...withToken(token), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('listDay', {}, { ...withToken(token), Origin: `http://${connectTo}:${port}` })).status).toBe(200);
  });

  it.runIf(lanIp)(
    'a request from this machine itself, by its LAN address, needs no device token (skipped where the machine has no non-loopback IPv4 address)',
    async () => {
      expect((await call('listDay', {}, {}, '127.0.0.1')).status).toBe(200);
    },
  );

  it('switched off, the LAN port stops listening at once', async () => {
    expect(await core.client.setSharing({ enabled: false })).toMatchObject({ enabled: false, listening: false, addresses: [] });
    expect(await refusedConnection()).toBe('ECONNREFUSED');
  });
});

describe('LAN listener when its port is taken', () => {
  it('sharing stays on but reports the port in use instead of crashing', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '0.0.0.0', resolve));
    const taken = (other.address() as AddressInfo).port;
    const own = await openTempCore(Date.now());
    const sharing = await serveLan({ api: own.api, core: () => own } as unknown as App, { port: taken });
    try {
      expect(await own.client.setSharing({ enabled: true })).toMatchObject({ enabled: true, listening: false, problem: 'portInUse', addresses: [] });
    } finally {
      await sharing.close();
      await own.dispose();
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
