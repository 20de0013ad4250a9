import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { deskNamespace as deDesk } from './de/desk-namespace';
import { deskNamespace as enDesk } from './en/desk-namespace';

export const UI_LANGUAGES = ['de', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Each language names itself (an endonym), so it is found whatever language is active. */
export const UI_LANGUAGE_NAMES: Record<UiLanguage, string> = { de: 'Deutsch', en: 'English' };

const STORAGE_KEY = 'kontaktdesk.uiLanguage';

const isUiLanguage = (lng: string | null | undefined): lng is UiLanguage => (UI_LANGUAGES as readonly string[]).includes(lng ?? '');

/** What someone picked on the language switch in this browser, if anyone did. */
function pickedLanguage(): UiLanguage | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isUiLanguage(saved) ? saved : null;
  } catch {
    return null;
  }
}

/**
 * Texts come in namespaces that load with their screens: `desk` at start (the default, and every other
 * namespace's fallback for shared texts such as errors), `manage` with the management area.
 */
export const MANAGE_NAMESPACE = 'manage';

export async function initI18n() {
  await i18next.use(initReactI18next).init({
    resources: { de: { desk: deDesk }, en: { desk: enDesk } },
    ns: ['desk'],
    defaultNS: 'desk',
    fallbackNS: 'desk',
    lng: pickedLanguage() ?? 'de',
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
}

/** Adds the management texts in both languages (the switch changes language at once); loaded once, with the management area's code. */
export async function loadManageTexts(): Promise<void> {
  if (i18next.hasResourceBundle('de', MANAGE_NAMESPACE)) return;
  const [de, en] = await Promise.all([import('./de/manage-namespace'), import('./en/manage-namespace')]);
  i18next.addResourceBundle('de', MANAGE_NAMESPACE, de.manageNamespace);
  i18next.addResourceBundle('en', MANAGE_NAMESPACE, en.manageNamespace);
}

/** A pick on the language switch: applies at once and is remembered in this browser. */
export function chooseUiLanguage(lng: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private windows may refuse storage; the switch still works for this session.
  }
  void i18next.changeLanguage(lng);
}

/**
 * The site's default language (a setting), for a browser where nobody picked one. Not remembered:
 * when management changes the default later, such a browser follows it.
 */
export function applySiteLanguage(lng: string): void {
  if (pickedLanguage() === null && isUiLanguage(lng) && i18next.language !== lng) void i18next.changeLanguage(lng);
}
