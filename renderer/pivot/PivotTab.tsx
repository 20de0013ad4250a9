import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { Catalog } from '../../core/catalog/catalog-types';
import { dimensionName } from '../../core/analysis/filter-words';
import { PIVOT_DIMENSIONS, type PivotDimension } from '../../core/analysis/pivot-inputs';
import type { Pivot } from '../../core/analysis/pivot-types';
import { reportChoices, type PeriodParams } from '../app/route';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { ChartCanvas } from '../reports/ChartCanvas';
import { DrillContext, type Drill } from '../reports/drill-context';
import { FilterBar } from '../reports/FilterBar';
import { filtersInclude, withFilterValues } from '../reports/filter-params';
import { filtersRefused, type QuickPeriod, type ReportRequest } from '../reports/period';
import { PeriodPicker } from '../reports/PeriodPicker';
import { PublicationChoices, PublicationNote } from '../reports/PublicationChoices';
import { errorMessage } from '../ui/error-message';
import { reportLanguage } from '../ui/format';
import { CHART_TOP_COLUMNS, pivotChart } from './pivot-chart';
import type { PivotParams } from './pivot-params';
import { PivotExportButtons } from './PivotExportButtons';
import { PivotTable } from './PivotTable';
import { type PivotRequest, usePivot } from './use-pivot';
import './pivot.css';

/**
 * The pivot tab: two dimensions of the period's contacts against each other, as a table and a chart,
 * exported as CSV or XLSX. In publication mode every cell is published by the cell-key method (getPivot
 * with `publication`); publication by small-cell suppression has no pivot (small numbers where two
 * dimensions cross cannot be hidden safely that way), and the tab says so instead.
 */
export function PivotTab({
  catalog,
  request,
  quick,
  period,
  dimensions,
  onChange,
}: {
  catalog: Catalog;
  request: ReportRequest;
  quick: QuickPeriod | null;
  period: PeriodParams;
  /** The two dimensions; the filter comes with the period (`f=` in the address), as on the report tab. */
  dimensions: PivotParams;
  /** `history`: a new history entry (a filter change, so back returns to the filter before); else the address is replaced. */
  onChange(period: PeriodParams, dimensions: PivotParams, options?: { history: boolean }): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const lang = reportLanguage(i18n.language);
  const filters = request.filters ?? [];
  const pivotRequest: PivotRequest | null = filtersRefused(request)
    ? null
    : { from: request.from, to: request.to, rows: dimensions.rows, columns: dimensions.columns, filters, publication: request.publication };
  const choices = reportChoices(period);
  const state = usePivot(pivotRequest);
  const setFilters = (next: ReportFilters) => onChange({ ...period, filters: next }, dimensions, { history: true });
  const drill: Drill = {
    drill: (dimension, value) => {
      if (!filtersInclude(filters, dimension, value)) setFilters(withFilterValues(filters, dimension, [value]));
    },
    filtered: (dimension, value) => filtersInclude(filters, dimension, value),
  };
  const choose = (which: keyof PivotParams, d: PivotDimension) => onChange(period, { ...dimensions, [which]: d });

  return (
    <div className="pivot-tab" data-testid="pivot-tab">
      <div className="report-toolbar">
        <PeriodPicker
          period={request}
          quick={quick}
          publication={request.publication}
          onQuick={(k) => onChange({ quick: k, ...choices }, dimensions)}
          onCustom={(p) => onChange({ ...p, ...choices }, dimensions)}
          onPublication={(on) => onChange({ ...period, publication: on }, dimensions)}
        />
        <PublicationChoices
          publication={request.publication}
          method={request.publicationMethod ?? 'cellKey'}
          onMethod={(m) => onChange({ ...period, publicationMethod: m }, dimensions)}
        />
        {pivotRequest && (
          <fieldset className="pivot-dimensions">
            <legend className="toolbar-label">{t('pivot.dimensionsLabel')}</legend>
            {(['rows', 'columns'] as const).map((which) => {
              const other = dimensions[which === 'rows' ? 'columns' : 'rows'];
              return (
                <label key={which}>
                  <span>{t(`pivot.${which}`)}</span>
                  <select value={dimensions[which]} onChange={(e) => choose(which, e.target.value as PivotDimension)} data-testid={`pivot-${which}`}>
                    {PIVOT_DIMENSIONS.filter((d) => d !== other).map((d) => (
                      <option key={d} value={d}>
                        {dimensionName(d, lang)}
                      </option>
                    ))}
                  </select>
                </label>
              );
            })}
          </fieldset>
        )}
        {pivotRequest && <PivotExportButtons request={pivotRequest} />}
        <div className="report-status" aria-live="polite">
          {state.loading && t('app.loading')}
        </div>
      </div>
      {!pivotRequest ? (
        <p className="note pivot-publication-off" data-testid="pivot-publication-off">
          {t('pivot.publicationOff')}
        </p>
      ) : (
        <>
          <FilterBar catalog={catalog} filters={filters} resolved={state.pivot?.filters} refused={false} onChange={setFilters} />
          {state.error !== null && (
            <div className="form-error" role="alert" data-testid="pivot-error">
              <p>
                {t('pivot.failed')} {errorMessage(t, state.error)}
              </p>
              <button type="button" className="tool-button" onClick={state.reload}>
                {t('app.retry')}
              </button>
            </div>
          )}
          {state.pivot && (
            <div className={state.loading ? 'stale' : undefined} aria-busy={state.loading}>
              <DrillContext.Provider value={drill}>
                <PivotBody pivot={state.pivot} />
              </DrillContext.Provider>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Notes, table and chart of one pivot. */
export function PivotBody({ pivot }: { pivot: Pivot }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const lang = reportLanguage(i18n.language);
  const chart = useMemo(() => pivotChart(pivot, lang), [pivot, lang]);
  const rowsName = dimensionName(pivot.rowDimension, lang);
  const columnsName = dimensionName(pivot.columnDimension, lang);
  return (
    <div className="pivot-body" data-testid="pivot-body">
      {pivot.publication && <PublicationNote method="cellKey" />}
      {pivot.multiValued.map((d) => (
        <p className="note" key={d} data-testid="pivot-multi-valued">
          {t(`pivot.multiValued.${d}_${d === pivot.rowDimension ? 'rows' : 'columns'}`)}
        </p>
      ))}
      {pivot.importedNotIncluded > 0 && (
        <p className="note" data-testid="pivot-imported">
          {t('pivot.importedNotIncluded', { count: pivot.importedNotIncluded })}
        </p>
      )}
      {pivot.rows.length === 0 ? (
        <p className="note" data-testid="pivot-empty">
          {t('pivot.empty')}
        </p>
      ) : (
        <>
          <PivotTable pivot={pivot} />
          {chart.grouped && (
            <p className="note" data-testid="pivot-chart-note">
              {t('pivot.chartTopNote', { count: CHART_TOP_COLUMNS })}
            </p>
          )}
          <ChartCanvas {...chart} label={t('pivot.chartLabel', { rows: rowsName, columns: columnsName })} span="text" />
        </>
      )}
    </div>
  );
}
