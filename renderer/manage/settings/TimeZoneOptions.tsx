import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { timeZoneChoices } from './editor-helpers';

/** The `<option>`s of a time zone picker, the site's current zone marked; shared by Einstellungen and the first-visit setup. */
export function TimeZoneOptions({ current }: { current: string }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  return (
    <>
      {timeZoneChoices(current).map((z) => (
        <option key={z.zone} value={z.zone}>
          {z.zone === current ? t('settings.otherZone', { zone: z.label }) : z.label}
        </option>
      ))}
    </>
  );
}
