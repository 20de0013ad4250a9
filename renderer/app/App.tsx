import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import { client } from '../api/client';
import { DeskScreen } from '../desk/DeskScreen';
import { errorMessage } from '../desk/error-message';
import { UI_LANGUAGE_NAMES, UI_LANGUAGES } from '../i18n/i18n';

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
          onClick={() => void i18n.changeLanguage(lng)}
          data-testid={`ui-language-${lng}`}
          lang={lng}
        >
          {UI_LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    client.getCatalog({}).then(setCatalog, setError);
  }, []);
  useEffect(load, [load]);

  return (
    <>
      <header className="app-header">
        <h1>
          {t('app.title')}
          {catalog && <span className="site-name"> · {catalog.settings.siteName}</span>}
        </h1>
        <LanguageSwitch />
      </header>
      {catalog ? (
        <DeskScreen catalog={catalog} />
      ) : error ? (
        <main className="load-error" role="alert">
          <p>{t('app.loadFailed')}</p>
          <p>{errorMessage(t, error)}</p>
          <button type="button" onClick={load}>
            {t('app.retry')}
          </button>
        </main>
      ) : (
        <main>
          <p>{t('app.loading')}</p>
        </main>
      )}
    </>
  );
}
