import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { Catalog } from '../../core/catalog/catalog-types';
import { routeHash, type PeriodParams, type ReportsTab, type Route } from '../app/route';
import { AuditPanel } from './audit/AuditPanel';
import { BackupPanel } from './backup/BackupPanel';
import { CatalogPanel } from './catalog/CatalogPanel';
import { ClosuresPanel } from './closures/ClosuresPanel';
import { ContactBrowser } from './contacts/ContactBrowser';
import type { ContactFilters } from './contacts/browse-params';
import { DevicesPanel } from './devices/DevicesPanel';
import { ImportPanel } from './import/ImportPanel';
import { FirstVisitSetup } from './FirstVisitSetup';
import { matchingQuickPeriod, quickPeriod, todayIn, type ReportRequest } from '../reports/period';
import { ReportTab } from '../reports/ReportTab';
import { SettingsPanel } from './settings/SettingsPanel';
import { ThemeDayEditor } from './theme-days/ThemeDayEditor';

const TABS: ReportsTab[] = ['report', 'contacts', 'themeDays', 'closures', 'catalog', 'settings', 'audit', 'import', 'backup', 'devices'];

/**
 * The management area behind the PIN: the report for a period (with exports and print), the contact browser,
 * and one tab each for theme days, closures, catalog, settings, audit, import, backup and devices.
 */
export function ManagementScreen({
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
  const { t } = useTranslation(MANAGE_NAMESPACE);
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
          onChange={(range, filters) =>
            navigate({ screen: 'reports', tab, period: { ...range, publication: period.publication }, contacts: filters }, { replace: true })
          }
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
