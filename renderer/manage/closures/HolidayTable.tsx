import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { ClosureList } from '../../../core/closures/closure-types';
import { weekdayOf } from '../../../core/reports/calendar-days';
import { formatter } from '../../ui/format';

/** The built-in public holidays of one year, each marked closed or opened by the site's `open` entry; with a year switch. */
export function HolidayTable({ list, onYear }: { list: ClosureList; onYear(year: number): void }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const id = useId();
  const notes = new Map(list.closures.map((c) => [c.id, c.note]));
  return (
    <section className="holidays" aria-labelledby={`${id}-holidays`} data-testid="holiday-table">
      <div className="panel-head">
        <h3 id={`${id}-holidays`}>{t('closures.holidays', { year: list.year })}</h3>
        <div className="row-actions">
          <button type="button" onClick={() => onYear(list.year - 1)} disabled={list.year <= 2000} data-testid="holidays-previous">
            {t('closures.previousYear')}
          </button>
          <button type="button" onClick={() => onYear(list.year + 1)} disabled={list.year >= 2099} data-testid="holidays-next">
            {t('closures.nextYear')}
          </button>
        </div>
      </div>
      <p className="note">{t('closures.holidaysExplain')}</p>
      <div className="table-scroll">
        <table className="report-table">
          <caption className="visually-hidden">{t('closures.holidays', { year: list.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('closures.holidayCol.day')}</th>
              <th scope="col">{t('closures.holidayCol.name')}</th>
              <th scope="col">{t('closures.holidayCol.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.holidays.map((h) => (
              <tr key={h.key} data-testid={`holiday-${h.key}`}>
                <td>
                  {f.weekday(weekdayOf(h.day), 'short')} {f.day(h.day)}
                </td>
                <th scope="row">{h.name[f.lang]}</th>
                <td>{h.openedBy === null ? t('closures.holidayClosed') : t('closures.holidayOpened', { note: notes.get(h.openedBy) ?? `#${h.openedBy}` })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
