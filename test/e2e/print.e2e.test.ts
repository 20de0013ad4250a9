import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { PRINT_PAGE, PRINT_TEXT_WIDTH_MM, playwrightPdfOptions } from '../../core/reports/print-page';
import type { Report } from '../../core/reports/report-types';
import { de } from '../../renderer/i18n/de';
import { formatter } from '../../renderer/ui/format';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { startE2e, stopE2e } from './support/e2e-app';
import { managementSession, unlockedContext } from './support/management';

/**
 * The printed report (issue 13, "Print view and PDF"), checked on the PDF Chromium makes of the real
 * app: the same printing as the browser's print dialog and the desktop shell's printToPDF, with the
 * shell's own options. Text by pdftotext, page count by pdfinfo, page fill by pdftoppm's pixels.
 * The PDFs and 50 dpi PNGs of every page stay in test-results/print/ to look at.
 */

const outDir = join(projectRoot, 'test-results', 'print');

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;
let lastMonth: { from: string; to: string };
let timeZone: string;
let autoLockMinutes: number;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('print', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  const { settings } = await api.getCatalog({});
  ({ timeZone, autoLockMinutes } = settings);
  lastMonth = quickPeriod('lastMonth', todayIn(timeZone), settings.openingDate);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command} is needed to read the PDF (apt-get install -y poppler-utils): ${result.error.message}`);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text of each page (pdftotext ends every page with a form feed). */
const pageTexts = (pdf: string) => run('pdftotext', ['-layout', pdf, '-']).split('\f').slice(0, -1).map(squash);

const pageCount = (pdf: string) => Number(run('pdfinfo', [pdf]).match(/Pages:\s+(\d+)/)?.[1]);

/**
 * How far down each page the report itself reaches, as a share of the page area between the top and
 * bottom margins (0 = nothing, 1 = full), measured on a 50 dpi greyscale rendering: the lowest row
 * with a dark pixel above the bottom margin, where the running footer sits.
 */
function pageFill(pdf: string, stem: string): number[] {
  run('pdftoppm', ['-r', '50', '-gray', pdf, join(outDir, stem)]);
  run('pdftoppm', ['-r', '50', '-png', pdf, join(outDir, stem)]);
  const files = readdirSync(outDir)
    .filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.pgm'))
    .sort();
  return files.map((file) => {
    const bytes = readFileSync(join(outDir, file));
    const header = bytes
      .subarray(0, 20)
      .toString('latin1')
      .match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = bytes.subarray(header[0].length);
    const mm = height / PRINT_PAGE.heightMm;
    const top = Math.ceil(PRINT_PAGE.marginMm.top * mm);
    const bottom = Math.floor(height - PRINT_PAGE.marginMm.bottom * mm);
    let lowest = top;
    for (let y = top; y < bottom; y++) {
      for (let x = 0; x < width; x++) {
        if (pixels[y * width + x]! < 200) {
          lowest = y;
          break;
        }
      }
    }
    return (lowest - top) / (bottom - top);
  });
}

async function openPrintView(hash: string, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await unlockedContext(browser, session, viewport ? { viewport } : {});
  await context.addInitScript(() => {
    localStorage.setItem('kontaktdesk.uiLanguage', 'de');
    // The print view asks for the print dialog once it is ready; count instead of opening one.
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => void (window as unknown as { printCalls: number }).printCalls++;
  });
  const page = await context.newPage();
  watchProblems(page);
  await page.goto(app.url + hash);
  return page;
}

/** What went wrong in the page (script errors, failed requests), to say why it never got ready. */
const problems = new WeakMap<Page, string[]>();
function watchProblems(page: Page) {
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && seen.push(`${r.status()} ${r.url()}`));
  page.on('requestfailed', (r) => seen.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
}

async function waitFor(page: Page, selector: string) {
  try {
    await page.locator(selector).first().waitFor({ timeout: 30_000 });
  } catch (err) {
    throw new Error(`${selector} did not appear; the page saw: ${(problems.get(page) ?? []).join('; ') || 'no errors'}`, { cause: err });
  }
}

/** Everything of the screen around the report that must never be on paper, as the German UI words it. */
const screenOnly = () => [
  de.management.autoLock_other.replace('{{count, number}}', String(autoLockMinutes)),
  de.management.changePin,
  de.management.lock,
  de.print.back,
  de.print.print,
  de.print.hint,
  de.reports.print,
  de.reports.publicationHint,
  de.exports.label,
  de.exports['report-csv'],
  de.exports['raw-xlsx'],
  ...Object.values(de.reports.quick),
];

/** The day a report was made, as the running footer writes it, for each day the test may have run on. */
const madeDays = (instants: Date[]) => [...new Set(instants.map((d) => new Intl.DateTimeFormat('de-AT', { timeZone, dateStyle: 'medium' }).format(d)))];

describe('printed report: the PDF of the print view in real Chromium, one month of demo data', () => {
  it('has no management controls, carries site, period, page x of y and the day it was made on every page, fits on three A4 pages that are not half empty', async () => {
    const started = new Date();
    const page = await openPrintView('#/reports?period=lastMonth');
    await page.getByTestId('print').click();
    await waitFor(page, '[data-print-ready="true"]');
    const report: Report = await api.getReport({ ...lastMonth, publication: false });
    const pdf = join(outDir, 'month.pdf');
    await page.pdf({ path: pdf, ...playwrightPdfOptions() });
    const days = madeDays([started, new Date()]);

    const pages = pageTexts(pdf);
    const whole = pages.join(' ');
    for (const text of screenOnly()) expect(whole, `"${text}" is on paper`).not.toContain(squash(text));
    const count = pageCount(pdf);
    expect(pages).toHaveLength(count);
    expect(count).toBeLessThanOrEqual(3);
    // The report itself is all there.
    expect(whole).toContain(squash(report.headline.de));
    expect(whole).toContain(formatter('de').count(report.total));
    // Every section (the desks table only shows with more than one desk; the series over time is per day for one month).
    for (const [key, title] of Object.entries(de.reports.sections)) if (key !== 'desks' && key !== 'monthly') expect(whole, title).toContain(title);

    const period = formatter('de').range(report.period.from, report.period.to);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}: site`).toContain(report.site.name);
      expect(text, `page ${i + 1}: period`).toContain(period);
      expect(text, `page ${i + 1}: page x of y`).toContain(`Seite ${i + 1} von ${count}`);
      expect(
        days.some((d) => text.includes(`Erstellt am ${d}`)),
        `page ${i + 1}: made on ${days.join(' or ')}`,
      ).toBe(true);
    });

    // No page but the last ends before two thirds of its height: nothing pushed over leaving a gap.
    const fill = pageFill(pdf, 'month');
    expect(fill).toHaveLength(count);
    fill.slice(0, -1).forEach((share, i) => expect(share, `page ${i + 1} filled to ${Math.round(share * 100)} %`).toBeGreaterThan(2 / 3));
    expect(fill.at(-1)!).toBeGreaterThan(0.05);
    await page.context().close();
  }, 90_000);

  it('draws every chart at a fixed paper size inside its column, at print resolution', async () => {
    // A window as wide as the paper's text, so the print layout measured here is the one on paper.
    const page = await openPrintView(`#/print?from=${lastMonth.from}&to=${lastMonth.to}`, {
      width: Math.floor(PRINT_TEXT_WIDTH_MM * (96 / 25.4)),
      height: 1000,
    });
    await waitFor(page, '[data-print-ready="true"]');
    await page.emulateMedia({ media: 'print' });
    const pxPerMm = 96 / 25.4;
    const textWidth = PRINT_TEXT_WIDTH_MM * pxPerMm;
    const canvases = await page.locator('canvas').evaluateAll((cs) =>
      cs.map((c) => {
        const r = c.getBoundingClientRect();
        const section = c.closest('section')!.getBoundingClientRect();
        const inside = r.left >= section.left - 0.5 && r.right <= section.right + 0.5;
        return { width: r.width, height: r.height, backing: (c as HTMLCanvasElement).width / r.width, inside };
      }),
    );
    // Every chart of the report (months or days, topics, languages, referrals, channels, and more as the report grows).
    expect(canvases.length).toBeGreaterThanOrEqual(5);
    for (const c of canvases) {
      // Not cut off by its column.
      expect(c.inside).toBe(true);
      expect(c.width).toBeGreaterThan(40 * pxPerMm);
      expect(c.width).toBeLessThanOrEqual(textWidth + 0.5);
      expect(c.height).toBeGreaterThan(25 * pxPerMm);
      expect(c.height).toBeLessThanOrEqual(90 * pxPerMm);
      // About 300 dpi on paper: three canvas pixels to every CSS pixel (96 to the inch).
      expect(c.backing).toBeGreaterThanOrEqual(3);
    }
    await page.context().close();
  }, 60_000);

  it('a site name with quotes, a backslash and CSS in it is printed as written, in English too', async () => {
    const { settings } = await api.getCatalog({});
    const odd = 'Treff "Mitte" \\ Süd } @page { margin: 0 }';
    await api.updateSettings({ siteName: odd });
    try {
      const context = await unlockedContext(browser, session);
      await context.addInitScript(() => {
        localStorage.setItem('kontaktdesk.uiLanguage', 'en');
        window.print = () => undefined;
      });
      const page = await context.newPage();
      watchProblems(page);
      await page.goto(`${app.url}#/print?from=${lastMonth.from}&to=${lastMonth.to}`);
      await waitFor(page, '[data-print-ready="true"]');
      const pdf = join(outDir, 'odd-name.pdf');
      await page.pdf({ path: pdf, ...playwrightPdfOptions() });
      const pages = pageTexts(pdf);
      expect(pages.length).toBeLessThanOrEqual(3);
      const period = formatter('en').range(lastMonth.from, lastMonth.to);
      pages.forEach((text, i) => {
        expect(text, `page ${i + 1}`).toContain(odd);
        expect(text, `page ${i + 1}`).toContain(period);
        expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
        expect(text, `page ${i + 1}`).toMatch(/Made on \d{1,2} \w{3,4} \d{4}/);
      });
      expect(await page.title()).toBe(`${odd} · ${period}`);
      await context.close();
    } finally {
      await api.updateSettings({ siteName: settings.siteName });
    }
  }, 60_000);

  it('printing the report screen itself (Ctrl+P) leaves out navigation, management bar, period picker and exports too', async () => {
    const page = await openPrintView('#/reports?period=lastMonth');
    await waitFor(page, '[data-testid="report-total"]');
    await expect.poll(() => page.getByTestId('period-from').inputValue()).toBe(lastMonth.from);
    const pdf = join(outDir, 'screen.pdf');
    await page.pdf({ path: pdf, ...playwrightPdfOptions() });
    const pages = pageTexts(pdf);
    const whole = pages.join(' ');
    for (const text of [...screenOnly(), de.nav.desk, de.reports.tabs.audit, de.reports.tabs.backup])
      expect(whole, `"${text}" is on paper`).not.toContain(squash(text));
    const report: Report = await api.getReport({ ...lastMonth, publication: false });
    expect(whole).toContain(squash(report.headline.de));
    // The same paper layout as the print view, and no blank page at the end.
    expect(pages).toHaveLength(pageCount(pdf));
    expect(pages.length).toBeLessThanOrEqual(3);
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`Seite ${i + 1} von ${pages.length}`));
    // The screen's charts are redrawn for paper, not squeezed: each canvas keeps its drawing's proportions.
    await page.emulateMedia({ media: 'print' });
    const shapes = await page.locator('canvas').evaluateAll((cs) =>
      cs.map((c) => {
        const r = c.getBoundingClientRect();
        return { shown: r.width / r.height, drawn: (c as HTMLCanvasElement).width / (c as HTMLCanvasElement).height };
      }),
    );
    expect(shapes.length).toBeGreaterThanOrEqual(5);
    for (const { shown, drawn } of shapes) expect(Math.abs(shown / drawn - 1)).toBeLessThan(0.02);
    await page.context().close();
  }, 60_000);
});
