import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/demo/random';
import { rebuildRollup } from '../../core/rollups/rollup';
import type { Report } from '../../core/reports/report-types';
import { csvSections, parseCsv, withoutBom } from '../exports/csv-parse';
import { readWorkbook, sheetValues } from '../exports/xlsx-read';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { queryRows } from '../support/sql-rows';
import { pinnedWithFigures } from './figure-systems';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * "Beitrag zu den SDGs", the daily/weekly series and the referral figures (README, "Reports"), through
 * the contract on a real database. Expected figures are counted here from the contacts the test logged
 * (local days from Intl, ISO weeks by hand), never by the report code.
 */
const NOW = Date.parse('2026-03-20T10:00:00Z'); // Friday 20 March 2026, 11:00 in Vienna
const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Vienna', year: 'numeric', month: '2-digit', day: '2-digit' });
const localDay = (ms: number) => wall.format(ms);

interface Logged {
  id: number;
  day: string;
  topicIds: number[];
  referralIds: number[];
  voided: boolean;
}

let core: TempCore;
let logged: Logged[];
let topic: (labelDe: string) => number;
let goalsOf: Map<number, number[]>;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
function* days(from: string, to: string) {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}
/** ISO week by the textbook rule: the week (Monday first) belongs to the year of its Thursday. */
function isoWeek(day: string): string {
  const t = new Date(`${day}T12:00:00Z`);
  const weekday = (t.getUTCDay() + 6) % 7; // 0 = Monday
  const thursday = new Date(t.getTime() + (3 - weekday) * DAY_MS);
  const jan1 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1, 12));
  const week = 1 + Math.floor((thursday.getTime() - jan1.getTime()) / DAY_MS / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const counting = (from: string, to: string) => logged.filter((c) => !c.voided && c.day >= from && c.day <= to);

function expectedSdg(from: string, to: string, goals = goalsOf) {
  const perGoal = new Map<number, number>();
  let contacts = 0;
  for (const c of counting(from, to)) {
    const carried = new Set(c.topicIds.flatMap((t) => goals.get(t) ?? []));
    if (carried.size > 0) contacts++;
    for (const g of carried) perGoal.set(g, (perGoal.get(g) ?? 0) + 1);
  }
  return { perGoal, contacts };
}
const sdgCounts = (r: Report) => new Map(r.bySdg.rows.filter((row) => row.n !== 0).map((row) => [row.key, row.n]));

beforeAll(async () => {
  core = await openTempCore(NOW);
  const catalog = await core.client.getCatalog({});
  topic = (labelDe) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
  goalsOf = new Map(catalog.topics.map((t) => [t.id, t.sdgs]));
  const topicIds = catalog.topics.map((t) => t.id);
  const orgIds = catalog.organisations.map((o) => o.id);
  const random = seededRandom(13);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  // Sparse months (a few contacts a week), then busy ones (about ten a day).
  const instants: number[] = [];
  for (let i = 0; i < 70; i++) instants.push(Date.parse('2025-07-01T07:00:00Z') + Math.floor(random() * 150) * DAY_MS + Math.floor(random() * 8) * 3_600_000);
  for (let i = 0; i < 1000; i++) instants.push(Date.parse('2025-12-01T07:00:00Z') + Math.floor(random() * 108) * DAY_MS + Math.floor(random() * 8) * 3_600_000);
  // Publication mode needs a lone small figure: June 2025 busy but for Tuesday 10 June (2 contacts);
  // 1–28 September 2025 (four whole ISO weeks) busy but for the week of 15–21 September (1 contact).
  const busy = (day: string, n: number) => Array.from({ length: n }, (_, i) => Date.parse(`${day}T07:00:00Z`) + (i % 8) * 3_600_000 + i * 60_000);
  for (const d of days('2025-06-01', '2025-06-30')) instants.push(...busy(d, d === '2025-06-10' ? 2 : 16));
  for (const d of days('2025-09-01', '2025-09-28')) instants.push(...busy(d, d >= '2025-09-15' && d <= '2025-09-21' ? (d === '2025-09-17' ? 1 : 0) : 10));
  logged = [];
  // 2 March 2026 is left to the hand-made contacts below, 15–21 September 2025 to the one above.
  const random15to21 = (ms: number, i: number) => i < 70 && localDay(ms) >= '2025-09-15' && localDay(ms) <= '2025-09-21';
  for (const at of instants.filter((ms, i) => localDay(ms) !== '2026-03-02' && !random15to21(ms, i))) {
    const topicsOf = [...new Set(Array.from({ length: random() < 0.25 ? 2 : random() < 0.05 ? 3 : 1 }, () => pick(topicIds)))];
    const referralIds = random() < 0.45 ? [...new Set([pick(orgIds), ...(random() < 0.25 ? [pick(orgIds)] : [])])] : [];
    const input = {
      topicIds: topicsOf,
      referralIds,
      languageId: pick(catalog.languages).id,
      channel: 'in_person' as const,
      asker: pick(['citizen', 'organisation'] as const),
      occurredAt: new Date(at).toISOString(),
    };
    const { contact } = await core.client.logContact(input);
    logged.push({ id: contact.id, day: localDay(at), topicIds: topicsOf, referralIds, voided: false });
  }
  // On Monday 2 March 2026 alone: two topics of goal 1, two topics of goal 3, a topic without a goal, one referred twice.
  const edge = async (topicsOf: number[], referralIds: number[] = []) => {
    const occurredAt = '2026-03-02T09:30:00Z';
    const { contact } = await core.client.logContact({
      topicIds: topicsOf,
      referralIds,
      languageId: catalog.languages[0]!.id,
      channel: 'phone',
      asker: 'citizen',
      occurredAt,
    });
    logged.push({ id: contact.id, day: '2026-03-02', topicIds: topicsOf, referralIds, voided: false });
  };
  await edge([topic('Grundsicherung/Sozialhilfe'), topic('Armut/Schulden')], [orgIds[0]!, orgIds[1]!]);
  await edge([topic('Gesundheit'), topic('Pflege & Demenz')], [orgIds[0]!]);
  await edge([topic('Familie & Kinder')]);
}, 180_000);

afterAll(() => core?.dispose());

describe('Beitrag zu den SDGs', () => {
  it('a contact counts once per goal its topics carry; one whose topics carry none is not counted', async () => {
    const r = await core.client.getReport({ from: '2026-03-02', to: '2026-03-02', publication: false });
    expect(sdgCounts(r)).toEqual(
      new Map([
        [1, 1],
        [10, 1],
        [3, 1],
      ]),
    );
    expect(r.bySdg.contacts).toBe(2);
    expect(r.bySdg.total).toBe(3);
    expect(r.total).toBe(3);
    const poverty = r.bySdg.rows.find((row) => row.key === 1)!;
    expect(poverty.label).toEqual({ de: '1 Keine Armut', en: '1 No poverty' });
    expect(poverty.topicIds.sort()).toEqual([topic('Grundsicherung/Sozialhilfe'), topic('Armut/Schulden')].sort());
    // Every goal a topic carries has a row, in goal order, even at zero.
    expect(r.bySdg.rows.map((row) => row.key)).toEqual([1, 3, 4, 5, 8, 10, 11, 16]);
  });

  it.each([
    ['February 2026', '2026-02-01', '2026-02-28'],
    ['the sparse months', '2025-07-01', '2025-11-30'],
    ['everything', '2025-07-01', '2026-03-20'],
  ])('%s: every goal equals a recount over the contacts', async (_name, from, to) => {
    const r = await core.client.getReport({ from, to, publication: false });
    const want = expectedSdg(from, to);
    expect(sdgCounts(r)).toEqual(want.perGoal);
    expect(r.bySdg.contacts).toBe(want.contacts);
    expect(r.bySdg.total).toBe([...want.perGoal.values()].reduce((a, b) => a + b, 0));
  });

  it('amending and voiding move a contact between goals at once', async () => {
    const family = logged.find((c) => c.day === '2026-03-02' && c.topicIds[0] === topic('Familie & Kinder'))!;
    await core.client.amendContact({ contactId: family.id, topicIds: [topic('Arbeit')] });
    family.topicIds = [topic('Arbeit')];
    const poverty = logged.find((c) => c.day === '2026-03-02' && c.topicIds.includes(topic('Armut/Schulden')))!;
    await core.client.voidContact({ contactId: poverty.id, reason: 'wrong_entry' });
    poverty.voided = true;
    const r = await core.client.getReport({ from: '2026-03-02', to: '2026-03-02', publication: false });
    expect(sdgCounts(r)).toEqual(
      new Map([
        [3, 1],
        [8, 1],
      ]),
    );
    expect(r.bySdg.contacts).toBe(2);
  });

  it('changing a topic’s goals in the catalog changes every report at once, its history included', async () => {
    const catalog = await core.client.getCatalog({});
    const family = catalog.topics.find((t) => t.id === topic('Familie & Kinder'))!;
    const save = (sdgs: number[]) =>
      core.client.saveCatalogEntry({
        kind: 'topic',
        id: family.id,
        labelDe: family.labelDe,
        labelEn: family.labelEn,
        color: family.color,
        hotkey: family.hotkey,
        sdgs,
      });
    await save([1, 5]);
    const changed = new Map(goalsOf).set(family.id, [1, 5]);
    const r = await core.client.getReport({ from: '2025-07-01', to: '2026-03-20', publication: false });
    const want = expectedSdg('2025-07-01', '2026-03-20', changed);
    expect(sdgCounts(r)).toEqual(want.perGoal);
    expect(r.bySdg.contacts).toBe(want.contacts);
    await save([]);
  });

  it('imported monthly counts count under the goals of their topic', async () => {
    const file = csvBytes([
      MONTHLY_HEADER,
      ['2025-05', 'Arbeit', '40'],
      ['2025-05', 'Grundsicherung/Sozialhilfe', '10'],
      ['2025-05', 'Freizeit & Begegnung', '5'],
    ]);
    await core.client.commitImport(importInput('mai.csv', file));
    const r = await core.client.getReport({ from: '2025-05-01', to: '2025-05-31', publication: false });
    expect(sdgCounts(r)).toEqual(
      new Map([
        [8, 40],
        [1, 10],
        [10, 10],
      ]),
    );
    expect(r.bySdg.contacts).toBe(50);
    // No day: the daily series leaves them out and says how many.
    expect(r.series).toMatchObject({ unit: 'day', importedNotInSeries: 55 });
    expect(r.series.points.every((p) => p.n === 0)).toBe(true);
    expect(r.monthly).toEqual([{ month: '2025-05', n: 55, cumulative: 55, imported: 55 }]);
  });

  it('merging two topics of one goal keeps each contact once under it, and the rollups equal a recount', async () => {
    const [source, target] = [topic('Armut/Schulden'), topic('Grundsicherung/Sozialhilfe')];
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: source, targetId: target, dryRun: false });
    for (const c of logged) c.topicIds = [...new Set(c.topicIds.map((t) => (t === source ? target : t)))];
    const r = await core.client.getReport({ from: '2025-07-01', to: '2026-03-20', publication: false });
    const want = expectedSdg('2025-07-01', '2026-03-20');
    expect(sdgCounts(r)).toEqual(want.perGoal);
    expect(r.bySdg.rows.find((row) => row.key === 1)!.topicIds).toEqual([target]);
    const snapshot = () =>
      queryRows(
        core.database.db,
        "select day, dimension, key, n, key_sum from rollup_daily where n != 0 and dimension in ('topicset', 'referred') order by 1, 2, 3",
      );
    const incremental = await snapshot();
    await core.context.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(await snapshot()).toEqual(incremental);
    expect(incremental.length).toBeGreaterThan(500);
  });
});

describe('referrals named, contacts with a referral, topic–referral pairs', () => {
  it.each([
    ['a single day', '2026-03-02', '2026-03-02'],
    ['February 2026', '2026-02-01', '2026-02-28'],
  ])('%s: each figure counts what its label says', async (_name, from, to) => {
    const r = await core.client.getReport({ from, to, publication: false });
    const contacts = counting(from, to);
    expect(r.byReferral.total).toBe(contacts.reduce((s, c) => s + c.referralIds.length, 0));
    expect(r.contactsWithReferral).toBe(contacts.filter((c) => c.referralIds.length > 0).length);
    expect(r.topicReferrals.total).toBe(contacts.reduce((s, c) => s + c.topicIds.length * c.referralIds.length, 0));
  });
});

describe('the series by period length', () => {
  const recount = (from: string, to: string, keyOf: (day: string) => string) => {
    const points = new Map<string, { from: string; to: string; n: number }>();
    for (const d of days(from, to)) {
      const k = keyOf(d);
      const p = points.get(k) ?? { from: d, to: d, n: 0 };
      points.set(k, { ...p, to: d });
    }
    for (const c of counting(from, to)) points.get(keyOf(c.day))!.n++;
    return [...points].map(([key, p]) => ({ key, ...p }));
  };

  it('up to 92 days: one point per day, the month table unchanged beside it', async () => {
    const r = await core.client.getReport({ from: '2026-02-01', to: '2026-02-28', publication: false });
    expect(r.series.unit).toBe('day');
    expect(r.series.points).toEqual(recount('2026-02-01', '2026-02-28', (d) => d));
    expect(r.series.importedNotInSeries).toBeUndefined();
    expect(r.monthly).toEqual([{ month: '2026-02', n: counting('2026-02-01', '2026-02-28').length, cumulative: counting('2026-02-01', '2026-02-28').length }]);
    const quarter = await core.client.getReport({ from: '2025-10-01', to: '2025-12-31', publication: false });
    expect([quarter.series.unit, quarter.series.points.length]).toEqual(['day', 92]);
  });

  it('up to 366 days: ISO weeks from Monday, cut at the period’s ends; week 1 of 2026 starts on 29 December 2025', async () => {
    const r = await core.client.getReport({ from: '2025-12-03', to: '2026-03-19', publication: false });
    expect(r.series.unit).toBe('week');
    expect(r.series.points).toEqual(recount('2025-12-03', '2026-03-19', isoWeek));
    expect(r.series.points[0]).toMatchObject({ key: '2025-W49', from: '2025-12-03', to: '2025-12-07' });
    expect(r.series.points.find((p) => p.key === '2026-W01')).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });
    expect((await core.client.getReport({ from: '2025-01-01', to: '2025-12-31', publication: false })).series.unit).toBe('week');
    expect((await core.client.getReport({ from: '2025-10-01', to: '2026-01-01', publication: false })).series.unit).toBe('week'); // 93 days
  });

  it('longer periods keep the months, imported counts included', async () => {
    const r = await core.client.getReport({ from: '2025-03-01', to: '2026-03-31', publication: false });
    expect(r.series.unit).toBe('month');
    expect(r.series.points.map((p) => [p.key, p.n])).toEqual(r.monthly.map((m) => [m.month, m.n]));
    expect(r.series.points[2]).toMatchObject({ key: '2025-05', from: '2025-05-01', to: '2025-05-31', n: 55 });
    expect(r.series.importedNotInSeries).toBeUndefined();
  });

  it('a weekly series leaves imported months out and names them', async () => {
    const r = await core.client.getReport({ from: '2025-05-01', to: '2025-09-30', publication: false });
    expect(r.series.unit).toBe('week');
    expect(r.series.importedNotInSeries).toBe(55);
    expect(r.series.points.reduce((s, p) => s + p.n!, 0)).toBe(r.total! - 55);
  });
});

describe('exports', () => {
  const csvOf = async (from: string, to: string, publication = false) => {
    const file = await core.client.exportReport({ period: { from, to, publication, publicationMethod: 'suppression' }, format: 'report-csv' });
    return csvSections(parseCsv(withoutBom(Buffer.from(file.base64, 'base64'))));
  };

  it('CSV: the SDG table, the daily series, and referral tables that say what they count', async () => {
    const sections = await csvOf('2026-02-01', '2026-02-28');
    const r = await core.client.getReport({ from: '2026-02-01', to: '2026-02-28', publication: false });
    const sdg = sections.get('Beitrag zu den SDGs')!;
    expect(sdg.header).toEqual(['SDG-Ziel', 'Kontakte (jeder einmal je Ziel)', 'über die Themen']);
    expect(sdg.rows[0]).toEqual(['1 Keine Armut', String(r.bySdg.rows[0]!.n), 'Grundsicherung/Sozialhilfe']);
    expect(sdg.rows.at(-1)).toEqual(['Kontakte mit mindestens einem Ziel (jeder einmal)', String(r.bySdg.contacts), '']);
    const daily = sections.get('Verlauf je Tag')!;
    expect(daily.rows).toEqual(r.series.points.map((p) => [`${p.key.slice(8)}.${p.key.slice(5, 7)}.${p.key.slice(0, 4)}`, String(p.n)]));
    const referrals = sections.get('Weitervermittlung')!;
    expect(referrals.header[1]).toBe('Weitervermittlungen (je genannte Stelle)');
    expect(referrals.rows.at(-2)![0]).toMatch(/^Summe: Weitervermittlungen/);
    expect(referrals.rows.at(-1)!.slice(0, 2)).toEqual(['Kontakte mit Weitervermittlung (jeder einmal)', String(r.contactsWithReferral)]);
    const cross = sections.get('Thema → Weitervermittlung')!;
    expect(cross.header.at(-1)).toMatch(/^Summe: Thema-Stelle-Paare/);
    expect(cross.rows.at(-1)!.at(-1)).toBe(String(r.topicReferrals.total));
  });

  it('XLSX: the weekly series and the SDG sheet read back with the report’s figures', async () => {
    const period = { from: '2025-12-03', to: '2026-03-19', publication: false };
    const r = await core.client.getReport(period);
    const workbook = await readWorkbook(Buffer.from((await core.client.exportReport({ period, format: 'report-xlsx' })).base64, 'base64'));
    const weeks = sheetValues(workbook.getWorksheet('Verlauf je Woche')!);
    expect(weeks[0]).toEqual(['Kalenderwoche (ISO)', 'von', 'bis', 'Kontakte']);
    expect(weeks.slice(1).map((row) => [row[0], row[3]])).toEqual(r.series.points.map((p) => [p.key, p.n]));
    expect(weeks[1]![1]).toEqual(new Date('2025-12-03T00:00:00Z'));
    const sdg = sheetValues(workbook.getWorksheet('Beitrag zu den SDGs')!);
    expect(sdg.slice(1, -2).map((row) => [row[0], row[1]])).toEqual(r.bySdg.rows.map((row) => [row.label.de, row.n]));
  });

  it('imported months are named under a daily series, in CSV as on screen', async () => {
    const daily = (await csvOf('2025-05-01', '2025-05-31')).get('Verlauf je Tag')!;
    expect(daily.rows.at(-1)).toEqual(['Importierte Monatswerte, nicht nach Tagen (in keiner Zeile)', '55']);
  });
});

describe('publication mode', () => {
  beforeAll(async () => {
    await core.client.updateSettings({ smallCellThreshold: 5 });
  });

  const dailyCounts = (from: string, to: string) => {
    const m = new Map<string, number>();
    for (const c of counting(from, to)) m.set(c.day, (m.get(c.day) ?? 0) + 1);
    return m;
  };

  it.each([
    ['a month of busy days (daily)', '2026-02-01', '2026-02-28'],
    ['quiet and busy days (daily)', '2025-10-01', '2025-12-31'],
    ['quiet weeks (weekly)', '2025-07-01', '2025-11-30'],
    ['quiet and busy weeks (weekly)', '2025-09-01', '2026-02-28'],
    ['a busy month with one quiet day (daily)', '2025-06-01', '2025-06-30'],
    ['four whole weeks of a month, one of them quiet (weekly)', '2025-06-02', '2025-09-28'],
  ])(
    '%s: shown figures are true and not small, SDG rows go with their topics, and no hidden count can be pinned',
    async (_name, from, to) => {
      const original = await core.client.getReport({ from, to, publication: false });
      const published = await core.client.getReport({ from, to, publication: true, publicationMethod: 'suppression' });
      const threshold = published.publication.threshold;
      const shownTrue = (out: (number | null)[], truth: (number | null)[]) =>
        out.forEach((n, i) => n !== null && (expect(n).toBe(truth[i]), expect(n >= threshold || n === 0, `${n} is small`).toBe(true)));
      shownTrue(
        published.series.points.map((p) => p.n),
        original.series.points.map((p) => p.n),
      );
      shownTrue(
        [...published.bySdg.rows.map((r) => r.n), published.bySdg.total, published.bySdg.contacts],
        [...original.bySdg.rows.map((r) => r.n), original.bySdg.total, original.bySdg.contacts],
      );
      expect(
        published.series.points.some((p) => p.n === null),
        'the period has small points to hide',
      ).toBe(true);
      // A goal of one topic with contacts is that topic's mentions: shown or hidden with them; a goal of a hidden topic is hidden.
      const mention = new Map(published.byTopic.mentions.rows.map((r) => [r.key, r.n]));
      const counted = new Map(original.byTopic.mentions.rows.map((r) => [r.key, r.n!]));
      for (const row of published.bySdg.rows) {
        const topics = row.topicIds.filter((id) => (counted.get(id) ?? 0) > 0);
        if (topics.some((id) => mention.get(id) === null)) expect(row.n, `goal ${row.key}`).toBeNull();
        if (topics.length === 1) expect(row.n, `goal ${row.key}`).toBe(mention.get(topics[0]!));
      }
      expect(pinnedWithFigures(published, original, dailyCounts(from, to))).toEqual([]);
    },
    120_000,
  );
});
