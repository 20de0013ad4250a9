import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { Report, SdgRow, SeriesPoint } from '../../core/reports/report-types';
import { seriesPointLabel } from './figure-charts';
import { formatter } from '../ui/format';
import { ReportTable } from './ReportTable';
import { DrillLabel } from './DrillLabel';

/** The tables of the SDG section and of the daily/weekly series, and the notes that say what they count. */

/** Contacts per goal in goal order, with the topics that carry each; below, the contacts with at least one goal. */
export function SdgTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const { bySdg } = report;
  if (bySdg.rows.length === 0) return <p className="empty">{t('sdgReport.none')}</p>;
  const topicName = new Map([...report.byTopic.contacts.rows, ...report.byTopic.mentions.rows].map((r) => [r.key, r.label[f.lang]]));
  return (
    <>
      <ReportTable<SdgRow>
        caption={t('sdgReport.section')}
        testId="table-sdgs"
        rows={bySdg.rows}
        rowKey={(r) => r.key}
        columns={[
          {
            header: t('sdgReport.goal'),
            render: (r) => <DrillLabel dimension="sdg" value={r.key} label={r.label[f.lang]} testId={`table-sdgs-drill-${r.key}`} />,
            total: t('sdgReport.rowsTotal'),
          },
          { header: t('sdgReport.contacts'), numeric: true, render: (r) => f.count(r.n), total: f.count(bySdg.total), totalTestId: 'table-sdgs-total' },
          {
            header: t('sdgReport.viaTopics'),
            render: (r) =>
              r.topicIds
                .map((id) => topicName.get(id))
                .filter(Boolean)
                .join(', '),
          },
        ]}
      />
      <p className="figure-line" data-testid="sdg-contacts">
        {t('sdgReport.withGoal')}: <strong>{f.count(bySdg.contacts)}</strong>
      </p>
    </>
  );
}

/** Below the series chart: the week convention, and the imported monthly counts that no day or week holds. */
export function SeriesNotes({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const { unit, importedNotInSeries } = report.series;
  return (
    <>
      {unit === 'week' && <p className="note">{t('series.weekNote')}</p>}
      {importedNotInSeries !== undefined && (
        <p className="note" data-testid="series-imported">
          {importedNotInSeries === null
            ? t('series.importedHidden')
            : unit === 'day'
              ? t('series.importedDay', { count: importedNotInSeries })
              : t('series.importedWeek', { count: importedNotInSeries })}
        </p>
      )}
      {unit !== 'month' && (
        <details className="series-table no-print">
          <summary>{t('series.table')}</summary>
          <ReportTable<SeriesPoint>
            caption={unit === 'day' ? t('series.title.day') : t('series.title.week')}
            testId="table-series"
            rows={report.series.points}
            rowKey={(p) => p.key}
            columns={[
              {
                header: unit === 'day' ? t('series.day') : t('series.week'),
                render: (p) => (unit === 'day' ? seriesPointLabel(p, unit, f.lang) : `${seriesPointLabel(p, unit, f.lang)} (${f.range(p.from, p.to)})`),
              },
              { header: t('series.contacts'), numeric: true, render: (p) => f.count(p.n) },
            ]}
          />
        </details>
      )}
    </>
  );
}
