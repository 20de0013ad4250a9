import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { SMALL_BASE } from '../../core/reports/comparison-periods';
import type { Comparison as ComparisonData } from '../../core/reports/report-types';
import { formatter, SUPPRESSED } from '../ui/format';
import { usePartShown } from '../views/sections';

/**
 * One comparison card: it always names the compared period and how it was chosen. With a change:
 * arrow, signed percentage (or the signed count when the compared period had fewer than 10
 * contacts) and the change in words — never colour alone. Without one (README, "Comparisons"): no
 * number, no arrow, no colour, and the reason.
 */
export function Comparison({ label, data, openingDate, testId }: { label: string; data: ComparisonData; openingDate: string; testId: string }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  // A saved view may leave the comparisons out (renderer/views/sections.ts).
  const shown = usePartShown('comparisons');
  const f = formatter(i18n.language);
  if (!shown) return null;
  const basis = data.partial ? t('reports.comparison.partial') : t(`reports.comparison.basis.${data.basis}`);
  const range = `${f.range(data.period.from, data.period.to)} (${basis})`;
  const periodLine =
    data.total !== null
      ? t('reports.comparedTotal', { range, count: data.total })
      : data.comparable
        ? t('reports.comparison.hiddenTotal', { range, hidden: SUPPRESSED })
        : t('reports.comparison.periodOnly', { range });
  const details = (
    <>
      <span className="figure-detail" data-testid={`${testId}-period`}>
        {periodLine}
      </span>
      {/* Only where something of it is counted: before the opening or before the start there is nothing to cut. */}
      {data.running && (data.comparable || data.partial) && (
        <span className="figure-detail">{t('reports.comparison.running', { range: f.range(data.current.from, data.current.to) })}</span>
      )}
    </>
  );

  if (!data.comparable || data.delta === null) {
    return (
      <div className="figure comparison none" data-testid={testId} data-comparable={String(data.comparable)}>
        <span className="figure-label">{label}</span>
        <span className="figure-value no-delta">{data.comparable ? SUPPRESSED : t('reports.noComparison')}</span>
        {data.reason && <span className="figure-detail">{t(`reports.comparison.reason.${data.reason}`, { opening: f.day(openingDate) })}</span>}
        {details}
      </div>
    );
  }
  const direction = ({ 1: 'up', [-1]: 'down', 0: 'same' } as const)[Math.sign(data.delta) as 1 | -1 | 0];
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▬';
  const count = Math.abs(data.delta);
  const words =
    direction === 'up' ? t('reports.moreContacts', { count }) : direction === 'down' ? t('reports.fewerContacts', { count }) : t('reports.sameContacts');
  return (
    <div className={`figure comparison ${direction}`} data-testid={testId} data-comparable="true">
      <span className="figure-label">{label}</span>
      <span className="figure-value">
        <span className="arrow" aria-hidden="true">
          {arrow}
        </span>{' '}
        {data.deltaPct === null ? f.signed(data.delta) : f.percent(data.deltaPct, { signed: true })}
      </span>
      <span className="figure-detail">{words}</span>
      {details}
      {data.smallBase && <span className="figure-detail">{t('reports.comparison.smallBase', { count: SMALL_BASE })}</span>}
    </div>
  );
}
