import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import { parseCsv, withoutBom } from '../exports/csv-parse';
import { MARCH, openFilterFixture, plainContacts, recount, type FilterFixture, type PlainContact } from '../exports/filter-fixture';
import { databaseDump } from '../support/database-dump';
import { refusal } from '../support/refusal';
import { TRANSPORTS, type OpenTransport } from './transports';

/**
 * `filters` on getReport and exportReport (issue 16), over every transport: accepted and answered with
 * their labels; every wrong filter refused as `invalid_input` naming the field, the database unchanged
 * byte for byte; and only from an unlocked management session.
 */

interface Refused {
  case: string;
  /** The filter as sent; `f` for ids that exist only once the fixture is built. */
  filters: (f: FilterFixture) => unknown;
  field: string;
  /** Small-cell suppression: filters are refused with it (the cell-key method allows them). */
  suppression?: boolean;
}

const publicationOf = (row: Refused) => (row.suppression ? { publication: true, publicationMethod: 'suppression' as const } : { publication: false });

const clause = (dimension: string, values: unknown[], exclude = false) => ({ dimension, values, exclude });

const REFUSED: Refused[] = [
  { case: 'an unknown topic id', filters: () => [clause('topic', [999_999])], field: 'filters.0.values.0' },
  { case: 'an unknown organisation after a known one', filters: (f) => [clause('referral', [f.pools.referral[0], 888_888])], field: 'filters.0.values.1' },
  { case: 'an unknown language code', filters: () => [clause('language', ['de', 'xx'])], field: 'filters.0.values.1' },
  { case: 'an unknown desk in the second clause', filters: () => [clause('channel', ['phone']), clause('desk', [777_777])], field: 'filters.1.values.0' },
  { case: 'an unknown theme day', filters: () => [clause('themeDay', [666_666])], field: 'filters.0.values.0' },
  { case: 'an empty value list', filters: () => [clause('language', [])], field: 'filters.0.values' },
  { case: 'a dimension filtered twice', filters: () => [clause('channel', ['phone']), clause('channel', ['email'])], field: 'filters.1.dimension' },
  { case: 'a value twice', filters: () => [clause('asker', ['citizen', 'citizen'])], field: 'filters.0.values.1' },
  { case: '"none" for a language', filters: () => [clause('language', ['none'])], field: 'filters.0.values.0' },
  { case: '"none" for a topic', filters: () => [clause('topic', ['none'])], field: 'filters.0.values.0' },
  { case: 'a channel that does not exist', filters: () => [clause('channel', ['fax'])], field: 'filters.0.values.0' },
  { case: 'SDG goal 18', filters: () => [clause('sdg', [18])], field: 'filters.0.values.0' },
  { case: 'an unknown dimension', filters: () => [clause('postcode', ['8430'])], field: 'filters.0.dimension' },
  {
    case: 'a first topic the same filter excludes as a topic',
    filters: (f) => [clause('firstTopic', [f.pools.topic[0]]), clause('topic', [f.pools.topic[0], f.pools.topic[1]], true)],
    field: 'filters.0.values',
  },
  { case: 'filters with small-cell suppression', filters: () => [clause('language', ['de'])], field: 'filters', suppression: true },
];

for (const transportUnderTest of TRANSPORTS) {
  describe(`report filters over ${transportUnderTest.name}`, () => {
    let f: FilterFixture;
    let march: PlainContact[];
    let open: OpenTransport;
    let client: Client;

    beforeAll(async () => {
      f = await openFilterFixture();
      march = await plainContacts(f);
      open = await transportUnderTest.open(f.core.api, () => f.core.session);
      client = open.client;
    });

    afterAll(async () => {
      await open?.close();
      await f?.core.dispose();
    });

    it('getReport answers a filter with its clauses labelled, counting only the contacts it matches', async () => {
      const filters: ReportFilters = [
        { dimension: 'language', values: ['ar', 'tr'], exclude: false },
        { dimension: 'referral', values: ['none'], exclude: true },
      ];
      const report = await client.getReport({ ...MARCH, filters });
      expect(report.filters).toEqual([
        {
          ...filters[0],
          labels: [
            { de: 'Arabisch', en: 'Arabic' },
            { de: 'Türkisch', en: 'Turkish' },
          ],
        },
        { ...filters[1], labels: [{ de: 'keine Weitervermittlung', en: 'no referral' }] },
      ]);
      expect(report.total).toBe(recount(march, filters, f.catalog).length);
      expect(report.total).toBeLessThan(march.length);
      expect((await client.getReport({ ...MARCH })).filters).toEqual([]);
    });

    it('exportReport writes only the matching contacts in the raw export, and the filter line in the report CSV', async () => {
      const filters: ReportFilters = [{ dimension: 'channel', values: ['phone', 'email'], exclude: false }];
      const raw = await client.exportReport({ period: { ...MARCH, filters }, format: 'raw-csv' });
      expect(raw.rows).toBe(recount(march, filters, f.catalog).length);
      expect(parseCsv(withoutBom(Buffer.from(raw.base64, 'base64')))).toHaveLength(raw.rows + 1);
      const report = await client.exportReport({ period: { ...MARCH, filters }, format: 'report-csv' });
      expect(parseCsv(withoutBom(Buffer.from(report.base64, 'base64')))).toContainEqual(['Filter', 'Kanal = Telefon, E-Mail']);
    });

    it.each(REFUSED)('getReport refuses $case naming $field, and the database stays byte for byte the same', async (row) => {
      const before = await databaseDump(f.core);
      const err = await refusal(client.getReport({ ...MARCH, ...publicationOf(row), filters: row.filters(f) as ReportFilters }));
      expect(err.body).toMatchObject({ code: 'invalid_input', field: row.field });
      expect(await databaseDump(f.core)).toEqual(before);
    });

    it.each(REFUSED)('exportReport refuses $case naming period.$field, for reports and raw exports alike', async (row) => {
      const before = await databaseDump(f.core);
      // Raw exports are refused in publication mode anyway (field `format`).
      for (const format of row.suppression ? (['report-csv'] as const) : (['report-csv', 'raw-csv', 'raw-xlsx'] as const)) {
        const period = { ...MARCH, ...publicationOf(row), filters: row.filters(f) as ReportFilters };
        const err = await refusal(client.exportReport({ period, format }));
        expect(err.body, format).toMatchObject({ code: 'invalid_input', field: `period.${row.field}` });
      }
      expect(await databaseDump(f.core)).toEqual(before);
    });

    it('a filtered report needs an unlocked management session; refused as locked, nothing written', async () => {
      const before = await databaseDump(f.core);
      const desk = createClient(open.transport);
      const filters: ReportFilters = [{ dimension: 'language', values: ['de'], exclude: false }];
      expect((await refusal(desk.getReport({ ...MARCH, filters }))).body).toMatchObject({ code: 'locked' });
      expect((await refusal(desk.exportReport({ period: { ...MARCH, filters }, format: 'raw-csv' }))).body).toMatchObject({ code: 'locked' });
      expect(await databaseDump(f.core)).toEqual(before);
    });
  });
}
