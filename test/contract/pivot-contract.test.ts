import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { Pivot } from '../../core/analysis/pivot-types';
import { parseCsv, withoutBom } from '../exports/csv-parse';
import { MARCH, openFilterFixture, plainContacts, recount, type FilterFixture, type PlainContact } from '../exports/filter-fixture';
import { readWorkbook, sheetValues } from '../exports/xlsx-read';
import { databaseDump } from '../support/database-dump';
import { refusal } from '../support/refusal';
import { openSecondCore } from '../support/second-core';
import { TRANSPORTS, type OpenTransport } from './transports';

/**
 * getPivot and exportPivot (issue 16) over every transport: the pivot equals a plain recount of the
 * contacts, the exports carry exactly its figures, wrong input is refused naming the field with the
 * database unchanged byte for byte, and only an unlocked management session may ask.
 */

type Keyed = (c: PlainContact) => (number | string)[];
const KEYS: Record<'topic' | 'channel' | 'asker' | 'desk', Keyed> = {
  topic: (c) => c.topics,
  channel: (c) => [c.channel],
  asker: (c) => [c.asker],
  desk: (c) => [c.desk],
};

/** The pivot as maps by key, so the order of rows and columns (the pivot's to choose) does not matter. */
function byKey(p: Pivot) {
  const cells = new Map<string, number>();
  p.rows.forEach((r, i) =>
    p.columns.forEach((c, j) => {
      if (p.cells[i]![j]! > 0) cells.set(`${r.key}|${c.key}`, p.cells[i]![j]!);
    }),
  );
  return {
    cells,
    rowTotals: new Map(p.rows.map((r, i) => [String(r.key), p.rowTotals[i]!])),
    columnTotals: new Map(p.columns.map((c, j) => [String(c.key), p.columnTotals[j]!])),
    total: p.total,
  };
}

/** The same counted plainly: a contact is in every row and column its values name; totals count it once. */
function recountPivot(contacts: PlainContact[], rows: Keyed, columns: Keyed): ReturnType<typeof byKey> {
  const cells = new Map<string, number>();
  const rowTotals = new Map<string, number>();
  const columnTotals = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const c of contacts) {
    for (const r of new Set(rows(c))) bump(rowTotals, String(r));
    for (const k of new Set(columns(c))) bump(columnTotals, String(k));
    for (const r of new Set(rows(c))) for (const k of new Set(columns(c))) bump(cells, `${r}|${k}`);
  }
  return { cells, rowTotals, columnTotals, total: contacts.length };
}

const input = (rows: string, columns: string, extra: Record<string, unknown> = {}) =>
  ({ ...MARCH, rows, columns, ...extra }) as Parameters<Client['getPivot']>[0];

interface Refused {
  case: string;
  pivot: Record<string, unknown>;
  field: string;
}
const REFUSED: Refused[] = [
  { case: 'the same dimension as rows and columns', pivot: input('language', 'language'), field: 'columns' },
  { case: 'an unknown dimension', pivot: input('postcode', 'language'), field: 'rows' },
  { case: 'a period ending before it starts', pivot: { ...input('topic', 'channel'), from: '2026-03-31', to: '2026-03-01' }, field: 'to' },
  { case: 'a publication flag that is no boolean', pivot: input('topic', 'channel', { publication: 'yes' }), field: 'publication' },
  {
    case: 'an unknown topic in the filter',
    pivot: input('topic', 'channel', { filters: [{ dimension: 'topic', values: [999_999] }] }),
    field: 'filters.0.values.0',
  },
  { case: 'an empty value list', pivot: input('topic', 'channel', { filters: [{ dimension: 'desk', values: [] }] }), field: 'filters.0.values' },
  {
    case: 'a dimension filtered twice',
    pivot: input('topic', 'channel', {
      filters: [
        { dimension: 'asker', values: ['citizen'] },
        { dimension: 'asker', values: ['organisation'] },
      ],
    }),
    field: 'filters.1.dimension',
  },
  { case: '"none" for a channel', pivot: input('topic', 'channel', { filters: [{ dimension: 'channel', values: ['none'] }] }), field: 'filters.0.values.0' },
];

for (const transportUnderTest of TRANSPORTS) {
  describe(`pivots over ${transportUnderTest.name}`, () => {
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

    it('topic × channel counts what a plain recount counts; topics are multi-valued, so a column adds up to more than its total', async () => {
      const pivot = await client.getPivot(input('topic', 'channel'));
      expect(pivot).toMatchObject({ rowDimension: 'topic', columnDimension: 'channel', multiValued: ['topic'], filters: [], importedNotIncluded: 0 });
      expect(byKey(pivot)).toEqual(recountPivot(march, KEYS.topic, KEYS.channel));
      const firstColumn = pivot.cells.reduce((sum, row) => sum + row[0]!, 0);
      expect(firstColumn).toBeGreaterThan(pivot.columnTotals[0]!);
    });

    it('a filtered pivot counts only the contacts the filter matches, and names the filter with its labels', async () => {
      const filters: ReportFilters = [
        { dimension: 'language', values: ['ar', 'tr'], exclude: false },
        { dimension: 'referral', values: ['none'], exclude: true },
      ];
      const pivot = await client.getPivot(input('asker', 'desk', { filters }));
      expect(pivot.multiValued).toEqual([]);
      expect(pivot.filters.map((c) => [c.dimension, c.values, c.exclude, c.labels.length])).toEqual([
        ['language', ['ar', 'tr'], false, 2],
        ['referral', ['none'], true, 1],
      ]);
      const matching = recount(march, filters, f.catalog);
      expect(matching.length).toBeGreaterThan(0);
      expect(matching.length).toBeLessThan(march.length);
      expect(byKey(pivot)).toEqual(recountPivot(matching, KEYS.asker, KEYS.desk));
      // Single-valued on both sides: the cells add up to the totals exactly.
      expect(pivot.cells.flat().reduce((a, b) => a + b, 0)).toBe(pivot.total);
    });

    it('the CSV export reads back as exactly the pivot: labels, cells, row and column totals', async () => {
      const pivotInput = input('topic', 'channel', { filters: [{ dimension: 'asker', values: ['citizen'], exclude: false }] });
      const pivot = await client.getPivot(pivotInput);
      const file = await client.exportPivot({ pivot: pivotInput, format: 'pivot-csv' });
      expect(file.fileName).toBe('kontaktdesk-pivot-thema-kanal-2026-03.csv');
      const rows = parseCsv(withoutBom(Buffer.from(file.base64, 'base64')));
      expect(rows[2]).toEqual(['Filter: Wer fragt = Bürger*in']);
      const header = rows.findIndex((r) => r[0] === 'Thema \\ Kanal');
      expect(rows[header]).toEqual(['Thema \\ Kanal', ...pivot.columns.map((c) => c.label.de), 'Summe']);
      const table = rows.slice(header + 1, header + 2 + pivot.rows.length);
      expect(table).toEqual([
        ...pivot.rows.map((r, i) => [r.label.de, ...pivot.cells[i]!.map(String), String(pivot.rowTotals[i])]),
        ['Summe', ...pivot.columnTotals.map(String), String(pivot.total)],
      ]);
      expect(file.rows).toBe(pivot.rows.length + 1);
      expect(rows.at(-1)![0]).toMatch(/^Hinweis: Ein Kontakt mit mehreren Themen/);
    });

    it('the XLSX export holds the same figures as numbers', async () => {
      const pivotInput = input('desk', 'channel');
      const pivot = await client.getPivot(pivotInput);
      const file = await client.exportPivot({ pivot: pivotInput, format: 'pivot-xlsx' });
      expect(file.fileName).toBe('kontaktdesk-pivot-schalter-kanal-2026-03.xlsx');
      const values = sheetValues((await readWorkbook(Buffer.from(file.base64, 'base64'))).getWorksheet('Pivot')!);
      const header = values.findIndex((r) => r[0] === 'Schalter \\ Kanal');
      expect(values.slice(header + 1, header + 2 + pivot.rows.length)).toEqual([
        ...pivot.rows.map((r, i) => [r.label.de, ...pivot.cells[i]!, pivot.rowTotals[i]]),
        ['Summe', ...pivot.columnTotals, pivot.total],
      ]);
      // Neither dimension is multi-valued: no note below the table.
      expect(values.flat().some((v) => typeof v === 'string' && v.startsWith('Hinweis'))).toBe(false);
    });

    it('in publication mode (issue 17) every figure is published: near the true one, never 1 or 2, the same contacts alike in every pivot', async () => {
      const truePivot = byKey(await client.getPivot(input('topic', 'channel')));
      const published = await client.getPivot(input('topic', 'channel', { publication: true }));
      expect(published.publication).toBe(true);
      const shown = byKey(published);
      const values = [...shown.cells.values(), ...shown.rowTotals.values(), ...shown.columnTotals.values(), shown.total];
      expect(values.filter((n) => n === 1 || n === 2)).toEqual([]);
      for (const [key, n] of shown.cells) expect(Math.abs(n - (truePivot.cells.get(key) ?? 0)), key).toBeLessThanOrEqual(2);
      for (const [key, n] of shown.rowTotals) expect(Math.abs(n - truePivot.rowTotals.get(key)!), key).toBeLessThanOrEqual(2);
      expect(Math.abs(shown.total - truePivot.total)).toBeLessThanOrEqual(2);
      // Rows shown are those with a published total above 0.
      expect(published.rowTotals.every((n) => n > 0)).toBe(true);
      // The grand total is the same contacts in every pivot of the period: the same published value.
      expect((await client.getPivot(input('asker', 'desk', { publication: true }))).total).toBe(published.total);
      expect((await client.getPivot(input('topic', 'channel'))).publication).toBe(false);
    });

    it('a contact logged by another process on the same database is in the next pivot', async () => {
      const before = await client.getPivot(input('topic', 'channel'));
      const second = await openSecondCore(f.core);
      try {
        await second.client.logContact({
          topicIds: [f.pools.topic[0] as number],
          languageId: f.catalog.languages[0]!.id,
          channel: 'email',
          asker: 'citizen',
          occurredAt: '2026-03-20T10:00:00Z',
        });
      } finally {
        await second.close();
      }
      const after = await client.getPivot(input('topic', 'channel'));
      expect(after.total).toBe(before.total + 1);
      march = await plainContacts(f);
      expect(byKey(after)).toEqual(recountPivot(march, KEYS.topic, KEYS.channel));
    });

    it.each(REFUSED)('getPivot refuses $case naming $field, and the database stays byte for byte the same', async (row) => {
      const before = await databaseDump(f.core);
      const err = await refusal(client.getPivot(row.pivot as Parameters<Client['getPivot']>[0]));
      expect(err.body).toMatchObject({ code: 'invalid_input', field: row.field });
      expect(await databaseDump(f.core)).toEqual(before);
    });

    it.each(REFUSED)('exportPivot refuses $case naming pivot.$field', async (row) => {
      const before = await databaseDump(f.core);
      for (const format of ['pivot-csv', 'pivot-xlsx'] as const) {
        const err = await refusal(client.exportPivot({ pivot: row.pivot as Parameters<Client['getPivot']>[0], format }));
        expect(err.body, format).toMatchObject({ code: 'invalid_input', field: `pivot.${row.field}` });
      }
      expect(await databaseDump(f.core)).toEqual(before);
    });

    it('exportPivot refuses a format it does not have', async () => {
      const err = await refusal(client.exportPivot({ pivot: input('topic', 'channel'), format: 'pdf' as 'pivot-csv' }));
      expect(err.body).toMatchObject({ code: 'invalid_input', field: 'format' });
    });

    it('pivots need an unlocked management session: refused as locked, nothing written', async () => {
      const before = await databaseDump(f.core);
      const desk = createClient(open.transport);
      expect((await refusal(desk.getPivot(input('topic', 'channel')))).body).toMatchObject({ code: 'locked' });
      expect((await refusal(desk.exportPivot({ pivot: input('topic', 'channel'), format: 'pivot-csv' }))).body).toMatchObject({ code: 'locked' });
      expect(await databaseDump(f.core)).toEqual(before);
    });
  });
}
