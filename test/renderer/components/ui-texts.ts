import i18next from 'i18next';
import { initI18n, loadManageTexts } from '../../../renderer/i18n/i18n';

/** The app's own text setup (desk namespace at start, management texts loaded as the management area does), in German. */
export async function setUpTexts(): Promise<void> {
  if (!i18next.isInitialized) await initI18n();
  await loadManageTexts();
  await i18next.changeLanguage('de');
}
