import { useTranslation } from 'react-i18next';
import type { Comparison as ComparisonData } from '../../core/reports/report-types';
import { formatter } from './format';

/** One comparison figure: arrow, signed percentage and the change in words — never colour alone. */
export function Comparison({ label, data, testId }: { label: string; data: ComparisonData; testId: string }) {
  const { t, i18n } = useTranslation();
  const f = formatter(i18n.language);
  const direction = ({ 1: 'up', [-1]: 'down', 0: 'same' } as const)[Math.sign(data.delta) as 1 | -1 | 0];
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▬';
  const count = Math.abs(data.delta);
  const words =
    direction === 'up' ? t('reports.moreContacts', { count }) : direction === 'down' ? t('reports.fewerContacts', { count }) : t('reports.sameContacts');
  return (
    <div className={`figure comparison ${direction}`} data-testid={testId}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">
        <span className="arrow" aria-hidden="true">
          {arrow}
        </span>{' '}
        {data.deltaPct === null ? f.signed(data.delta) : f.percent(data.deltaPct, { signed: true })}
      </span>
      <span className="figure-detail">{data.deltaPct === null && data.total === 0 ? t('reports.noComparison') : words}</span>
      <span className="figure-detail">
        {t('reports.comparedTotal', { range: f.range(data.period.from, data.period.to), count: data.total })}
      </span>
    </div>
  );
}
