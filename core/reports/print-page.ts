/**
 * The paper a report is printed on, in one place: the print view's `@page` rule (with its running
 * header and footer in the page margins), the desktop shell's `printToPDF` and the e2e test's
 * `page.pdf` all take it from here, so the PDF the shell saves is the one the test reads.
 */
export const PRINT_PAGE = {
  size: 'A4',
  widthMm: 210,
  heightMm: 297,
  /** Room for one line of running header (top) and footer (bottom) in the margin. */
  marginMm: { top: 16, right: 14, bottom: 16, left: 14 },
} as const;

/** The width the report has on paper. */
export const PRINT_TEXT_WIDTH_MM = PRINT_PAGE.widthMm - PRINT_PAGE.marginMm.left - PRINT_PAGE.marginMm.right;

/** The gap between the two columns of the report on paper (renderer/reports/report-print.css uses the same). */
export const PRINT_COLUMN_GAP_MM = 6;

/** A chart with its table beside it (topics, SDGs) leaves the table the rest of the text width. */
export const PRINT_BESIDE_CHART_MM = 72;

const inches = (mm: number) => mm / 25.4;

/**
 * Electron's `webContents.printToPDF` options. No `displayHeaderFooter`: the running header and footer
 * are the page's own `@page` margin boxes, the same ones the browser's print dialog prints. The
 * margins repeat the `@page` ones (which current Chromium prefers anyway) rather than leave
 * printToPDF's own default of 0.4 inch to chance.
 */
export const electronPdfOptions = () => ({
  pageSize: PRINT_PAGE.size,
  printBackground: true,
  preferCSSPageSize: true,
  margins: {
    top: inches(PRINT_PAGE.marginMm.top),
    right: inches(PRINT_PAGE.marginMm.right),
    bottom: inches(PRINT_PAGE.marginMm.bottom),
    left: inches(PRINT_PAGE.marginMm.left),
  },
});

/** The same options spelled for Playwright's `page.pdf` (the same Chromium printing underneath). */
export const playwrightPdfOptions = () => ({
  format: PRINT_PAGE.size,
  printBackground: true,
  preferCSSPageSize: true,
  margin: {
    top: `${PRINT_PAGE.marginMm.top}mm`,
    right: `${PRINT_PAGE.marginMm.right}mm`,
    bottom: `${PRINT_PAGE.marginMm.bottom}mm`,
    left: `${PRINT_PAGE.marginMm.left}mm`,
  },
});
