import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../core/app/start-app';
import { DEVICE_HEADER } from '../../core/devices/device-token';
import { createHttpClient } from '../../renderer/api/http-transport';
import { serveLan, type LanSharing } from '../../server/lan-listener';
import { deskTap } from '../electron/desk-tap';
import { openEventStream, type EventStreamReply } from '../support/event-stream';
import { openTempCore, type TempCore } from '../support/temp-core';
import { freePort } from '../support/free-port';

/**
 * A paired tablet's change stream through the real LAN listener, real pairing and real revocation,
 * over this machine's non-loopback address (or, without one, with the loopback decision injected,
 * as test/server/lan-listener.test.ts does).
 */
const lanIp = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .find((i) => i.family === 'IPv4' && !i.internal)?.address;
const connectTo = lanIp ?? '127.0.0.1';

let core: TempCore;
let lan: LanSharing;
let url: string;
const streams: EventStreamReply[] = [];

async function listen(headers: Record<string, string> = {}) {
  const stream = await openEventStream(url, headers);
  streams.push(stream);
  return stream;
}

const tapHere = async () => core.deskClient.logContact(await deskTap(core.handlers));

beforeAll(async () => {
  core = await openTempCore(Date.now());
  const port = await freePort();
  url = `http://${connectTo}:${port}/`;
  lan = await serveLan({ api: core.api, core: () => core } as unknown as App, { port, isLoopback: lanIp ? undefined : () => false });
  await core.client.setSharing({ enabled: true });
});

afterAll(async () => {
  streams.forEach((s) => s.close());
  await lan?.close();
  await core?.dispose();
});

describe(`a paired tablet's change stream on the LAN listener (${lanIp ? `via ${lanIp}` : 'loopback decision injected'})`, () => {
  it('without a token, or with one nobody was given, the stream is refused as unpaired', async () => {
    for (const headers of [{}, { [DEVICE_HEADER]: 'a'.repeat(43) }] as Record<string, string>[]) {
      const refused = await listen(headers);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'unpaired' } });
    }
  });

  it('a paired tablet hears a tap made on the main PC; revoked, its stream ends at once and hears nothing more', async () => {
    const { code } = await core.client.createPairingCode({});
    const { token, device } = await createHttpClient(url).pairDevice({ code, name: 'Tablet Café' });
    const stream = await listen({ [DEVICE_HEADER]: token });
    expect(stream.status).toBe(200);
    const { contact } = await tapHere();
    expect(await stream.nextData()).toEqual({ kind: 'contacts', days: [contact.localDay] });

    // The revocation's own announcement is checked against the token first: it ends the stream instead
    // of reaching it, long before the next heartbeat (20 s, beyond this test's time limit).
    await core.client.revokeDevice({ id: device.id });
    expect(await stream.nextData()).toBeNull();
    const again = await listen({ [DEVICE_HEADER]: token });
    expect(again.status).toBe(401);
  });
});
