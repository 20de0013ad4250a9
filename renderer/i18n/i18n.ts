import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

export const UI_LANGUAGES = ['de', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Each language names itself (an endonym), so it is found whatever language is active. */
export const UI_LANGUAGE_NAMES: Record<UiLanguage, string> = { de: 'Deutsch', en: 'English' };

const STORAGE_KEY = 'kontaktdesk.uiLanguage';

function storedLanguage(): UiLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return (UI_LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as UiLanguage) : 'de';
  } catch {
    return 'de';
  }
}

export async function initI18n() {
  await i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // Private windows may refuse storage; the switch still works for this session.
    }
  });
}
