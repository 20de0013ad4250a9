import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { client } from '../api/client';
import { errorMessage } from '../ui/error-message';
import { downloadExport } from './download';
import type { ReportRequest } from './period';
import { reportInput } from './use-report';

const FORMATS = ['report-csv', 'report-xlsx', 'raw-csv', 'raw-xlsx'] as const;
/** The four file exports, and "Veröffentlichen": the HTML page for the town's website. */
type Format = (typeof FORMATS)[number] | 'report-html';

const isRaw = (format: Format) => format.startsWith('raw-');

/**
 * The exports of the report as shown (period, filter, publication mode); one at a time, with an
 * indeterminate progress bar while the core writes the file. "Veröffentlichen" downloads the HTML
 * page for the website, always in publication mode: a page for the public never carries true small
 * counts, so when the screen shows them the page is still made in publication mode, as its tooltip
 * says. Raw exports are refused in publication mode (one row per contact would undo it): their
 * buttons are disabled then, the reason written beside them.
 */
export function ExportButtons({ request, children }: { request: ReportRequest; children?: ReactNode }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const [running, setRunning] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (format: Format) => {
    setRunning(format);
    setError(null);
    setDone(null);
    try {
      // The same period and filter as the report on screen: the file names the filter like every page does.
      const period = format === 'report-html' ? { ...reportInput(request), publication: true } : reportInput(request);
      const file = await client.exportReport({ period, format });
      downloadExport(file);
      setDone(file.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
    }
  };

  const rawRefused = request.publication;
  return (
    <div className="exports" role="group" aria-labelledby="exports-label" data-testid="exports">
      <span id="exports-label" className="toolbar-label">
        {t('exports.label')}
      </span>
      <div className="export-buttons">
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="tool-button"
            disabled={running !== null || (rawRefused && isRaw(format))}
            aria-describedby={rawRefused && isRaw(format) ? 'exports-raw-refused' : undefined}
            onClick={() => void run(format)}
            data-testid={`export-${format}`}
          >
            {t(`exports.${format}`)}
          </button>
        ))}
        <button
          type="button"
          className="tool-button"
          disabled={running !== null}
          title={t(request.publication ? 'exports.publishHint' : 'exports.publishHintScreenOpen')}
          aria-describedby="exports-publish-hint"
          onClick={() => void run('report-html')}
          data-testid="export-report-html"
        >
          {t('exports.publish')}
        </button>
        <span id="exports-publish-hint" className="visually-hidden">
          {t(request.publication ? 'exports.publishHint' : 'exports.publishHintScreenOpen')}
        </span>
        {children}
        <span className="export-status" aria-live="polite">
          {running && (
            <span className="export-running" data-testid="export-running">
              <progress aria-label={t('exports.running')} />
              {t('exports.running')}
            </span>
          )}
          {done && !running && <span className="export-done">{t('exports.done', { file: done })}</span>}
        </span>
      </div>
      {rawRefused && (
        <p id="exports-raw-refused" className="note" data-testid="export-raw-refused">
          {t('exports.rawRefused')}
        </p>
      )}
      {error !== null && (
        <p className="form-error" role="alert" data-testid="export-error">
          {t('exports.failed')} {errorMessage(t, error)}
        </p>
      )}
    </div>
  );
}
