import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientError } from '../../core/api/client';
import type { MethodInput } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import { rebuildRollup } from '../../core/rollups/rollup';
import { newRecordKey } from '../../core/publication/cell-key';
import { localPartsReader } from '../../core/time/local-parts-reader';
import { snapshotDatabase } from '../support/db-snapshot';
import { execute, queryRow, queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/** Tuesday 10 March 2026, 10:30 in Vienna (UTC+1), 09:30 in London (UTC+0). */
const NOW = Date.parse('2026-03-10T09:30:00Z');

describe('site settings', () => {
  let core: TempCore;
  let catalog: Catalog;
  const db = () => core.database.db;
  const settingsAudit = () =>
    queryRows<{
      field: string;
      old_value: string | null;
      new_value: string | null;
    }>(db(), "select field, old_value, new_value from audit_log where entity = 'settings' order by id");
  const tap = (occurredAt: string, extra: Record<string, unknown> = {}) =>
    core.client.logContact({
      topicIds: [catalog.topics[0]!.id],
      languageId: catalog.languages[0]!.id,
      channel: 'in_person',
      asker: 'citizen',
      occurredAt,
      ...extra,
    });

  beforeEach(async () => {
    core = await openTempCore(NOW);
    catalog = await core.client.getCatalog({});
  });
  afterEach(() => core.dispose());

  it('changes the site name (trimmed), default language and auto-lock minutes, each audited', async () => {
    const change = await core.client.updateSettings({ siteName: '  Sozial-Info Graz ', defaultLanguage: 'en', autoLockMinutes: 30 });
    expect(change).toMatchObject({
      dryRun: false,
      timeZoneShift: null,
      settings: { siteName: 'Sozial-Info Graz', defaultLanguage: 'en', autoLockMinutes: 30 },
    });
    expect((await core.client.getCatalog({})).settings).toEqual(change.settings);
    expect(await settingsAudit()).toEqual([
      { field: 'siteName', old_value: '"Sozial-Info im Wohnzimmer Leibnitz"', new_value: '"Sozial-Info Graz"' },
      { field: 'autoLockMinutes', old_value: '10', new_value: '30' },
      { field: 'defaultLanguage', old_value: '"de"', new_value: '"en"' },
    ]);
    expect(await core.client.getManagementStatus({})).toMatchObject({ autoLockMinutes: 30 });
  });

  it('the management area locks after the new number of idle minutes', async () => {
    await core.client.updateSettings({ autoLockMinutes: 2 });
    core.clock.advance(90_000);
    expect(await core.client.getManagementStatus({})).toMatchObject({ unlocked: true });
    await core.client.getReport({ from: '2026-03-01', to: '2026-03-31' }); // a management call keeps it open
    core.clock.advance(121_000);
    expect(await core.client.getManagementStatus({})).toMatchObject({ unlocked: false });
  });

  it('a dry run says what would change and writes nothing', async () => {
    await tap('2026-03-09T23:30:00Z');
    const before = await snapshotDatabase(db());
    const dry = await core.client.updateSettings({ siteName: 'Graz', timeZone: 'Europe/London', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, settings: { siteName: 'Graz', timeZone: 'Europe/London' } });
    expect(dry.timeZoneShift).toEqual({ from: 'Europe/Vienna', to: 'Europe/London', contacts: 1, moved: 1, dayChanged: 1, reattributed: 0 });
    expect(await snapshotDatabase(db())).toEqual(before);
    expect((await core.client.getCatalog({})).settings.timeZone).toBe('Europe/Vienna');
  });

  const REFUSED: [string, MethodInput<'updateSettings'> | Record<string, unknown>, string][] = [
    ['an empty site name', { siteName: '' }, 'siteName'],
    ['a site name of blanks', { siteName: '   ' }, 'siteName'],
    ['a site name of 81 characters', { siteName: 'x'.repeat(81) }, 'siteName'],
    ['an unknown time zone', { timeZone: 'Europe/Leibnitz' }, 'timeZone'],
    ['a fixed offset as time zone', { timeZone: '+01:00' }, 'timeZone'],
    ['an empty time zone', { timeZone: '' }, 'timeZone'],
    ['a time zone as a number', { timeZone: 1 }, 'timeZone'],
    ['auto-lock after 0 minutes', { autoLockMinutes: 0 }, 'autoLockMinutes'],
    ['auto-lock after 241 minutes', { autoLockMinutes: 241 }, 'autoLockMinutes'],
    ['auto-lock after 1.5 minutes', { autoLockMinutes: 1.5 }, 'autoLockMinutes'],
    ['French as the default language', { defaultLanguage: 'fr' }, 'defaultLanguage'],
    ['only a dry run, no setting', { dryRun: true }, '(input)'],
    ['a valid time zone next to an invalid site name', { timeZone: 'Europe/London', siteName: '' }, 'siteName'],
  ];

  it.each(REFUSED)('refuses %s and changes nothing', async (_case, input, field) => {
    await tap('2026-03-09T23:30:00Z');
    const before = await snapshotDatabase(db());
    const outcome = await core.client.updateSettings(input as MethodInput<'updateSettings'>).then(
      () => null,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(ClientError);
    expect((outcome as ClientError).body).toMatchObject({ code: 'invalid_input', field });
    expect(await snapshotDatabase(db())).toEqual(before);
  });

  it('stores a time zone as the runtime spells it', async () => {
    const { settings } = await core.client.updateSettings({ timeZone: 'europe/berlin' });
    expect(settings.timeZone).toBe('Europe/Berlin');
  });

  describe('changing the time zone', () => {
    const rollups = async () => ({
      hourly: await queryRows(db(), 'select day, hour, weekday, n, key_sum from rollup_hourly where n != 0 order by 1, 2'),
      daily: await queryRows(db(), 'select day, dimension, key, n, key_sum from rollup_daily where n != 0 order by 1, 2, 3'),
    });
    const contactRow = (id: number) =>
      queryRow(db(), 'select local_day, local_month, local_weekday, local_hour, theme_day_id from contacts where id = ?', [id]);

    it('moves a contact at 23:30 UTC to the day before in London, re-attributes theme days and keeps the rollups exact', async () => {
      // 00:30 on Tuesday 10 March in Vienna; 23:30 on Monday 9 March in London.
      const night = (await tap('2026-03-09T23:30:00Z')).contact.id;
      // 10:15 / 09:15 on 3 March: the hour changes, the day does not.
      const morning = (await tap('2026-03-03T09:15:00Z')).contact.id;
      // 1 March 00:10 in Vienna, 28 February 23:10 in London: the month changes too. Voided: moves, but is not counted.
      const voided = (await tap('2026-02-28T23:10:00Z')).contact.id;
      await core.client.voidContact({ contactId: voided, reason: 'test' });
      // Tuesdays 0–1 (local): covers the night contact in Vienna, not in London.
      const late = await core.client.saveThemeDay({
        themeDay: { title: 'Nachtcafé', organisationId: null, kind: 'weekly', weekday: 2, startHour: 0, endHour: 1 },
      });
      // Every Monday 23–24 (local): covers it in London.
      const monday = await core.client.saveThemeDay({
        themeDay: { title: 'Spätberatung', organisationId: null, kind: 'weekly', weekday: 1, startHour: 23, endHour: 24 },
      });
      expect(await contactRow(night)).toMatchObject({ theme_day_id: late.themeDay!.id });

      const change = await core.client.updateSettings({ timeZone: 'Europe/London' });

      expect(change.timeZoneShift).toEqual({ from: 'Europe/Vienna', to: 'Europe/London', contacts: 2, moved: 2, dayChanged: 1, reattributed: 1 });
      expect(await contactRow(night)).toEqual({
        local_day: '2026-03-09',
        local_month: '2026-03',
        local_weekday: 1,
        local_hour: 23,
        theme_day_id: monday.themeDay!.id,
      });
      expect(await contactRow(morning)).toMatchObject({ local_day: '2026-03-03', local_hour: 9 });
      expect(await contactRow(voided)).toMatchObject({ local_day: '2026-02-28', local_month: '2026-02', local_weekday: 6, local_hour: 23 });
      expect((await core.client.listDay({ day: '2026-03-09' })).count).toBe(1);
      expect((await core.client.listDay({ day: '2026-03-10' })).count).toBe(0);
      const report = await core.client.getReport({ from: '2026-03-09', to: '2026-03-09' });
      expect(report.total).toBe(1);

      const after = await rollups();
      await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
      expect(await rollups()).toEqual(after);
      expect((await settingsAudit()).at(-1)).toEqual({ field: 'timeZone', old_value: '"Europe/Vienna"', new_value: '"Europe/London"' });
    });

    it('a contact imported with its day only keeps its day, at noon in the new zone', async () => {
      const noonVienna = Date.parse('2026-03-03T11:00:00Z');
      const { id } = (await queryRow<{ id: number }>(
        db(),
        `insert into contacts (occurred_at, entered_at, local_day, local_month, local_weekday, local_hour, channel, asker, language_id, desk_id, entry_kind)
         values (?, ?, '2026-03-03', '2026-03', 2, 12, 'in_person', 'citizen', ?, ?, 'imported_day') returning id`,
        [noonVienna, NOW, catalog.languages[0]!.id, catalog.desks[0]!.id],
      ))!;
      await execute(db(), 'insert into contact_topics (contact_id, topic_id, ordinal) values (?, ?, 0)', [id, catalog.topics[0]!.id]);
      await core.context.db.transaction().execute((trx) => rebuildRollup(trx));

      // Noon in Vienna is midnight in Auckland, the next day: the contact's day must not follow.
      const change = await core.client.updateSettings({ timeZone: 'Pacific/Auckland' });
      expect(change.timeZoneShift).toMatchObject({ contacts: 1, moved: 0, dayChanged: 0, reattributed: 0 });
      expect(await queryRow(db(), 'select occurred_at, local_day, local_hour, theme_day_id from contacts where id = ?', [id])).toEqual({
        occurred_at: Date.parse('2026-03-02T23:00:00Z'),
        local_day: '2026-03-03',
        local_hour: 12,
        theme_day_id: null,
      });
      const after = await rollups();
      await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
      expect(await rollups()).toEqual(after);
      expect(after.hourly).toEqual([]);
    });

    it('a zone with the same clock (Vienna → Berlin) moves nothing', async () => {
      await tap('2026-03-09T23:30:00Z');
      const before = await rollups();
      const change = await core.client.updateSettings({ timeZone: 'Europe/Berlin' });
      expect(change.timeZoneShift).toMatchObject({ contacts: 1, moved: 0, dayChanged: 0, reattributed: 0 });
      expect(await rollups()).toEqual(before);
    });

    it('new taps after the change are counted in the new zone', async () => {
      await core.client.updateSettings({ timeZone: 'America/New_York' });
      const { contact } = await core.client.logContact({
        topicIds: [catalog.topics[0]!.id],
        languageId: catalog.languages[0]!.id,
        channel: 'phone',
        asker: 'citizen',
      });
      expect(contact).toMatchObject({ localDay: '2026-03-10', localTime: '05:30' });
    });

    // How long it takes is printed, not asserted: speed belongs in benchmarks, and this runs on a loaded CI machine.
    it('moves 20,000 contacts in one change, as its dry run said, with rollups equal to a rebuild', async () => {
      const n = 20_000;
      const parts = localPartsReader('Europe/Vienna');
      const topicIds = catalog.topics.slice(0, 5).map((t) => t.id);
      const start = Date.parse('2022-01-01T07:00:00Z');
      // Written in chunks of 1,000 rows per statement: one statement per row would take minutes over a PostgreSQL connection.
      await db()
        .transaction()
        .execute(async (trx) => {
          for (let first = 0; first < n; first += 1000) {
            const contacts = [];
            for (let i = first; i < Math.min(first + 1000, n); i++) {
              const at = start + i * 1_234_567; // every ~20 minutes over ~9 months, at all hours
              const p = parts(at);
              contacts.push({
                occurred_at: at,
                entered_at: at,
                local_day: p.day,
                local_month: p.month,
                local_weekday: p.weekday,
                local_hour: p.hour,
                channel: 'in_person' as const,
                asker: 'citizen' as const,
                language_id: catalog.languages[0]!.id,
                desk_id: catalog.desks[0]!.id,
                entry_kind: 'live' as const,
                record_key: newRecordKey(),
              });
            }
            const inserted = await trx.insertInto('contacts').values(contacts).returning(['id', 'occurred_at']).execute();
            const links = inserted.map((c) => ({
              contact_id: c.id,
              topic_id: topicIds[Math.round((Number(c.occurred_at) - start) / 1_234_567) % topicIds.length]!,
              ordinal: 0,
            }));
            await trx.insertInto('contact_topics').values(links).execute();
          }
        });
      await core.context.db.transaction().execute((trx) => rebuildRollup(trx));

      const t0 = performance.now();
      const dry = await core.client.updateSettings({ timeZone: 'Europe/London', dryRun: true });
      const t1 = performance.now();
      const change = await core.client.updateSettings({ timeZone: 'Europe/London' });
      const t2 = performance.now();
      console.log(`time-zone change of ${n} contacts: dry run ${Math.round(t1 - t0)} ms, change ${Math.round(t2 - t1)} ms`);

      expect(change.timeZoneShift).toEqual(dry.timeZoneShift);
      expect(change.timeZoneShift).toMatchObject({ contacts: n, moved: n });
      expect(change.timeZoneShift!.dayChanged).toBeGreaterThan(n / 30);
      const after = await rollups();
      await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
      expect(await rollups()).toEqual(after);
    }, 60_000);
  });
});
