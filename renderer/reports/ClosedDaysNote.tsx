import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { Report } from '../../core/reports/report-types';
import { formatter } from '../ui/format';
import { closedRuns } from './open-hours-format';

/** How many runs of closed days are named before "and N more". */
const SHOWN_RUNS = 8;

/** Under the open-hours table: which days with opening hours were closed and so not counted ("Ostermontag 06.04.2026"). */
export function ClosedDaysNote({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const runs = closedRuns(report.openHours.closed, f.lang);
  if (runs.length === 0) return null;
  const named = runs.slice(0, SHOWN_RUNS).map((r) => `${r.name} ${f.range(r.from, r.to)}`);
  const rest = runs.length - named.length;
  const days = rest > 0 ? [...named, t('closures.inReport.moreClosed', { count: rest })].join(', ') : named.join(', ');
  return (
    <p className="note" data-testid="closed-days-list">
      {t('closures.inReport.closedList', { days })}
    </p>
  );
}
