import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { PeriodParams } from '../app/route';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { FilterDimension, ReportFilters } from '../../core/analysis/filter-inputs';
import { errorMessage } from '../ui/error-message';
import { ExportButtons } from './ExportButtons';
import { FilterBar } from './FilterBar';
import { filtersInclude, withFilterValues } from './filter-params';
import type { matchingQuickPeriod, ReportRequest } from './period';
import { PeriodPicker } from './PeriodPicker';
import { ReportView } from './ReportView';
import { useReport } from './use-report';
import { SaveViewButton } from '../views/SaveViewButton';

/** The report tab: period picker, exports and print, the filter bar, then the report for the chosen period and filter. */
export function ReportTab({
  catalog,
  request,
  quick,
  period,
  onPeriod,
  onFilters,
  onPrint,
}: {
  catalog: Catalog;
  request: ReportRequest;
  quick: ReturnType<typeof matchingQuickPeriod>;
  period: PeriodParams;
  onPeriod(p: PeriodParams): void;
  /** A new filter: a new history entry, so the browser's back button returns to the one before. */
  onFilters(filters: ReportFilters): void;
  onPrint(): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const state = useReport(request);
  // In publication mode the address may still hold a filter (switching back brings it back); it is not applied.
  const filters = request.publication ? [] : (request.filters ?? []);
  const drill = (dimension: FilterDimension, value: number | string) => {
    if (!filtersInclude(filters, dimension, value)) onFilters(withFilterValues(filters, dimension, [value]));
  };
  // The loaded report's filters carry the labels print and exports use; an older report's are not this filter's.
  const resolved = state.report?.filters;
  return (
    <>
      <div className="report-toolbar">
        <PeriodPicker
          period={request}
          quick={quick}
          publication={request.publication}
          onQuick={(k) => onPeriod({ quick: k, publication: period.publication, ...(period.filters && { filters: period.filters }) })}
          onCustom={(p) => onPeriod({ ...p, publication: period.publication, ...(period.filters && { filters: period.filters }) })}
          onPublication={(on) => onPeriod({ ...period, publication: on })}
        />
        <ExportButtons request={request}>
          <button type="button" className="tool-button print-button" onClick={onPrint} data-testid="print">
            {t('reports.print')}
          </button>
        </ExportButtons>
        <SaveViewButton catalog={catalog} request={request} filters={filters} />
        <div className="report-status" aria-live="polite">
          {state.loading && t('app.loading')}
        </div>
      </div>
      <FilterBar catalog={catalog} filters={filters} resolved={resolved} publication={request.publication} onChange={onFilters} />
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
          <ReportView report={state.report} filters={filters} onDrill={request.publication ? undefined : drill} />
        </div>
      )}
    </>
  );
}
