import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { OpeningSlot } from '../../../core/catalog/catalog-types';
import { openingHoursSchema } from '../../../core/settings/settings-inputs';
import { formatter } from '../../ui/format';
import { maxItems } from '../../ui/schema-limits';

export const MAX_SLOTS = maxItems(openingHoursSchema);
const hours = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
export const sortSlots = (slots: OpeningSlot[]) => [...slots].sort((a, b) => a.weekday - b.weekday || a.startHour - b.startHour);

/**
 * The weekly opening hours as a table of slots (weekday, from, to), used by the settings panel and
 * the first-visit setup. `invalid` are the rows slotProblems() finds; the caller checks before saving.
 */
export function OpeningHoursEditor({
  slots,
  invalid,
  onChange,
  testId = 'opening-hours',
  addTestId = 'add-slot',
}: {
  slots: OpeningSlot[];
  invalid: number[];
  onChange(slots: OpeningSlot[]): void;
  testId?: string;
  addTestId?: string;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const change = (i: number, patch: Partial<OpeningSlot>) => onChange(slots.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <>
      <div className="table-scroll">
        <table className="report-table slots" data-testid={testId}>
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
              <tr key={i} className={invalid.includes(i) ? 'invalid' : undefined}>
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
                  <select
                    aria-label={t('settings.to')}
                    value={s.endHour}
                    onChange={(e) => change(i, { endHour: Number(e.target.value) })}
                    aria-invalid={invalid.includes(i)}
                  >
                    {hours(1, 24).map((h) => (
                      <option key={h} value={h}>{`${h}:00`}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" className="tool-button" onClick={() => onChange(slots.filter((_, j) => j !== i))}>
                    {t('settings.removeSlot')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invalid.length > 0 && (
        <p className="form-error" role="alert">
          {t('settings.slotProblem')}
        </p>
      )}
      <button
        type="button"
        className="tool-button"
        disabled={slots.length >= MAX_SLOTS}
        onClick={() => {
          const last = slots[slots.length - 1];
          onChange([...slots, { weekday: last ? Math.min(7, last.weekday + 1) : 1, startHour: 9, endHour: 12 }]);
        }}
        data-testid={addTestId}
      >
        {t('settings.addSlot')}
      </button>
    </>
  );
}
