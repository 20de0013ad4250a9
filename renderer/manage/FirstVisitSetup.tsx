import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EARLIEST_DAY } from '../../core/api/limits';
import type { Catalog, OpeningSlot } from '../../core/catalog/catalog-types';
import type { TimeZoneShift } from '../../core/settings/settings-types';
import { SITE_NAME_MAX } from '../../core/settings/setting-limits';
import { client } from '../api/client';
import { errorMessage } from '../desk/error-message';
import { slotProblems } from '../reports/editor-helpers';
import { TimeZoneOptions } from '../reports/TimeZoneOptions';
import { MAX_SLOTS, OpeningHoursEditor, sortSlots } from '../reports/OpeningHoursEditor';
import { isDay } from '../reports/period';

/**
 * Shown at the top of the management area until the site confirms its details once (the PIN is set
 * by then): name, opening date, time zone and opening hours, filled in with the current settings.
 * Confirming stores them with `confirmSetup`; from then on the headline counts from that opening
 * date, and this form is gone for every window. It never blocks the area below it.
 */
export function FirstVisitSetup({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const settings = catalog.settings;
  const [siteName, setSiteName] = useState(settings.siteName);
  const [openingDate, setOpeningDate] = useState(settings.openingDate);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [slots, setSlots] = useState<OpeningSlot[]>(() => sortSlots(settings.openingHours));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A new zone moves contacts already logged: said first, confirmed with a second press.
  const [shift, setShift] = useState<TimeZoneShift | null>(null);

  const badSlots = slotProblems(slots);
  const siteNameOk = siteName.trim().length >= 1 && siteName.trim().length <= SITE_NAME_MAX;
  const dateOk = isDay(openingDate) && openingDate >= EARLIEST_DAY;
  const valid = siteNameOk && dateOk && badSlots.length === 0 && slots.length <= MAX_SLOTS;
  const zoneChanges = timeZone !== settings.timeZone;
  const input = { siteName: siteName.trim(), openingDate, openingHours: sortSlots(slots), ...(zoneChanges && { timeZone }), confirmSetup: true as const };

  const confirm = async () => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      if (zoneChanges && shift?.to !== timeZone) {
        const dry = await client.updateSettings({ ...input, dryRun: true });
        if (dry.timeZoneShift && dry.timeZoneShift.contacts > 0) return setShift(dry.timeZoneShift);
      }
      await client.updateSettings(input);
      await reloadCatalog();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
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
          <label className="site-name">
            <span>{t('settings.siteName')}</span>
            <input
              type="text"
              value={siteName}
              maxLength={SITE_NAME_MAX + 20}
              onChange={(e) => setSiteName(e.target.value)}
              aria-invalid={!siteNameOk}
              aria-describedby={`${id}-name`}
              data-testid="setup-site-name"
            />
            <span id={`${id}-name`} className="hint">
              {siteNameOk ? t('settings.siteNameNote') : t('settings.siteNameProblem')}
            </span>
          </label>
          <label>
            <span>{t('settings.openingDate')}</span>
            <input
              type="date"
              value={openingDate}
              min={EARLIEST_DAY}
              onChange={(e) => setOpeningDate(e.target.value)}
              aria-invalid={!dateOk}
              aria-describedby={`${id}-opening`}
              data-testid="setup-opening-date"
            />
            <span id={`${id}-opening`} className="hint">
              {dateOk ? t('setup.openingDateNote') : t('setup.dateProblem')}
            </span>
          </label>
          <label>
            <span>{t('settings.timeZone')}</span>
            <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} aria-describedby={`${id}-zone`} data-testid="setup-time-zone">
              <TimeZoneOptions current={settings.timeZone} />
            </select>
            <span id={`${id}-zone`} className="hint">
              {t('settings.timeZoneNote')}
            </span>
          </label>
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
        {error !== null && (
          <p className="form-error" role="alert">
            {errorMessage(t, error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="tool-button primary" disabled={!valid || busy} data-testid="setup-confirm">
            {shift && shift.to === timeZone ? t('setup.confirmZone') : t('setup.confirm')}
          </button>
        </div>
      </form>
    </section>
  );
}
