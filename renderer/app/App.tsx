import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import { client } from '../api/client';
import { DeskScreen } from '../desk/DeskScreen';
import { MailFailureNotice } from '../desk/MailFailureNotice';
import { errorMessage } from '../ui/error-message';
import { applySiteLanguage, chooseUiLanguage, loadManageTexts, UI_LANGUAGE_NAMES, UI_LANGUAGES } from '../i18n/i18n';
import { ManagementGate } from '../manage/ManagementGate';
import type { StartupState } from '../../core/app/startup-state';
import { StartupScreen } from './StartupScreen';
import { printRequest, routeHash, useHashRoute, type Route } from './route';
import { ShownSections } from '../views/sections';
import type { ThisDevice } from '../../core/devices/device-types';
import { onConnectionChange } from '../api/connection';
import { subscribeServerChanges } from '../api/server-changes';
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

/**
 * The first Tab stop of the desk: Enter puts the focus on the first topic button, past the header.
 * A button, not a `#topics` link, since the hash holds the route.
 */
const focusFirstTopic = () => (document.querySelector('#topics .topic-button') as HTMLElement | null)?.focus();

function SkipToTopics() {
  const { t } = useTranslation();
  return (
    <button type="button" className="skip-link" onClick={focusFirstTopic} data-testid="skip-to-topics">
      {t('desk.skipToTopics')}
    </button>
  );
}

/** Shown on every screen while the server does not answer (taps wait meanwhile); laid over the header, so nothing below moves. */
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

/** The management area (with chart.js and its texts) loads on first use, so the desk starts with a small bundle. */
const ManagementScreen = lazy(() => Promise.all([import('../manage/ManagementScreen'), loadManageTexts()]).then(([m]) => ({ default: m.ManagementScreen })));
const PrintView = lazy(() => Promise.all([import('../reports/PrintView'), loadManageTexts()]).then(([m]) => ({ default: m.PrintView })));

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
        // A tablet's name is known before the desk appears, so the header does not grow under a first tap.
        const thisDevice = networkDevice
          ? client.getThisDevice({}).then(
              (d) => d.device,
              () => null,
            )
          : Promise.resolve(null);
        return Promise.all([client.getCatalog({}), thisDevice]).then(([loaded, d]) => {
          setDevice(d);
          setCatalog(loaded);
        });
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
  const catalogShown = catalog !== null;
  useEffect(() => {
    if (unpaired || !catalogShown) return;
    // Another window, tab or tablet changed topics, theme days or settings, or the stream reconnected and may have missed that.
    return subscribeServerChanges((change) => {
      if (change.kind === 'catalog' || change.kind === 'resync') void reloadCatalog().catch(() => undefined);
    });
  }, [unpaired, catalogShown, reloadCatalog]);

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
          <ShownSections.Provider value={route.sections}>
            <PrintView
              catalog={catalog}
              request={printRequest(route)}
              onBack={() =>
                navigate({
                  screen: 'reports',
                  tab: 'report',
                  period: printRequest(route),
                  ...(route.sections && { sections: route.sections }),
                })
              }
            />
          </ShownSections.Provider>
        </Suspense>
      </ManagementGate>
    );
  }

  return (
    <>
      {route.screen === 'desk' && catalog && <SkipToTopics />}
      <header className="app-header">
        <h1>
          {t('app.title')}
          {catalog && <span className="site-name"> · {catalog.settings.siteName}</span>}
          {device && (
            <span className="device-name" data-testid="device-name">
              {' '}
              · {t('connection.device', { name: device.name })}
            </span>
          )}
        </h1>
        <MainNav route={route} />
        {route.screen === 'desk' && catalog && <MailFailureNotice />}
        <LanguageSwitch />
      </header>
      <ConnectionBanner />
      {catalog ? (
        route.screen === 'reports' ? (
          <ManagementGate autoLockMinutes={catalog.settings.autoLockMinutes}>
            <Suspense fallback={<Loading />}>
              <ManagementScreen
                catalog={catalog}
                tab={route.tab}
                period={route.period}
                contacts={route.contacts}
                pivot={route.pivot}
                sections={route.sections}
                navigate={navigate}
                reloadCatalog={reloadCatalog}
              />
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
