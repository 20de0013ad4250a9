import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { QUICK_PERIODS, validPeriod, type Period, type QuickPeriod } from './period';

/** Quick choices plus a custom range; the publication switch sits beside it because it changes the same report. */
export function PeriodPicker({
  period,
  quick,
  publication,
  onQuick,
  onCustom,
  onPublication,
}: {
  period: Period;
  quick: QuickPeriod | null;
  publication: boolean;
  onQuick(kind: QuickPeriod): void;
  onCustom(period: Period): void;
  onPublication(on: boolean): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
  }, [period.from, period.to]);
  const valid = validPeriod({ from, to });

  return (
    <div className="period-picker">
      <div className="quick-periods" role="group" aria-labelledby={`${id}-quick`} data-testid="quick-periods">
        <span id={`${id}-quick`} className="toolbar-label">
          {t('reports.period')}
        </span>
        <div className="chips">
          {QUICK_PERIODS.map((k) => (
            <button key={k} type="button" className="chip" aria-pressed={quick === k} onClick={() => onQuick(k)} data-testid={`period-${k}`}>
              {t(`reports.quick.${k}`)}
            </button>
          ))}
        </div>
      </div>
      <form
        className="custom-period"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onCustom({ from, to });
        }}
      >
        <label>
          <span>{t('reports.from')}</span>
          <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} data-testid="period-from" required />
        </label>
        <label>
          <span>{t('reports.to')}</span>
          <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} data-testid="period-to" required />
        </label>
        <button type="submit" className="tool-button" disabled={!valid} data-testid="period-apply">
          {t('reports.apply')}
        </button>
      </form>
      <label className="switch" data-testid="publication-switch">
        <input type="checkbox" role="switch" checked={publication} onChange={(e) => onPublication(e.target.checked)} aria-describedby={`${id}-pub-hint`} />
        <span className="switch-track" aria-hidden="true" />
        <span>
          <span className="switch-label">{t('reports.publication')}</span>
          <span id={`${id}-pub-hint`} className="switch-hint">
            {t('reports.publicationHint')}
          </span>
        </span>
      </label>
    </div>
  );
}
