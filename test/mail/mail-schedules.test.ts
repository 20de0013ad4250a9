import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, MethodInput } from '../../core/api/contract';
import { TRANSPORTS, type OpenTransport } from '../contract/transports';
import { databaseDump } from '../support/database-dump';
import { refusal } from '../support/refusal';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/** The temp core's clock: Tuesday 10 March 2026, 10:30 in Vienna. */
type ScheduleInput = MethodInput<'saveMailSchedule'>;

const monthly = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name: 'Monatsbericht Gemeinderat',
  recipients: ['gemeinderat@leibnitz.at'],
  rule: 'lastMonth',
  ...over,
});

const auditOf = (core: TempCore) =>
  queryRows<{ action: string; entity_id: number; old_value: string | null; new_value: string | null }>(
    core.database.db,
    "select action, entity_id, old_value, new_value from audit_log where entity = 'mail_schedule' order by id",
  );

describe('mail schedules (core/mail/schedules.ts)', () => {
  let core: TempCore;
  beforeAll(async () => {
    core = await openTempCore();
  });
  afterAll(async () => core?.dispose());

  it('creates, lists, changes and deletes a schedule, each audited; publication is on by default and the next period is shown', async () => {
    const saved = await core.client.saveMailSchedule(monthly());
    expect(saved).toMatchObject({
      name: 'Monatsbericht Gemeinderat',
      publication: true,
      publicationMethod: 'cellKey',
      formats: [],
      language: 'de',
      enabled: true,
      viewId: null,
      // Created on 10 March: February fell due on 1 March, before it existed; March falls due on 1 April.
      next: { from: '2026-03-01', to: '2026-03-31', dueDay: '2026-04-01' },
    });
    expect(await core.client.listMailSchedules({})).toEqual([saved]);
    // Saved unchanged: nothing written.
    const { createdAt: _c, updatedAt: _u, next: _n, ...input } = saved;
    expect(await core.client.saveMailSchedule(input)).toEqual(saved);
    const changed = await core.client.saveMailSchedule({ ...input, rule: 'lastQuarter', formats: ['csv', 'xlsx'], language: 'en' });
    expect(changed).toMatchObject({
      id: saved.id,
      rule: 'lastQuarter',
      formats: ['csv', 'xlsx'],
      next: { from: '2026-01-01', to: '2026-03-31', dueDay: '2026-04-01' },
    });
    await core.client.deleteMailSchedule({ id: saved.id });
    expect(await core.client.listMailSchedules({})).toEqual([]);
    const audit = await auditOf(core);
    expect(audit.map((a) => a.action)).toEqual(['create', 'amend', 'delete']);
    // With publication on, the trail keeps how many recipients, not who.
    expect(JSON.parse(audit[0]!.new_value!)).toMatchObject({ name: 'Monatsbericht Gemeinderat', publication: true, recipientCount: 1 });
    expect(audit.some((a) => `${a.old_value}${a.new_value}`.includes('gemeinderat@'))).toBe(false);
    // The audit view names it and says its rule in words.
    const page = await core.client.listAudit({ entity: 'mail_schedule' });
    expect(page.entries.find((e) => e.action === 'create')).toMatchObject({
      entity: 'mail_schedule',
      changes: expect.arrayContaining([{ field: 'rule', old: null, new: { kind: 'code', of: 'periodRule', code: 'lastMonth' } }]),
    });
  });

  it('without publication mode: refused unless confirmed, and then the recipients stand in the audit trail', async () => {
    const err = await refusal(core.client.saveMailSchedule(monthly({ name: 'Ohne', publication: false })));
    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'unpublishedConfirmed' });
    const saved = await core.client.saveMailSchedule(
      monthly({ name: 'Ohne', publication: false, unpublishedConfirmed: true, recipients: ['a@leibnitz.at', 'b@leibnitz.at'] }),
    );
    const entry = (await auditOf(core)).find((a) => a.entity_id === saved.id && a.action === 'create')!;
    expect(JSON.parse(entry.new_value!)).toMatchObject({ publication: false, recipients: ['a@leibnitz.at', 'b@leibnitz.at'] });
    await core.client.deleteMailSchedule({ id: saved.id });
  });

  it('a saved view is taken by id; deleting a schedule keeps its delivery log', async () => {
    const view = await core.client.saveSavedView({ name: 'Wohnen', period: { kind: 'lastMonth' }, sections: ['topics'] });
    const saved = await core.client.saveMailSchedule(monthly({ name: 'Mit Ansicht', viewId: view.id }));
    expect(saved.viewId).toBe(view.id);
    await core.database.db
      .insertInto('mail_deliveries')
      .values({
        schedule_id: saved.id,
        schedule_name: saved.name,
        period_from: '2026-02-01',
        period_to: '2026-02-28',
        state: 'sent',
        attempts: 1,
        recipients: 1,
        message_id: '<x@leibnitz.at>',
        started_at: core.clock.now,
        finished_at: core.clock.now,
        next_attempt_at: null,
        outcome: null,
      })
      .execute();
    await core.client.deleteMailSchedule({ id: saved.id });
    expect((await core.client.listMailDeliveries({})).map((d) => [d.scheduleId, d.scheduleName, d.state])).toEqual([[saved.id, 'Mit Ansicht', 'sent']]);
  });
});

describe.each(TRANSPORTS)('mail schedules: bad input is refused with the field named and writes nothing, over $name', (transport) => {
  let core: TempCore;
  let open: OpenTransport;
  let client: Client;
  let existing: number;
  beforeAll(async () => {
    core = await openTempCore();
    open = await transport.open(core.api, () => core.session);
    client = open.client;
    existing = (await client.saveMailSchedule(monthly({ name: 'Vorhanden' }))).id;
  });
  afterAll(async () => {
    await open?.close();
    await core?.dispose();
  });

  const CASES: { case: string; input: () => unknown; field: string; code?: string }[] = [
    { case: 'an address without a domain', input: () => monthly({ recipients: ['gemeinderat'] }), field: 'recipients.0' },
    { case: 'an address with a display name', input: () => monthly({ recipients: ['ok@leibnitz.at', 'Amt <amt@leibnitz.at>'] }), field: 'recipients.1' },
    { case: 'no recipient', input: () => monthly({ recipients: [] }), field: 'recipients' },
    { case: 'the same recipient twice', input: () => monthly({ recipients: ['a@leibnitz.at', 'A@leibnitz.at'] }), field: 'recipients.1' },
    { case: 'an unknown rule', input: () => ({ ...monthly(), rule: 'everyDay' }), field: 'rule' },
    { case: 'a saved view that does not exist', input: () => monthly({ viewId: 9999 }), field: 'viewId' },
    { case: 'no publication, not confirmed', input: () => monthly({ publication: false }), field: 'unpublishedConfirmed' },
    { case: 'an unknown format', input: () => ({ ...monthly(), formats: ['docx'] }), field: 'formats.0' },
    { case: 'a format twice', input: () => monthly({ formats: ['csv', 'csv'] }), field: 'formats' },
    { case: 'a name with a line break', input: () => monthly({ name: 'Monats\nbericht' }), field: 'name' },
    { case: 'a name another schedule has (ignoring case)', input: () => monthly({ name: 'VORHANDEN' }), field: 'name' },
    { case: 'an unknown language', input: () => ({ ...monthly(), language: 'fr' }), field: 'language' },
    { case: 'an id that does not exist', input: () => monthly({ id: 9999 }), field: 'id', code: 'not_found' },
  ];

  it.each(CASES)('saveMailSchedule refuses $case', async (row) => {
    const before = await databaseDump(core);
    const err = await refusal(client.saveMailSchedule(row.input() as ScheduleInput));
    expect(err.body).toMatchObject({ code: row.code ?? 'invalid_input', field: row.field });
    expect(await databaseDump(core)).toEqual(before);
  });

  it('deleteMailSchedule and sendMailScheduleNow refuse an unknown schedule, writing nothing', async () => {
    const before = await databaseDump(core);
    expect((await refusal(client.deleteMailSchedule({ id: 9999 }))).body).toMatchObject({ code: 'not_found', field: 'id' });
    expect((await refusal(client.sendMailScheduleNow({ id: 9999 }))).body).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await databaseDump(core)).toEqual(before);
    expect((await client.listMailSchedules({})).map((s) => s.id)).toEqual([existing]);
  });

  it('a saved view a schedule sends cannot be deleted: refused as a conflict naming the schedule, writing nothing', async () => {
    const view = await client.saveSavedView({ name: 'Für den Versand', period: { kind: 'lastMonth' }, sections: ['topics'] });
    const schedule = await client.saveMailSchedule(monthly({ name: 'Quartal mit Ansicht', viewId: view.id }));
    const before = await databaseDump(core);
    const err = await refusal(client.deleteSavedView({ id: view.id }));
    expect(err.body).toMatchObject({ code: 'conflict', field: 'id' });
    expect(err.body.message).toContain('"Quartal mit Ansicht"');
    expect(await databaseDump(core)).toEqual(before);
    // Once the schedule no longer sends it, the view may go.
    await client.deleteMailSchedule({ id: schedule.id });
    await client.deleteSavedView({ id: view.id });
    expect((await client.listSavedViews({})).some((v) => v.id === view.id)).toBe(false);
  });

  it('the desk (no management session) may not read or change schedules', async () => {
    const desk = await transport.open(core.api, () => undefined);
    const before = await databaseDump(core);
    expect((await refusal(desk.client.listMailSchedules({}))).body.code).toBe('locked');
    expect((await refusal(desk.client.listMailDeliveries({}))).body.code).toBe('locked');
    expect((await refusal(desk.client.saveMailSchedule(monthly({ name: 'Vom Schalter' })))).body.code).toBe('locked');
    expect((await refusal(desk.client.sendMailScheduleNow({ id: existing }))).body.code).toBe('locked');
    expect(await databaseDump(core)).toEqual(before);
    await desk.close();
  });
});
