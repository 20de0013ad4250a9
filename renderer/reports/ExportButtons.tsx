import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { client } from '../api/client';
import { errorMessage } from '../ui/error-message';
import { downloadExport } from './download';
import type { ReportRequest } from './period';
import { reportInput } from './use-report';

const FORMATS = ['report-csv', 'report-xlsx', 'raw-csv', 'raw-xlsx'] as const;
type Format = (typeof FORMATS)[number];

/** The four exports of the report as shown (period and filter); one at a time, with an indeterminate progress bar while the core writes the file. */
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
      const file = await client.exportReport({ period: reportInput(request), format });
      downloadExport(file);
      setDone(file.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
    }
  };

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
            disabled={running !== null}
            onClick={() => void run(format)}
            data-testid={`export-${format}`}
          >
            {t(`exports.${format}`)}
          </button>
        ))}
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
      {error !== null && (
        <p className="form-error" role="alert" data-testid="export-error">
          {t('exports.failed')} {errorMessage(t, error)}
        </p>
      )}
    </div>
  );
}
