import { describe, expect, it } from 'vitest';
import { electronPdfOptions, playwrightPdfOptions, PRINT_COLUMN_GAP_MM, PRINT_PAGE, PRINT_TEXT_WIDTH_MM } from '../../core/reports/print-page';
import { mmToPx, printChartWidth, shortLabel } from '../../renderer/reports/chart-configs';
import { cssString, PAGE_MARK, pageMarginCss } from '../../renderer/reports/print-margins';

const header = {
  site: 'Sozial-Info Leibnitz',
  period: '01.11.2026 – 30.11.2026',
  made: 'Erstellt am 06.12.2026, 21:12',
  pageOf: `Seite ${PAGE_MARK.page} von ${PAGE_MARK.pages}`,
};

describe('running header and footer of the printed report', () => {
  it('puts site and period at the top, the day it was made and "page x of y" at the bottom, on the shared A4 page', () => {
    const css = pageMarginCss(header);
    expect(css).toContain('size: A4;');
    const m = PRINT_PAGE.marginMm;
    expect(css).toContain(`margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`);
    expect(css).toMatch(/@top-left \{ content: "Sozial-Info Leibnitz";/);
    expect(css).toMatch(/@top-right \{ content: "01\.11\.2026 – 30\.11\.2026";/);
    expect(css).toMatch(/@bottom-left \{ content: "Erstellt am 06\.12\.2026, 21:12";/);
    expect(css).toMatch(/@bottom-right \{ content: "Seite " counter\(page\) " von " counter\(pages\);/);
  });

  it('keeps the word order of the translation around the page numbers', () => {
    expect(pageMarginCss({ ...header, pageOf: `${PAGE_MARK.page}/${PAGE_MARK.pages}` })).toMatch(
      /@bottom-right \{ content: counter\(page\) "\/" counter\(pages\);/,
    );
  });

  it('a site name cannot break out of its CSS string: quotes and backslashes escaped, line breaks made spaces', () => {
    expect(cssString('Treff "Mitte" \\ Süd')).toBe('"Treff \\"Mitte\\" \\\\ Süd"');
    expect(cssString('a\nb\r\u0000c')).toBe('"a b  c"');
    const css = pageMarginCss({ ...header, site: 'x"; } @page { margin: 0 } @top-left { content: "y' });
    expect(css).toContain('content: "x\\"; } @page { margin: 0 } @top-left { content: \\"y";');
    // One @page rule with its four boxes, whatever the name held.
    expect(css.match(/^@page \{$/gm)).toHaveLength(1);
  });
});

describe('paper sizes shared by the print view, the desktop shell and the test', () => {
  it('printToPDF and page.pdf ask for the same A4 page and margins as the print view', () => {
    const electron = electronPdfOptions();
    const playwright = playwrightPdfOptions();
    expect(electron).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(playwright).toMatchObject({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    for (const side of ['top', 'right', 'bottom', 'left'] as const) {
      expect(electron.margins[side] * 25.4).toBeCloseTo(PRINT_PAGE.marginMm[side], 6);
      expect(playwright.margin[side]).toBe(`${PRINT_PAGE.marginMm[side]}mm`);
    }
  });

  it('a chart on paper fits the text width, and two fit side by side', () => {
    const px = (mm: number) => (mm * 96) / 25.4;
    const text = px(PRINT_TEXT_WIDTH_MM);
    expect(PRINT_TEXT_WIDTH_MM).toBe(PRINT_PAGE.widthMm - PRINT_PAGE.marginMm.left - PRINT_PAGE.marginMm.right);
    expect(printChartWidth('text')).toBeLessThanOrEqual(text);
    expect(printChartWidth('text')).toBeGreaterThan(text - 1);
    expect(2 * printChartWidth('column') + px(PRINT_COLUMN_GAP_MM)).toBeLessThanOrEqual(text);
    expect(2 * printChartWidth('column') + px(PRINT_COLUMN_GAP_MM)).toBeGreaterThan(text - 2);
    // A chart beside its table leaves the table at least 100 mm, enough for four columns of 8 pt figures.
    expect(text - printChartWidth('beside') - px(PRINT_COLUMN_GAP_MM)).toBeGreaterThan(px(100));
    expect(mmToPx(25.4)).toBe(96);
  });

  it('a long category name is cut with "…" and keeps its suppressed mark', () => {
    expect(shortLabel('Deutsch', 20)).toBe('Deutsch');
    expect(shortLabel('Stadtgemeinde Leibnitz – Bürgerservice', 20)).toBe('Stadtgemeinde Leibn…');
    expect(shortLabel('Stadtgemeinde Leibnitz – Bürgerservice ·', 20)).toBe('Stadtgemeinde Leibn… ·');
    expect(shortLabel('Gesundheit ·', 20)).toBe('Gesundheit ·');
  });
});
