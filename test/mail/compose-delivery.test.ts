import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReportMail } from '../../core/mail/compose-mail';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import { parseCsv } from '../exports/csv-parse';
import { MARCH, openFilterFixture, type FilterFixture } from '../exports/filter-fixture';
import { REPORT_TABLE_TITLES } from '../exports/report-fixture';
import { readWorkbook, sheetValues } from '../exports/xlsx-read';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';
import { deliver, expectedFigures, pageFigures, parseHtml, scheduleOf } from './compose-fixture';

/**
 * The report mail through a real SMTP server (Debian's aiosmtpd, test/support/smtp-server.ts) and
 * back through mailparser, as a recipient's mail client reads it: the HTML body, the text part and
 * the attachments survive the trip, and their figures are getReport's for that period and mode.
 */

let f: FilterFixture;
let smtp: SmtpServer;

beforeAll(async () => {
  f = await openFilterFixture();
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp?.stop();
  await f?.core.dispose();
});

describe('a composed report mail, delivered', () => {
  it('arrives with HTML, text and attachments whose figures equal the report JSON', async () => {
    const schedule = scheduleOf({ publicationMethod: 'cellKey', formats: ['xlsx', 'csv', 'pdf'] });
    const mail = await composeReportMail(f.core.context, schedule, MARCH);
    await deliver(smtp, mail, schedule.recipients, '<kontaktdesk-7-2026-03-01-2026-03-31-test@leibnitz.at>');
    const [received] = await smtp.waitForMessages(1);
    const report = await f.core.client.getReport({ ...MARCH, publication: true, publicationMethod: 'cellKey' });

    expect(received!.subject).toBe(`${report.site.name}: Bericht März 2026`);
    expect(received!.messageId).toBe('<kontaktdesk-7-2026-03-01-2026-03-31-test@leibnitz.at>');
    // The body as sent, byte for byte apart from line ends; its figures read back from the DOM are getReport's.
    expect(typeof received!.html).toBe('string');
    const html = received!.html as string;
    expect(html.replace(/\r\n/g, '\n').trim()).toBe(mail.html.trim());
    const shown = pageFigures(parseHtml(html));
    const expected = expectedFigures(report, 'de');
    expect(shown.figures.get('Kontakte im Zeitraum')).toBe(expected.total);
    expect(shown.topics).toEqual(expected.topics);

    const text = received!.text!;
    expect(text).toContain('Bericht März 2026');
    expect(text).toContain(`Kontakte im Zeitraum: ${expected.total}`);
    expect(text.replace(/\s+/g, ' ')).toContain(PUBLICATION_NOTES.cellKey.de);
    // Sent from browser mode (no printPdf): no PDF, and the text says so.
    expect(text).toContain('Das PDF ist nicht angehängt');

    const attachments = received!.attachments;
    expect(attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['kontaktdesk-bericht-2026-03-veroeffentlichung.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['kontaktdesk-bericht-2026-03-veroeffentlichung.csv', 'text/csv'],
    ]);
    const [xlsx, csv] = attachments as [(typeof attachments)[number], (typeof attachments)[number]];
    expect(xlsx.content.equals(mail.attachments[0]!.content)).toBe(true);
    expect(csv.content.equals(mail.attachments[1]!.content)).toBe(true);

    expect(csv.content.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.content.toString('utf8').slice(1));
    expect(rows.every((r) => r.length === 1 || r.join(';').includes(';'))).toBe(true);
    expect(Number(rows.find((r) => r[0] === 'Kontakte')![1])).toBe(report.total);
    const topicRows = rows.slice(rows.findIndex((r) => r[0] === 'Themen – Kontakte') + 2);
    for (const row of report.byTopic.contacts.rows.filter((r) => r.n !== null && r.n > 0)) {
      expect(topicRows.find((r) => r[0] === row.label.de)![1]).toBe(String(row.n));
    }

    const workbook = await readWorkbook(xlsx.content);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(REPORT_TABLE_TITLES);
    expect(sheetValues(workbook.getWorksheet('Kennzahlen')!).find((r) => r[0] === 'Kontakte')![1]).toBe(report.total);
    const topicSheet = sheetValues(workbook.getWorksheet('Themen – Kontakte')!);
    for (const row of report.byTopic.contacts.rows.filter((r) => r.n !== null && r.n > 0)) {
      expect(topicSheet.find((r) => r[0] === row.label.de)![1]).toBe(row.n);
    }
  });
});
