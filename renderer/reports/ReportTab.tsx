import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { PeriodParams } from '../app/route';
import { errorMessage } from '../ui/error-message';
import { ExportButtons } from './ExportButtons';
import type { matchingQuickPeriod, ReportRequest } from './period';
import { PeriodPicker } from './PeriodPicker';
import { ReportView } from './ReportView';
import { useReport } from './use-report';

/** The report tab: period picker, exports and print, then the report for the chosen period. */
export function ReportTab({
  request,
  quick,
  period,
  onPeriod,
  onPrint,
}: {
  request: ReportRequest;
  quick: ReturnType<typeof matchingQuickPeriod>;
  period: PeriodParams;
  onPeriod(p: PeriodParams): void;
  onPrint(): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const state = useReport(request);
  return (
    <>
      <div className="report-toolbar">
        <PeriodPicker
          period={request}
          quick={quick}
          publication={request.publication}
          onQuick={(k) => onPeriod({ quick: k, publication: period.publication })}
          onCustom={(p) => onPeriod({ ...p, publication: period.publication })}
          onPublication={(on) => onPeriod({ ...period, publication: on })}
        />
        <ExportButtons request={request}>
          <button type="button" className="tool-button print-button" onClick={onPrint} data-testid="print">
            {t('reports.print')}
          </button>
        </ExportButtons>
        <div className="report-status" aria-live="polite">
          {state.loading && t('app.loading')}
        </div>
      </div>
      {state.error !== null && (
        <div className="form-error" role="alert" data-testid="report-error">
          <p>
            {t('reports.failed')} {errorMessage(t, state.error)}
          </p>
          <button type="button" className="tool-button" onClick={state.reload}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {state.report && (
        <div className={state.loading ? 'stale' : undefined} aria-busy={state.loading}>
          <ReportView report={state.report} />
        </div>
      )}
    </>
  );
}
