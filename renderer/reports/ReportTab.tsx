import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { reportChoices, type PeriodParams } from '../app/route';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { FilterDimension, ReportFilters } from '../../core/analysis/filter-inputs';
import { errorMessage } from '../ui/error-message';
import { ExportButtons } from './ExportButtons';
import { FilterBar } from './FilterBar';
import { filtersInclude, withFilterValues } from './filter-params';
import { filtersRefused, type matchingQuickPeriod, type ReportRequest } from './period';
import { PeriodPicker } from './PeriodPicker';
import { PublicationChoices } from './PublicationChoices';
import { ReportView } from './ReportView';
import { useReport } from './use-report';
import { SaveViewButton } from '../views/SaveViewButton';

/**
 * The report tab: period picker with the publication choices, exports and print, the filter bar, then the
 * report for the chosen period and filter. Filters and drill-down are offered except in publication by
 * small-cell suppression, where the filter bar says why.
 */
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
  // With suppression the address may still hold a filter (switching back brings it back); it is not applied.
  const refused = filtersRefused(request);
  const filters = refused ? [] : (request.filters ?? []);
  const drill = (dimension: FilterDimension, values: readonly (number | string)[]) => {
    const missing = values.filter((v) => !filtersInclude(filters, dimension, v));
    if (missing.length > 0) onFilters(withFilterValues(filters, dimension, missing));
  };
  const choices = reportChoices(period);
  // The loaded report's filters carry the labels print and exports use; an older report's are not this filter's.
  const resolved = state.report?.filters;
  return (
    <>
      <div className="report-toolbar">
        <PeriodPicker
          period={request}
          quick={quick}
          publication={request.publication}
          onQuick={(k) => onPeriod({ quick: k, ...choices })}
          onCustom={(p) => onPeriod({ ...p, ...choices })}
          onPublication={(on) => onPeriod({ ...period, publication: on })}
        />
        <PublicationChoices
          publication={request.publication}
          method={request.publicationMethod ?? 'cellKey'}
          onMethod={(m) => onPeriod({ ...period, publicationMethod: m })}
          topicGroups={request.topicGroups}
          onTopicGroups={(on) => onPeriod({ ...period, topicGroups: on })}
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
      <FilterBar catalog={catalog} filters={filters} resolved={resolved} refused={refused} onChange={onFilters} />
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
          <ReportView report={state.report} filters={filters} onDrill={refused ? undefined : drill} />
        </div>
      )}
    </>
  );
}
