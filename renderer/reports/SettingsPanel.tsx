import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, OpeningSlot } from '../../core/catalog/catalog-types';
import { client } from '../api/client';
import { errorMessage } from '../desk/error-message';
import { formatter } from './format';
import { slotProblems } from './editor-helpers';
import { isDay } from './period';

const hours = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sortSlots = (slots: OpeningSlot[]) => [...slots].sort((a, b) => a.weekday - b.weekday || a.startHour - b.startHour);

/** Opening hours (for contacts per open hour), the small-cell threshold of publication mode and the opening date of the headline. */
export function SettingsPanel({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const f = formatter(i18n.language);
  const id = useId();
  const settings = catalog.settings;
  const [slots, setSlots] = useState<OpeningSlot[]>(() => sortSlots(settings.openingHours ?? []));
  const [threshold, setThreshold] = useState(String(settings.smallCellThreshold ?? 3));
  const [openingDate, setOpeningDate] = useState(settings.openingDate);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const badSlots = slotProblems(slots);
  const thresholdNumber = Number(threshold);
  const thresholdOk = Number.isInteger(thresholdNumber) && thresholdNumber >= 1 && thresholdNumber <= 100;
  const dateOk = isDay(openingDate);
  const valid = badSlots.length === 0 && thresholdOk && dateOk && slots.length <= 28;

  const change = (i: number, patch: Partial<OpeningSlot>) => {
    setSaved(false);
    setSlots((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  };

  const save = async () => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await client.updateSettings({ openingHours: sortSlots(slots), smallCellThreshold: thresholdNumber, openingDate });
      await reloadCatalog();
      setSlots((s) => sortSlots(s));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel settings" aria-labelledby={`${id}-heading`} data-testid="settings-panel">
      <h2 id={`${id}-heading`}>{t('settings.heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>{t('settings.openingHours')}</legend>
          <p className="note">{t('settings.openingHoursNote')}</p>
          <table className="report-table slots" data-testid="opening-hours">
            <thead>
              <tr>
                <th scope="col">{t('settings.weekday')}</th>
                <th scope="col">{t('settings.from')}</th>
                <th scope="col">{t('settings.to')}</th>
                <th scope="col">{t('today.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {slots.map((s, i) => (
                <tr key={i} className={badSlots.includes(i) ? 'invalid' : undefined}>
                  <td>
                    <select aria-label={t('settings.weekday')} value={s.weekday} onChange={(e) => change(i, { weekday: Number(e.target.value) })}>
                      {hours(1, 7).map((d) => (
                        <option key={d} value={d}>
                          {f.weekday(d)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={t('settings.from')} value={s.startHour} onChange={(e) => change(i, { startHour: Number(e.target.value) })}>
                      {hours(0, 23).map((h) => (
                        <option key={h} value={h}>{`${h}:00`}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={t('settings.to')} value={s.endHour} onChange={(e) => change(i, { endHour: Number(e.target.value) })} aria-invalid={badSlots.includes(i)}>
                      {hours(1, 24).map((h) => (
                        <option key={h} value={h}>{`${h}:00`}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="tool-button"
                      onClick={() => {
                        setSaved(false);
                        setSlots((all) => all.filter((_, j) => j !== i));
                      }}
                    >
                      {t('settings.removeSlot')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {badSlots.length > 0 && (
            <p className="form-error" role="alert">
              {t('settings.slotProblem')}
            </p>
          )}
          <button
            type="button"
            className="tool-button"
            disabled={slots.length >= 28}
            onClick={() => {
              setSaved(false);
              const last = slots[slots.length - 1];
              setSlots((all) => [...all, { weekday: last ? Math.min(7, last.weekday + 1) : 1, startHour: 9, endHour: 12 }]);
            }}
            data-testid="add-slot"
          >
            {t('settings.addSlot')}
          </button>
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
                setSaved(false);
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
                setSaved(false);
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
              {t('settings.saved')}
            </span>
          )}
          <button type="submit" className="tool-button primary" disabled={!valid || busy} data-testid="settings-save">
            {t('settings.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
