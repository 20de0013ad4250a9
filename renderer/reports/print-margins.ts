import { useEffect } from 'react';
import { PRINT_PAGE } from '../../core/reports/print-page';

/**
 * The running header and footer of a printed report: site and period at the top of every page, the
 * day it was made and "page x of y" at the bottom. They are CSS `@page` margin boxes (Chromium 131
 * and later: Chrome, Edge, the desktop shell's printToPDF), so the browser's print dialog, "save as
 * PDF" and the shell's PDF all print the same; browsers without margin boxes print their own header
 * and footer instead, which carry the document title (site and period, see `useRunningHeader`).
 */

export interface RunningHeader {
  site: string;
  /** The period as the report names it, e.g. "01.11.2026 – 30.11.2026". */
  period: string;
  /** "Erstellt am 06.12.2026, 21:12". */
  made: string;
  /** "Seite {{page}} von {{pages}}" with the two numbers left to the page: see `PAGE_MARK`. */
  pageOf: string;
}

/** Stand-ins for the page numbers in a translated text; CSS counters take their place. */
export const PAGE_MARK = { page: '\u0001', pages: '\u0002' } as const;

/** A CSS string literal: quotes and backslashes escaped, line breaks and other control characters made spaces. */
export function cssString(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, ' ')}"`;
}

/** Splits at either page mark, keeping the marks. */
const PAGE_MARK_SPLIT = new RegExp(`([${PAGE_MARK.page}${PAGE_MARK.pages}])`);

/** The `content` value of "Seite x von y" in any word order: text parts around counter(page) and counter(pages). */
function pageOfContent(pageOf: string): string {
  return pageOf
    .split(PAGE_MARK_SPLIT)
    .filter((part) => part !== '')
    .map((part) => (part === PAGE_MARK.page ? 'counter(page)' : part === PAGE_MARK.pages ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/** The stylesheet: A4 with the shared margins, and the four margin boxes in small grey type. */
export function pageMarginCss(h: RunningHeader): string {
  const m = PRINT_PAGE.marginMm;
  const box = (align: 'left' | 'right', vertical: 'top' | 'bottom', content: string) =>
    `{ content: ${content}; text-align: ${align}; vertical-align: ${vertical === 'top' ? 'bottom' : 'top'}; padding-${vertical === 'top' ? 'bottom' : 'top'}: 3mm; font: 8pt system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #444; }`;
  return [
    `@page {`,
    `  size: ${PRINT_PAGE.size};`,
    `  margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`,
    `  @top-left ${box('left', 'top', cssString(h.site))}`,
    `  @top-right ${box('right', 'top', cssString(h.period))}`,
    `  @bottom-left ${box('left', 'bottom', cssString(h.made))}`,
    `  @bottom-right ${box('right', 'bottom', pageOfContent(h.pageOf))}`,
    `}`,
  ].join('\n');
}

/**
 * Puts the running header and footer on the document while a report is shown, and names the
 * document after site and period (the title browsers print in their own header, and the PDF's
 * suggested file name). A constructed stylesheet, since the CSP allows no inline `<style>`.
 */
export function useRunningHeader(header: RunningHeader | null) {
  const css = header && pageMarginCss(header);
  const title = header && `${header.site} · ${header.period}`;
  useEffect(() => {
    if (!css || !title) return undefined;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const previousTitle = document.title;
    document.title = title;
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      document.title = previousTitle;
    };
  }, [css, title]);
}
