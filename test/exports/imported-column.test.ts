import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { Report } from '../../core/reports/report-types';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { openTempCore, type TempCore } from '../support/temp-core';
import { csvSections, parseCsv, withoutBom } from './csv-parse';
import { readWorkbook, sheetValues } from './xlsx-read';

/** "davon importiert" in the month and topic tables of CSV and XLSX, as on screen (README, "Import"). */
let core: TempCore;
let catalog: Catalog;
const topicId = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const PERIOD = { from: '2025-12-01', to: '2026-01-31' };

beforeAll(async () => {
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
  // Recorded contacts in January (Wohnen twice, Arbeit once) next to the imported counts.
  for (const [topic, at] of [
    ['Wohnen', '2026-01-14T09:15:00Z'],
    ['Wohnen', '2026-01-15T09:15:00Z'],
    ['Arbeit', '2026-01-16T09:15:00Z'],
  ] as const) {
    await core.client.logContact({ topicIds: [topicId(topic)], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen', occurredAt: at });
  }
  const file = csvBytes([MONTHLY_HEADER, ['2025-12', 'Arbeit', '40'], ['2025-12', 'Wohnen', '25'], ['2026-01', 'Arbeit', '30']]);
  await core.client.commitImport({ ...importInput('monatswerte.csv', file), addToRecordedMonths: true });
});
afterAll(() => core.dispose());

async function csvOf(publication: boolean) {
  const file = await core.client.exportReport({ period: { ...PERIOD, publication }, format: 'report-csv' });
  return csvSections(parseCsv(withoutBom(Buffer.from(file.base64, 'base64'))));
}
async function xlsxOf(publication: boolean) {
  const file = await core.client.exportReport({ period: { ...PERIOD, publication }, format: 'report-xlsx' });
  const workbook = await readWorkbook(Buffer.from(file.base64, 'base64'));
  const table = (name: string) => {
    const [header, ...rows] = sheetValues(workbook.getWorksheet(name)!);
    return { header: header!, rows };
  };
  return table;
}

describe('"davon importiert" in the CSV and XLSX report', () => {
  it('the JSON has the imported parts the tables must show', async () => {
    const report: Report = await core.client.getReport({ ...PERIOD, publication: false });
    expect(report.imported).toBe(95);
    expect(report.byTopic.contacts.rows.find((r) => r.key === topicId('Arbeit'))).toMatchObject({ n: 71, imported: 70 });
    expect(report.byTopic.contacts.rows.find((r) => r.key === topicId('Wohnen'))).toMatchObject({ n: 27, imported: 25 });
  });

  it("CSV: the month and both topic tables have the column with each row's imported part and the total", async () => {
    const sections = await csvOf(false);
    const monthly = sections.get('Monatsverlauf')!;
    expect(monthly.header).toEqual(['Monat', 'Kontakte', 'Kumuliert', 'davon importiert']);
    expect(monthly.rows.map((r) => r[3])).toEqual(['65', '30']);
    for (const title of ['Themen – Kontakte', 'Themen – Nennungen']) {
      const topics = sections.get(title)!;
      const col = topics.header.indexOf('davon importiert');
      expect(col, title).toBeGreaterThan(0);
      const byLabel = new Map(topics.rows.map((r) => [r[0], r[col]]));
      expect(byLabel.get('Arbeit')).toBe('70');
      expect(byLabel.get('Wohnen')).toBe('25');
      expect(byLabel.get('Summe')).toBe('95');
    }
  });

  it('XLSX: the same columns with numbers', async () => {
    const table = await xlsxOf(false);
    const monthly = table('Monatsverlauf');
    expect(monthly.header).toEqual(['Monat', 'Kontakte', 'Kumuliert', 'davon importiert']);
    expect(monthly.rows.map((r) => r[3])).toEqual([65, 30]);
    for (const title of ['Themen – Kontakte', 'Themen – Nennungen']) {
      const topics = table(title);
      const col = topics.header.indexOf('davon importiert');
      expect(col, title).toBeGreaterThan(0);
      const byLabel = new Map(topics.rows.map((r) => [r[0], r[col]]));
      expect(byLabel.get('Arbeit')).toBe(70);
      expect(byLabel.get('Wohnen')).toBe(25);
      expect(byLabel.get('Summe')).toBe(95);
    }
  });

  it('publication mode: the topic tables have no such column (the screen hides it: topic rows never show theirs)', async () => {
    const report: Report = await core.client.getReport({ ...PERIOD, publication: true });
    expect(report.byTopic.contacts.rows.every((r) => r.imported === undefined)).toBe(true);
    const sections = await csvOf(true);
    const table = await xlsxOf(true);
    for (const title of ['Themen – Kontakte', 'Themen – Nennungen']) {
      expect(sections.get(title)!.header).not.toContain('davon importiert');
      expect(table(title).header).not.toContain('davon importiert');
    }
  });
});
