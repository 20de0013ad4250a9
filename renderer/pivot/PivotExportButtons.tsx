import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { downloadExport } from '../reports/download';
import { errorMessage } from '../ui/error-message';
import { useAction } from '../ui/use-action';
import type { PivotRequest } from './use-pivot';

const FORMATS = ['pivot-csv', 'pivot-xlsx'] as const;

/** The pivot as CSV (German Excel: semicolons, decimal comma, BOM) or XLSX, written by the core. */
export function PivotExportButtons({ request }: { request: PivotRequest }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const run = (format: (typeof FORMATS)[number]) =>
    action.run(async () => {
      setDone(null);
      const file = await client.exportPivot({ pivot: request, format });
      downloadExport(file);
      setDone(file.fileName);
    });
  return (
    <div className="exports" role="group" aria-labelledby="pivot-exports-label" data-testid="pivot-exports">
      <span id="pivot-exports-label" className="toolbar-label">
        {t('pivot.exportLabel')}
      </span>
      <div className="export-buttons">
        {FORMATS.map((format) => (
          <button key={format} type="button" className="tool-button" disabled={action.busy} onClick={() => void run(format)} data-testid={`export-${format}`}>
            {t(format === 'pivot-csv' ? 'pivot.exportCsv' : 'pivot.exportXlsx')}
          </button>
        ))}
        <span className="export-status" aria-live="polite">
          {action.busy && (
            <span className="export-running">
              <progress aria-label={t('exports.running')} />
              {t('exports.running')}
            </span>
          )}
          {done && !action.busy && <span className="export-done">{t('pivot.exportDone', { file: done })}</span>}
        </span>
      </div>
      {action.error !== null && (
        <p className="form-error" role="alert" data-testid="pivot-export-error">
          {t('pivot.exportFailed')} {errorMessage(t, action.error)}
        </p>
      )}
    </div>
  );
}
