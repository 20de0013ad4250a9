import { useTranslation } from 'react-i18next';
import { SITE_NAME_MAX } from '../../../core/settings/setting-limits';
import { siteNameSchema } from '../../../core/settings/settings-inputs';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { TimeZoneOptions } from './TimeZoneOptions';

/** The fields the first-visit setup and the settings panel share. */

/** A site name the settings schema accepts (1 to SITE_NAME_MAX characters once trimmed). */
export const siteNameOk = (name: string) => siteNameSchema.safeParse(name).success;

export function SiteNameField({ value, onChange, testId }: { value: string; onChange(name: string): void; testId: string }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const ok = siteNameOk(value);
  return (
    <Field label={t('settings.siteName')} hint={ok ? t('settings.siteNameNote') : t('settings.siteNameProblem')} className="site-name">
      {(hintId) => (
        <input
          type="text"
          value={value}
          // Room past the limit, so a pasted long name is shown as too long instead of cut silently.
          maxLength={SITE_NAME_MAX + 20}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={!ok}
          aria-describedby={hintId}
          data-testid={testId}
        />
      )}
    </Field>
  );
}

/** The site's time zone; `current` is the stored one, always offered even when it is not a common zone. */
export function TimeZoneField({ value, current, onChange, testId }: { value: string; current: string; onChange(zone: string): void; testId: string }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  return (
    <Field label={t('settings.timeZone')} hint={t('settings.timeZoneNote')}>
      {(hintId) => (
        <select value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hintId} data-testid={testId}>
          <TimeZoneOptions current={current} />
        </select>
      )}
    </Field>
  );
}
