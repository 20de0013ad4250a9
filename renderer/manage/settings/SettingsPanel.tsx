import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../core/api/contract';
import type { Catalog, OpeningSlot } from '../../../core/catalog/catalog-types';
import type { TimeZoneShift } from '../../../core/settings/settings-types';
import { AUTO_LOCK_MINUTES } from '../../../core/settings/setting-limits';
import { updateSettingsSchema } from '../../../core/settings/settings-inputs';
import { client } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { Field } from '../../ui/Field';
import { numberBounds } from '../../ui/schema-limits';
import { useAction } from '../../ui/use-action';
import { MANAGE_NAMESPACE, UI_LANGUAGE_NAMES, UI_LANGUAGES, type UiLanguage } from '../../i18n/i18n';
import { slotProblems } from './editor-helpers';
import { SiteNameField, siteNameOk, TimeZoneField } from './SiteFields';
import { isDay } from '../../reports/period';
import { MAX_SLOTS, OpeningHoursEditor, sortSlots } from './OpeningHoursEditor';

/** Publication mode's small-cell threshold, as the settings schema bounds it. */
const THRESHOLD = numberBounds(updateSettingsSchema.shape.smallCellThreshold.unwrap());

/**
 * The site (name, time zone, default UI language, auto-lock), opening hours (for contacts per open
 * hour), the small-cell threshold of publication mode and the opening date of the headline. A new
 * time zone is first tried as a dry run, and the dialog says how many contacts it moves.
 */
export function SettingsPanel({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const settings = catalog.settings;
  const [slots, setSlots] = useState<OpeningSlot[]>(() => sortSlots(settings.openingHours ?? []));
  const [threshold, setThreshold] = useState(String(settings.smallCellThreshold ?? 3));
  const [openingDate, setOpeningDate] = useState(settings.openingDate);
  const [siteName, setSiteName] = useState(settings.siteName);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [defaultLanguage, setDefaultLanguage] = useState<UiLanguage>(settings.defaultLanguage);
  const [autoLock, setAutoLock] = useState(String(settings.autoLockMinutes));
  const { busy, error, run: runAction } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const [pendingShift, setPendingShift] = useState<TimeZoneShift | null>(null);

  const badSlots = slotProblems(slots);
  const thresholdNumber = Number(threshold);
  const thresholdOk = Number.isInteger(thresholdNumber) && thresholdNumber >= THRESHOLD.min && thresholdNumber <= THRESHOLD.max;
  const dateOk = isDay(openingDate);
  const autoLockNumber = Number(autoLock);
  const autoLockOk = Number.isInteger(autoLockNumber) && autoLockNumber >= AUTO_LOCK_MINUTES.min && autoLockNumber <= AUTO_LOCK_MINUTES.max;
  const valid = badSlots.length === 0 && thresholdOk && dateOk && slots.length <= MAX_SLOTS && siteNameOk(siteName) && autoLockOk;
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

  const run = (work: () => unknown) => {
    setSaved(null);
    return runAction(work);
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
            <SiteNameField
              value={siteName}
              onChange={(name) => {
                setSaved(null);
                setSiteName(name);
              }}
              testId="site-name"
            />
            <TimeZoneField
              value={timeZone}
              current={settings.timeZone}
              onChange={(zone) => {
                setSaved(null);
                setTimeZone(zone);
              }}
              testId="time-zone"
            />
            <Field label={t('settings.defaultLanguage')} hint={t('settings.defaultLanguageNote')}>
              {(hintId) => (
                <select
                  value={defaultLanguage}
                  onChange={(e) => {
                    setSaved(null);
                    setDefaultLanguage(e.target.value as UiLanguage);
                  }}
                  aria-describedby={hintId}
                  data-testid="default-language"
                >
                  {UI_LANGUAGES.map((lng) => (
                    <option key={lng} value={lng} lang={lng}>
                      {UI_LANGUAGE_NAMES[lng]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('settings.autoLock')} hint={autoLockOk ? t('settings.autoLockNote') : t('settings.autoLockProblem')}>
              {(hintId) => (
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
                    aria-describedby={hintId}
                    data-testid="auto-lock"
                  />
                  <span className="unit">{t('settings.autoLockUnit')}</span>
                </span>
              )}
            </Field>
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
          <Field label={t('settings.threshold')} hint={t('settings.thresholdNote')}>
            {(hintId) => (
              <input
                type="number"
                min={THRESHOLD.min}
                max={THRESHOLD.max}
                step={1}
                value={threshold}
                onChange={(e) => {
                  setSaved(null);
                  setThreshold(e.target.value);
                }}
                aria-invalid={!thresholdOk}
                aria-describedby={hintId}
                data-testid="threshold"
              />
            )}
          </Field>
          <Field label={t('settings.openingDate')} hint={t('settings.openingDateNote')}>
            {(hintId) => (
              <input
                type="date"
                value={openingDate}
                onChange={(e) => {
                  setSaved(null);
                  setOpeningDate(e.target.value);
                }}
                aria-invalid={!dateOk}
                aria-describedby={hintId}
                data-testid="opening-date"
              />
            )}
          </Field>
        </div>
        <ErrorText error={error} />
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
        <Dialog
          testId="time-zone-confirm"
          title={t('settings.zoneConfirm', { zone: pendingShift.to })}
          onClose={() => setPendingShift(null)}
          onSubmit={() => void write()}
        >
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
