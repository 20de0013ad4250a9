import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientError } from '../../core/api/client';
import { snapshotDatabase } from '../support/db-snapshot';
import { createIpcClient } from '../support/ipc-client';
import { openTempCore, type TempCore } from '../support/temp-core';
import { deskTap } from './desk-tap';

let core: TempCore;
beforeEach(async () => {
  core = await openTempCore();
});
afterEach(async () => {
  await core.dispose();
});

describe('IPC sender check', () => {
  it.each(['https://evil.example/index.html', 'app://kontaktdesk.evil/index.html', 'file:///tmp/index.html'])(
    'refuses a contact logged from the frame %s and leaves the database unchanged',
    async (senderUrl) => {
      const tap = await deskTap(core.handlers);
      const before = await snapshotDatabase(core.database.db);
      const ipc = createIpcClient(core.api, { senderUrl });
      try {
        const refusal = await ipc.client.logContact(tap).catch((err: unknown) => err);
        expect(refusal).toBeInstanceOf(ClientError);
        expect((refusal as ClientError).message).toMatch(/untrusted frame/);
        expect((refusal as ClientError).body.code).toBe('forbidden');
      } finally {
        ipc.dispose();
      }
      expect(await snapshotDatabase(core.database.db)).toEqual(before);
    },
  );

  it('logs a contact sent from our own renderer', async () => {
    const tap = await deskTap(core.handlers);
    const ipc = createIpcClient(core.api);
    try {
      const logged = await ipc.client.logContact(tap);
      expect(logged.todayCount).toBe(1);
      expect(logged.contact.topicIds).toEqual(tap.topicIds);
      const day = await ipc.client.listDay({});
      expect(day.contacts.map((c) => c.id)).toEqual([logged.contact.id]);
    } finally {
      ipc.dispose();
    }
  });

  it('refuses invalid input over IPC with the field named, like over HTTP', async () => {
    const ipc = createIpcClient(core.api);
    try {
      const before = await snapshotDatabase(core.database.db);
      const tap = await deskTap(core.handlers);
      const envelope = await ipc.transport('logContact', { ...tap, channel: 'fax' });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'channel' } });
      expect(await snapshotDatabase(core.database.db)).toEqual(before);
    } finally {
      ipc.dispose();
    }
  });

  it('refuses input that could not cross the process boundary, as Electron does', async () => {
    const ipc = createIpcClient(core.api);
    try {
      await expect(ipc.transport('listDay', { day: () => '2026-03-10' })).rejects.toThrow(/could not be cloned/);
    } finally {
      ipc.dispose();
    }
  });

  it('stops answering once disposed', async () => {
    const ipc = createIpcClient(core.api);
    ipc.dispose();
    await expect(ipc.client.listDay({})).rejects.toThrow(/No handler registered/);
  });
});
