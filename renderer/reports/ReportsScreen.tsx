import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import { routeHash, type PeriodParams, type ReportsTab, type Route } from '../app/route';
import { AuditPanel } from '../audit/AuditPanel';
import { BackupPanel } from '../backup/BackupPanel';
import { CatalogPanel } from '../catalog/CatalogPanel';
import { ClosuresPanel } from '../closures/ClosuresPanel';
import { ContactBrowser } from '../contacts/ContactBrowser';
import type { ContactFilters } from '../contacts/browse-params';
import { DevicesPanel } from '../device/DevicesPanel';
import { ImportPanel } from '../import/ImportPanel';
import { FirstVisitSetup } from '../manage/FirstVisitSetup';
import { errorMessage } from '../desk/error-message';
import { ExportButtons } from './ExportButtons';
import { matchingQuickPeriod, quickPeriod, todayIn, type ReportRequest } from './period';
import { PeriodPicker } from './PeriodPicker';
import { ReportView } from './ReportView';
import { SettingsPanel } from './SettingsPanel';
import { ThemeDayEditor } from './ThemeDayEditor';
import { useReport } from './use-report';

const TABS: ReportsTab[] = ['report', 'contacts', 'themeDays', 'closures', 'catalog', 'settings', 'audit', 'import', 'backup', 'devices'];

/** The reports area: the report for a period (with exports and print), the theme-day calendar, opening hours and settings. */
export function ReportsScreen({
  catalog,
  tab,
  period,
  contacts,
  navigate,
  reloadCatalog,
}: {
  catalog: Catalog;
  tab: ReportsTab;
  period: PeriodParams;
  /** The contact browser's filters from the address. */
  contacts?: ContactFilters;
  navigate(route: Route, options?: { replace?: boolean }): void;
  reloadCatalog(): Promise<void>;
}) {
  const { t } = useTranslation();
  const { timeZone, openingDate } = catalog.settings;
  const today = todayIn(timeZone);
  const request: ReportRequest = useMemo(() => {
    const range = period.from && period.to ? { from: period.from, to: period.to } : quickPeriod(period.quick ?? 'thisMonth', today, openingDate);
    return { ...range, publication: period.publication };
  }, [period, today, openingDate]);
  const quick = period.from ? matchingQuickPeriod(request, today, openingDate) : (period.quick ?? 'thisMonth');
  const go = (next: PeriodParams, nextTab: ReportsTab = tab) => navigate({ screen: 'reports', tab: nextTab, period: next }, { replace: nextTab === tab });

  return (
    <main className="reports">
      {catalog.settings.setupConfirmedAt === '' && <FirstVisitSetup catalog={catalog} reloadCatalog={reloadCatalog} />}
      <nav className="reports-tabs" aria-label={t('reports.areaNav')}>
        {TABS.map((k) => (
          <a
            key={k}
            href={routeHash({ screen: 'reports', tab: k, period })}
            className="tab"
            aria-current={tab === k ? 'page' : undefined}
            data-testid={`reports-tab-${k}`}
          >
            {t(`reports.tabs.${k}`)}
          </a>
        ))}
      </nav>
      {tab === 'report' && (
        <ReportTab
          // Fetched again when the setup is confirmed or the opening date changes: the headline counts from it.
          key={`${catalog.settings.setupConfirmedAt}|${openingDate}`}
          request={request}
          quick={quick}
          onPeriod={(p) => go(p)}
          onPrint={() => navigate({ screen: 'print', from: request.from, to: request.to, publication: request.publication })}
          period={period}
        />
      )}
      {tab === 'contacts' && (
        <ContactBrowser
          catalog={catalog}
          period={period}
          filters={contacts}
          onChange={(range, filters) => navigate({ screen: 'reports', tab, period: { ...range, publication: period.publication }, contacts: filters }, { replace: true })}
        />
      )}
      {tab === 'themeDays' && <ThemeDayEditor catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'closures' && <ClosuresPanel catalog={catalog} />}
      {tab === 'catalog' && <CatalogPanel catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'settings' && <SettingsPanel catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'audit' && <AuditPanel catalog={catalog} />}
      {tab === 'import' && <ImportPanel catalog={catalog} />}
      {tab === 'backup' && <BackupPanel catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'devices' && <DevicesPanel catalog={catalog} />}
    </main>
  );
}

function ReportTab({
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
  const { t } = useTranslation();
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
