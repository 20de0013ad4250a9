import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { dimensionName } from '../../core/analysis/filter-words';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { FilterClause, FilterDimension, ReportFilters, ResolvedFilterClause } from '../../core/analysis/filter-inputs';
import { reportLanguage } from '../ui/format';
import { FilterBarPicker } from './FilterBarPicker';
import { withoutFilterValue } from './filter-params';
import { filterValueLabel } from './filter-values';
import './filter-bar.css';

/**
 * The active report filter above the report: one group per dimension ("Sprache: [Ukrainisch ×] oder
 * [Deutsch ×]"), each value a button that removes it, "Alle Filter entfernen" and "Filter hinzufügen".
 * In publication by small-cell suppression there are no filters, and one sentence says why (the cell-key method allows them).
 */
export function FilterBar({
  catalog,
  filters,
  resolved,
  refused,
  onChange,
}: {
  catalog: Catalog;
  filters: readonly FilterClause[];
  /** The loaded report's `filters`, with the labels print and exports use. */
  resolved?: readonly ResolvedFilterClause[];
  /** Publication by suppression: no filters (the core refuses them). */
  refused: boolean;
  onChange(filters: ReportFilters): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const lang = reportLanguage(i18n.language);
  const [picking, setPicking] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const chipList = useRef<HTMLUListElement>(null);
  // Where the focus goes once a removal has come back through the address: the chip now at that place, else "add".
  const focusAfterRemoval = useRef<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filter has come back changed; the refs are read, not watched.
  useEffect(() => {
    const index = focusAfterRemoval.current;
    if (index === null) return;
    focusAfterRemoval.current = null;
    const chips = chipList.current?.querySelectorAll<HTMLButtonElement>('.filter-chip') ?? [];
    (chips[Math.min(index, chips.length - 1)] ?? addButton.current)?.focus();
  }, [filters]);

  if (refused) {
    return (
      <section className="filter-bar" aria-labelledby={`${id}-heading`} data-testid="filter-bar">
        <h2 id={`${id}-heading`} className="toolbar-label">
          {t('reportFilters.heading')}
        </h2>
        <p className="filter-publication" data-testid="filter-publication">
          {t('reportFilters.publication')}
        </p>
      </section>
    );
  }

  const nameOf = (d: FilterDimension) => dimensionName(d, lang);
  const label = (d: FilterDimension, v: number | string) => filterValueLabel(catalog, resolved, d, v, lang, t);
  let chipIndex = 0;
  const remove = (index: number, d: FilterDimension, v: number | string) => {
    focusAfterRemoval.current = index;
    onChange(withoutFilterValue(filters, d, v));
  };

  return (
    <section className="filter-bar" aria-labelledby={`${id}-heading`} data-testid="filter-bar">
      <h2 id={`${id}-heading`} className="toolbar-label">
        {t('reportFilters.heading')}
      </h2>
      {filters.length === 0 ? (
        <p className="filter-none" data-testid="filter-none">
          {t('reportFilters.none')}
        </p>
      ) : (
        <ul className="filter-clauses" ref={chipList} data-testid="filter-chips">
          {filters.map((c) => (
            <li key={c.dimension} className={`filter-clause${c.exclude ? ' excluded' : ''}`} data-testid={`filter-clause-${c.dimension}`}>
              <span className="filter-clause-name">
                {t(c.exclude ? 'reportFilters.clauseExcluded' : 'reportFilters.clause', { dimension: nameOf(c.dimension) })}
              </span>
              {c.values.map((v, j) => {
                const index = chipIndex++;
                const name = label(c.dimension, v);
                return (
                  <Fragment key={String(v)}>
                    {j > 0 && <span className="filter-or">{t('reportFilters.or')}</span>}
                    <button
                      type="button"
                      className="chip filter-chip"
                      aria-label={t(c.exclude ? 'reportFilters.removeExcludedValue' : 'reportFilters.removeValue', {
                        dimension: nameOf(c.dimension),
                        value: name,
                      })}
                      onClick={() => remove(index, c.dimension, v)}
                      data-testid={`filter-chip-${c.dimension}-${v}`}
                    >
                      {name}
                      <span className="filter-chip-x" aria-hidden="true">
                        ×
                      </span>
                    </button>
                  </Fragment>
                );
              })}
            </li>
          ))}
        </ul>
      )}
      <div className="filter-actions">
        <button type="button" className="tool-button" ref={addButton} aria-haspopup="dialog" onClick={() => setPicking(true)} data-testid="filter-add">
          {t('reportFilters.add')}
        </button>
        {filters.length > 0 && (
          <button
            type="button"
            className="tool-button"
            onClick={() => {
              focusAfterRemoval.current = 0;
              onChange([]);
            }}
            data-testid="filter-clear"
          >
            {t('reportFilters.removeAll')}
          </button>
        )}
        <span className="filter-hint">{t('reportFilters.drillHint')}</span>
      </div>
      {picking && (
        <FilterBarPicker
          catalog={catalog}
          filters={filters}
          onClose={() => {
            setPicking(false);
            addButton.current?.focus();
          }}
          onApply={(dimension, values, exclude) => {
            setPicking(false);
            addButton.current?.focus();
            const next = values.length === 0 ? filters.filter((c) => c.dimension !== dimension) : upsert(filters, { dimension, values, exclude });
            onChange(next);
          }}
        />
      )}
    </section>
  );
}

/** The filter with the dimension's clause replaced, or added at the end. */
const upsert = (filters: readonly FilterClause[], clause: FilterClause): ReportFilters =>
  filters.some((c) => c.dimension === clause.dimension) ? filters.map((c) => (c.dimension === clause.dimension ? clause : c)) : [...filters, clause];
