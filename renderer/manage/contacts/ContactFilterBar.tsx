import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { ENTRY_KINDS, type EntryKind } from '../../../core/base/enums';
import { catalogLabels } from '../../desk/catalog-labels';
import type { Period } from '../../reports/period';
import { matchingQuickRange, QUICK_RANGES, quickRange, typedRange, type ContactFilters } from './browse-params';

const idOrUndefined = (value: string) => (value === '' ? undefined : Number(value));

/** The browser's range (quick choices or two dates) and its filters; every change applies at once. */
export function ContactFilterBar({
  catalog,
  today,
  range,
  filters,
  onRange,
  onFilters,
}: {
  catalog: Catalog;
  today: string;
  range: Period;
  filters: ContactFilters;
  onRange(range: Period): void;
  onFilters(filters: ContactFilters): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const labels = catalogLabels(catalog, i18n.language);
  // The typed dates are kept apart until they form a range, so typing a year digit by digit does not reload.
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  useEffect(() => {
    setFrom(range.from);
    setTo(range.to);
  }, [range.from, range.to]);
  const typed = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    const valid = typedRange(nextFrom, nextTo);
    if (valid && (valid.from !== range.from || valid.to !== range.to)) onRange(valid);
  };
  const backwards = from !== '' && to !== '' && from > to;
  const quick = matchingQuickRange(range, today);
  const set = (change: Partial<ContactFilters>) => {
    const next: ContactFilters = { ...filters, ...change };
    for (const key of ['topicId', 'deskId', 'entryKind'] as const) if (next[key] === undefined) delete next[key];
    onFilters(next);
  };

  return (
    <div className="browse-toolbar">
      <div className="browse-range" role="group" aria-labelledby={`${id}-range`}>
        <span id={`${id}-range`} className="toolbar-label">
          {t('contactBrowser.range')}
        </span>
        <div className="browse-quick">
          {QUICK_RANGES.map((k) => (
            <button
              key={k}
              type="button"
              className="tool-button"
              aria-pressed={quick === k}
              onClick={() => onRange(quickRange(k, today))}
              data-testid={`browse-quick-${k}`}
            >
              {t(`contactBrowser.quick.${k}`)}
            </button>
          ))}
        </div>
        <div className="browse-dates">
          <label>
            <span>{t('contactBrowser.from')}</span>
            <input type="date" value={from} max={today} aria-invalid={backwards} onChange={(e) => typed(e.target.value, to)} data-testid="browse-from" />
          </label>
          <label>
            <span>{t('contactBrowser.to')}</span>
            <input
              type="date"
              value={to}
              max={today}
              aria-invalid={backwards}
              aria-describedby={backwards ? `${id}-backwards` : undefined}
              onChange={(e) => typed(from, e.target.value)}
              data-testid="browse-to"
            />
          </label>
        </div>
        {backwards && (
          <p id={`${id}-backwards`} className="field-error" role="alert">
            {t('contactBrowser.rangeInvalid')}
          </p>
        )}
      </div>
      <div className="browse-filters" role="group" aria-labelledby={`${id}-filters`}>
        <span id={`${id}-filters`} className="toolbar-label">
          {t('contactBrowser.filters')}
        </span>
        <div className="browse-filter-fields">
          <label>
            <span>{t('contactBrowser.topic')}</span>
            <select value={filters.topicId ?? ''} onChange={(e) => set({ topicId: idOrUndefined(e.target.value) })} data-testid="browse-topic">
              <option value="">{t('contactBrowser.all')}</option>
              {catalog.topics.map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {labels.topic(tp.id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('contactBrowser.desk')}</span>
            <select value={filters.deskId ?? ''} onChange={(e) => set({ deskId: idOrUndefined(e.target.value) })} data-testid="browse-desk">
              <option value="">{t('contactBrowser.all')}</option>
              {catalog.desks.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('contactBrowser.kind')}</span>
            <select
              value={filters.entryKind ?? ''}
              onChange={(e) => set({ entryKind: e.target.value === '' ? undefined : (e.target.value as EntryKind) })}
              data-testid="browse-kind-filter"
            >
              <option value="">{t('contactBrowser.all')}</option>
              {ENTRY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`contactBrowser.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="browse-hide-voided">
            <input type="checkbox" checked={filters.hideVoided} onChange={(e) => set({ hideVoided: e.target.checked })} data-testid="browse-hide-voided" />
            <span>{t('contactBrowser.hideVoided')}</span>
          </label>
        </div>
      </div>
    </div>
  );
}
