import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvSections, parseCsv, withoutBom } from '../exports/csv-parse';
import { readWorkbook, sheetValues } from '../exports/xlsx-read';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The report's two comparisons (README, "Comparisons"), through the contract, on a site that opened
 * on 1 June 2021, with the clock on Wednesday 2 December 2026, 10:00 in Vienna. Expected totals are
 * summed here from the contacts the test logged, never by the report code.
 */
const NOW = Date.parse('2026-12-02T09:00:00Z');
const OPENING = '2021-06-01';

/** Contacts logged per local day (each at 09:00 or 10:00 Vienna time, so "today" is in the past). */
const LOGGED: Record<string, number> = {
  '2021-06-10': 5,
  '2024-02-29': 1,
  '2024-03-05': 2,
  '2024-12-10': 8,
  '2025-01-10': 11,
  '2025-12-01': 7,
  '2025-12-02': 5,
  '2025-12-03': 9,
  '2025-12-20': 21,
  '2026-11-01': 12,
  '2026-11-02': 8,
  '2026-11-29': 15,
  '2026-11-30': 11,
  '2026-12-01': 10,
  '2026-12-02': 6,
};

const countIn = (from: string, to: string) =>
  Object.entries(LOGGED)
    .filter(([day]) => day >= from && day <= to)
    .reduce((s, [, n]) => s + n, 0);
const pct = (now: number, then: number) => Math.round(((now - then) / then) * 1000) / 10;

let core: TempCore;

beforeAll(async () => {
  core = await openTempCore(NOW);
  await core.client.updateSettings({ openingDate: OPENING });
  const catalog = await core.client.getCatalog({});
  const contact = { topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person' as const, asker: 'citizen' as const };
  for (const [day, n] of Object.entries(LOGGED)) {
    for (let i = 0; i < n; i++) await core.client.logContact({ ...contact, occurredAt: `${day}T08:00:00Z` });
  }
}, 120_000);

afterAll(() => core.dispose());

const report = (from: string, to: string, publication = false) => core.client.getReport({ from, to, publication, publicationMethod: 'suppression' });

describe('comparisons compare like with like', () => {
  it('“Dieser Monat” on 2 December: 1–2 Dec against 1–2 Nov and 1–2 Dec of last year, named as the same days so far', async () => {
    const r = await report('2026-12-01', '2026-12-02');
    expect(r.total).toBe(16);
    expect(r.comparisons.previousPeriod).toEqual({
      period: { from: '2026-11-01', to: '2026-11-02', days: 2 },
      current: { from: '2026-12-01', to: '2026-12-02', days: 2 },
      basis: 'monthDays',
      running: true,
      comparable: true,
      reason: null,
      partial: false,
      total: 20,
      delta: -4,
      deltaPct: -20,
      smallBase: false,
    });
    expect(r.comparisons.yearBefore).toMatchObject({
      period: { from: '2025-12-01', to: '2025-12-02', days: 2 },
      basis: 'monthDays',
      comparable: true,
      total: 12,
      delta: 4,
      deltaPct: pct(16, 12),
    });
  });

  it('“Dieses Jahr” on 2 December: 1 Jan–2 Dec against 1 Jan–2 Dec of last year (not 30 Jan–31 Dec)', async () => {
    const r = await report('2026-01-01', '2026-12-02');
    const then = countIn('2025-01-01', '2025-12-02');
    expect(then).toBe(23);
    for (const c of [r.comparisons.previousPeriod, r.comparisons.yearBefore]) {
      expect(c).toMatchObject({
        period: { from: '2025-01-01', to: '2025-12-02', days: 336 },
        basis: 'monthDays',
        running: true,
        total: then,
        delta: r.total! - then,
        deltaPct: pct(r.total!, then),
      });
    }
  });

  it('“Seit Eröffnung” has no earlier period: no delta at all; the year before is cut at the opening, marked partial, without a delta', async () => {
    const r = await report(OPENING, '2026-12-02');
    expect(r.total).toBe(countIn(OPENING, '2026-12-02'));
    expect(r.comparisons.previousPeriod).toMatchObject({
      comparable: false,
      reason: 'beforeOpening',
      partial: false,
      total: null,
      delta: null,
      deltaPct: null,
      smallBase: false,
    });
    expect(r.comparisons.previousPeriod.period.to < OPENING).toBe(true);
    expect(r.comparisons.yearBefore).toMatchObject({
      period: { from: OPENING, to: '2025-12-02' },
      comparable: false,
      reason: 'startsBeforeOpening',
      partial: true,
      total: countIn(OPENING, '2025-12-02'),
      delta: null,
      deltaPct: null,
    });
  });

  it('a custom range of whole months compares with as many whole months before, and with the same months a year earlier', async () => {
    const r = await report('2025-06-01', '2026-01-31');
    expect(r.comparisons.previousPeriod).toMatchObject({
      period: { from: '2024-10-01', to: '2025-05-31' },
      basis: 'wholeMonths',
      running: false,
      total: countIn('2024-10-01', '2025-05-31'),
    });
    expect(r.comparisons.yearBefore).toMatchObject({ period: { from: '2024-06-01', to: '2025-01-31' }, basis: 'wholeMonths', total: 19 });
    // The example lies just after the opening: its months before are named, but not compared.
    const first = await report('2021-06-01', '2022-01-31');
    expect(first.comparisons.previousPeriod).toMatchObject({
      period: { from: '2020-10-01', to: '2021-05-31' },
      comparable: false,
      reason: 'beforeOpening',
      delta: null,
    });
  });

  it('whole months a year earlier end at that month’s end: December–February 2025 against December 2023–29 February 2024', async () => {
    const r = await report('2024-12-01', '2025-02-28');
    expect(r.comparisons.yearBefore).toMatchObject({ period: { from: '2023-12-01', to: '2024-02-29', days: 91 }, basis: 'wholeMonths', total: 1 });
  });

  it('fewer than 10 contacts in the compared period: the change as a number only, never as a percentage', async () => {
    const r = await report('2025-12-01', '2025-12-31');
    expect(r.total).toBe(42);
    // November 2025 had none: a real zero after the opening, compared, but no percentage.
    expect(r.comparisons.previousPeriod).toMatchObject({
      period: { from: '2025-11-01', to: '2025-11-30' },
      comparable: true,
      total: 0,
      delta: 42,
      deltaPct: null,
      smallBase: true,
    });
    expect(r.comparisons.yearBefore).toMatchObject({
      period: { from: '2024-12-01', to: '2024-12-31' },
      comparable: true,
      total: 8,
      delta: 34,
      deltaPct: null,
      smallBase: true,
    });
    // Ten is enough.
    const jan = await report('2026-01-01', '2026-01-31');
    expect(jan.comparisons.yearBefore).toMatchObject({ total: 11, delta: -11, deltaPct: -100, smallBase: false });
  });

  it('a running custom range compares its days up to and including today with as many days of the period before', async () => {
    const r = await report('2026-11-20', '2026-12-31');
    expect(r.comparisons.previousPeriod).toMatchObject({
      current: { from: '2026-11-20', to: '2026-12-02', days: 13 },
      // The 42 days before begin on 9 October; their first 13 days are compared.
      period: { from: '2026-10-09', to: '2026-10-21', days: 13 },
      basis: 'days',
      running: true,
    });
    expect(r.comparisons.yearBefore).toMatchObject({
      period: { from: '2025-11-20', to: '2025-12-02', days: 13 },
      basis: 'days',
      total: 12,
      delta: r.total! - 12,
    });
  });

  it('a period that has not begun yet is not compared', async () => {
    const r = await report('2026-12-10', '2026-12-20');
    for (const c of [r.comparisons.previousPeriod, r.comparisons.yearBefore]) {
      expect(c).toMatchObject({ comparable: false, reason: 'notStarted', total: null, delta: null, deltaPct: null });
    }
  });

  it('publication mode hides a small compared total and every figure that would give it away', async () => {
    const r = await report('2024-04-01', '2024-04-30', true);
    expect(r.comparisons.previousPeriod).toMatchObject({
      period: { from: '2024-03-01', to: '2024-03-31' },
      comparable: true,
      total: null,
      delta: null,
      deltaPct: null,
      smallBase: false,
    });
    const shown = await report('2026-12-01', '2026-12-02', true);
    expect(shown.comparisons.previousPeriod).toMatchObject({ total: 20, delta: -4, deltaPct: -20 });
    // The CSV marks the hidden figures "·", unlike the empty cells of a change that does not exist.
    const csv = await core.client.exportReport({
      period: { from: '2024-04-01', to: '2024-04-30', publication: true, publicationMethod: 'suppression' },
      format: 'report-csv',
    });
    const [previous] = csvSections(parseCsv(withoutBom(Buffer.from(csv.base64, 'base64')))).get('Vergleiche')!.rows;
    expect(previous!.slice(1, 7)).toEqual(['01.03.2024', '31.03.2024', '·', '0', '·', '·']);
  });

  it('CSV and XLSX name each compared period and its basis, and leave the change empty where there is none', async () => {
    const period = { from: OPENING, to: '2026-12-02', publication: false };
    const csv = await core.client.exportReport({ period, format: 'report-csv' });
    const table = csvSections(parseCsv(withoutBom(Buffer.from(csv.base64, 'base64')))).get('Vergleiche')!;
    expect(table.header).toEqual([
      'Vergleich mit',
      'Von',
      'Bis',
      'Kontakte damals',
      'Kontakte jetzt',
      'Differenz',
      'Veränderung %',
      'Verglichen wird',
      'Hinweis',
    ]);
    const [previous, yearBefore] = table.rows;
    expect(previous!.slice(3, 7)).toEqual(['', String(countIn(OPENING, '2026-12-02')), '', '']);
    expect(previous![8]).toMatch(/^kein Vergleich möglich: .*vor der Eröffnung am 01\.06\.2021/);
    expect(yearBefore!.slice(1, 7)).toEqual([
      '01.06.2021',
      '02.12.2025',
      String(countIn(OPENING, '2025-12-02')),
      String(countIn(OPENING, '2026-12-02')),
      '',
      '',
    ]);
    expect(yearBefore![8]).toMatch(/^kein Vergleich möglich: .*nur ab der Eröffnung/);

    const month = { from: '2026-12-01', to: '2026-12-02', publication: false };
    const xlsx = await core.client.exportReport({ period: month, format: 'report-xlsx' });
    const rows = sheetValues((await readWorkbook(Buffer.from(xlsx.base64, 'base64'))).getWorksheet('Vergleiche')!);
    expect(rows[1]!.slice(3, 6)).toEqual([20, 16, -4]);
    expect(rows[1]![6]).toBeCloseTo(-0.2, 5);
    expect(rows[1]![7]).toBe('dieselben Tage des Monats, bis einschließlich heute (01.12.2026 – 02.12.2026)');
    const small = await core.client.exportReport({ period: { from: '2025-12-01', to: '2025-12-31', publication: false }, format: 'report-csv' });
    const [, smallYear] = csvSections(parseCsv(withoutBom(Buffer.from(small.base64, 'base64')))).get('Vergleiche')!.rows;
    expect(smallYear!.slice(3, 7)).toEqual(['8', '42', '34', '']);
    expect(smallYear![8]).toBe('weniger als 10 Kontakte im Vergleichszeitraum: keine Prozentangabe');
  });
});

describe('“today” in the site’s time zone', () => {
  it('at 00:30 in Vienna on 1 December (still 30 November in UTC) December has begun: 1 December against 1 November', async () => {
    const night = await openTempCore(Date.parse('2026-11-30T23:30:00Z'));
    try {
      const r = await night.client.getReport({ from: '2026-12-01', to: '2026-12-31', publication: false });
      expect(r.comparisons.previousPeriod).toMatchObject({
        comparable: true,
        running: true,
        current: { from: '2026-12-01', to: '2026-12-01' },
        period: { from: '2026-11-01', to: '2026-11-01' },
      });
    } finally {
      await night.dispose();
    }
  });
});

describe('imported monthly counts in a comparison', () => {
  let imported: TempCore;
  beforeAll(async () => {
    imported = await openTempCore(NOW);
    await imported.client.updateSettings({ openingDate: OPENING });
    const monthly = csvBytes([MONTHLY_HEADER, ['2026-10', 'Arbeit', '40']]);
    await imported.client.commitImport(importInput('oktober.csv', monthly));
  });
  afterAll(() => imported.dispose());

  it('a compared period holding only part of an imported month is not compared (the month has no days to split)', async () => {
    const half = await imported.client.getReport({ from: '2026-11-01', to: '2026-11-15', publication: false });
    expect(half.comparisons.previousPeriod).toMatchObject({
      period: { from: '2026-10-01', to: '2026-10-15' },
      comparable: false,
      reason: 'importedMonthSplit',
      delta: null,
    });
    const whole = await imported.client.getReport({ from: '2026-11-01', to: '2026-11-30', publication: false });
    expect(whole.comparisons.previousPeriod).toMatchObject({
      period: { from: '2026-10-01', to: '2026-10-31' },
      comparable: true,
      total: 40,
      delta: -40,
      deltaPct: -100,
    });
  });
});
