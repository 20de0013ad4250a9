import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../core/demo/seed-demo-history';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * README, "Referrals": the demo's figures as the README explains them, for November 2026 with the demo
 * opened on 2 December 2026. Counted here with plain SQL over the contacts.
 */
describe('the demo’s referral figures, as the README explains them', () => {
  let core: TempCore;
  beforeAll(async () => {
    core = await openTempCore(Date.parse('2026-12-02T08:00:00Z'));
    await seedDemoHistory(core.context);
  }, 180_000);
  afterAll(() => core?.dispose());

  it('referrals named = contacts with a referral (one each); the topic → referral total adds the second topics of referred contacts', async () => {
    const r = await core.client.getReport({ from: '2026-11-01', to: '2026-11-30', publication: false });
    const rows = (await queryRows(
      core.database.db,
      `select (select count(*) from contact_topics t where t.contact_id = c.id) as topics, (select count(*) from contact_referrals x where x.contact_id = c.id) as referrals
       from contacts c where c.voided_at is null and c.local_day between '2026-11-01' and '2026-11-30'`,
    )) as { topics: number; referrals: number }[];
    const referred = rows.filter((c) => Number(c.referrals) > 0);
    expect(referred.every((c) => Number(c.referrals) === 1)).toBe(true);
    expect(r.byReferral.total).toBe(referred.length);
    expect(r.contactsWithReferral).toBe(referred.length);
    const twoTopics = referred.filter((c) => Number(c.topics) === 2).length;
    expect(r.topicReferrals.total).toBe(referred.length + twoTopics);
    // The README's example.
    expect([r.byReferral.total, twoTopics, r.topicReferrals.total]).toEqual([520, 83, 603]);
  });
});
