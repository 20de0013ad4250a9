import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { Report } from '../../core/reports/report-types';
import { ChartCanvas } from './ChartCanvas';
import {
  askerChart,
  channelChart,
  languageChart,
  monthlyChart,
  referralChart,
  topicChart,
  visibleRows,
  type PaperSpan,
  type SizedChart,
} from './chart-configs';
import { sdgChart, seriesChart } from './figure-charts';
import { SdgTable, SeriesNotes } from './FigureTables';
import { Comparison } from './Comparison';
import { formatter, reportLanguage } from '../ui/format';
import './report-print.css';
import { PAGE_MARK, useRunningHeader } from './print-margins';
import { BreakdownTable, CrossTable, Heatmap, MonthlyTable, OpenHoursTable, ThemeDayTable, TopicTable } from './ReportTables';
import type { FilterClause, FilterDimension } from '../../core/analysis/filter-inputs';
import { filterLine } from '../../core/analysis/filter-words';
import { DrillContext, type Drill } from './drill-context';
import { filtersInclude } from './filter-params';
import { usePartShown, useShownParts } from '../views/sections';
import { ShownPart } from '../views/ShownPart';
import { PublicationNote } from './PublicationChoices';

/** Topic-group rows (`group:ID`) by key with their member topics: drilling into a group filters by all of them. */
function groupMembers(report: Report): Map<number | string, readonly number[]> {
  const rows = [...report.byTopic.contacts.rows, ...report.byTopic.mentions.rows];
  return new Map(rows.flatMap((r) => (r.group ? [[r.key, r.group.topicIds] as const] : [])));
}

/**
 * What a click on a chart filters by: `row` for a click in a category's row beside its bars, `datasets` per bar.
 * Topics: the first-topic bar by the first topic, the mentions bar (and the row) by any topic mentioned.
 * The monthly/daily series and the heat map have no drill-down: a period is chosen with the period picker.
 */
const CHART_DRILL: Partial<Record<string, { row: FilterDimension; datasets?: FilterDimension[] }>> = {
  topics: { row: 'topic', datasets: ['firstTopic', 'topic'] },
  sdgs: { row: 'sdg' },
  languages: { row: 'language' },
  referrals: { row: 'referral' },
  channels: { row: 'channel' },
  askers: { row: 'asker' },
};

function Section({ id, title, wide, paired, children }: { id: string; title: string; wide?: boolean; paired?: boolean; children: ReactNode }) {
  // A saved view may show only some sections (renderer/views/sections.ts).
  if (!usePartShown(id)) return null;
  return (
    <section className={`report-section${wide ? ' wide' : ''}${paired ? ' paired' : ''}`} aria-labelledby={`section-${id}`} data-testid={`section-${id}`}>
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
  filters = [],
  onDrill,
}: {
  report: Report;
  print?: boolean;
  onChartsDrawn?(): void;
  /** The filter asked for (the address's): values already in it are not offered again. */
  filters?: readonly FilterClause[];
  /** Drill-down from a bar or a table row's name (a topic group: all its topics); left out (print, suppression), names are plain text. */
  onDrill?(dimension: FilterDimension, values: readonly (number | string)[]): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const lang = reportLanguage(i18n.language);
  const f = formatter(lang);
  const madeAt = new Date(report.generatedAt).toLocaleString(lang === 'de' ? 'de-AT' : 'en-GB', {
    timeZone: report.site.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  // On paper every page names site, period, the day it was made and "page x of y" (also when the screen itself is printed).
  useRunningHeader({
    site: report.site.name,
    period: report.publication.enabled
      ? `${f.range(report.period.from, report.period.to)} · ${t('reports.publicationOn')}`
      : report.filters.length > 0
        ? `${f.range(report.period.from, report.period.to)} · ${filterLine(report.filters, lang)}`
        : f.range(report.period.from, report.period.to),
    made: t('print.made', { at: madeAt }),
    pageOf: t('print.pageOf', PAGE_MARK),
  });
  const charts = useMemo(() => {
    const o = { lang, print };
    return {
      // Per day or ISO week for periods up to 92 / 366 days, else per month (report.series).
      monthly: report.series.unit === 'month' ? monthlyChart(report, o) : seriesChart(report, o),
      topics: topicChart(report, o),
      sdgs: sdgChart(report, o),
      languages: languageChart(report, o),
      referrals: referralChart(report, o),
      channels: channelChart(report, o),
      askers: askerChart(report, o),
    } satisfies Record<string, SizedChart>;
  }, [report, lang, print]);

  // Report once per chart set, when every chart is on its canvas (StrictMode's second mount adds nothing new);
  // a chart in a section a saved view leaves out is never drawn, so it is not waited for.
  const shownCharts = useShownParts(Object.keys(charts), onChartsDrawn);
  const drawn = useRef<{ charts: object | null; names: Set<string> }>({ charts: null, names: new Set() });
  const chartDrawn = useCallback(
    (name: string) => () => {
      if (drawn.current.charts !== charts) drawn.current = { charts, names: new Set() };
      const { names } = drawn.current;
      if (names.has(name)) return;
      names.add(name);
      if (names.size === shownCharts) onChartsDrawn?.();
    },
    [charts, shownCharts, onChartsDrawn],
  );
  const drill: Drill | null = useMemo(() => {
    if (!onDrill || print) return null;
    const groups = groupMembers(report);
    const valuesOf = (value: number | string) => groups.get(value) ?? [value];
    return {
      drill: (dimension, value) => onDrill(dimension, valuesOf(value)),
      filtered: (dimension, value) => valuesOf(value).every((v) => filtersInclude(filters, dimension, v)),
    };
  }, [onDrill, print, filters, report]);
  const pick = (name: keyof typeof charts) => {
    const target = CHART_DRILL[name];
    if (!drill || !target) return undefined;
    return (key: number | string, datasetIndex: number | null) => {
      const dimension = (datasetIndex !== null && target.datasets?.[datasetIndex]) || target.row;
      if (!drill.filtered(dimension, key)) drill.drill(dimension, key);
    };
  };
  const chart = (name: keyof typeof charts, label: string, span: PaperSpan) => (
    <ChartCanvas {...charts[name]} label={label} print={print} span={span} onDrawn={chartDrawn(name)} onPick={pick(name)} />
  );

  // Every chart has a section of its own, an optional note above it and its table below.
  // `paired`: on paper the chart stands beside its table, in one of the two columns (report-print.css).
  const chartSections: { id: keyof typeof charts; title: string; note?: string; wide?: boolean; paired?: boolean; table: ReactNode }[] = [
    {
      id: 'monthly',
      title: report.series.unit === 'day' ? t('series.title.day') : report.series.unit === 'week' ? t('series.title.week') : t('reports.sections.monthly'),
      wide: true,
      table: (
        <>
          <SeriesNotes report={report} />
          <MonthlyTable report={report} />
        </>
      ),
    },
    { id: 'topics', title: t('reports.sections.topics'), note: t('reports.topicsNote'), wide: true, paired: true, table: <TopicTable report={report} /> },
    { id: 'sdgs', title: t('sdgReport.section'), note: t('sdgReport.note'), wide: true, paired: true, table: <SdgTable report={report} /> },
    {
      id: 'languages',
      title: t('reports.sections.languages'),
      table: (
        <BreakdownTable
          testId="table-languages"
          caption={t('reports.sections.languages')}
          labelHeading={t('reports.col.language')}
          data={report.byLanguage}
          dimension="language"
        />
      ),
    },
    {
      id: 'referrals',
      title: t('reports.sections.referrals'),
      note: t('reports.referralsNote'),
      table: (
        <>
          <BreakdownTable
            testId="table-referrals"
            caption={t('reports.sections.referrals')}
            labelHeading={t('reports.col.organisation')}
            countHeading={t('referralFigures.countHeading')}
            totalLabel={t('referralFigures.total')}
            data={report.byReferral}
            dimension="referral"
          />
          <p className="figure-line" data-testid="contacts-with-referral">
            {t('referralFigures.contactsWithReferral')}: <strong>{f.count(report.contactsWithReferral)}</strong>
          </p>
        </>
      ),
    },
    {
      id: 'channels',
      title: t('reports.sections.channels'),
      // Channels keep their catalogue order rather than largest first.
      table: (
        <BreakdownTable
          testId="table-channels"
          caption={t('reports.sections.channels')}
          labelHeading={t('reports.col.channel')}
          data={report.byChannel}
          sort={false}
          dimension="channel"
        />
      ),
    },
    {
      id: 'askers',
      title: t('reports.sections.askers'),
      table: (
        <>
          <BreakdownTable
            testId="table-askers"
            caption={t('reports.sections.askers')}
            labelHeading={t('reports.col.asker')}
            data={report.byAsker}
            sort={false}
            dimension="asker"
          />
          {visibleRows(report.byDesk).length > 1 && (
            <BreakdownTable
              testId="table-desks"
              caption={t('reports.sections.desks')}
              labelHeading={t('reports.col.desk')}
              data={report.byDesk}
              dimension="desk"
            />
          )}
        </>
      ),
    },
  ];

  return (
    <DrillContext.Provider value={drill}>
      <article className={`report${print ? ' print' : ''}`} data-testid="report">
        <header className="report-head">
          <ShownPart part="headline">
            <h2 className="headline" data-testid="headline">
              {report.headline[lang]}
            </h2>
          </ShownPart>
          <p className="report-period">
            {t('reports.periodLine', { range: f.range(report.period.from, report.period.to), count: report.period.days })}
            {report.publication.enabled && <> · {t('reports.publicationOn')}</>}
          </p>
          {report.publication.enabled && <PublicationNote method={report.publication.method} />}
          {report.filters.length > 0 && (
            <p className="report-filter-line" data-testid="report-filter-line">
              {filterLine(report.filters, lang)}
            </p>
          )}
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
              <span className="figure-detail" data-testid="open-hours-detail">
                {t('reports.openHoursDetail', { count: report.openHours.hours })}
                {report.openHours.closedDays > 0 && <>, {t('closures.inReport.closedDays', { count: report.openHours.closedDays })}</>}
              </span>
            </div>
            <Comparison
              label={t('reports.vsPrevious')}
              data={report.comparisons.previousPeriod}
              openingDate={report.site.openingDate}
              testId="comparison-previous"
            />
            <Comparison label={t('reports.vsYearBefore')} data={report.comparisons.yearBefore} openingDate={report.site.openingDate} testId="comparison-year" />
          </div>
          {report.importedNotIncluded !== undefined && (
            <p className="note imported-note" data-testid="imported-not-included">
              {t('reportFilters.importedNotIncluded', { count: report.importedNotIncluded })}
            </p>
          )}
          {report.imported !== undefined && (
            <p className="note imported-note" data-testid="imported-explain">
              {t('reports.importedExplain')}
            </p>
          )}
          {report.publication.enabled && report.publication.method === 'suppression' && (
            <p className="suppressed-legend" data-testid="suppressed-legend">
              {t('reports.suppressedLegend', { count: report.publication.threshold })}
            </p>
          )}
        </header>

        <div className="report-sections">
          {chartSections.map((s) => (
            <Section key={s.id} id={s.id} title={s.title} wide={s.wide} paired={s.paired}>
              {s.note && <p className="note">{s.note}</p>}
              {chart(s.id, s.title, s.paired ? 'beside' : s.wide ? 'text' : 'column')}
              {s.paired ? <div className="paired-table">{s.table}</div> : s.table}
            </Section>
          ))}
          <Section id="open-hours" title={t('reports.sections.openHours')}>
            <OpenHoursTable report={report} />
          </Section>
          <Section id="heatmap" title={t('reports.sections.heatmap')} wide>
            <Heatmap report={report} />
          </Section>
          <Section id="theme-days" title={t('reports.sections.themeDays')} wide>
            <ThemeDayTable report={report} />
          </Section>
          <Section id="cross" title={t('reports.sections.cross')} wide>
            <p className="note">{t('referralFigures.crossNote')}</p>
            <CrossTable table={report.topicReferrals} />
          </Section>
        </div>
        <footer className="report-foot">{t('reports.generated', { site: report.site.name, at: madeAt })}</footer>
      </article>
    </DrillContext.Provider>
  );
}
