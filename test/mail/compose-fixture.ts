import { Window } from 'happy-dom';
import nodemailer from 'nodemailer';
import type { ComposedMail } from '../../core/mail/mail-parts';
import type { MailSchedule } from '../../core/mail/mail-types';
import type { Report } from '../../core/reports/report-types';
import { byCountDesc, visibleRows } from '../../core/reports/breakdown-rows';
import { pageFormat } from '../../core/exports/report-html-words';
import { queryRows } from '../support/sql-rows';
import type { SmtpServer } from '../support/smtp-server';
import type { TempCore } from '../support/temp-core';

/** A schedule as listMailSchedules returns it; the compose tests need no saved schedule (M3 stores them). */
export function scheduleOf(overrides: Partial<MailSchedule> = {}): MailSchedule {
  return {
    id: 7,
    name: 'Monatsbericht Gemeinderat',
    recipients: ['gemeinderat@leibnitz.at'],
    rule: 'lastMonth',
    viewId: null,
    publication: true,
    publicationMethod: 'cellKey',
    formats: ['xlsx', 'csv'],
    language: 'de',
    enabled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    next: { from: '2026-04-01', to: '2026-04-30', dueDay: '2026-05-01' },
    ...overrides,
  };
}

/** The page as a browser's DOM sees it (happy-dom parses, runs nothing). */
export function parseHtml(html: string): Document {
  const window = new Window();
  window.document.write(html);
  return window.document as unknown as Document;
}

/**
 * What a reader finds on the page, read back from its DOM: the key figures (the value under each
 * label) and the topic table's rows (label and contacts) — to compare with getReport's JSON.
 */
export function pageFigures(doc: Document): { figures: Map<string, string>; topics: [string, string][] } {
  const figures = new Map([...doc.querySelectorAll('.figure')].map((f) => [f.querySelector('dt')!.textContent!, f.querySelector('dd.value')!.textContent!]));
  const table = doc.querySelector('section[id$="-topics"] table')!;
  const topics = [...table.querySelectorAll('tbody tr')].map(
    (tr) => [tr.querySelector('th')!.textContent!, tr.querySelector('td')!.textContent!] as [string, string],
  );
  return { figures, topics };
}

/** getReport's figures as the page must write them: the total and the topic rows (largest first), "·" where suppressed. */
export function expectedFigures(report: Report, lang: 'de' | 'en') {
  const f = pageFormat(lang);
  return {
    total: f.count(report.total),
    topics: byCountDesc(visibleRows(report.byTopic.contacts)).map((row) => [row.label[lang], f.count(row.n)] as [string, string]),
  };
}

/** Every contact's record key (the cell-key method's secret): none may appear in a mail. */
export async function recordKeys(core: TempCore): Promise<string[]> {
  const rows = await queryRows<{ record_key: number }>(core.database.db, 'select record_key from contacts');
  return rows.map((r) => String(r.record_key)).filter((k) => k.length >= 5);
}

/**
 * Sends a composed mail as the app's sender will (nodemailer, one message with HTML, text and
 * attachments) to the test SMTP server, plain on 127.0.0.1; M2's `sendOutgoingMail` does the same
 * with the saved settings.
 */
export async function deliver(smtp: Pick<SmtpServer, 'host' | 'port'>, mail: ComposedMail, to: string[], messageId: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ from: 'berichte@leibnitz.at', to, messageId, ...mail });
  } finally {
    transport.close();
  }
}
