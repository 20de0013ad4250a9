import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContact } from '../../core/contacts/read-contacts';
import { openTempCore, type TempCore } from '../support/temp-core';

let core: TempCore;
beforeEach(async () => {
  core = await openTempCore();
});
afterEach(() => core.dispose());

/**
 * logContact builds the contact it returns from the values it wrote instead of reading it back;
 * this pins that the answer is exactly what reading the stored contact gives.
 */
describe('the contact logContact returns equals the stored contact read back', () => {
  it('for topics in any order, unsorted referrals, a back-dated time and a non-default desk language', async () => {
    const catalog = await core.handlers.getCatalog({});
    const topics = catalog.topics.map((t) => t.id);
    const orgs = catalog.organisations.map((o) => o.id);
    const tz = catalog.settings.timeZone;
    const cases = [
      { topicIds: [topics[0]!] },
      { topicIds: [topics[5]!, topics[1]!], referralIds: [orgs[4]!, orgs[0]!, orgs[2]!] },
      { topicIds: [topics[2]!, topics[9]!, topics[3]!], referralIds: [orgs[1]!], channel: 'phone' as const, asker: 'organisation' as const },
      { topicIds: [topics[7]!], occurredAt: new Date(core.clock.now - 3 * 60 * 60 * 1000).toISOString() },
      { topicIds: [topics[4]!], requestId: '6f1c1c2e-8a34-4b8e-9a51-0d7e2f3c4b5a' },
    ];
    for (const extra of cases) {
      core.clock.advance(61_000);
      const logged = await core.handlers.logContact({
        count: 1,
        referralIds: [],
        languageId: catalog.languages[3]!.id,
        channel: 'in_person',
        asker: 'citizen',
        ...extra,
      });
      expect(logged.duplicate).toBe(false);
      expect(logged.contact).toStrictEqual(await readContact(core.database.db, logged.contact.id, tz));
    }
  });
});
