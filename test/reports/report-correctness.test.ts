import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/reports/report-types';
import { seededRandom } from '../../core/demo/random';
import { rebuildRollup } from '../../core/rollups/rollup';
import { openTempCore, type TempCore } from '../support/temp-core';
import { queryRows } from '../support/sql-rows';

/**
 * Expected figures are computed here with plain loops over the generated rows and a local-time
 * conversion of the test's own (Intl with the sv-SE format), never with the report code.
 */
const TZ = 'Europe/Vienna';
const wall = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAY: Record<string, number> = { mån: 1, tis: 2, ons: 3, tors: 4, fre: 5, lör: 6, sön: 7 };
function local(ms: number) {
  const p = Object.fromEntries(wall.formatToParts(ms).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), weekday: WEEKDAY[p.weekday!.replace('.', '')]! };
}

interface Row {
  id: number;
  at: number;
  topicIds: number[];
  referralIds: number[];
  languageId: number;
  channel: 'in_person' | 'phone' | 'email';
  asker: 'citizen' | 'organisation';
  voided: boolean;
}

const NOW = Date.parse('2026-11-20T10:00:00Z');
/** Instants chosen to sit on the edges the buckets must get right. */
const EDGES = [
  '2025-03-30T00:59:00Z', // 01:59 CET, before the spring switch
  '2025-03-30T01:00:00Z', // 03:00 CEST, after it
  '2025-10-26T00:30:00Z', // 02:30 CEST, first pass
  '2025-10-26T01:30:00Z', // 02:30 CET, second pass
  '2025-10-31T22:59:00Z', // 31 Oct 23:59 local
  '2025-10-31T23:00:00Z', // 1 Nov 00:00 local (CET)
  '2025-12-31T22:59:59Z', // 31 Dec 23:59 local
  '2025-12-31T23:00:00Z', // 1 Jan 2026 00:00 local
  '2026-03-29T00:30:00Z',
  '2026-03-29T01:30:00Z',
  '2026-05-31T21:59:00Z', // 31 May 23:59 CEST
  '2026-05-31T22:00:00Z', // 1 Jun 00:00 CEST
].map(Date.parse);

describe('report figures against an independent recount', () => {
  let core: TempCore;
  let rows: Row[];
  let ids: { topics: number[]; orgs: number[]; langs: number[]; retiredTopic: number; retiredOrg: number; zebra: number };
  let themeDayId: number;

  beforeAll(async () => {
    core = await openTempCore(NOW);
    const h = core.client;
    const catalog = await h.getCatalog({});
    ids = {
      topics: catalog.topics.map((t) => t.id),
      orgs: catalog.organisations.map((o) => o.id),
      langs: catalog.languages.map((l) => l.id),
      retiredTopic: catalog.topics[11]!.id,
      retiredOrg: catalog.organisations[11]!.id,
      zebra: catalog.organisations.find((o) => o.name === 'ZEBRA')!.id,
    };
    // A weekly theme day (Wednesdays 14–17 from June 2025) and a single one; the report attributes contacts in them.
    const weekly = await h.saveThemeDay({
      themeDay: { title: 'Flucht und Migration', organisationId: ids.zebra, kind: 'weekly', weekday: 3, startHour: 14, endHour: 17, validFrom: '2025-06-01' },
      dryRun: false,
    });
    themeDayId = weekly.themeDay!.id;
    await h.saveThemeDay({
      themeDay: { title: 'Pflegetag', organisationId: null, kind: 'single', day: '2025-11-12', startHour: 9, endHour: 12 },
      dryRun: false,
    });

    const random = seededRandom(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const start = Date.parse('2024-12-01T00:00:00Z');
    const instants = [...EDGES];
    for (let i = 0; i < 1400; i++) instants.push(start + Math.floor(random() * (Date.parse('2026-11-19T00:00:00Z') - start)));
    // Wednesday afternoons, so the theme day has contacts.
    for (let i = 0; i < 60; i++)
      instants.push(Date.parse('2025-06-04T12:00:00Z') + Math.floor(random() * 60) * 7 * 86_400_000 + Math.floor(random() * 3) * 3_600_000);

    rows = [];
    for (const at of instants) {
      const topicCount = random() < 0.2 ? 2 : random() < 0.05 ? 3 : 1;
      const topicIds = [...new Set(Array.from({ length: topicCount }, () => pick(ids.topics)))];
      const referralIds = random() < 0.4 ? [...new Set([pick(ids.orgs), ...(random() < 0.2 ? [pick(ids.orgs)] : [])])] : [];
      const input = {
        topicIds,
        referralIds,
        languageId: pick(ids.langs),
        channel: pick(['in_person', 'phone', 'email'] as const),
        asker: pick(['citizen', 'organisation'] as const),
        occurredAt: new Date(at).toISOString(),
      };
      const logged = await h.logContact(input);
      rows.push({ id: logged.contact.id, at, ...input, referralIds: [...referralIds].sort((a, b) => a - b), voided: false });
    }
    // Corrections: amend some, void some, undo the last tap of all.
    for (const r of rows.filter(() => random() < 0.05)) {
      const languageId = pick(ids.langs);
      const topicIds = [pick(ids.topics)];
      await h.amendContact({ contactId: r.id, languageId, topicIds });
      Object.assign(r, { languageId, topicIds });
    }
    for (const r of rows.filter(() => random() < 0.04)) {
      await h.voidContact({ contactId: r.id, reason: 'wrong_entry' });
      r.voided = true;
    }
    const extra = await h.logContact({
      topicIds: [ids.topics[0]!],
      languageId: ids.langs[0]!,
      channel: 'phone',
      asker: 'citizen',
      occurredAt: '2026-02-02T09:00:00Z',
    });
    await h.undoContact({ contactId: extra.contact.id });
    // Retire a topic and an organisation: their history must still count.
    await core.context.db.updateTable('topics').set({ retired_at: NOW }).where('id', '=', ids.retiredTopic).execute();
    await core.context.db.updateTable('organisations').set({ retired_at: NOW }).where('id', '=', ids.retiredOrg).execute();
    core.context.catalog.invalidate();
  }, 120_000);

  afterAll(() => core.dispose());

  function expected(from: string, to: string) {
    const counting = rows
      .filter((r) => !r.voided)
      .map((r) => ({ ...r, ...local(r.at) }))
      .filter((r) => r.day >= from && r.day <= to);
    const tally = <K>(keys: K[]) => {
      const m = new Map<K, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const heat = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const r of counting) heat[r.weekday - 1]![r.hour]! += 1;
    const inTheme = counting.filter((r) => r.weekday === 3 && r.hour >= 14 && r.hour < 17 && r.day >= '2025-06-01');
    // Ordinary Wednesday afternoons: the 13 most recent Wednesdays up to the period's end without the
    // weekly theme day (it runs from June 2025) and without the single theme day on 12 Nov 2025.
    const wednesdays: string[] = [];
    const end = to < '2026-11-20' ? to : '2026-11-20';
    for (let t = Date.parse(`${end}T12:00:00Z`); wednesdays.length < 13; t -= 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (new Date(t).getUTCDay() === 3 && day < '2025-06-01' && day !== '2025-11-12') wednesdays.push(day);
    }
    const ordinary = rows
      .filter((r) => !r.voided)
      .map((r) => local(r.at))
      .filter((r) => wednesdays.includes(r.day) && r.hour >= 14 && r.hour < 17);
    return {
      total: counting.length,
      months: tally(counting.map((r) => r.day.slice(0, 7))),
      topicContacts: tally(counting.map((r) => r.topicIds[0]!)),
      mentions: tally(counting.flatMap((r) => r.topicIds)),
      referrals: tally(counting.flatMap((r) => r.referralIds)),
      languages: tally(counting.map((r) => r.languageId)),
      channels: tally(counting.map((r) => r.channel)),
      askers: tally(counting.map((r) => r.asker)),
      cross: tally(counting.flatMap((r) => r.topicIds.flatMap((t) => r.referralIds.map((o) => `${t}:${o}`)))),
      heat,
      themeContacts: inTheme.length,
      ordinaryContacts: ordinary.length,
    };
  }

  const asMap = (b: Report['byLanguage'], keyOf: (k: number | string) => unknown = (k) => k) =>
    new Map(b.rows.filter((r) => r.n !== 0).map((r) => [keyOf(r.key), r.n]));

  const PERIODS: [string, string, string][] = [
    ['March 2025 (spring DST switch)', '2025-03-01', '2025-03-31'],
    ['October 2025 (autumn DST switch, month end)', '2025-10-01', '2025-10-31'],
    ['New Year across two months', '2025-12-15', '2026-01-15'],
    ['the year 2025', '2025-01-01', '2025-12-31'],
    ['since the first contact', '2024-12-01', '2026-11-20'],
    ['a single DST day', '2025-10-26', '2025-10-26'],
  ];

  it.each(PERIODS)('%s: totals, months, every dimension, heat map and cross-table equal the recount', async (_name, from, to) => {
    const report = await core.client.getReport({ from, to, publication: false });
    const want = expected(from, to);
    expect(report.total).toBe(want.total);
    expect(new Map(report.monthly.filter((m) => m.n !== 0).map((m) => [m.month, m.n]))).toEqual(want.months);
    expect(report.monthly.at(-1)?.cumulative).toBe(want.total);
    expect(asMap(report.byTopic.contacts)).toEqual(want.topicContacts);
    expect(report.byTopic.contacts.total).toBe(want.total);
    expect(asMap(report.byTopic.mentions)).toEqual(want.mentions);
    expect(asMap(report.byReferral)).toEqual(want.referrals);
    const langCode = new Map((await core.client.getCatalog({})).languages.map((l) => [l.code, l.id]));
    expect(asMap(report.byLanguage, (code) => langCode.get(code as string))).toEqual(want.languages);
    expect(asMap(report.byChannel)).toEqual(want.channels);
    expect(asMap(report.byAsker)).toEqual(want.askers);
    expect(report.heatmap).toEqual(want.heat);
    const cross = new Map<string, number>();
    report.topicReferrals.rows.forEach((r, i) =>
      report.topicReferrals.columns.forEach((c, j) => {
        const n = report.topicReferrals.cells[i]![j]!;
        if (n) cross.set(`${r.key}:${c.key}`, n);
      }),
    );
    expect(cross).toEqual(want.cross);
    const theme = report.themeDays.find((t) => t.themeDayId === themeDayId);
    expect(theme?.contacts ?? 0).toBe(want.themeContacts);
    if (theme) expect(theme.ordinaryContacts).toBe(want.ordinaryContacts);
  });

  it('the DST day has 25 local hours of contacts in the right buckets: 02:30 twice lands in hour 2 twice', async () => {
    const report = await core.client.getReport({ from: '2025-10-26', to: '2025-10-26', publication: false });
    expect(report.heatmap[6]![2]).toBe(expected('2025-10-26', '2025-10-26').heat[6]![2]);
    expect(report.heatmap[6]![2]).toBeGreaterThanOrEqual(2 - rows.filter((r) => r.voided && (r.at === EDGES[2] || r.at === EDGES[3])).length);
  });

  it('comparisons give the previous period and the same period a year earlier, with deltas', async () => {
    const report = await core.client.getReport({ from: '2026-03-01', to: '2026-03-31', publication: false });
    const feb = expected('2026-02-01', '2026-02-28').total; // a whole month compares with the month before
    const lastMarch = expected('2025-03-01', '2025-03-31').total;
    expect(report.comparisons.previousPeriod).toMatchObject({ period: { from: '2026-02-01', to: '2026-02-28' }, total: feb, delta: report.total! - feb });
    expect(report.comparisons.yearBefore).toMatchObject({
      period: { from: '2025-03-01', to: '2025-03-31' },
      total: lastMarch,
      delta: report.total! - lastMarch,
    });
    if (lastMarch > 0) expect(report.comparisons.yearBefore.deltaPct).toBeCloseTo(((report.total! - lastMarch) / lastMarch) * 100, 1);
  });

  it('a custom range compares with the same number of days just before it', async () => {
    const report = await core.client.getReport({ from: '2026-03-10', to: '2026-03-19', publication: false });
    const before = expected('2026-02-28', '2026-03-09').total;
    expect(report.comparisons.previousPeriod).toMatchObject({ period: { from: '2026-02-28', to: '2026-03-09', days: 10 }, total: before });
  });

  it('retired topics and organisations keep their history in the report', async () => {
    const report = await core.client.getReport({ from: '2024-12-01', to: '2026-11-20', publication: false });
    const want = expected('2024-12-01', '2026-11-20');
    const topicRow = report.byTopic.mentions.rows.find((r) => r.key === ids.retiredTopic);
    expect(topicRow).toMatchObject({ n: want.mentions.get(ids.retiredTopic), retired: true });
    expect(report.byReferral.rows.find((r) => r.key === ids.retiredOrg)?.n).toBe(want.referrals.get(ids.retiredOrg));
  });

  it('per opening slot: hours count only days that have happened, and contacts are those in the slot’s hours', async () => {
    // November 2026 runs past "today" (20 Nov): the slots' hours must stop at today.
    const report = await core.client.getReport({ from: '2026-11-01', to: '2026-11-30', publication: false });
    const want = expected('2026-11-01', '2026-11-30');
    const weekdaysUpToToday = (weekday: number) =>
      Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 10, i + 1))).filter((d) => ((d.getUTCDay() + 6) % 7) + 1 === weekday).length;
    for (const slot of report.openHours.bySlot) {
      expect(slot.hours).toBe(weekdaysUpToToday(slot.weekday) * (slot.endHour - slot.startHour));
      const inSlot = want.heat[slot.weekday - 1]!.slice(slot.startHour, slot.endHour).reduce((a, b) => a + b, 0);
      expect(slot.contacts).toBe(inSlot);
    }
    expect(report.openHours.bySlot.reduce((s, slot) => s + slot.hours, 0)).toBe(report.openHours.hours);
    expect(report.openHours.bySlot).toHaveLength(4);
  });

  it('an empty period reports zeros everywhere and no division by zero', async () => {
    const report = await core.client.getReport({ from: '2024-06-01', to: '2024-06-30', publication: false });
    expect(report.total).toBe(0);
    expect(report.monthly).toEqual([{ month: '2024-06', n: 0, cumulative: 0 }]);
    expect(report.byTopic.contacts.total).toBe(0);
    expect(report.heatmap.flat().every((n) => n === 0)).toBe(true);
    expect(report.topicReferrals.rows).toEqual([]);
    expect(report.comparisons.previousPeriod.deltaPct).toBeNull();
  });

  it('the rollups equal a full recount after every kind of write', async () => {
    const snapshot = async () => ({
      hourly: await queryRows(core.database.db, 'select day, hour, weekday, n, key_sum from rollup_hourly where n != 0 order by 1, 2'),
      daily: await queryRows(core.database.db, 'select day, dimension, key, n, key_sum from rollup_daily where n != 0 order by 1, 2, 3'),
    });
    const incremental = await snapshot();
    await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(await snapshot()).toEqual(incremental);
    expect(incremental.daily.length).toBeGreaterThan(1000);
  });

  it('the headline counts since the opening date in whole months', async () => {
    await core.client.updateSettings({ openingDate: '2025-06-01' });
    const report = await core.client.getReport({ from: '2026-01-01', to: '2026-01-31', publication: false });
    const total = expected('2025-06-01', '2026-01-31').total;
    expect(report.headline.sinceOpening).toEqual({ from: '2025-06-01', total, months: 8 });
    expect(report.headline.de).toBe(`Seit der Eröffnung am 1. Juni 2025: ${total.toLocaleString('de-DE')} Kontakte in 8 Monaten`);
    await core.client.updateSettings({ openingDate: '2021-06-01' });
  });
});
