import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterClause } from '../../core/analysis/filter-inputs';
import type { Catalog } from '../../core/catalog/catalog-types';
import { seededRandom, weightedPick } from '../../core/demo/random';
import { publishedCount } from '../../core/publication/cell-key';
import { computeReport } from '../../core/reports/compute-report';
import type { Report } from '../../core/reports/report-types';
import { applyPublicationMode } from '../../core/reports/suppression';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { readRecountData, recountReport, recountReportKeys, totalCellIn, type RecountData, type ReportFigures } from '../support/recount';
import { refusal } from '../support/refusal';
import { execute, queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { kindOf, pinnedInReport } from './recoverability';

/**
 * The report published by the cell-key method (issue 17), on a real database with seeded contacts.
 * Expected values come from the recount of test/support/recount.ts (plain loops over the base tables,
 * record keys summed modulo 2^32 beside each count) and the perturbation table: every figure shown must
 * be `publishedCount(true count, key sum of exactly the contacts it counts)`. The plain report is checked
 * against the same recount with true counts, so both run through one comparison.
 */
const NOW = Date.parse('2026-04-15T10:00:00Z');
const OPENING = '2024-11-01';
/** The weekly theme day runs on Wednesdays 14–17 from this day; its ordinary days are the 13 Wednesdays before it. */
const THEME_FROM = '2026-01-07';
const ORDINARY_WEDNESDAYS = [
  '2025-12-31',
  '2025-12-24',
  '2025-12-17',
  '2025-12-10',
  '2025-12-03',
  '2025-11-26',
  '2025-11-19',
  '2025-11-12',
  '2025-11-05',
  '2025-10-29',
  '2025-10-22',
  '2025-10-15',
  '2025-10-08',
];

type Publish = (n: number, key: number) => number;
const cellKey: Publish = publishedCount;
const plain: Publish = (n) => n;
type Counts = Record<string, number>;
const KEY_RANGE = 4_294_967_296;
const sumCell = (counts: Counts, keys: Counts, which: (k: string) => boolean = () => true) => {
  let n = 0;
  let key = 0;
  for (const k of Object.keys(counts).filter(which)) {
    n += counts[k]!;
    key = (key + (keys[k] ?? 0)) % KEY_RANGE;
  }
  return { n, key };
};

/** What a leaf is (`kindOf`); a null where no number ever stands (a reason, an organisation) is `other`. */
const kindOfLeaf = (path: string, value: number | null) => {
  try {
    return kindOf(path);
  } catch (e) {
    if (value === null) return 'other';
    throw e;
  }
};

/** Every leaf of a report that is a count (a number or null), with its path in the form `kindOf` reads. */
function counts(report: Report): { path: string; value: number | null }[] {
  return leaves(report).filter((x) => kindOfLeaf(x.path, x.value) === 'count');
}
function leaves(value: unknown, path = ''): { path: string; value: number | null }[] {
  if (value === null || typeof value === 'number') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, `${path}[]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [];
}

describe('a report published by the cell-key method', () => {
  let core: TempCore;
  let catalog: Catalog;
  let data: RecountData;
  let themeDayId: number;
  let groups: { main: number; health: number; retired: number };
  let groupTopics: { main: number[]; health: number[]; retired: number[] };

  beforeAll(async () => {
    core = await openTempCore(NOW);
    const h = core.client;
    await h.updateSettings({ openingDate: OPENING });
    // Imported monthly counts first (months with recorded contacts would need `overwrite`): in December 2024 and July 2025.
    const monthly = csvBytes([
      MONTHLY_HEADER,
      ['2024-12', 'Arbeit', '12'],
      ['2024-12', 'Gewaltschutz', '1'],
      ['2025-07', 'Wohnen', '6'],
      ['2025-07', 'Arbeit', '2'],
    ]);
    await h.commitImport(importInput('monatswerte.csv', monthly));
    catalog = await h.getCatalog({});
    const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
    const zebra = catalog.organisations.find((o) => o.name === 'ZEBRA')!.id;
    const weekly = await h.saveThemeDay({
      themeDay: { title: 'Flucht und Migration', organisationId: zebra, kind: 'weekly', weekday: 3, startHour: 14, endHour: 17, validFrom: THEME_FROM },
      dryRun: false,
    });
    themeDayId = weekly.themeDay!.id;

    // Some topics common, some rare (small cells), languages likewise; a few referrals.
    const random = seededRandom(1717);
    const topicWeights = catalog.topics.map((t, i) => [t.id, i < 3 ? 12 : i < 6 ? 4 : 1] as const);
    const languageWeights = catalog.languages.map((l, i) => [l.id, i === 0 ? 20 : i < 4 ? 3 : 1] as const);
    const orgs = catalog.organisations.slice(0, 7).map((o) => o.id);
    const log = async (at: number) => {
      const topics = new Set([weightedPick(random, topicWeights)]);
      if (random() < 0.25) topics.add(weightedPick(random, topicWeights));
      if (random() < 0.05) topics.add(weightedPick(random, topicWeights));
      const referralIds = random() < 0.35 ? [...new Set([orgs[Math.floor(random() * orgs.length)]!, ...(random() < 0.2 ? [orgs[0]!] : [])])] : [];
      return h.logContact({
        topicIds: [...topics],
        referralIds,
        languageId: weightedPick(random, languageWeights),
        channel: weightedPick(random, [
          ['in_person', 6],
          ['phone', 3],
          ['email', 1],
        ] as const),
        asker: random() < 0.85 ? 'citizen' : 'organisation',
        occurredAt: new Date(at).toISOString(),
      });
    };
    const start = Date.parse(`${OPENING}T00:00:00Z`);
    const span = Date.parse('2026-04-14T00:00:00Z') - start;
    const logged: number[] = [];
    for (let i = 0; i < 420; i++) {
      const day = start + Math.floor(random() * (span / 86_400_000)) * 86_400_000;
      logged.push((await log(day + (7 + Math.floor(random() * 10)) * 3_600_000 + Math.floor(random() * 60) * 60_000)).contact.id);
    }
    // Wednesday afternoons (14–17 local, summer and winter time alike) on the ordinary days and on theme days.
    for (const wednesday of [...ORDINARY_WEDNESDAYS, '2026-01-14', '2026-01-21', '2026-02-04', '2026-02-18', '2026-03-04', '2026-03-11', '2026-03-25']) {
      for (let i = Math.floor(random() * 4); i > 0; i--) await log(Date.parse(`${wednesday}T13:05:00Z`) + Math.floor(random() * 110) * 60_000);
    }
    // Corrections: some voided, one amended.
    for (const id of logged.filter((_, i) => i % 37 === 5)) await h.voidContact({ contactId: id, reason: 'wrong_entry' });
    await h.amendContact({ contactId: logged[3]!, topicIds: [topic('Gewaltschutz')] });

    // Topic groups: two active, one retired (its topic stays a single row).
    groupTopics = {
      main: [topic('Arbeit'), topic('Grundsicherung/Sozialhilfe'), topic('Armut/Schulden')],
      health: [topic('Gesundheit'), topic('Pflege & Demenz')],
      retired: [topic('Gewaltschutz')],
    };
    const save = async (labelDe: string, labelEn: string, topicIds: number[]) =>
      (await h.saveCatalogEntry({ kind: 'topicGroup', labelDe, labelEn, topicIds })).entry.id;
    groups = {
      main: await save('Existenzsicherung', 'Subsistence', groupTopics.main),
      health: await save('Gesundheit & Pflege', 'Health & care', groupTopics.health),
      retired: await save('Schutz', 'Protection', groupTopics.retired),
    };
    await h.setCatalogEntryRetired({ kind: 'topicGroup', id: groups.retired, retired: true });
    catalog = await h.getCatalog({});
    data = await readRecountData(core.context.db);
  }, 240_000);

  afterAll(() => core?.dispose());

  const getReport = (input: {
    from: string;
    to: string;
    publication?: boolean;
    publicationMethod?: 'cellKey' | 'suppression';
    topicGroups?: boolean;
    filters?: FilterClause[];
  }) => core.client.getReport({ publication: false, ...input });

  /**
   * Every figure of `report` against the recount, as `publish(true count, key sum)`; the mismatches as
   * readable lines (none expected).
   */
  function mismatches(report: Report, publish: Publish, filters: FilterClause[] = []): string[] {
    const { from, to } = report.period;
    const f = recountReport(data, from, to, filters);
    const k = recountReportKeys(data, from, to, filters);
    const out: string[] = [];
    const want = (what: string, got: number | null | undefined, n: number, key: number) => {
      const expected = publish(n, key);
      if (got !== expected) out.push(`${what}: ${got} ≠ ${expected} (true ${n})`);
    };
    const rows = (what: string, b: Report['byLanguage'], counts: Counts, keys: Counts, total: { n: number; key: number }) => {
      const shown = new Set(b.rows.map((r) => String(r.key)));
      for (const r of b.rows) want(`${what} ${r.key}`, r.n, counts[String(r.key)] ?? 0, keys[String(r.key)] ?? 0);
      for (const key of Object.keys(counts)) if (!shown.has(key) && publish(counts[key]!, keys[key] ?? 0) > 0) out.push(`${what} ${key}: missing`);
      want(`${what} total`, b.total, total.n, total.key);
    };
    want('total', report.total, f.total, k.total);
    want('imported', report.imported ?? 0, f.imported, k.imported);
    want('importedNotIncluded', report.importedNotIncluded ?? 0, f.importedNotIncluded, k.importedNotIncluded);
    rows('topic', report.byTopic.contacts, f.topicContacts, k.topicContacts, { n: f.topicContactsTotal, key: k.topicContactsTotal });
    rows('mention', report.byTopic.mentions, f.topicMentions, k.topicMentions, { n: f.topicMentionsTotal, key: k.topicMentionsTotal });
    rows('referral', report.byReferral, f.referrals, k.referrals, { n: f.referralsTotal, key: k.referralsTotal });
    rows('language', report.byLanguage, f.languages, k.languages, sumCell(f.languages, k.languages));
    rows('channel', report.byChannel, f.channels, k.channels, sumCell(f.channels, k.channels));
    rows('asker', report.byAsker, f.askers, k.askers, sumCell(f.askers, k.askers));
    rows('desk', report.byDesk, f.desks, k.desks, sumCell(f.desks, k.desks));
    rows('theme day', report.byThemeDay, f.themeDays, k.themeDays, sumCell(f.themeDays, k.themeDays));
    want('contactsWithReferral', report.contactsWithReferral, f.contactsWithReferral, k.contactsWithReferral);
    f.monthly.forEach((m, i) => {
      want(`month ${m.month}`, report.monthly[i]?.n, m.n, k.monthly[i]!.n);
      want(`cumulative ${m.month}`, report.monthly[i]?.cumulative, m.cumulative, k.monthly[i]!.cumulative);
    });
    if (report.series.unit !== f.series.unit) out.push(`series unit ${report.series.unit} ≠ ${f.series.unit}`);
    f.series.points.forEach((p, i) => want(`series ${p.key}`, report.series.points[i]?.n, p.n, k.series.points[i]!.n));
    if (f.series.unit !== 'month') want('importedNotInSeries', report.series.importedNotInSeries ?? 0, f.imported, k.imported);
    f.heatmap.forEach((row, d) => row.forEach((n, h) => want(`heat map ${d + 1}/${h}`, report.heatmap[d]![h], n, k.heatmap[d]![h]!)));
    want('openHours.contacts', report.openHours.contacts, f.openHourContacts, k.openHourContacts);
    const perHour = publish(f.openHourContacts, k.openHourContacts) / report.openHours.hours;
    if (report.openHours.hours > 0 && report.openHours.perOpenHour !== Math.round(perHour * 100) / 100) out.push(`perOpenHour ${report.openHours.perOpenHour}`);
    // The cross-table: cells, row and column totals (cells of their own, over all their cells), the grand total.
    const cross = report.topicReferrals;
    cross.rows.forEach((r, i) => {
      cross.columns.forEach((c, j) =>
        want(`cross ${r.key}:${c.key}`, cross.cells[i]![j], f.topicReferrals[`${r.key}:${c.key}`] ?? 0, k.topicReferrals[`${r.key}:${c.key}`] ?? 0),
      );
      const row = sumCell(f.topicReferrals, k.topicReferrals, (key) => key.startsWith(`${r.key}:`));
      want(`cross row ${r.key}`, cross.rowTotals[i], row.n, row.key);
    });
    cross.columns.forEach((c, j) => {
      const column = sumCell(f.topicReferrals, k.topicReferrals, (key) => key.endsWith(`:${c.key}`));
      want(`cross column ${c.key}`, cross.columnTotals[j], column.n, column.key);
    });
    want('cross total', cross.total, f.topicReferralsTotal, k.topicReferralsTotal);
    const shownCross = new Set(cross.rows.flatMap((r) => cross.columns.map((c) => `${r.key}:${c.key}`)));
    for (const [key, n] of Object.entries(f.topicReferrals))
      if (publish(n, k.topicReferrals[key]!) > 0 && !shownCross.has(key)) out.push(`cross ${key}: missing`);
    for (const r of report.bySdg.rows) want(`goal ${r.key}`, r.n, f.sdg[r.key] ?? 0, k.sdg[r.key] ?? 0);
    want('goals total', report.bySdg.total, f.sdgTotal, k.sdgTotal);
    want('goal contacts', report.bySdg.contacts, f.sdgContacts, k.sdgContacts);
    want('since opening', report.headline.sinceOpening.total, f.sinceOpening, k.sinceOpening);
    for (const [name, c] of Object.entries(report.comparisons)) {
      if (c.total === null) continue;
      const compared = totalCellIn(data, c.period.from, c.period.to, filters);
      want(`${name} total`, c.total, compared.n, compared.key);
      if (!c.comparable) continue;
      const current = report.total!;
      if (c.delta !== current - c.total) out.push(`${name} delta ${c.delta} ≠ ${current} − ${c.total}`);
      if (c.smallBase !== c.total < 10) out.push(`${name} smallBase ${c.smallBase} with ${c.total}`);
      const pct = c.smallBase ? null : Math.round(((current - c.total) / c.total) * 1000) / 10;
      if (c.deltaPct !== pct) out.push(`${name} deltaPct ${c.deltaPct} ≠ ${pct}`);
    }
    for (const d of report.themeDays) {
      want(`theme day ${d.themeDayId} contacts`, d.contacts, f.themeDays[d.themeDayId] ?? 0, k.themeDays[d.themeDayId] ?? 0);
      // Its ordinary days (the Wednesdays before it began) between 14 and 17.
      const ordinary = data.contacts.filter((c) => ORDINARY_WEDNESDAYS.includes(c.day) && c.hour !== null && c.hour >= 14 && c.hour < 17);
      const matching = ordinary.filter((c) => recountKeeps(c.id, filters, from, to));
      want(
        `theme day ${d.themeDayId} ordinary contacts`,
        d.ordinaryContacts,
        matching.length,
        matching.reduce((s, c) => (s + c.key) % KEY_RANGE, 0),
      );
      const row = report.byThemeDay.rows.find((r) => r.key === d.themeDayId);
      if (row && row.n !== d.contacts) out.push(`theme day ${d.themeDayId}: ${d.contacts} ≠ its byThemeDay row ${row.n}`);
    }
    return out;
  }

  /** Whether the filter keeps a contact (the recount's rule, asked through a one-day recount of that contact's day). */
  function recountKeeps(contactId: number, filters: FilterClause[], _from: string, _to: string): boolean {
    if (filters.length === 0) return true;
    const c = data.contacts.find((x) => x.id === contactId)!;
    const only = { ...data, contacts: [c], imported: [] };
    return recountReport(only, c.day, c.day, filters).total === 1;
  }

  it('the seeded contacts carry random record keys (the recount reads them from the contacts table)', () => {
    expect(data.contacts.length).toBeGreaterThan(400);
    expect(new Set(data.contacts.map((c) => c.key)).size).toBeGreaterThan(data.contacts.length * 0.99);
    expect(data.contacts.every((c) => Number.isInteger(c.key) && c.key >= 0 && c.key < KEY_RANGE)).toBe(true);
    expect(data.imported.length).toBe(4);
  });

  const PERIODS: [string, string, string][] = [
    ['a month (daily series)', '2026-03-01', '2026-03-31'],
    ['ten months with an imported month (weekly series)', '2025-06-01', '2026-03-31'],
    ['since opening (monthly series, imported months)', OPENING, '2026-04-14'],
    ['a running month', '2026-04-01', '2026-04-30'],
  ];

  it.each(PERIODS)('%s: every published figure is publishedCount(true count, key sum of exactly those contacts)', async (_name, from, to) => {
    const published = await getReport({ from, to, publication: true });
    expect(published.publication).toEqual({ enabled: true, threshold: 3, method: 'cellKey' });
    expect(mismatches(published, cellKey)).toEqual([]);
    // Not the true figures: the deviations are real.
    expect(mismatches(published, plain).length).toBeGreaterThan(0);
    // The same code without publication gives the true figures.
    const original = await getReport({ from, to });
    expect(original.publication).toEqual({ enabled: false, threshold: 3, method: 'cellKey' });
    expect(mismatches(original, plain)).toEqual([]);
  });

  it('the rollups and the analysis store give the same published report (the same key sums)', async () => {
    for (const [, from, to] of PERIODS) {
      const input = { from, to, publication: true, topicGroups: true };
      const [fromRollups, fromStore] = await Promise.all([computeReport(core.context, input, 'rollups'), computeReport(core.context, input, 'analysis')]);
      expect(fromRollups).toEqual(fromStore);
    }
  });

  it('the cell-key method is the default, and the schema applies it to filtered reports too', async () => {
    const filters: FilterClause[] = [{ dimension: 'channel', values: ['phone'], exclude: false }];
    const filtered = await getReport({ from: '2025-06-01', to: '2026-03-31', publication: true, filters });
    expect(filtered.publication.method).toBe('cellKey');
    expect(filtered.importedNotIncluded).toBeGreaterThan(0);
    expect(mismatches(filtered, cellKey, filters)).toEqual([]);
    // A topic filter keeps the imported monthly counts of that topic.
    const arbeit = [{ dimension: 'topic', values: [groupTopics.main[0]!], exclude: false }] satisfies FilterClause[];
    const byTopic = await getReport({ from: OPENING, to: '2026-04-14', publication: true, filters: arbeit });
    expect(byTopic.imported).toBeGreaterThan(0);
    expect(mismatches(byTopic, cellKey, arbeit)).toEqual([]);
    // Small-cell suppression still refuses filters.
    const refused = await refusal(getReport({ from: '2026-03-01', to: '2026-03-31', publication: true, publicationMethod: 'suppression', filters }));
    expect(refused.body).toMatchObject({ code: 'invalid_input' });
  });

  it('no count of a published report is 1, 2 or null, however it is sliced', async () => {
    const reports = await Promise.all([
      ...PERIODS.map(([, from, to]) => getReport({ from, to, publication: true })),
      getReport({ from: '2026-03-01', to: '2026-03-31', publication: true, topicGroups: true }),
      getReport({ from: OPENING, to: '2026-04-14', publication: true, filters: [{ dimension: 'language', values: ['de'], exclude: true }] }),
      getReport({ from: '2026-02-02', to: '2026-02-08', publication: true, filters: [{ dimension: 'channel', values: ['email'], exclude: false }] }),
    ]);
    const bad: string[] = [];
    let seen = 0;
    for (const r of reports) {
      // A compared period before the opening (or a period not begun) has no total at all: null, not a hidden count.
      const uncounted = Object.entries(r.comparisons)
        .filter(([, c]) => c.reason === 'beforeOpening' || c.reason === 'notStarted')
        .map(([name]) => `comparisons.${name}.total`);
      for (const { path, value } of counts(r)) {
        if (uncounted.includes(path)) continue;
        seen++;
        if (value === null || value === 1 || value === 2) bad.push(`${r.period.from}…${r.period.to} ${path} = ${value}`);
      }
    }
    expect(bad).toEqual([]);
    expect(seen).toBeGreaterThan(1000);
    // The plain report of the same month does have ones and twos: the check above is not empty.
    const plainMonth = counts(await getReport({ from: '2026-03-01', to: '2026-03-31' }));
    expect(plainMonth.some((x) => x.value === 1 || x.value === 2)).toBe(true);
  });

  it('totals are cells of their own: not forced to equal the sum of their published rows', async () => {
    const sums: [string, number, number][] = [];
    for (const [, from, to] of PERIODS) {
      const r = await getReport({ from, to, publication: true });
      const add = (what: string, total: number | null, parts: (number | null)[]) =>
        sums.push([`${from} ${what}`, total!, parts.reduce<number>((s, n) => s + n!, 0)]);
      for (const name of ['byReferral', 'byLanguage', 'byChannel', 'byAsker', 'byThemeDay'] as const)
        add(
          name,
          r[name].total,
          r[name].rows.map((x) => x.n),
        );
      add(
        'topics',
        r.byTopic.contacts.total,
        r.byTopic.contacts.rows.map((x) => x.n),
      );
      add(
        'mentions',
        r.byTopic.mentions.total,
        r.byTopic.mentions.rows.map((x) => x.n),
      );
      add('heat map', r.openHours.contacts, r.heatmap.flat());
      add(
        'months',
        r.total,
        r.monthly.map((m) => m.n),
      );
      add('cross', r.topicReferrals.total, r.topicReferrals.rowTotals);
    }
    // Each total equals its own cell (checked above); with random record keys, equal sums everywhere would mean totals are summed.
    expect(sums.filter(([, total, sum]) => total !== sum).length).toBeGreaterThan(0);
  });

  it('the same contacts get the same published value in the month report, the year report and a comparison', async () => {
    const february = await getReport({ from: '2026-02-01', to: '2026-02-28', publication: true });
    const march = await getReport({ from: '2026-03-01', to: '2026-03-31', publication: true });
    const quarter = await getReport({ from: '2026-01-01', to: '2026-03-31', publication: true });
    const sinceOpening = await getReport({ from: OPENING, to: '2026-04-14', publication: true });
    expect(march.comparisons.previousPeriod.period).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect([
      march.comparisons.previousPeriod.total,
      february.monthly[0]!.n,
      quarter.monthly[1]!.n,
      sinceOpening.monthly.find((m) => m.month === '2026-02')!.n,
    ]).toEqual(new Array(4).fill(february.total));
    expect(quarter.monthly[2]!.n).toBe(march.total);
    // The headline's "since opening" of a report that starts at the opening is that report's total.
    expect(sinceOpening.headline.sinceOpening.total).toBe(sinceOpening.total);
    // A theme day's contacts are its byThemeDay row.
    const theme = quarter.themeDays.find((d) => d.themeDayId === themeDayId)!;
    expect(theme.contacts).toBe(quarter.byThemeDay.rows.find((r) => r.key === themeDayId)!.n);
  });

  it('with small-cell suppression chosen, the report is suppressed exactly as before', async () => {
    const suppressed = await getReport({ from: '2026-03-01', to: '2026-03-31', publication: true, publicationMethod: 'suppression' });
    const original = await getReport({ from: '2026-03-01', to: '2026-03-31' });
    expect(suppressed.publication).toEqual({ enabled: true, threshold: 3, method: 'suppression' });
    const values = counts(suppressed);
    expect(values.some((x) => x.value === null)).toBe(true);
    // Shown counts are the true ones (never perturbed), and none is small.
    const truth = counts(original);
    expect(values.length).toBe(truth.length);
    values.forEach((x, i) => x.value !== null && expect([x.path, x.value]).toEqual([truth[i]!.path, truth[i]!.value]));
    expect(values.filter((x) => x.value === 1 || x.value === 2)).toEqual([]);
    // Exactly small-cell suppression over the plain report, as before the cell-key method (the slots are summed from the final heat map after it, as they were).
    for (const [from, to] of [
      ['2026-03-01', '2026-03-31'],
      ['2025-06-01', '2026-03-31'],
    ]) {
      const daily = new Map<string, number>();
      for (const c of data.contacts) if (c.day >= from! && c.day <= to!) daily.set(c.day, (daily.get(c.day) ?? 0) + 1);
      const plainReport = await getReport({ from: from!, to: to! });
      const published = await getReport({ from: from!, to: to!, publication: true, publicationMethod: 'suppression' });
      const bySlotless = (r: Report) => ({ ...r, openHours: { ...r.openHours, bySlot: [] } });
      const before = { ...bySlotless(plainReport), publication: { ...plainReport.publication, method: 'suppression' as const } };
      expect(bySlotless(published)).toEqual(bySlotless(applyPublicationMode(before, { daily })));
    }
  });

  it('whether a comparison splits an imported month is judged by the published imported count, not the true one', async () => {
    // One imported contact about Gewaltschutz in December 2024; 1–15 January 2025 compares with 1–15 December.
    const filters: FilterClause[] = [{ dimension: 'topic', values: [groupTopics.retired[0]!], exclude: false }];
    const january = { from: '2025-01-01', to: '2025-01-15', filters };
    const setKey = (key: number) => execute(core.context.db, "update imported_monthly set record_key = ? where month = '2024-12' and count = 1", [key]);
    const [original] = await queryRows<{ record_key: number }>(
      core.context.db,
      "select record_key from imported_monthly where month = '2024-12' and count = 1",
    );
    try {
      // Key 0: a count of 1 publishes as 0 (table row 1: −1 for the first 40 sixtieths) — nothing shows that the month holds imported contacts.
      await setKey(0);
      const hidden = await getReport({ ...january, publication: true });
      expect(hidden.comparisons.previousPeriod).toMatchObject({ total: 0, reason: null, comparable: true });
      // The last key: +2, published as 3 — the month is seen, and splitting it is not comparable.
      await setKey(KEY_RANGE - 1);
      const shown = await getReport({ ...january, publication: true });
      expect(shown.comparisons.previousPeriod).toMatchObject({ total: 3, reason: 'importedMonthSplit', comparable: false });
      // Without publication the true count decides, as before.
      expect((await getReport(january)).comparisons.previousPeriod).toMatchObject({ total: 1, reason: 'importedMonthSplit' });
    } finally {
      await setKey(Number(original!.record_key));
    }
  });

  describe('topic groups', () => {
    const groupKey = (id: number) => `group:${id}`;

    it('a group row counts its topics together; topics in no active group stay single rows; totals are unchanged', async () => {
      const [single, grouped] = await Promise.all([
        getReport({ from: OPENING, to: '2026-04-14' }),
        getReport({ from: OPENING, to: '2026-04-14', topicGroups: true }),
      ]);
      expect(grouped.topicGroups).toBe(true);
      expect(single.topicGroups).toBeUndefined();
      for (const table of ['contacts', 'mentions'] as const) {
        const n = (id: number | string) => single.byTopic[table].rows.find((r) => r.key === id)?.n ?? 0;
        const rows = grouped.byTopic[table].rows;
        const main = rows.find((r) => r.key === groupKey(groups.main))!;
        expect(main).toMatchObject({
          label: { de: 'Existenzsicherung', en: 'Subsistence' },
          group: { id: groups.main, topicIds: [...groupTopics.main].sort((a, b) => a - b) },
        });
        expect(main.n).toBe(groupTopics.main.reduce((s, id) => s + n(id)!, 0));
        expect(rows.find((r) => r.key === groupKey(groups.health))!.n).toBe(groupTopics.health.reduce((s, id) => s + n(id)!, 0));
        // The imported part of a group row is its topics' imported parts.
        const importedOf = (id: number | string) => single.byTopic[table].rows.find((r) => r.key === id)?.imported ?? 0;
        expect(main.imported).toBe(groupTopics.main.reduce((s, id) => s + importedOf(id), 0));
        // Grouped topics are no rows of their own; the retired group's topic and every other topic are.
        const keys = rows.map((r) => r.key);
        for (const id of [...groupTopics.main, ...groupTopics.health]) expect(keys).not.toContain(id);
        expect(keys).not.toContain(groupKey(groups.retired));
        const ungrouped = catalog.topics.filter((t) => ![...groupTopics.main, ...groupTopics.health].includes(t.id)).map((t) => t.id);
        expect(keys.filter((k) => typeof k === 'number').sort()).toEqual([...ungrouped].sort());
        for (const id of ungrouped) expect(rows.find((r) => r.key === id)!.n).toBe(n(id));
        // Sorted by n like any breakdown; the total counts the same contacts (mentions).
        expect(rows.map((r) => r.n)).toEqual(rows.map((r) => r.n).sort((a, b) => b! - a!));
        expect(grouped.byTopic[table].total).toBe(single.byTopic[table].total);
      }
      // The cross-table: a group's cells add its topics' cells (topic–referral pairs).
      const cross = grouped.topicReferrals;
      const mainRow = cross.rows.findIndex((r) => r.key === groupKey(groups.main));
      expect(cross.rows[mainRow]!.group?.id).toBe(groups.main);
      cross.columns.forEach((c, j) => {
        const j0 = single.topicReferrals.columns.findIndex((x) => x.key === c.key);
        const want = groupTopics.main.reduce((s, id) => {
          const i0 = single.topicReferrals.rows.findIndex((x) => x.key === id);
          return s + (i0 < 0 ? 0 : single.topicReferrals.cells[i0]![j0]!);
        }, 0);
        expect(cross.cells[mainRow]![j]).toBe(want);
      });
      expect(cross.total).toBe(single.topicReferrals.total);
      // SDG goals stay by goal.
      expect(grouped.bySdg).toEqual(single.bySdg);
    });

    it('published by the cell-key method, a group row is publishedCount(sum of its topics’ counts, sum of their keys)', async () => {
      for (const [from, to] of [
        ['2026-03-01', '2026-03-31'],
        [OPENING, '2026-04-14'],
      ]) {
        const r = await getReport({ from: from!, to: to!, publication: true, topicGroups: true });
        const f: ReportFigures = recountReport(data, from!, to!, []);
        const k: ReportFigures = recountReportKeys(data, from!, to!, []);
        for (const [id, members] of [
          [groups.main, groupTopics.main],
          [groups.health, groupTopics.health],
        ] as const) {
          const of = (key: string) => members.includes(Number(key));
          const contacts = sumCell(f.topicContacts, k.topicContacts, of);
          const mentions = sumCell(f.topicMentions, k.topicMentions, of);
          expect(r.byTopic.contacts.rows.find((x) => x.key === groupKey(id))!.n).toBe(publishedCount(contacts.n, contacts.key));
          expect(r.byTopic.mentions.rows.find((x) => x.key === groupKey(id))!.n).toBe(publishedCount(mentions.n, mentions.key));
          const rowIndex = r.topicReferrals.rows.findIndex((x) => x.key === groupKey(id));
          if (rowIndex >= 0) {
            r.topicReferrals.columns.forEach((c, j) => {
              const cell = sumCell(f.topicReferrals, k.topicReferrals, (key) => members.includes(Number(key.split(':')[0])) && key.endsWith(`:${c.key}`));
              expect(r.topicReferrals.cells[rowIndex]![j]).toBe(publishedCount(cell.n, cell.key));
            });
          }
        }
        // No imported part is shown in publication mode, and the total is the topic table's own cell.
        expect(r.byTopic.contacts.rows.filter((x) => x.imported !== undefined)).toEqual([]);
        expect(r.byTopic.contacts.total).toBe(publishedCount(f.topicContactsTotal, k.topicContactsTotal));
      }
    });

    it('with small-cell suppression, the grouped topic table is suppressed like the topic table', async () => {
      const original = await getReport({ from: '2026-03-01', to: '2026-03-31', topicGroups: true });
      const suppressed = await getReport({ from: '2026-03-01', to: '2026-03-31', topicGroups: true, publication: true, publicationMethod: 'suppression' });
      expect(suppressed.byTopic.contacts.rows.map((r) => r.key)).toEqual(original.byTopic.contacts.rows.map((r) => r.key));
      suppressed.byTopic.contacts.rows.forEach((r, i) => {
        if (r.n === null) return;
        expect(r.n).toBe(original.byTopic.contacts.rows[i]!.n);
        expect(r.n === 0 || r.n >= 3).toBe(true);
      });
      expect(suppressed.byTopic.contacts.rows.some((r) => r.group)).toBe(true);
      // No hidden count can be worked out from the report's published figures.
      expect(pinnedInReport(suppressed, original)).toEqual([]);
    });
  });
});
