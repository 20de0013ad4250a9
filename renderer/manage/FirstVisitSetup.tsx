import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { EARLIEST_DAY } from '../../core/base/limits';
import type { Catalog, OpeningSlot } from '../../core/catalog/catalog-types';
import type { TimeZoneShift } from '../../core/settings/settings-types';
import { client } from '../api/client';
import { ErrorText } from '../ui/ErrorText';
import { Field } from '../ui/Field';
import { useAction } from '../ui/use-action';
import { slotProblems } from './settings/editor-helpers';
import { SiteNameField, siteNameOk, TimeZoneField } from './settings/SiteFields';
import { MAX_SLOTS, OpeningHoursEditor, sortSlots } from './settings/OpeningHoursEditor';
import { isDay } from '../reports/period';

/**
 * Shown at the top of the management area until the site confirms its details once (the PIN is set
 * by then): name, opening date, time zone and opening hours, filled in with the current settings.
 * Confirming stores them with `confirmSetup`; from then on the headline counts from that opening
 * date, and this form is gone for every window. It never blocks the area below it.
 */
export function FirstVisitSetup({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const settings = catalog.settings;
  const [siteName, setSiteName] = useState(settings.siteName);
  const [openingDate, setOpeningDate] = useState(settings.openingDate);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [slots, setSlots] = useState<OpeningSlot[]>(() => sortSlots(settings.openingHours));
  const { busy, error, run } = useAction();
  // A new zone moves contacts already logged: said first, confirmed with a second press.
  const [shift, setShift] = useState<TimeZoneShift | null>(null);

  const badSlots = slotProblems(slots);
  const dateOk = isDay(openingDate) && openingDate >= EARLIEST_DAY;
  const valid = siteNameOk(siteName) && dateOk && badSlots.length === 0 && slots.length <= MAX_SLOTS;
  const zoneChanges = timeZone !== settings.timeZone;
  const input = { siteName: siteName.trim(), openingDate, openingHours: sortSlots(slots), ...(zoneChanges && { timeZone }), confirmSetup: true as const };

  const confirm = async () => {
    if (!valid) return;
    await run(async () => {
      if (zoneChanges && shift?.to !== timeZone) {
        const dry = await client.updateSettings({ ...input, dryRun: true });
        if (dry.timeZoneShift && dry.timeZoneShift.contacts > 0) return setShift(dry.timeZoneShift);
      }
      await client.updateSettings(input);
      await reloadCatalog();
    });
  };

  return (
    <section className="panel first-visit-setup no-print" aria-labelledby={`${id}-heading`} data-testid="first-visit-setup">
      <h2 id={`${id}-heading`}>{t('setup.heading')}</h2>
      <p>{t('setup.intro')}</p>
      <p className="note">{t('setup.preset')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <div className="form-grid">
          <SiteNameField value={siteName} onChange={setSiteName} testId="setup-site-name" />
          <Field label={t('settings.openingDate')} hint={dateOk ? t('setup.openingDateNote') : t('setup.dateProblem')}>
            {(hintId) => (
              <input
                type="date"
                value={openingDate}
                min={EARLIEST_DAY}
                onChange={(e) => setOpeningDate(e.target.value)}
                aria-invalid={!dateOk}
                aria-describedby={hintId}
                data-testid="setup-opening-date"
              />
            )}
          </Field>
          <TimeZoneField value={timeZone} current={settings.timeZone} onChange={setTimeZone} testId="setup-time-zone" />
        </div>
        <fieldset>
          <legend>{t('settings.openingHours')}</legend>
          <p className="note">{t('setup.openingHoursNote')}</p>
          <OpeningHoursEditor slots={slots} invalid={badSlots} onChange={setSlots} testId="setup-opening-hours" addTestId="setup-add-slot" />
        </fieldset>
        {shift && shift.to === timeZone && (
          <p className="note" role="status" data-testid="setup-zone-moves">
            {t('setup.zoneMoves', { count: shift.contacts, zone: shift.to })}
          </p>
        )}
        <ErrorText error={error} />
        <div className="form-actions">
          <button type="submit" className="tool-button primary" disabled={!valid || busy} data-testid="setup-confirm">
            {shift && shift.to === timeZone ? t('setup.confirmZone') : t('setup.confirm')}
          </button>
        </div>
      </form>
    </section>
  );
}
