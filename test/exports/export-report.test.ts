import type { ReportPeriodInput } from '../../core/reports/report-inputs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFileName, periodSlug } from '../../core/exports/export-report';
import { csvSections, parseCsv, withoutBom } from './csv-parse';
import { FORMULA_ORGS, FORMULA_TOPIC, openExportData, type ExportData } from './export-data';
import { formulaCells, readWorkbook, sheetValues, worksheetXml } from './xlsx-read';

const MARCH = { from: '2026-03-01', to: '2026-03-31', publication: false };

let data: ExportData;
beforeAll(async () => {
  data = await openExportData();
});
afterAll(() => data.core.dispose());

const exportOf = async (format: 'report-csv' | 'report-xlsx', period: ReportPeriodInput = MARCH) => {
  const file = await data.core.handlers.exportReport({ period, format });
  return { file, bytes: Buffer.from(file.base64, 'base64') };
};

describe('report exports from the real engine', () => {
  it('CSV: the same totals as the report, German formats, formula-looking catalog labels neutralised', async () => {
    const report = await data.core.handlers.getReport(MARCH);
    const { file, bytes } = await exportOf('report-csv');
    expect(file).toMatchObject({ fileName: 'kontaktdesk-bericht-2026-03.csv', mimeType: 'text/csv; charset=utf-8' });
    const sections = csvSections(parseCsv(withoutBom(bytes)));
    expect(file.rows).toBe([...sections.values()].reduce((n, s) => n + s.rows.length, 0));
    const summary = new Map(sections.get('Kennzahlen')!.rows.map((r) => [r[0], r[1]]));
    expect(summary.get('Kontakte')).toBe(String(report.total));
    expect(report.total).toBe(4);
    expect(summary.get('Zeitraum von')).toBe('01.03.2026');
    const mentionLabels = sections.get('Themen – Nennungen')!.rows.map((r) => r[0]);
    expect(mentionLabels).toContain(`'${FORMULA_TOPIC}`);
    expect(mentionLabels).not.toContain(FORMULA_TOPIC);
    const referrals = sections.get('Weitervermittlung')!.rows.map((r) => r[0]);
    for (const org of FORMULA_ORGS) expect(referrals).toContain(`'${org}`);
    expect(sections.get('Thema → Weitervermittlung')!.header).toEqual(expect.arrayContaining(FORMULA_ORGS.map((o) => `'${o}`)));
  });

  it('XLSX: a sheet per table plus the raw contacts, the known total as a number, no formulas', async () => {
    const report = await data.core.handlers.getReport(MARCH);
    const { file, bytes } = await exportOf('report-xlsx');
    expect(file.fileName).toBe('kontaktdesk-bericht-2026-03.xlsx');
    const workbook = await readWorkbook(bytes);
    expect(workbook.worksheets.map((s) => s.name).slice(-2)).toEqual(['Vergleiche', 'Rohdaten']);
    const summary = sheetValues(workbook.getWorksheet('Kennzahlen')!);
    expect(summary.find((r) => r[0] === 'Kontakte')![1]).toBe(report.total);
    const topics = sheetValues(workbook.getWorksheet('Themen – Kontakte')!);
    expect(topics.at(-1)).toEqual(['Summe', report.byTopic.contacts.total, null]);
    expect(topics.map((r) => r[0])).toContain(FORMULA_TOPIC);
    expect(sheetValues(workbook.getWorksheet('Rohdaten')!)).toHaveLength(1 + report.total!);
    expect(formulaCells(workbook)).toEqual([]);
    for (const [part, xml] of await worksheetXml(bytes)) expect(xml, part).not.toMatch(/<f[\s>]/);
  });

  it('in publication mode, leaves the raw contacts out of the workbook and says so in the file name', async () => {
    const { file, bytes } = await exportOf('report-xlsx', { ...MARCH, publication: true, publicationMethod: 'suppression' });
    expect(file.fileName).toBe('kontaktdesk-bericht-2026-03-veroeffentlichung.xlsx');
    const workbook = await readWorkbook(bytes);
    expect(workbook.getWorksheet('Rohdaten')).toBeUndefined();
    const topics = sheetValues(workbook.getWorksheet('Themen – Kontakte')!);
    // Four contacts in March (three under Arbeit, one under the formula topic), each in an hour of its own:
    // the heat map's "·, ·, ·, ·" of a shown 4 could only be 1 each, so the report total 4 is hidden too
    // (README, "Publication mode"); then the 1 is hidden and the 3 says nothing about it.
    const shown = new Map(topics.slice(1, -1).map((r) => [r[0], r[1]]));
    expect(shown.get(FORMULA_TOPIC)).toBe('·');
    expect(topics.at(-1)![1]).toBe('·');
    expect([...shown.values()].every((n) => n === '·' || n === 0 || (typeof n === 'number' && n >= 3))).toBe(true);
  });

  it('names files by month, year or exact days', () => {
    expect(periodSlug({ from: '2026-02-01', to: '2026-02-28' })).toBe('2026-02');
    expect(periodSlug({ from: '2024-02-01', to: '2024-02-28' })).toBe('2024-02-01_2024-02-28');
    expect(periodSlug({ from: '2025-01-01', to: '2025-12-31' })).toBe('2025');
    expect(periodSlug({ from: '2021-06-01', to: '2026-03-31' })).toBe('2021-06-01_2026-03-31');
    expect(exportFileName(MARCH, 'json')).toBe('kontaktdesk-bericht-2026-03.json');
    expect(exportFileName(MARCH, 'raw-csv')).toBe('kontaktdesk-kontakte-2026-03-01_2026-03-31.csv');
    expect(exportFileName({ ...MARCH, publication: true }, 'raw-xlsx')).toBe('kontaktdesk-kontakte-2026-03-01_2026-03-31.xlsx');
  });
});
