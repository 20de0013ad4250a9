import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import { writeExportCounted } from '../../core/exports/export-report';
import { writeToBuffer } from '../../core/exports/sinks';
import { onPostgres } from '../support/test-database';
import { parseCsv, withoutBom } from './csv-parse';
import { MARCH, openFilterFixture, plainContacts, randomFilters, recount, type FilterFixture, type PlainContact } from './filter-fixture';
import { readWorkbook } from './xlsx-read';

/**
 * The raw exports under a filter (core/analysis/filter-sql.ts): exactly the contacts the filter's
 * meaning, written out plainly over the tables (filter-fixture.ts), selects; and, the report being
 * computed another way, exactly as many as the filtered report counts.
 */

let f: FilterFixture;
let march: PlainContact[];
beforeAll(async () => {
  f = await openFilterFixture();
  march = await plainContacts(f);
});
afterAll(() => f?.core.dispose());

async function rawCsvRows(filters: ReportFilters) {
  const { buffer, result } = await writeToBuffer((out) => writeExportCounted(f.core.context, { ...MARCH, publication: false, filters }, 'raw-csv', out));
  const [, ...rows] = parseCsv(withoutBom(buffer));
  return { rows, written: result.rows };
}

/** Day and time as the raw export writes them, for contacts read from the tables. */
async function dayTimes(contacts: PlainContact[]): Promise<string[]> {
  const { rows } = await rawCsvRows([]);
  const byId = new Map(march.map((c, i) => [c.id, `${rows[i]![0]} ${rows[i]![1]}`]));
  return contacts.map((c) => byId.get(c.id)!);
}

type Pick = (f: FilterFixture) => ReportFilters;
const topic = (f: FilterFixture, i: number) => f.pools.topic[i]!;

const HAND_PICKED: [string, Pick][] = [
  ['one language', () => [{ dimension: 'language', values: ['ar'], exclude: false }]],
  ['two topics', (f) => [{ dimension: 'topic', values: [topic(f, 0), topic(f, 1)], exclude: false }]],
  ['a first topic', (f) => [{ dimension: 'firstTopic', values: [topic(f, 2)], exclude: false }]],
  ['no referral', () => [{ dimension: 'referral', values: ['none'], exclude: false }]],
  ['some referral (not none)', () => [{ dimension: 'referral', values: ['none'], exclude: true }]],
  ['a referral or none', (f) => [{ dimension: 'referral', values: [f.pools.referral[0]!, 'none'], exclude: false }]],
  ['on the theme day', (f) => [{ dimension: 'themeDay', values: [f.themeDay], exclude: false }]],
  ['not on the theme day', (f) => [{ dimension: 'themeDay', values: [f.themeDay], exclude: true }]],
  ['an SDG goal', () => [{ dimension: 'sdg', values: [8], exclude: false }]],
  ['a goal no topic carries', () => [{ dimension: 'sdg', values: [17], exclude: false }]],
  [
    'phone calls from organisations at the second desk',
    (f) => [
      { dimension: 'channel', values: ['phone'], exclude: false },
      { dimension: 'asker', values: ['organisation'], exclude: false },
      { dimension: 'desk', values: [f.secondDesk], exclude: false },
    ],
  ],
  [
    'a language, without a topic',
    (f) => [
      { dimension: 'language', values: ['de', 'en'], exclude: false },
      { dimension: 'topic', values: [topic(f, 0)], exclude: true },
    ],
  ],
];

const picked = (name: string) => HAND_PICKED.find(([n]) => n === name)![1](f);
const NAMES = HAND_PICKED.map(([name]) => name);

describe('raw exports under a filter', () => {
  it('the fixture has contacts on every side of each hand-picked filter', () => {
    for (const name of NAMES) {
      const n = recount(march, picked(name), f.catalog).length;
      if (name === 'a goal no topic carries') expect(n).toBe(0);
      else expect(n, name).toBeGreaterThan(0);
      expect(n, name).toBeLessThan(march.length);
    }
  });

  it.each(NAMES)('%s: the raw CSV lists exactly the matching contacts, in entry order', async (name) => {
    const filters = picked(name);
    const expected = recount(march, filters, f.catalog);
    const { rows, written } = await rawCsvRows(filters);
    expect(written).toBe(expected.length);
    expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(await dayTimes(expected));
  });

  it('random filters select what the plain recount selects', async () => {
    const all = await dayTimes(march);
    await fc.assert(
      fc.asyncProperty(randomFilters(f.pools), async (filters) => {
        const expected = recount(march, filters, f.catalog);
        const { rows } = await rawCsvRows(filters);
        const byId = new Map(march.map((c, i) => [c.id, all[i]!]));
        expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(expected.map((c) => byId.get(c.id)));
      }),
      { numRuns: onPostgres() ? 25 : 60, seed: 16 },
    );
  });

  it('the raw XLSX holds the same contacts as the raw CSV', async () => {
    const filters: ReportFilters = [{ dimension: 'referral', values: ['none'], exclude: true }];
    const { buffer, result } = await writeToBuffer((out) => writeExportCounted(f.core.context, { ...MARCH, publication: false, filters }, 'raw-xlsx', out));
    const sheet = (await readWorkbook(buffer)).getWorksheet('Rohdaten')!;
    expect(result.rows).toBe(recount(march, filters, f.catalog).length);
    expect(sheet.rowCount).toBe(result.rows + 1);
  });

  it('a filter naming a merged topic exports the contacts of the topic it was merged into', async () => {
    const extra = await f.core.handlers.saveCatalogEntry({
      kind: 'topic',
      labelDe: 'Bald weg',
      labelEn: 'Gone soon',
      color: '#123456',
      hotkey: null,
      sdgs: [],
    });
    const target = f.pools.topic[3] as number;
    await f.core.handlers.mergeCatalogEntries({ kind: 'topic', sourceId: extra.entry.id, targetId: target, dryRun: false });
    const { written } = await rawCsvRows([{ dimension: 'topic', values: [extra.entry.id], exclude: false }]);
    expect(written).toBe(recount(march, [{ dimension: 'topic', values: [target], exclude: false }], f.catalog).length);
  });
});

describe('raw exports and the filtered report agree', () => {
  it.each(NAMES)('%s: the raw export has as many rows as the filtered report counts contacts', async (name) => {
    const filters = picked(name);
    const report = await f.core.handlers.getReport({ ...MARCH, publication: false, filters });
    const { written } = await rawCsvRows(filters);
    expect(report.filters.map((c) => c.dimension)).toEqual(filters.map((c) => c.dimension));
    expect(written).toBe(report.total);
  });

  it("the report XLSX's raw sheet lists only the contacts the filtered report counts", async () => {
    const filters: ReportFilters = [{ dimension: 'language', values: ['ar', 'tr'], exclude: false }];
    const { buffer, result } = await writeToBuffer((out) => writeExportCounted(f.core.context, { ...MARCH, publication: false, filters }, 'report-xlsx', out));
    const sheet = (await readWorkbook(buffer)).getWorksheet('Rohdaten')!;
    expect(sheet.rowCount - 1).toBe(result.contacts);
    expect(sheet.rowCount - 1).toBe(recount(march, filters, f.catalog).length);
  });
});
