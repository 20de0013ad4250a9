import { describe, expect, it } from 'vitest';
import type { ResolvedFilterClause } from '../../core/analysis/filter-inputs';
import { clauseWords, filterLine, filterWords } from '../../core/analysis/filter-words';
import { reportCsv } from '../../core/exports/report-csv';
import { writeReportXlsx } from '../../core/exports/report-xlsx';
import { writeToBuffer } from '../../core/exports/sinks';
import { csvSections, parseCsv, withoutBom } from './csv-parse';
import { reportFixture } from './report-fixture';
import { readWorkbook, sheetValues } from './xlsx-read';

const FILTERS: ResolvedFilterClause[] = [
  { dimension: 'language', values: ['uk'], exclude: false, labels: [{ de: 'Ukrainisch', en: 'Ukrainian' }] },
  {
    dimension: 'topic',
    values: [2, 1],
    exclude: false,
    labels: [
      { de: 'Wohnen', en: 'Housing' },
      { de: 'Arbeit', en: 'Work' },
    ],
  },
  { dimension: 'referral', values: ['none'], exclude: true, labels: [{ de: 'keine Weitervermittlung', en: 'no referral' }] },
];

const GERMAN = 'Sprache = Ukrainisch; Thema = Wohnen, Arbeit; mit Weitervermittlung';

/** A filtered report: publication mode off (filters are refused in it), some imported monthly counts left out. */
const filtered = () => reportFixture({ publication: { enabled: false, threshold: 3, method: 'cellKey' }, filters: FILTERS, importedNotIncluded: 17 });

describe('the filter in words', () => {
  it('names each dimension and its values in German and English, "not" for an excluded clause, "with a referral" for excluding none', () => {
    expect(filterWords(FILTERS, 'de')).toBe(GERMAN);
    expect(filterWords(FILTERS, 'en')).toBe('Language = Ukrainian; Topic = Housing, Work; with a referral');
    // Excluding "none" and more: with one, but not those.
    const some = {
      dimension: 'themeDay' as const,
      values: ['none', 4],
      exclude: true,
      labels: [
        { de: 'kein Thementag', en: 'no theme day' },
        { de: 'Gewaltschutz', en: 'Gewaltschutz' },
      ],
    };
    expect(filterWords([some], 'de')).toBe('an einem Thementag, nicht Gewaltschutz');
    expect(filterWords([some], 'en')).toBe('on a theme day, not Gewaltschutz');
    expect(filterLine(FILTERS, 'de')).toBe(`Filter: ${GERMAN}`);
    expect(filterLine([], 'de')).toBe('Filter: keiner (alle Kontakte)');
    expect(filterLine([], 'en')).toBe('Filter: none (all contacts)');
  });

  it('covers every dimension, including theme days and SDG goals', () => {
    const words = (clause: Omit<ResolvedFilterClause, 'exclude'>, exclude = false) => [
      clauseWords({ ...clause, exclude }, 'de'),
      clauseWords({ ...clause, exclude }, 'en'),
    ];
    expect(
      words({
        dimension: 'themeDay',
        values: [4, 'none'],
        labels: [
          { de: 'Gewaltschutz', en: 'Gewaltschutz' },
          { de: 'kein Thementag', en: 'no theme day' },
        ],
      }),
    ).toEqual(['Thementag = Gewaltschutz, keine', 'Theme day = Gewaltschutz, none']);
    expect(words({ dimension: 'firstTopic', values: [1], labels: [{ de: 'Arbeit', en: 'Work' }] }, true)).toEqual([
      'Erstes Thema nicht Arbeit',
      'First topic not Work',
    ]);
    expect(words({ dimension: 'sdg', values: [8], labels: [{ de: '8 Menschenwürdige Arbeit', en: '8 Decent work' }] })).toEqual([
      'SDG-Ziel = 8 Menschenwürdige Arbeit',
      'SDG goal = 8 Decent work',
    ]);
    expect(words({ dimension: 'asker', values: ['organisation'], labels: [{ de: 'Organisation', en: 'organisation' }] })).toEqual([
      'Wer fragt = Organisation',
      'Who asked = organisation',
    ]);
  });
});

describe('report exports carry the filter', () => {
  it('the CSV prints it under the period, and what imported monthly counts it left out', () => {
    const text = withoutBom(Buffer.from(reportCsv(filtered()), 'utf8'));
    const summary = csvSections(parseCsv(text)).get('Kennzahlen')!.rows;
    const keys = summary.map((r) => r[0]);
    expect(keys.indexOf('Filter')).toBe(keys.indexOf('Zeitraum bis') + 1);
    expect(summary.find((r) => r[0] === 'Filter')).toEqual(['Filter', GERMAN]);
    expect(summary.find((r) => r[0] === 'Importierte Monatswerte, vom Filter nicht erfasst')).toEqual([
      'Importierte Monatswerte, vom Filter nicht erfasst',
      '17',
    ]);
    // The value holds ";": quoted, so it stays one field.
    expect(text).toContain(`Filter;"${GERMAN}"\r\n`);
  });

  it('an unfiltered report prints no filter line', () => {
    const text = withoutBom(Buffer.from(reportCsv(reportFixture()), 'utf8'));
    expect(
      csvSections(parseCsv(text))
        .get('Kennzahlen')!
        .rows.map((r) => r[0]),
    ).not.toContain('Filter');
  });

  it('the XLSX has it as a row of the summary sheet and in the page header of every sheet', async () => {
    const { buffer } = await writeToBuffer((out) => writeReportXlsx(filtered(), out, null));
    const workbook = await readWorkbook(buffer);
    const summary = sheetValues(workbook.getWorksheet('Kennzahlen')!);
    expect(summary.find((r) => r[0] === 'Filter')).toEqual(['Filter', GERMAN]);
    expect(summary.find((r) => r[0] === 'Importierte Monatswerte, vom Filter nicht erfasst')).toEqual([
      'Importierte Monatswerte, vom Filter nicht erfasst',
      17,
    ]);
    for (const sheet of workbook.worksheets) expect(sheet.headerFooter.oddHeader, sheet.name).toBe(`&LFilter: ${GERMAN}`);
  });

  it('an unfiltered XLSX has no page header', async () => {
    const { buffer } = await writeToBuffer((out) => writeReportXlsx(reportFixture(), out, null));
    const workbook = await readWorkbook(buffer);
    for (const sheet of workbook.worksheets) expect(sheet.headerFooter?.oddHeader ?? null, sheet.name).toBeNull();
  });
});
