import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { Catalog } from '../../core/catalog/catalog-types';
import { errorMessage } from '../ui/error-message';
import type { ReportRequest } from './period';
import { ReportView } from './ReportView';
import { useReport } from './use-report';

/**
 * The print layout of one report (#/print?from=…&to=…&pub=1&f=…, the filter as on screen): A4 in two columns (report-print.css),
 * charts of a fixed paper size without animation, and on every page a running header and footer
 * with site, period, the day it was made and "page x of y" (print-margins.ts). The management bar
 * above it and the toolbar never print. Once every chart is drawn the root carries
 * `data-print-ready`, and in browser mode the browser's print dialog opens (print or save as PDF).
 *
 * In the desktop app the shell renders this page with `webContents.printToPDF` and offers to save the
 * PDF (electron/save-pdf.ts); the browser's print dialog is the fallback everywhere else.
 */
/** The desktop shell saves a real PDF; a browser opens its print dialog (print, or save as PDF). */
function printOrSave(request: ReportRequest) {
  // A filtered report says so in its name too (its pages carry the filter line).
  const kind = request.publication ? '-veroeffentlichung' : request.filters?.length ? '-gefiltert' : '';
  const name = `kontaktdesk-bericht-${request.from}_${request.to}${kind}.pdf`;
  if (window.kontaktdeskShell) void window.kontaktdeskShell.savePdf(name);
  else window.print();
}

/** Whether this browser prints `@page` margin boxes (Chromium 131+); then the running header names the site and the line above the report is left off paper. */
const MARGIN_BOXES = typeof window !== 'undefined' && 'CSSMarginRule' in window;

export function PrintView({ catalog, request, onBack }: { catalog: Catalog; request: ReportRequest; onBack(): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const state = useReport(request);
  const [ready, setReady] = useState(false);
  const printed = useRef(false);
  const onChartsDrawn = useCallback(() => setReady(true), []);

  useEffect(() => {
    document.body.classList.add('printing');
    return () => document.body.classList.remove('printing');
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: prints once, when the charts are drawn; the request is fixed for this view.
  useEffect(() => {
    if (!ready || printed.current) return;
    // Let the browser lay out the finished canvases before the print dialog snapshots the page.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        printed.current = true;
        printOrSave(request);
      }, 50);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready]);

  return (
    <div className={`print-page${MARGIN_BOXES ? ' margin-boxes' : ''}`} data-testid="print-view" data-print-ready={ready ? 'true' : undefined}>
      <div className="print-toolbar no-print">
        <button type="button" className="tool-button" onClick={onBack} data-testid="print-back">
          {t('print.back')}
        </button>
        <button type="button" className="tool-button primary" onClick={() => printOrSave(request)} data-testid="print-again">
          {t('print.print')}
        </button>
        <span className="print-hint">{t('print.hint')}</span>
      </div>
      <p className="print-site">{catalog.settings.siteName}</p>
      {state.error !== null && (
        <p className="form-error" role="alert">
          {t('reports.failed')} {errorMessage(t, state.error)}
        </p>
      )}
      {state.report ? <ReportView report={state.report} print onChartsDrawn={onChartsDrawn} /> : state.error === null && <p>{t('app.loading')}</p>}
    </div>
  );
}
