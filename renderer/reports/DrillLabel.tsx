import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { FilterDimension } from '../../core/analysis/filter-inputs';
import { useDrill } from './drill-context';

/**
 * A table row's name. Where drill-down is offered (the report tab, except in publication by suppression) it is a button
 * that adds the row's value to the filter: reachable with Tab, pressed with Enter or Space. A value already
 * in the filter, and every name on paper, stays plain text.
 */
export function DrillLabel({ dimension, value, label, testId }: { dimension: FilterDimension; value: number | string; label: string; testId: string }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const drill = useDrill();
  if (!drill || drill.filtered(dimension, value)) return <>{label}</>;
  return (
    <button
      type="button"
      className="drill"
      title={t('reportFilters.drill', { value: label })}
      onClick={() => drill.drill(dimension, value)}
      data-testid={testId}
    >
      {label}
    </button>
  );
}
