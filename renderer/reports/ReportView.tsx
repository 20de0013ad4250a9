import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../core/reports/report-types';
import { ChartCanvas } from './ChartCanvas';
import { channelChart, languageChart, monthlyChart, referralChart, topicChart, visibleRows, type SizedChart } from './chart-configs';
import { Comparison } from './Comparison';
import { formatter, reportLanguage } from './format';
import { BreakdownTable, CrossTable, Heatmap, MonthlyTable, OpenHoursTable, ThemeDayTable, TopicTable } from './ReportTables';

function Section({ id, title, wide, children }: { id: string; title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`report-section${wide ? ' wide' : ''}`} aria-labelledby={`section-${id}`} data-testid={`section-${id}`}>
      <h3 id={`section-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

/**
 * One report, as on screen or on paper: headline, key figures, comparisons, then each chart with its
 * table. `print` draws fixed-size charts without animation and tells `onChartsDrawn` when all are on the canvas.
 */
export function ReportView({
  report,
  print = false,
  onChartsDrawn,
}: {
  report: Report;
  print?: boolean;
  onChartsDrawn?(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = reportLanguage(i18n.language);
  const f = formatter(lang);
  const charts = useMemo(() => {
    const o = { lang, print };
    return {
      monthly: monthlyChart(report, o),
      topics: topicChart(report, o),
      languages: languageChart(report, o),
      referrals: referralChart(report, o),
      channels: channelChart(report, o),
    } satisfies Record<string, SizedChart>;
  }, [report, lang, print]);

  // Report once per chart set, when all five are on their canvases (StrictMode's second mount adds nothing new).
  const drawn = useRef<{ charts: object | null; names: Set<string> }>({ charts: null, names: new Set() });
  const chartDrawn = useCallback(
    (name: string) => () => {
      if (drawn.current.charts !== charts) drawn.current = { charts, names: new Set() };
      const { names } = drawn.current;
      if (names.has(name)) return;
      names.add(name);
      if (names.size === Object.keys(charts).length) onChartsDrawn?.();
    },
    [charts, onChartsDrawn],
  );
  const chart = (name: keyof typeof charts, label: string) => (
    <ChartCanvas config={charts[name].config} height={charts[name].height} label={label} print={print} onDrawn={chartDrawn(name)} />
  );

  // Every chart has a section of its own, an optional note above it and its table below.
  const chartSections: { id: keyof typeof charts; title: string; note?: string; wide?: boolean; table: ReactNode }[] = [
    { id: 'monthly', title: t('reports.sections.monthly'), wide: true, table: <MonthlyTable report={report} /> },
    { id: 'topics', title: t('reports.sections.topics'), note: t('reports.topicsNote'), wide: true, table: <TopicTable report={report} /> },
    {
      id: 'languages',
      title: t('reports.sections.languages'),
      table: <BreakdownTable testId="table-languages" caption={t('reports.sections.languages')} labelHeading={t('reports.col.language')} data={report.byLanguage} />,
    },
    {
      id: 'referrals',
      title: t('reports.sections.referrals'),
      note: t('reports.referralsNote'),
      table: <BreakdownTable testId="table-referrals" caption={t('reports.sections.referrals')} labelHeading={t('reports.col.organisation')} data={report.byReferral} />,
    },
    {
      id: 'channels',
      title: t('reports.sections.channels'),
      // Channels keep their catalogue order rather than largest first.
      table: <BreakdownTable testId="table-channels" caption={t('reports.sections.channels')} labelHeading={t('reports.col.channel')} data={report.byChannel} sort={false} />,
    },
  ];

  return (
    <article className={`report${print ? ' print' : ''}`} data-testid="report">
      <header className="report-head">
        <h2 className="headline" data-testid="headline">
          {report.headline[lang]}
        </h2>
        <p className="report-period">
          {t('reports.periodLine', { range: f.range(report.period.from, report.period.to), count: report.period.days })}
          {report.publication.enabled && <> · {t('reports.publicationOn')}</>}
        </p>
        <div className="figures">
          <div className="figure total">
            <span className="figure-label">{t('reports.total')}</span>
            <span className="figure-value" data-testid="report-total">
              {f.count(report.total)}
            </span>
            {report.imported !== undefined && (
              <span className="figure-detail" data-testid="report-imported">
                {t('reports.importedNote', { count: report.imported })}
              </span>
            )}
          </div>
          <div className="figure">
            <span className="figure-label">{t('reports.sections.openHours')}</span>
            <span className="figure-value">{report.openHours.hours === 0 ? '–' : f.decimal(report.openHours.perOpenHour)}</span>
            <span className="figure-detail">{t('reports.openHoursDetail', { count: report.openHours.hours })}</span>
          </div>
          <Comparison label={t('reports.vsPrevious')} data={report.comparisons.previousPeriod} testId="comparison-previous" />
          <Comparison label={t('reports.vsYearBefore')} data={report.comparisons.yearBefore} testId="comparison-year" />
        </div>
        {report.imported !== undefined && (
          <p className="note imported-note" data-testid="imported-explain">
            {t('reports.importedExplain')}
          </p>
        )}
        {report.publication.enabled && (
          <p className="suppressed-legend" data-testid="suppressed-legend">
            {t('reports.suppressedLegend', { count: report.publication.threshold })}
          </p>
        )}
      </header>

      <div className="report-sections">
        {chartSections.map((s) => (
          <Section key={s.id} id={s.id} title={s.title} wide={s.wide}>
            {s.note && <p className="note">{s.note}</p>}
            {chart(s.id, s.title)}
            {s.table}
          </Section>
        ))}
        <div className="section-stack">
          <Section id="askers" title={t('reports.sections.askers')}>
            <BreakdownTable testId="table-askers" caption={t('reports.sections.askers')} labelHeading={t('reports.col.asker')} data={report.byAsker} sort={false} />
            {visibleRows(report.byDesk).length > 1 && (
              <BreakdownTable testId="table-desks" caption={t('reports.sections.desks')} labelHeading={t('reports.col.desk')} data={report.byDesk} />
            )}
          </Section>
          <Section id="open-hours" title={t('reports.sections.openHours')}>
            <OpenHoursTable report={report} />
          </Section>
        </div>
        <Section id="heatmap" title={t('reports.sections.heatmap')} wide>
          <Heatmap report={report} />
        </Section>
        <Section id="theme-days" title={t('reports.sections.themeDays')} wide>
          <ThemeDayTable report={report} />
        </Section>
        <Section id="cross" title={t('reports.sections.cross')} wide>
          <CrossTable table={report.topicReferrals} />
        </Section>
      </div>
      <footer className="report-foot">
        {t('reports.generated', { site: report.site.name, at: new Date(report.generatedAt).toLocaleString(lang === 'de' ? 'de-AT' : 'en-GB', { timeZone: report.site.timeZone, dateStyle: 'medium', timeStyle: 'short' }) })}
      </footer>
    </article>
  );
}
