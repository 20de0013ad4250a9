import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { dimensionName } from '../../core/analysis/filter-words';
import type { Catalog } from '../../core/catalog/catalog-types';
import { FILTER_DIMENSIONS, type FilterClause, type FilterDimension } from '../../core/analysis/filter-inputs';
import { Dialog } from '../ui/Dialog';
import { reportLanguage } from '../ui/format';
import { filterChoices } from './filter-values';

/**
 * "Filter hinzufügen": a modal dialog (focus stays inside, Escape closes it and the focus goes back to the
 * button that opened it). First the dimension, then one or more of its values, optionally excluded. A dimension
 * already filtered opens with its values ticked, so the same dialog also changes a clause; ticking none removes it.
 */
export function FilterBarPicker({
  catalog,
  filters,
  onApply,
  onClose,
}: {
  catalog: Catalog;
  filters: readonly FilterClause[];
  /** The dimension's new clause: `values` empty removes it. */
  onApply(dimension: FilterDimension, values: (number | string)[], exclude: boolean): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const lang = reportLanguage(i18n.language);
  // The first dimension not filtered yet; all filtered: the first.
  const [dimension, setDimension] = useState<FilterDimension>(() => FILTER_DIMENSIONS.find((d) => !filters.some((c) => c.dimension === d)) ?? 'topic');
  const existing = filters.find((c) => c.dimension === dimension);
  const [chosen, setChosen] = useState<(number | string)[]>(() => existing?.values ?? []);
  const [exclude, setExclude] = useState(existing?.exclude ?? false);
  const choices = filterChoices(catalog, dimension, lang, t);

  const pickDimension = (next: FilterDimension) => {
    const clause = filters.find((c) => c.dimension === next);
    setDimension(next);
    setChosen(clause?.values ?? []);
    setExclude(clause?.exclude ?? false);
  };
  const toggle = (value: number | string, on: boolean) =>
    setChosen((list) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value)));
  // Keep the catalog's order, not the order of ticking.
  const ordered = () => choices.map((c) => c.value).filter((v) => chosen.includes(v));
  const canApply = chosen.length > 0 || existing !== undefined;

  return (
    <Dialog
      testId="filter-picker"
      title={t('reportFilters.pickerTitle')}
      onClose={onClose}
      onSubmit={() => {
        if (canApply) onApply(dimension, ordered(), exclude);
      }}
    >
      <div className="filter-picker">
        <label className="filter-picker-dimension">
          <span>{t('reportFilters.pickDimension')}</span>
          <select value={dimension} onChange={(e) => pickDimension(e.target.value as FilterDimension)} data-testid="filter-dimension">
            {FILTER_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {dimensionName(d, lang)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="filter-picker-values" aria-describedby={`${id}-count`}>
          <legend>{t('reportFilters.pickValues')}</legend>
          {choices.length === 0 ? (
            <p className="empty">{t('reportFilters.noValues')}</p>
          ) : (
            <div className="filter-value-list" data-testid="filter-values">
              {choices.map((c) => (
                <label key={String(c.value)} className="filter-value">
                  <input
                    type="checkbox"
                    checked={chosen.includes(c.value)}
                    onChange={(e) => toggle(c.value, e.target.checked)}
                    data-testid={`filter-value-${c.value}`}
                  />
                  <span>
                    {c.label}
                    {c.retired && <span className="retired-note"> ({t('reports.retired')})</span>}
                  </span>
                </label>
              ))}
            </div>
          )}
          <p className="filter-picker-count" id={`${id}-count`} aria-live="polite">
            {t('reportFilters.selected', { count: chosen.length })}
          </p>
        </fieldset>
        <label className="filter-picker-exclude">
          <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} data-testid="filter-exclude" />
          <span>{t('reportFilters.exclude')}</span>
        </label>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-testid="filter-cancel">
          {t('reportFilters.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!canApply} data-testid="filter-apply">
          {t('reportFilters.apply')}
        </button>
      </div>
    </Dialog>
  );
}
