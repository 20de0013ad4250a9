import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { Pivot } from '../../core/analysis/pivot-types';
import type { Catalog } from '../../core/catalog/catalog-types';
import { WORDS } from '../../core/exports/report-html-words';
import type { Report } from '../../core/reports/report-types';
import { parseCsv, withoutBom } from '../exports/csv-parse';
import { readWorkbook, sheetValues } from '../exports/xlsx-read';
import { runScript } from '../support/run-script';
import { openTempCore, type TempCore } from '../support/temp-core';
import { possibleTrueCounts, SEED_FROM, SEED_NOW, SEED_TO, seedPublicationSite } from './publication-seed';
import { cellIn, reportCells } from './report-cells';

/**
 * The cell-key method's promise (issue 17): the same set of contacts has the same published value
 * wherever it appears — the month report, the year report's month, a pivot over the year, the CSV,
 * the XLSX, the HTML page, `getReport`'s JSON and `npm run report -- --format json --publication`.
 * And its utility: a published count is within ±2 of the true one, so counts of 20 and more and
 * report totals stay useful. On a seeded half year of about 6,000 contacts with seeded record keys.
 */

let core: TempCore;
let catalog: Catalog;

beforeAll(async () => {
  core = await openTempCore(SEED_NOW);
  await seedPublicationSite(core.client, { contacts: 6000, seed: 23 });
  catalog = await core.client.getCatalog({});
}, 180_000);

afterAll(() => core?.dispose());

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const APRIL = { from: '2026-04-01', to: '2026-04-30' };
const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

type Period = { from: string; to: string };
const published = (p: Period, filters: ReportFilters = []) =>
  core.client.getReport({ ...p, publication: true, publicationMethod: 'cellKey', ...(filters.length > 0 && { filters }) });
const plain = (p: Period, filters: ReportFilters = []) => core.client.getReport({ ...p, publication: false, ...(filters.length > 0 && { filters }) });
const pivot = (
  p: Period,
  rows: Parameters<Client['getPivot']>[0]['rows'],
  columns: Parameters<Client['getPivot']>[0]['columns'],
  options: { filters?: ReportFilters; publication?: boolean } = {},
) => core.client.getPivot({ ...p, rows, columns, filters: options.filters ?? [], publication: options.publication ?? true });

/** A pivot's figures by header keys; 0 where it lists no such row or column. */
const pivotCell = (p: Pivot, row: string | number, column: string | number) => {
  const i = p.rows.findIndex((h) => h.key === row);
  const j = p.columns.findIndex((h) => h.key === column);
  return i < 0 || j < 0 ? 0 : p.cells[i]![j]!;
};
const pivotRowTotal = (p: Pivot, row: string | number) => {
  const i = p.rows.findIndex((h) => h.key === row);
  return i < 0 ? 0 : p.rowTotals[i]!;
};

const topicId = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const monthN = (r: Report, month: string) => r.monthly.find((m) => m.month === month)?.n ?? 0;
const rowN = (rows: { key: number | string; n: number | null }[], key: number | string) => rows.find((r) => r.key === key)?.n ?? 0;

// ---------------------------------------------------------------- the exports, read back

async function exported(p: Period, format: 'report-csv' | 'report-xlsx' | 'report-html', filters: ReportFilters = []) {
  const file = await core.client.exportReport({
    period: { ...p, publication: true, publicationMethod: 'cellKey', ...(filters.length > 0 && { filters }) },
    format,
  });
  return Buffer.from(file.base64, 'base64');
}

/** A number as the German exports write it: 6.143 → 6143; "·" (never in the cell-key method) → NaN. */
const germanCount = (text: string) => (/^\d{1,3}(\.\d{3})*$/.test(text) ? Number(text.replaceAll('.', '')) : Number.NaN);

/** The CSV's value at (table title, row label, column header): its sections are a title line, a header, rows, an empty line. */
function csvValue(bytes: Buffer, title: string, label: string, column: number): number {
  const rows = parseCsv(withoutBom(bytes));
  const start = rows.findIndex((r) => r.length === 1 && r[0] === title);
  if (start < 0) throw new Error(`CSV: no table "${title}"`);
  for (let i = start + 2; i < rows.length && !(rows[i]!.length === 1 && rows[i]![0] === ''); i++)
    if (rows[i]![0] === label) return germanCount(rows[i]![column]!);
  throw new Error(`CSV: no row "${label}" in "${title}"`);
}

async function xlsxValue(bytes: Buffer, sheetName: string, label: string, column: number): Promise<number> {
  const sheet = (await readWorkbook(bytes)).getWorksheet(sheetName);
  if (!sheet) throw new Error(`XLSX: no sheet "${sheetName}"`);
  const row = sheetValues(sheet).find((r) => r[0] === label);
  if (!row) throw new Error(`XLSX: no row "${label}" in "${sheetName}"`);
  return row[column] as number;
}

const unescape = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/** The German part of the page: a key figure by its label, or a table cell by caption, row label and column. */
function htmlPart(bytes: Buffer, lang: 'de' | 'en') {
  const page = bytes.toString('utf8');
  const start = page.indexOf(`<article lang="${lang}"`);
  const part = page.slice(start, page.indexOf('</article>', start));
  const number = (text: string) => (lang === 'de' ? germanCount(text) : /^\d{1,3}(,\d{3})*$/.test(text) ? Number(text.replaceAll(',', '')) : Number.NaN);
  return {
    page,
    figure(label: string): number {
      const m = part.match(new RegExp(`<dt>${label}</dt><dd class="value">([^<]*)</dd>`));
      if (!m) throw new Error(`HTML: no key figure "${label}"`);
      return number(m[1]!);
    },
    cell(caption: string, label: string, column: number): number {
      const table = part.split('<table>').find((t) => unescape(t.match(/<caption>([^<]*)<\/caption>/)?.[1] ?? '') === caption);
      if (!table) throw new Error(`HTML: no table "${caption}"`);
      for (const row of table.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)) {
        if (unescape(row[1]!) !== label) continue;
        const cells = [...row[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]!);
        return number(cells[column - 1]!);
      }
      throw new Error(`HTML: no row "${label}" in "${caption}"`);
    },
  };
}

/** `npm run report -- --format json --publication` on the same data (SQLite file, or the PostgreSQL database by its URL). */
async function cliJson(p: Period, filters: string[] = []): Promise<Report> {
  const out = join(core.dir, `cli-${p.from}-${filters.join('-').replace(/[^a-z0-9]/gi, '')}.json`);
  const run = await runScript(
    'scripts/report.ts',
    ['--data', core.dir, '--from', p.from, '--to', p.to, '--format', 'json', '--publication', ...filters.flatMap((f) => ['--filter', f]), '--out', out],
    undefined,
    'postgres' in core.location ? { KONTAKTDESK_DATABASE_URL: core.location.postgres } : {},
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

// ---------------------------------------------------------------- consistency

describe('the same cell has the same published value everywhere', { timeout: 120_000 }, () => {
  it("March's contacts: the month report, its month, the year's and half year's month, April's previous period, pivots over the year, CSV, XLSX, HTML and the CLI's JSON", async () => {
    const march = await published(MARCH);
    const truth = (await plain(MARCH)).total!;
    const april = await published(APRIL);
    expect(april.comparisons.previousPeriod).toMatchObject({ period: { from: MARCH.from, to: MARCH.to }, basis: 'wholeMonths' });
    const monthByChannel = await pivot(YEAR, 'month', 'channel');
    const monthByLanguage = await pivot(YEAR, 'month', 'language');
    const channelByAsker = await pivot(MARCH, 'channel', 'asker');
    const csv = await exported(MARCH, 'report-csv');
    const xlsx = await exported(MARCH, 'report-xlsx');
    const html = await exported(MARCH, 'report-html');
    const cli = await cliJson(MARCH);
    const places: Record<string, number | null> = {
      'month report: total': march.total,
      'month report: its month': monthN(march, '2026-03'),
      'year report: March': monthN(await published(YEAR), '2026-03'),
      'half year report: March': monthN(await published({ from: SEED_FROM, to: SEED_TO }), '2026-03'),
      "April report: previous period's total": april.comparisons.previousPeriod.total,
      'pivot month × channel over the year: March row total': pivotRowTotal(monthByChannel, '2026-03'),
      'pivot month × language over the year: March row total': pivotRowTotal(monthByLanguage, '2026-03'),
      'pivot channel × asker over March: total': channelByAsker.total,
      'CSV: Kennzahlen, Kontakte': csvValue(csv, 'Kennzahlen', 'Kontakte', 1),
      'XLSX: Kennzahlen, Kontakte': await xlsxValue(xlsx, 'Kennzahlen', 'Kontakte', 1),
      'HTML (de): key figure': htmlPart(html, 'de').figure(WORDS.de.total),
      'HTML (en): key figure': htmlPart(html, 'en').figure(WORDS.en.total),
      'npm run report --format json --publication: total': cli.total,
    };
    expect(new Set(Object.values(places)), JSON.stringify(places, null, 1)).toEqual(new Set([march.total]));
    expect(possibleTrueCounts(march.total!)).toContain(truth);
    // The pivots are published too, and the page says how.
    expect([monthByChannel.publication, cli.publication.method]).toEqual([true, 'cellKey']);
    // The CLI writes exactly what getReport returns.
    expect({ ...cli, generatedAt: '' }).toEqual(JSON.parse(JSON.stringify({ ...march, generatedAt: '' })));
  });

  it('the first quarter: its report total, the March report since opening, the year report running total for March, a pivot over the quarter', async () => {
    const q1 = await published(Q1);
    const places = {
      'Q1 report: total': q1.total,
      'March report: contacts since opening': (await published(MARCH)).headline.sinceOpening.total,
      'year report: running total at March': (await published(YEAR)).monthly.find((m) => m.month === '2026-03')!.cumulative,
      'pivot language × channel over Q1: total': (await pivot(Q1, 'language', 'channel')).total,
    };
    expect(new Set(Object.values(places)), JSON.stringify(places)).toEqual(new Set([q1.total]));
    expect(possibleTrueCounts(q1.total!)).toContain((await plain(Q1)).total);
  });

  it.each([
    ['Gewaltschutz', 'de'],
    ['Arbeit', 'uk'],
    ['Pflege & Demenz', 'fa'],
    ['Wohnen', 'hr'],
  ])('topic %s × language %s in March: filtered reports both ways, pivots both ways, the year pivot, CSV, XLSX, HTML and the CLI', async (topic, language) => {
    const t = topicId(topic);
    const byLanguage: ReportFilters = [{ dimension: 'language', values: [language], exclude: false }];
    const byTopic: ReportFilters = [{ dimension: 'topic', values: [t], exclude: false }];
    const languageLabel = catalog.languages.find((l) => l.code === language)!.labelDe;
    const filtered = await published(MARCH, byLanguage);
    const truth = rowN((await plain(MARCH, byLanguage)).byTopic.mentions.rows, t);
    const mentions = rowN(filtered.byTopic.mentions.rows, t);
    const csv = await exported(MARCH, 'report-csv', byLanguage);
    const xlsx = await exported(MARCH, 'report-xlsx', byLanguage);
    const html = htmlPart(await exported(MARCH, 'report-html', byLanguage), 'de');
    const cli = await cliJson(MARCH, [`language=${language}`]);
    const places = {
      'March filtered to the language: topic mentions row': mentions,
      'March filtered to the topic: language row': rowN((await published(MARCH, byTopic)).byLanguage.rows, language),
      'pivot topic × language over March': pivotCell(await pivot(MARCH, 'topic', 'language'), t, language),
      'pivot language × topic over March': pivotCell(await pivot(MARCH, 'language', 'topic'), language, t),
      'pivot month × language over the year, filtered to the topic': pivotCell(
        await pivot(YEAR, 'month', 'language', { filters: byTopic }),
        '2026-03',
        language,
      ),
      'CSV: Themen – Nennungen': csvValue(csv, 'Themen – Nennungen', topic, 1),
      'XLSX: Themen – Nennungen': await xlsxValue(xlsx, 'Themen – Nennungen', topic, 1),
      'HTML: Themen, Nennungen': html.cell(WORDS.de.topics, topic, 2),
      'CLI JSON: topic mentions row': rowN(cli.byTopic.mentions.rows, t),
    };
    expect(new Set(Object.values(places)), JSON.stringify(places, null, 1)).toEqual(new Set([mentions]));
    expect(possibleTrueCounts(mentions)).toContain(truth);
    // The first topic as well: the filtered report's contacts row is the first-topic pivot's cell.
    const firstTopic = rowN(filtered.byTopic.contacts.rows, t);
    expect(pivotCell(await pivot(MARCH, 'firstTopic', 'language'), t, language)).toBe(firstTopic);
    expect(csvValue(csv, 'Themen – Kontakte', topic, 1)).toBe(firstTopic);
    expect(html.cell(WORDS.de.topics, topic, 1)).toBe(firstTopic);
    // The page's language table of the topic-filtered report shows the same as the pivot.
    const topicPage = htmlPart(await exported(MARCH, 'report-html', byTopic), 'de');
    expect(topicPage.cell(WORDS.de.languages, languageLabel, 1)).toBe(places['pivot topic × language over March']);
  });

  it('a published cell is the same on every call: asking twice, or after other reports, changes nothing', async () => {
    const first = await published(MARCH);
    await published(YEAR);
    await pivot(YEAR, 'topic', 'language');
    const again = await published(MARCH);
    expect({ ...again, generatedAt: '' }).toEqual({ ...first, generatedAt: '' });
  });
});

// ---------------------------------------------------------------- utility

describe('utility: published counts stay close to the true ones', { timeout: 180_000 }, () => {
  const periods: Period[] = [
    ...[1, 2, 3, 4, 5, 6].map((m) => ({ from: `2026-0${m}-01`, to: new Date(Date.UTC(2026, m, 0)).toISOString().slice(0, 10) })),
    Q1,
    { from: SEED_FROM, to: SEED_TO },
    { from: '2026-02-10', to: '2026-05-20' },
  ];
  const filterSets: ReportFilters[] = [
    [],
    [{ dimension: 'language', values: ['de'], exclude: false }],
    [{ dimension: 'channel', values: ['phone'], exclude: true }],
  ];

  it('every report cell with a true count of 20 or more is within ±2, every cell is one its true count can give, and report totals are within ±2', async () => {
    let large = 0;
    let cells = 0;
    const problems: string[] = [];
    for (const p of periods) {
      for (const filters of filterSets) {
        const truth = await plain(p, filters);
        const shown = await published(p, filters);
        const t = reportCells(truth);
        const s = reportCells(shown);
        for (const cell of new Set([...t.keys(), ...s.keys()])) {
          const trueCount = cellIn(t, cell)!;
          const value = cellIn(s, cell);
          cells++;
          if (trueCount >= 20) large++;
          if (value === null || !possibleTrueCounts(value).includes(trueCount) || Math.abs(value - trueCount) > 2)
            problems.push(`${p.from}…${p.to} ${JSON.stringify(filters)} ${cell}: true ${trueCount}, published ${value}`);
        }
        for (const [name, a, b] of [
          ['total', truth.total, shown.total],
          ['topic contacts total', truth.byTopic.contacts.total, shown.byTopic.contacts.total],
          ['topic mentions total', truth.byTopic.mentions.total, shown.byTopic.mentions.total],
          ['language total', truth.byLanguage.total, shown.byLanguage.total],
          ['referral total', truth.byReferral.total, shown.byReferral.total],
          ['cross table total', truth.topicReferrals.total, shown.topicReferrals.total],
          ['open hours contacts', truth.openHours.contacts, shown.openHours.contacts],
          ['since opening', truth.headline.sinceOpening.total, shown.headline.sinceOpening.total],
        ] as const) {
          if (b === null || a === null || Math.abs(b - a) > 2) problems.push(`${p.from}…${p.to} ${JSON.stringify(filters)} ${name}: true ${a}, published ${b}`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(large).toBeGreaterThan(500);
    expect(cells).toBeGreaterThan(5000);
  });

  it('pivot cells and totals: within ±2, and one their true count can give', async () => {
    const problems: string[] = [];
    let large = 0;
    for (const [rows, columns] of [
      ['topic', 'language'],
      ['month', 'channel'],
      ['firstTopic', 'referral'],
      ['weekday', 'hour'],
    ] as const) {
      const truth = await pivot({ from: SEED_FROM, to: SEED_TO }, rows, columns, { publication: false });
      const shown = await pivot({ from: SEED_FROM, to: SEED_TO }, rows, columns);
      expect(shown.publication).toBe(true);
      const check = (what: string, trueCount: number, value: number) => {
        if (trueCount >= 20) large++;
        if (!possibleTrueCounts(value).includes(trueCount)) problems.push(`${rows} × ${columns} ${what}: true ${trueCount}, published ${value}`);
      };
      truth.rows.forEach((r, i) => truth.columns.forEach((c, j) => check(`${r.key}|${c.key}`, truth.cells[i]![j]!, pivotCell(shown, r.key, c.key))));
      truth.rows.forEach((r, i) => check(`row ${r.key}`, truth.rowTotals[i]!, pivotRowTotal(shown, r.key)));
      check('total', truth.total, shown.total);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(large).toBeGreaterThan(100);
  });
});
