import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client, MethodInput } from '../../core/api/contract';
import { snapshotDatabase } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { openTempCore, type TempCore } from '../support/temp-core';
import { TRANSPORTS, type OpenTransport } from './transports';

const DAY = 24 * 3_600_000;

/**
 * The desk needs no PIN, so over the wire it may correct only today's work (what happened or was
 * entered on the site's current day); earlier days belong to the management area. Both transports
 * carry the caller's session the same way, so both must draw the line at the same place.
 */
for (const transportUnderTest of TRANSPORTS) {
  describe(`correcting contacts over ${transportUnderTest.name}`, () => {
    let core: TempCore;
    let open: OpenTransport;
    /** What the calling tab holds: nothing at the desk, an unlocked session in the management area. */
    let session: string | undefined;
    let desk: Client;
    let tap: MethodInput<'logContact'>;

    beforeEach(async () => {
      core = await openTempCore(Date.parse('2026-03-10T09:30:00Z'));
      session = undefined;
      open = await transportUnderTest.open(core.api, () => session);
      desk = open.client;
      const catalog = await desk.getCatalog({});
      tap = { topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' };
    });

    afterEach(async () => {
      await open.close();
      await core.dispose();
    });

    it("the desk edits and voids today's contacts and those entered today for an earlier day", async () => {
      const { contact: today } = await desk.logContact(tap);
      const { contact: backdated } = await desk.logContact({ ...tap, occurredAt: '2026-03-01T10:00:00Z' });

      expect(await desk.amendContact({ contactId: today.id, channel: 'phone' })).toMatchObject({ channel: 'phone' });
      expect(await desk.voidContact({ contactId: backdated.id, reason: 'wrong_entry' })).toMatchObject({ voided: true });
    });

    it("the desk is refused an earlier day's contact as locked, with a message pointing to the management area, and nothing changes", async () => {
      const { contact } = await desk.logContact(tap);
      core.clock.advance(DAY);
      const before = await snapshotDatabase(core.database.db);

      const amend = await refusal(desk.amendContact({ contactId: contact.id, channel: 'phone' }));
      const voiding = await refusal(desk.voidContact({ contactId: contact.id, reason: 'duplicate' }));

      for (const err of [amend, voiding]) {
        expect(err.body).toEqual({ code: 'locked', field: 'contactId', message: expect.stringMatching(/earlier day.*management area/) });
      }
      expect(await snapshotDatabase(core.database.db)).toEqual(before);
    });

    it("the same tab with an unlocked management session changes the earlier day's contact, and a foreign or made-up session does not", async () => {
      const { contact } = await desk.logContact(tap);
      core.clock.advance(DAY);

      session = 'made-up-session';
      expect((await refusal(desk.amendContact({ contactId: contact.id, channel: 'phone' }))).body.code).toBe('locked');
      session = await core.context.gate.open();
      expect(await desk.amendContact({ contactId: contact.id, channel: 'phone' })).toMatchObject({ channel: 'phone' });
      expect(await desk.voidContact({ contactId: contact.id, reason: 'duplicate' })).toMatchObject({ voided: true, voidReason: 'duplicate' });
      // A second tab of the same machine without the session is still the desk.
      expect((await refusal(createClient(open.transport).listContacts({ from: '2026-03-10', to: '2026-03-10' }))).body.code).toBe('locked');
    });
  });
}
