import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempCore, type TempCore } from '../support/temp-core';
import { csvSections, parseCsv, withoutBom } from './csv-parse';
import { readWorkbook, sheetValues } from './xlsx-read';

/**
 * Wednesday 8 April 2026, 15:30 in Vienna. April so far: Wed 1 and Thu 2 open (3 + 3 hours), Mon 6
 * Ostermontag, Tue 7 the site's own closure, and Wednesday's 14–17 slot half over (1.5 hours).
 */
const NOW = Date.parse('2026-04-08T13:30:00Z');
const APRIL = { from: '2026-04-01', to: '2026-04-30', publication: false };

let core: TempCore;
beforeAll(async () => {
  core = await openTempCore(NOW);
  await core.client.saveClosure({ from: '2026-04-07', to: '2026-04-07', note: 'Teamklausur' });
});
afterAll(() => core.dispose());

const exportOf = async (format: 'report-csv' | 'report-xlsx') => Buffer.from((await core.client.exportReport({ period: APRIL, format })).base64, 'base64');

describe('open hours and closed days in the report exports', () => {
  it('CSV: the same hours as on screen (7,5, a slot in progress to the minute) and the closed days counted', async () => {
    const report = await core.client.getReport(APRIL);
    expect(report.openHours).toMatchObject({ hours: 7.5, closedDays: 2 });
    const sections = csvSections(parseCsv(withoutBom(await exportOf('report-csv'))));
    const summary = new Map(sections.get('Kennzahlen')!.rows.map((r) => [r[0], r[1]]));
    expect(summary.get('Öffnungsstunden')).toBe('7,5');
    expect(summary.get('Schließtage (ohne Öffnungsstunden)')).toBe('2');
    const slots = sections.get('Öffnungszeiten')!.rows.map((r) => [r[0], r[3]]);
    expect(slots).toEqual([
      ['Montag', '0'],
      ['Dienstag', '0'],
      ['Mittwoch', '4,5'],
      ['Donnerstag', '3'],
    ]);
  });

  it('XLSX: the hours and closed days as numbers', async () => {
    const workbook = await readWorkbook(await exportOf('report-xlsx'));
    const summary = sheetValues(workbook.getWorksheet('Kennzahlen')!);
    expect(summary.find((r) => r[0] === 'Öffnungsstunden')![1]).toBe(7.5);
    expect(summary.find((r) => r[0] === 'Schließtage (ohne Öffnungsstunden)')![1]).toBe(2);
    expect(sheetValues(workbook.getWorksheet('Öffnungszeiten')!).find((r) => r[0] === 'Mittwoch')![3]).toBe(4.5);
  });
});
