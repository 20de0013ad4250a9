import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildRollup } from '../../core/rollups/rollup';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

const KEY = '5b0e9c1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c';

describe('batch entry ("+N") and back-dating', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore(Date.parse('2026-03-10T10:00:00Z'));
  });
  afterEach(() => core.dispose());

  const rows = () =>
    queryRows<{
      id: number;
      request_id: string | null;
      entry_kind: string;
      local_day: string;
      voided_at: number | null;
    }>(core.database.db, 'select id, request_id, entry_kind, local_day, voided_at from contacts order by id');
  const createAudit = async () =>
    (await queryRows<{ new_value: string }>(core.database.db, "select new_value from audit_log where action = 'create' order by id")).map(
      (r) => JSON.parse(r.new_value) as { entryKind: string; count: number },
    );
  const batch = (count: number, extra: Record<string, unknown> = {}) =>
    core.client.logContact({ requestId: KEY, topicIds: [1], languageId: 1, channel: 'in_person', asker: 'organisation', count, ...extra });

  it('stores N equal contacts at once, marked as a batch in the rows and in the audit trail', async () => {
    const logged = await batch(5);
    expect(logged).toMatchObject({ count: 5, todayCount: 5, duplicate: false, contact: { entryKind: 'batch' } });
    expect((await rows()).map((r) => [r.request_id, r.entry_kind])).toEqual([
      [KEY, 'batch'],
      [`${KEY}:1`, 'batch'],
      [`${KEY}:2`, 'batch'],
      [`${KEY}:3`, 'batch'],
      [`${KEY}:4`, 'batch'],
    ]);
    expect((await createAudit()).map((a) => [a.entryKind, a.count])).toEqual(Array(5).fill(['batch', 5]));
    const report = await core.client.getReport({ from: '2026-03-01', to: '2026-03-31' });
    expect(report.total).toBe(5);
    expect(report.byAsker.rows.find((r) => r.key === 'organisation')?.n).toBe(5);
  });

  it('a retried batch is stored once', async () => {
    await batch(5);
    const retry = await batch(5);
    expect(retry).toMatchObject({ duplicate: true, count: 5 });
    expect(await rows()).toHaveLength(5);
  });

  it('Undo on any contact of a batch takes the whole batch back', async () => {
    const { contact } = await batch(4);
    const { todayCount } = await core.client.undoContact({ contactId: contact.id + 2 });
    expect(todayCount).toBe(0);
    expect((await rows()).every((r) => r.voided_at !== null)).toBe(true);
    expect((await core.client.listDay({})).contacts).toEqual([]);
  });

  it('a batch can be back-dated to yesterday and counts there, not today', async () => {
    const logged = await batch(3, { occurredAt: '2026-03-09T15:00:00Z' });
    expect(logged.contact.localDay).toBe('2026-03-09');
    expect((await core.client.listDay({})).count).toBe(0);
    expect((await core.client.listDay({ day: '2026-03-09' })).count).toBe(3);
  });

  it('a back-dated single contact is marked as such in the audit trail; a live one as live', async () => {
    await core.client.logContact({ topicIds: [2], languageId: 1, channel: 'phone', asker: 'citizen', occurredAt: '2026-03-10T07:30:00Z' });
    await core.client.logContact({ topicIds: [2], languageId: 1, channel: 'phone', asker: 'citizen' });
    expect((await createAudit()).map((a) => a.entryKind)).toEqual(['backdated', 'live']);
  });

  it('the rollups still equal a full recount after batches, undo and back-dating', async () => {
    await batch(5);
    await core.client.undoContact({ contactId: (await batch(2, { requestId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })).contact.id });
    await batch(3, { requestId: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', occurredAt: '2026-03-01T09:00:00Z' });
    const snapshot = () => queryRows(core.database.db, 'select * from rollup_daily where n != 0 order by 1, 2, 3');
    const incremental = await snapshot();
    await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(await snapshot()).toEqual(incremental);
  });
});
