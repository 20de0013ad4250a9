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
import { MailTab } from './mail/MailTab';
import { FirstVisitSetup } from './FirstVisitSetup';
import { filtersRefused, matchingQuickPeriod, quickPeriod, todayIn, type ReportRequest } from '../reports/period';
import { ReportTab } from '../reports/ReportTab';
import { SettingsPanel } from './settings/SettingsPanel';
import { ThemeDayEditor } from './theme-days/ThemeDayEditor';
import { PivotTab } from '../pivot/PivotTab';
import { DEFAULT_PIVOT, type PivotParams } from '../pivot/pivot-params';
import { ShownSections, type ReportSection } from '../views/sections';
import { ViewsTab } from '../views/ViewsTab';

const TABS: ReportsTab[] = [
  'report',
  'pivot',
  'views',
  'contacts',
  'themeDays',
  'closures',
  'catalog',
  'settings',
  'audit',
  'import',
  'backup',
  'mail',
  'devices',
];

/**
 * The management area behind the PIN: the report for a period (with exports and print), the contact browser,
 * and one tab each for theme days, closures, catalog, settings, audit, import, backup, reports by e-mail and devices.
 */
export function ManagementScreen({
  catalog,
  tab,
  period,
  contacts,
  pivot,
  sections,
  navigate,
  reloadCatalog,
}: {
  catalog: Catalog;
  tab: ReportsTab;
  period: PeriodParams;
  /** The contact browser's filters from the address. */
  contacts?: ContactFilters;
  /** The pivot tab's dimensions from the address. */
  pivot?: PivotParams;
  /** The report sections a saved view asked for (`sections=`); all when absent. */
  sections?: ReportSection[];
  navigate(route: Route, options?: { replace?: boolean }): void;
  reloadCatalog(): Promise<void>;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const { timeZone, openingDate } = catalog.settings;
  const today = todayIn(timeZone);
  const request: ReportRequest = useMemo(() => {
    const range = period.from && period.to ? { from: period.from, to: period.to } : quickPeriod(period.quick ?? 'thisMonth', today, openingDate);
    // The filter travels with the period; publication by small-cell suppression never applies one (the core refuses it).
    return {
      ...range,
      publication: period.publication,
      ...(period.publication && period.publicationMethod && { publicationMethod: period.publicationMethod }),
      ...(period.topicGroups && { topicGroups: true }),
      ...(period.filters && !filtersRefused(period) && { filters: period.filters }),
    };
  }, [period, today, openingDate]);
  const quick = period.from ? matchingQuickPeriod(request, today, openingDate) : (period.quick ?? 'thisMonth');
  // A saved view's sections stay while its period changes on the same tab.
  const go = (next: PeriodParams, nextTab: ReportsTab = tab) =>
    navigate({ screen: 'reports', tab: nextTab, period: next, ...(nextTab === tab && sections && { sections }) }, { replace: nextTab === tab });

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
        <ShownSections.Provider value={sections}>
          <ReportTab
            // Fetched again when the setup is confirmed or the opening date changes: the headline counts from it.
            key={`${catalog.settings.setupConfirmedAt}|${openingDate}`}
            catalog={catalog}
            request={request}
            quick={quick}
            onPeriod={(p) => go(p)}
            // Each filter change (a chip removed, a drill-down) is a new history entry: back returns to the filter before.
            onFilters={(filters) => navigate({ screen: 'reports', tab, period: { ...period, filters }, ...(sections && { sections }) })}
            onPrint={() =>
              navigate({
                screen: 'print',
                ...request,
                ...(sections && { sections }),
              })
            }
            period={period}
          />
        </ShownSections.Provider>
      )}
      {tab === 'contacts' && (
        <ContactBrowser
          catalog={catalog}
          period={period}
          filters={contacts}
          onChange={(range, filters) =>
            navigate(
              {
                screen: 'reports',
                tab,
                period: {
                  ...range,
                  publication: period.publication,
                  ...(period.publicationMethod && { publicationMethod: period.publicationMethod }),
                  ...(period.topicGroups && { topicGroups: true }),
                },
                contacts: filters,
              },
              { replace: true },
            )
          }
        />
      )}
      {tab === 'pivot' && (
        <PivotTab
          catalog={catalog}
          request={request}
          quick={quick}
          period={period}
          dimensions={pivot ?? DEFAULT_PIVOT}
          onChange={(p, d, o) => navigate({ screen: 'reports', tab, period: p, pivot: d }, { replace: !o?.history })}
        />
      )}
      {tab === 'views' && <ViewsTab catalog={catalog} navigate={navigate} />}
      {tab === 'themeDays' && <ThemeDayEditor catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'closures' && <ClosuresPanel catalog={catalog} />}
      {tab === 'catalog' && <CatalogPanel catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'settings' && <SettingsPanel catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'audit' && <AuditPanel catalog={catalog} />}
      {tab === 'import' && <ImportPanel catalog={catalog} />}
      {tab === 'backup' && <BackupPanel catalog={catalog} reloadCatalog={reloadCatalog} />}
      {tab === 'mail' && <MailTab catalog={catalog} />}
      {tab === 'devices' && <DevicesPanel catalog={catalog} />}
    </main>
  );
}
