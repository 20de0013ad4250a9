import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReportMail, composeReportMailWith } from '../../core/mail/compose-mail';
import { MAIL_WORDS, periodInWords } from '../../core/mail/mail-text';
import { reportHtml } from '../../core/exports/report-html';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import { parseCsv } from '../exports/csv-parse';
import { MARCH, openFilterFixture, type FilterFixture } from '../exports/filter-fixture';
import { readWorkbook, sheetValues, worksheetXml } from '../exports/xlsx-read';
import { REPORT_TABLE_TITLES } from '../exports/report-fixture';
import { ApiError } from '../../core/base/errors';
import { expectedFigures, pageFigures, parseHtml, recordKeys, scheduleOf } from './compose-fixture';

/**
 * The report mail of a schedule's period (issue 18, core/mail/compose-mail.ts), on a seeded database
 * (SQLite and PostgreSQL): the body is the report page of exactly the report getReport returns for that
 * period and mode, in the schedule's language; the text part names the period and the figures; the
 * attachments are the report exports (never raw rows); no record key anywhere.
 */

let f: FilterFixture;

beforeAll(async () => {
  f = await openFilterFixture();
});

afterAll(async () => {
  await f?.core.dispose();
});

const decoded = (base64: string) => Buffer.from(base64, 'base64');

/** The ApiError a core call must end in. */
async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('periodInWords', () => {
  it('names a month, a quarter, a year, and any other period by its days', () => {
    expect(periodInWords('2026-10-01', '2026-10-31', 'de')).toBe('Oktober 2026');
    expect(periodInWords('2026-01-01', '2026-01-31', 'de')).toBe('Jänner 2026');
    expect(periodInWords('2026-10-01', '2026-10-31', 'en')).toBe('October 2026');
    expect(periodInWords('2026-07-01', '2026-09-30', 'de')).toBe('3. Quartal 2026');
    expect(periodInWords('2026-07-01', '2026-09-30', 'en')).toBe('Q3 2026');
    expect(periodInWords('2026-01-01', '2026-12-31', 'de')).toBe('2026');
    expect(periodInWords('2026-02-01', '2026-04-30', 'de')).toBe('1. Februar 2026 – 30. April 2026');
    expect(periodInWords('2026-03-02', '2026-03-31', 'en')).toBe('2 March 2026 – 31 March 2026');
  });
});

describe('composeReportMail', () => {
  it.each([
    { publication: true, publicationMethod: 'cellKey', language: 'de' },
    { publication: true, publicationMethod: 'suppression', language: 'en' },
    { publication: false, publicationMethod: 'cellKey', language: 'de' },
  ] as const)(
    'publication $publication ($publicationMethod, $language): the page, text and files of getReport',
    async ({ publication, publicationMethod, language }) => {
      const period = { ...MARCH, publication, publicationMethod };
      const report = await f.core.client.getReport(period);
      const mail = await composeReportMail(f.core.context, scheduleOf({ publication, publicationMethod, language }), MARCH);
      const site = report.site.name;

      expect(mail.subject).toBe(language === 'de' ? `${site}: Bericht März 2026` : `${site}: Report March 2026`);
      // The body: the page of exactly that report, in the schedule's language only (the fixture's clock stands still).
      expect(mail.html).toBe(reportHtml(report, { languages: [language] }));
      const doc = parseHtml(mail.html);
      expect(doc.documentElement.getAttribute('lang')).toBe(language);
      expect([...doc.querySelectorAll('article')].map((a) => a.getAttribute('lang'))).toEqual([language]);
      const shown = pageFigures(doc);
      const expected = expectedFigures(report, language);
      expect(shown.figures.get(language === 'de' ? 'Kontakte im Zeitraum' : 'Contacts in the period')).toBe(expected.total);
      expect(shown.topics).toEqual(expected.topics);
      expect(shown.topics.length).toBeGreaterThan(3);
      expect(mail.html).not.toMatch(/<script|https?:|\ssrc=|<link|<img/i);

      // The text part: site, period, total, the publication note when published.
      expect(mail.text).toContain(site);
      expect(mail.text).toContain(language === 'de' ? 'Bericht März 2026' : 'Report March 2026');
      expect(mail.text).toContain(`${language === 'de' ? 'Kontakte im Zeitraum' : 'Contacts in the period'}: ${expected.total}`);
      expect(mail.text).toContain(report.headline[language]);
      expect(mail.text).toContain(`- ${expected.topics[0]![0]}: ${expected.topics[0]![1]}`);
      expect(mail.text.includes(PUBLICATION_NOTES[publicationMethod][language])).toBe(publication);
      expect(mail.text).not.toContain(MAIL_WORDS[language].pdfLeftOut);

      // The attachments: the report exports of the same report, as exportReport writes them; never the raw sheet.
      const suffix = publication ? '-veroeffentlichung' : '';
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [`kontaktdesk-bericht-2026-03${suffix}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        [`kontaktdesk-bericht-2026-03${suffix}.csv`, 'text/csv; charset=utf-8'],
      ]);
      const [xlsx, csv] = mail.attachments as [(typeof mail.attachments)[number], (typeof mail.attachments)[number]];
      expect(csv.content.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.content.equals(decoded((await f.core.client.exportReport({ period, format: 'report-csv' })).base64))).toBe(true);
      const rows = parseCsv(csv.content.toString('utf8').slice(1));
      const totalRow = rows.find((r) => r[0] === 'Kontakte')!;
      expect(Number(totalRow[1])).toBe(report.total);

      const workbook = await readWorkbook(xlsx.content);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(REPORT_TABLE_TITLES);
      const exported = await readWorkbook(decoded((await f.core.client.exportReport({ period, format: 'report-xlsx' })).base64));
      for (const title of REPORT_TABLE_TITLES) expect(sheetValues(workbook.getWorksheet(title)!)).toEqual(sheetValues(exported.getWorksheet(title)!));
      const keyFigures = sheetValues(workbook.getWorksheet('Kennzahlen')!);
      expect(keyFigures.find((r) => r[0] === 'Kontakte')![1]).toBe(report.total);

      // No record key and no raw row anywhere: not in the body, the text, the CSV or any sheet.
      const everything = [mail.html, mail.text, csv.content.toString('utf8'), ...(await worksheetXml(xlsx.content)).values()].join('\n');
      const keys = await recordKeys(f.core);
      expect(keys.length).toBeGreaterThan(30);
      for (const key of keys) expect(everything).not.toContain(key);
      expect(everything).not.toMatch(/record.?key/i);
    },
  );

  it("a saved view gives its filters and topic groups; the schedule's publication settings hold", async () => {
    const filters = [{ dimension: 'channel' as const, values: ['phone'], exclude: false }];
    const view = await f.core.client.saveSavedView({
      name: 'Telefon',
      period: { kind: 'lastMonth' },
      filters,
      sections: ['headline', 'topics'],
      publication: false,
      publicationMethod: 'cellKey',
      topicGroups: true,
    });
    const mail = await composeReportMail(f.core.context, scheduleOf({ viewId: view.id, formats: [] }), MARCH);
    const report = await f.core.client.getReport({ ...MARCH, publication: true, publicationMethod: 'cellKey', filters, topicGroups: true });
    expect(mail.html).toBe(reportHtml(report, { languages: ['de'] }));
    expect(mail.text).toContain('Filter: Kanal = Telefon');
    expect(mail.text).toContain(PUBLICATION_NOTES.cellKey.de);
    expect(mail.attachments).toEqual([]);
    expect(report.total).toBeLessThan((await f.core.client.getReport({ ...MARCH, publication: true })).total!);

    // With small-cell suppression the view's filters cannot go: refused naming viewId. A view that is gone: the same.
    const suppressed = await refusal(composeReportMail(f.core.context, scheduleOf({ viewId: view.id, publicationMethod: 'suppression' }), MARCH));
    expect(suppressed).toMatchObject({ code: 'invalid_input', field: 'viewId' });
    await f.core.client.deleteSavedView({ id: view.id });
    const gone = await refusal(composeReportMail(f.core.context, scheduleOf({ viewId: view.id }), MARCH));
    expect(gone).toMatchObject({ code: 'invalid_input', field: 'viewId' });
    expect(gone.message).toContain('no longer exists');
  });

  it('pdf: left out with a line in both parts where the shell cannot print; attached where it can', async () => {
    const schedule = scheduleOf({ formats: ['pdf', 'csv'], language: 'en' });
    const browserMode = await composeReportMail(f.core.context, schedule, MARCH);
    expect(browserMode.attachments.map((a) => a.filename)).toEqual(['kontaktdesk-bericht-2026-03-veroeffentlichung.csv']);
    expect(browserMode.text).toContain(MAIL_WORDS.en.pdfLeftOut);
    expect(browserMode.html).toContain(MAIL_WORDS.en.pdfLeftOut);

    const printed: string[] = [];
    const desktop = composeReportMailWith({
      printPdf: async (html) => {
        printed.push(html);
        return Buffer.from('%PDF-1.7 test');
      },
    });
    const mail = await desktop(f.core.context, schedule, MARCH);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['kontaktdesk-bericht-2026-03-veroeffentlichung.pdf', 'application/pdf'],
      ['kontaktdesk-bericht-2026-03-veroeffentlichung.csv', 'text/csv; charset=utf-8'],
    ]);
    expect(mail.attachments[0]!.content.toString()).toBe('%PDF-1.7 test');
    // The PDF is the page of the body itself.
    expect(printed).toEqual([mail.html]);
    expect(mail.text).not.toContain(MAIL_WORDS.en.pdfLeftOut);
    expect(mail.html).not.toContain(MAIL_WORDS.en.pdfLeftOut);

    // The desktop app hands its printer to the core (CoreContext.printPdf): the timer, "Jetzt senden" and the CLI compose with it.
    const withPrinter = { ...f.core.context, printPdf: async () => Buffer.from('%PDF-1.7 shell') };
    const fromShell = await composeReportMail(withPrinter, schedule, MARCH);
    expect(fromShell.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'text/csv; charset=utf-8']);
    expect(fromShell.attachments[0]!.content.toString()).toBe('%PDF-1.7 shell');
  });
});
