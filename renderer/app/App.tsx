import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import { client } from '../api/client';
import { DeskScreen } from '../desk/DeskScreen';
import { errorMessage } from '../desk/error-message';
import { applySiteLanguage, chooseUiLanguage, UI_LANGUAGE_NAMES, UI_LANGUAGES } from '../i18n/i18n';
import { ManagementGate } from '../manage/ManagementGate';
import type { StartupState } from '../../core/app/startup-state';
import { StartupScreen } from '../backup/StartupScreen';
import { routeHash, useHashRoute, type Route } from './route';
import type { ThisDevice } from '../../core/devices/device-types';
import { onConnectionChange } from '../api/connection';
import { useConnection } from '../api/use-connection';
import { deviceToken, isNetworkDevice, onDeviceTokenChange } from '../device/device-token';
import { PairingPage } from '../device/PairingPage';

/** Opened from another device on the network: it must be paired before it gets the desk. */
const networkDevice = isNetworkDevice();

function useDeviceToken() {
  const [token, setToken] = useState(deviceToken);
  useEffect(() => onDeviceTokenChange(setToken), []);
  return token;
}

/** Shown on every screen while the server does not answer; taps of a paired device wait meanwhile. */
function ConnectionBanner() {
  const { t } = useTranslation();
  if (useConnection() === 'online') return null;
  return (
    <p className="connection-lost" role="status" data-testid="connection-lost">
      {t('connection.lost')}
    </p>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="ui-language" role="group" aria-label={t('app.uiLanguage')}>
      {UI_LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className="chip"
          aria-pressed={i18n.language === lng}
          onClick={() => chooseUiLanguage(lng)}
          data-testid={`ui-language-${lng}`}
          lang={lng}
        >
          {UI_LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </div>
  );
}

/** The reports area (with chart.js) loads on first use, so the desk starts with a small bundle. */
const ReportsScreen = lazy(() => import('../reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));
const PrintView = lazy(() => import('../reports/PrintView').then((m) => ({ default: m.PrintView })));

function Loading() {
  const { t } = useTranslation();
  return (
    <main>
      <p>{t('app.loading')}</p>
    </main>
  );
}

/** The top-level switch between the desk (default) and the reports; plain links, so Tab and Enter work and the hash survives a reload. */
function MainNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const reports = route.screen === 'reports';
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <a href={routeHash({ screen: 'desk' })} className="tab" aria-current={reports ? undefined : 'page'} data-testid="nav-desk">
        {t('nav.desk')}
      </a>
      <a
        href={routeHash({ screen: 'reports', tab: 'report', period: { publication: false } })}
        className="tab"
        aria-current={reports ? 'page' : undefined}
        data-testid="nav-reports"
      >
        {t('nav.reports')}
      </a>
    </nav>
  );
}

export function App() {
  const { t } = useTranslation();
  const [route, navigate] = useHashRoute();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [startup, setStartup] = useState<StartupState | null>(null);
  const token = useDeviceToken();
  const [device, setDevice] = useState<ThisDevice | null>(null);
  const load = useCallback(() => {
    setError(null);
    // A damaged, locked or read-only database answers nothing else: ask first, then load the catalog.
    client
      .getStartupState({})
      .then((state) => {
        setStartup(state);
        if (state.state !== 'ok') return;
        if (networkDevice) void client.getThisDevice({}).then((d) => setDevice(d.device), () => undefined);
        return client.getCatalog({}).then(setCatalog);
      })
      .catch(setError);
  }, []);
  const unpaired = networkDevice && token === undefined;
  useEffect(() => {
    if (!unpaired) load();
  }, [load, unpaired]);
  // After the main PC was unreachable at start: load as soon as it answers again.
  useEffect(() => onConnectionChange((state) => state === 'online' && error !== null && !unpaired && load()), [error, load, unpaired]);
  // A browser where nobody picked a language on the switch starts in the site's default.
  const siteLanguage = catalog?.settings.defaultLanguage;
  useEffect(() => {
    if (siteLanguage) applySiteLanguage(siteLanguage);
  }, [siteLanguage]);
  /** After a catalog change (theme days, settings): fetch it again; rejects so the caller can show the error. */
  const reloadCatalog = useCallback(async () => setCatalog(await client.getCatalog({})), []);

  if (unpaired) {
    return (
      <>
        <header className="app-header">
          <h1>{t('app.title')}</h1>
          <LanguageSwitch />
        </header>
        <ConnectionBanner />
        <PairingPage />
      </>
    );
  }

  if (startup && startup.state !== 'ok') {
    return (
      <>
        <header className="app-header">
          <h1>{t('app.title')}</h1>
          <LanguageSwitch />
        </header>
        <StartupScreen state={startup} onRecovered={load} />
      </>
    );
  }

  if (route.screen === 'print' && catalog) {
    return (
      <ManagementGate autoLockMinutes={catalog.settings.autoLockMinutes}>
        <Suspense fallback={<Loading />}>
          <PrintView
            catalog={catalog}
            request={{ from: route.from, to: route.to, publication: route.publication }}
            onBack={() => navigate({ screen: 'reports', tab: 'report', period: { from: route.from, to: route.to, publication: route.publication } })}
          />
        </Suspense>
      </ManagementGate>
    );
  }

  return (
    <>
      <header className="app-header">
        <h1>
          {t('app.title')}
          {catalog && <span className="site-name"> · {catalog.settings.siteName}</span>}
        </h1>
        <MainNav route={route} />
        <LanguageSwitch />
      </header>
      {device && (
        <p className="device-bar" data-testid="device-name">
          {t('connection.device', { name: device.name })}
        </p>
      )}
      <ConnectionBanner />
      {catalog ? (
        route.screen === 'reports' ? (
          <ManagementGate autoLockMinutes={catalog.settings.autoLockMinutes}>
            <Suspense fallback={<Loading />}>
              <ReportsScreen catalog={catalog} tab={route.tab} period={route.period} navigate={navigate} reloadCatalog={reloadCatalog} />
            </Suspense>
          </ManagementGate>
        ) : (
          <DeskScreen catalog={catalog} />
        )
      ) : error ? (
        <main className="load-error" role="alert">
          <p>{t('app.loadFailed')}</p>
          <p>{errorMessage(t, error)}</p>
          <button type="button" onClick={load}>
            {t('app.retry')}
          </button>
        </main>
      ) : (
        <Loading />
      )}
    </>
  );
}
