import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../core/api/contract';
import type { Catalog, OpeningSlot } from '../../core/catalog/catalog-types';
import type { TimeZoneShift } from '../../core/settings/settings-types';
import { AUTO_LOCK_MINUTES, SITE_NAME_MAX } from '../../core/settings/setting-limits';
import { client } from '../api/client';
import { Dialog } from '../desk/Dialog';
import { errorMessage } from '../desk/error-message';
import { UI_LANGUAGE_NAMES, UI_LANGUAGES, type UiLanguage } from '../i18n/i18n';
import { slotProblems } from './editor-helpers';
import { TimeZoneOptions } from './TimeZoneOptions';
import { isDay } from './period';
import { MAX_SLOTS, OpeningHoursEditor, sortSlots } from './OpeningHoursEditor';


/**
 * The site (name, time zone, default UI language, auto-lock), opening hours (for contacts per open
 * hour), the small-cell threshold of publication mode and the opening date of the headline. A new
 * time zone is first tried as a dry run, and the dialog says how many contacts it moves.
 */
export function SettingsPanel({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const settings = catalog.settings;
  const [slots, setSlots] = useState<OpeningSlot[]>(() => sortSlots(settings.openingHours ?? []));
  const [threshold, setThreshold] = useState(String(settings.smallCellThreshold ?? 3));
  const [openingDate, setOpeningDate] = useState(settings.openingDate);
  const [siteName, setSiteName] = useState(settings.siteName);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [defaultLanguage, setDefaultLanguage] = useState<UiLanguage>(settings.defaultLanguage);
  const [autoLock, setAutoLock] = useState(String(settings.autoLockMinutes));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pendingShift, setPendingShift] = useState<TimeZoneShift | null>(null);

  const badSlots = slotProblems(slots);
  const thresholdNumber = Number(threshold);
  const thresholdOk = Number.isInteger(thresholdNumber) && thresholdNumber >= 1 && thresholdNumber <= 100;
  const dateOk = isDay(openingDate);
  const siteNameOk = siteName.trim().length >= 1 && siteName.trim().length <= SITE_NAME_MAX;
  const autoLockNumber = Number(autoLock);
  const autoLockOk = Number.isInteger(autoLockNumber) && autoLockNumber >= AUTO_LOCK_MINUTES.min && autoLockNumber <= AUTO_LOCK_MINUTES.max;
  const valid = badSlots.length === 0 && thresholdOk && dateOk && slots.length <= MAX_SLOTS && siteNameOk && autoLockOk;
  const zoneChanges = timeZone !== settings.timeZone;

  const input = (): MethodInput<'updateSettings'> => ({
    siteName: siteName.trim(),
    ...(zoneChanges && { timeZone }),
    defaultLanguage,
    autoLockMinutes: autoLockNumber,
    openingHours: sortSlots(slots),
    smallCellThreshold: thresholdNumber,
    openingDate,
  });

  const run = async (work: () => unknown) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const write = () =>
    run(async () => {
      setPendingShift(null);
      const change = await client.updateSettings(input());
      await reloadCatalog();
      setSlots((s) => sortSlots(s));
      setSiteName(change.settings.siteName);
      const shift = change.timeZoneShift;
      setSaved(shift ? t('settings.zoneChanged', { zone: shift.to, count: shift.moved, days: shift.dayChanged }) : t('settings.saved'));
    });

  /** A new time zone moves stored contacts: ask with the dry run's figures first. */
  const save = () => {
    if (!valid) return;
    if (!zoneChanges) return void write();
    void run(async () => {
      const dry = await client.updateSettings({ ...input(), dryRun: true });
      setPendingShift(dry.timeZoneShift);
    });
  };

  return (
    <section className="panel settings" aria-labelledby={`${id}-heading`} data-testid="settings-panel">
      <h2 id={`${id}-heading`}>{t('settings.heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <fieldset className="site-settings">
          <legend>{t('settings.site')}</legend>
          <div className="form-grid">
            <label className="site-name">
              <span>{t('settings.siteName')}</span>
              <input
                type="text"
                value={siteName}
                maxLength={SITE_NAME_MAX + 20}
                onChange={(e) => {
                  setSaved(null);
                  setSiteName(e.target.value);
                }}
                aria-invalid={!siteNameOk}
                aria-describedby={`${id}-site-name`}
                data-testid="site-name"
              />
              <span id={`${id}-site-name`} className="hint">
                {siteNameOk ? t('settings.siteNameNote') : t('settings.siteNameProblem')}
              </span>
            </label>
            <label>
              <span>{t('settings.timeZone')}</span>
              <select
                value={timeZone}
                onChange={(e) => {
                  setSaved(null);
                  setTimeZone(e.target.value);
                }}
                aria-describedby={`${id}-zone`}
                data-testid="time-zone"
              >
                <TimeZoneOptions current={settings.timeZone} />
              </select>
              <span id={`${id}-zone`} className="hint">
                {t('settings.timeZoneNote')}
              </span>
            </label>
            <label>
              <span>{t('settings.defaultLanguage')}</span>
              <select
                value={defaultLanguage}
                onChange={(e) => {
                  setSaved(null);
                  setDefaultLanguage(e.target.value as UiLanguage);
                }}
                aria-describedby={`${id}-language`}
                data-testid="default-language"
              >
                {UI_LANGUAGES.map((lng) => (
                  <option key={lng} value={lng} lang={lng}>
                    {UI_LANGUAGE_NAMES[lng]}
                  </option>
                ))}
              </select>
              <span id={`${id}-language`} className="hint">
                {t('settings.defaultLanguageNote')}
              </span>
            </label>
            <label>
              <span>{t('settings.autoLock')}</span>
              <span className="with-unit">
                <input
                  type="number"
                  min={AUTO_LOCK_MINUTES.min}
                  max={AUTO_LOCK_MINUTES.max}
                  step={1}
                  value={autoLock}
                  onChange={(e) => {
                    setSaved(null);
                    setAutoLock(e.target.value);
                  }}
                  aria-invalid={!autoLockOk}
                  aria-describedby={`${id}-auto-lock`}
                  data-testid="auto-lock"
                />
                <span className="unit">{t('settings.autoLockUnit')}</span>
              </span>
              <span id={`${id}-auto-lock`} className="hint">
                {autoLockOk ? t('settings.autoLockNote') : t('settings.autoLockProblem')}
              </span>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('settings.openingHours')}</legend>
          <p className="note">{t('settings.openingHoursNote')}</p>
          <OpeningHoursEditor
            slots={slots}
            invalid={badSlots}
            onChange={(next) => {
              setSaved(null);
              setSlots(next);
            }}
          />
        </fieldset>
        <div className="form-grid">
          <label>
            <span>{t('settings.threshold')}</span>
            <input
              type="number"
              min={1}
              max={100}
              step={1}
              value={threshold}
              onChange={(e) => {
                setSaved(null);
                setThreshold(e.target.value);
              }}
              aria-invalid={!thresholdOk}
              aria-describedby={`${id}-threshold`}
              data-testid="threshold"
            />
            <span id={`${id}-threshold`} className="hint">
              {t('settings.thresholdNote')}
            </span>
          </label>
          <label>
            <span>{t('settings.openingDate')}</span>
            <input
              type="date"
              value={openingDate}
              onChange={(e) => {
                setSaved(null);
                setOpeningDate(e.target.value);
              }}
              aria-invalid={!dateOk}
              aria-describedby={`${id}-opening`}
              data-testid="opening-date"
            />
            <span id={`${id}-opening`} className="hint">
              {t('settings.openingDateNote')}
            </span>
          </label>
        </div>
        {error !== null && (
          <p className="form-error" role="alert">
            {errorMessage(t, error)}
          </p>
        )}
        <div className="form-actions">
          {saved && (
            <span className="form-ok" role="status" data-testid="settings-saved">
              {saved}
            </span>
          )}
          <button type="submit" className="tool-button primary" disabled={!valid || busy} data-testid="settings-save">
            {t('settings.save')}
          </button>
        </div>
      </form>
      {pendingShift && (
        <Dialog testId="time-zone-confirm" title={t('settings.zoneConfirm', { zone: pendingShift.to })} onClose={() => setPendingShift(null)} onSubmit={() => void write()}>
          <p data-testid="time-zone-shift">
            {t('settings.zoneExplain', { count: pendingShift.contacts, zone: pendingShift.to })}{' '}
            {t('settings.zoneMoved', { count: pendingShift.moved, days: t('settings.zoneMovedDays', { count: pendingShift.dayChanged }) })}{' '}
            {pendingShift.reattributed > 0 && t('settings.zoneReattributed', { count: pendingShift.reattributed })}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setPendingShift(null)}>
              {t('edit.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="time-zone-confirm-ok">
              {t('settings.zoneApply')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
