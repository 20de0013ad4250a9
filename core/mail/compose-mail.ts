import { invalidField } from '../base/errors';
import type { CoreContext } from '../context';
import { exportFileName } from '../exports/export-report';
import { reportHtml } from '../exports/report-html';
import { reportCsv } from '../exports/report-csv';
import { writeReportXlsx } from '../exports/report-xlsx';
import { writeToBuffer } from '../exports/sinks';
import { CSV_MIME, XLSX_MIME } from '../exports/xlsx-workbook';
import { computeReport, type ReportRequest } from '../reports/compute-report';
import type { Report } from '../reports/report-types';
import { listSavedViews } from '../views/saved-views';
import type { ComposedMail, ComposeReportMail } from './mail-parts';
import { MAIL_WORDS, mailSubject, mailText } from './mail-text';
import type { ScheduleToSend } from './mail-types';

export const PDF_MIME = 'application/pdf';

/** What the shell running the schedules can do beyond the core: the desktop app prints a page to PDF, browser mode cannot. */
export interface MailShell {
  /** The report page as an A4 PDF (Electron's printToPDF of the page); left out in browser mode. */
  printPdf?: (html: string) => Promise<Buffer>;
}

/**
 * The report request of a schedule's period: publication mode and method from the schedule; the
 * filters and topic groups of its saved view, if it has one (the view's own period, sections and
 * publication settings do not apply: the schedule's rule gives the period, the mail always carries the
 * whole page). A view that is gone, or whose filters cannot go with small-cell suppression, is refused
 * naming `viewId`, before anything is sent.
 */
export async function scheduleReportRequest(ctx: CoreContext, schedule: ScheduleToSend, period: { from: string; to: string }): Promise<ReportRequest> {
  const request: ReportRequest = { from: period.from, to: period.to, publication: schedule.publication, publicationMethod: schedule.publicationMethod };
  if (schedule.viewId === null) return request;
  const view = (await listSavedViews(ctx.db)).find((v) => v.id === schedule.viewId);
  if (!view) throw invalidField('viewId', `the saved view ${schedule.viewId} of schedule "${schedule.name}" no longer exists`);
  if (schedule.publication && schedule.publicationMethod === 'suppression' && view.filters.length > 0)
    throw invalidField('viewId', 'the saved view has filters, which are not available with small-cell suppression; use the cell-key method');
  return { ...request, filters: view.filters, topicGroups: view.topicGroups };
}

type Attachment = ComposedMail['attachments'][number];

/** The report's tables as the export writes them (core/exports): XLSX without the raw sheet, CSV with BOM and `;`. Never raw rows. */
async function tableAttachment(report: Report, format: 'xlsx' | 'csv'): Promise<Attachment> {
  const period = { ...report.period, publication: report.publication.enabled };
  if (format === 'csv') return { filename: exportFileName(period, 'report-csv'), contentType: CSV_MIME, content: Buffer.from(reportCsv(report), 'utf8') };
  const { buffer } = await writeToBuffer((out) => writeReportXlsx(report, out, null));
  return { filename: exportFileName(period, 'report-xlsx'), contentType: XLSX_MIME, content: buffer };
}

/**
 * Makes `ComposeReportMail` for a shell: the report of the period exactly as getReport returns it for
 * the schedule's mode, the report page in the schedule's language as the HTML body, a plain-text part,
 * and the attachments the schedule asks for. A PDF needs the shell's `printPdf`; without it (browser
 * mode) the PDF is left out and both parts say so — a schedule is never refused for it, since the same
 * database may also be run from the desktop app.
 */
export function composeReportMailWith(shell: MailShell = {}): ComposeReportMail {
  return async (ctx, schedule, period) => {
    const report = await computeReport(ctx, await scheduleReportRequest(ctx, schedule, period));
    const lang = schedule.language;
    // The desktop shell's printer comes with the context (the timer, "Jetzt senden" and the CLI all compose here).
    const printPdf = shell.printPdf ?? ctx.printPdf;
    const pdfLeftOut = schedule.formats.includes('pdf') && !printPdf;
    const notice = pdfLeftOut ? { de: MAIL_WORDS.de.pdfLeftOut, en: MAIL_WORDS.en.pdfLeftOut } : undefined;
    const html = reportHtml(report, { languages: [lang], ...(notice && { notice }) });
    const attachments: Attachment[] = [];
    for (const format of schedule.formats) {
      if (format === 'xlsx' || format === 'csv') attachments.push(await tableAttachment(report, format));
      else if (printPdf) {
        const name = exportFileName({ ...report.period, publication: report.publication.enabled }, 'report-html').replace(/\.html$/, '.pdf');
        attachments.push({ filename: name, contentType: PDF_MIME, content: await printPdf(html) });
      }
    }
    const text = mailText(report, lang, { attachments: attachments.map((a) => a.filename), ...(notice && { notice: notice[lang] }) });
    return { subject: mailSubject(report, lang), html, text, attachments };
  };
}

/** The message as the core composes it without a shell: browser mode and the command line (no PDF). */
export const composeReportMail: ComposeReportMail = composeReportMailWith();
