import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import type { Breakdown, CrossTable as CrossTableData, Report } from '../../core/reports/report-types';
import { byCountDesc, topicRows, visibleRows, type TopicRow } from './chart-configs';
import { formatter, share } from '../ui/format';
import { ReportTable } from './ReportTable';
import { heatColors, heatmapHours, heatmapMax, heatShade, trimCrossTable } from './report-tables';
import { ClosedDaysNote } from './ClosedDaysNote';
import { hoursText } from './open-hours-format';
import type { FilterDimension } from '../../core/analysis/filter-inputs';
import { DrillLabel } from './DrillLabel';

/** The tables under the charts; every figure the charts show is here as text, for reading aloud, printing and checking. */

/** A row's name; with `dimension`, a drill-down button (DrillLabel) where the screen offers one. */
function RowLabel({
  label,
  retired,
  dimension,
  value,
  testId,
}: {
  label: string;
  retired?: boolean;
  dimension?: FilterDimension;
  value?: number | string;
  testId?: string;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  return (
    <>
      {dimension && value !== undefined ? <DrillLabel dimension={dimension} value={value} label={label} testId={`${testId}-drill-${value}`} /> : label}
      {retired && <span className="retired-note"> ({t('reports.retired')})</span>}
    </>
  );
}

/** A breakdown's shown rows (retired ones only while they count) with contacts (or what `countHeading` names), share and total. */
export function BreakdownTable({
  caption,
  labelHeading,
  countHeading,
  totalLabel,
  data,
  testId,
  sort = true,
  dimension,
}: {
  caption: string;
  labelHeading: string;
  /** What the figures count, when not contacts (e.g. referrals named). */
  countHeading?: string;
  totalLabel?: string;
  data: Breakdown;
  testId: string;
  sort?: boolean;
  /** What a row's name filters by (drill-down); the rows' keys are that dimension's values. */
  dimension?: FilterDimension;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const { total } = data;
  const rows = visibleRows(data);
  return (
    <ReportTable
      caption={caption}
      testId={testId}
      rows={sort ? byCountDesc(rows) : rows}
      rowKey={(r) => r.key}
      columns={[
        {
          header: labelHeading,
          render: (r) => <RowLabel label={r.label[f.lang]} retired={r.retired} dimension={dimension} value={r.key} testId={testId} />,
          total: totalLabel ?? t('reports.col.total'),
        },
        {
          header: countHeading ?? t('reports.col.contacts'),
          numeric: true,
          render: (r) => f.count(r.n),
          total: f.count(total),
          totalTestId: `${testId}-total`,
        },
        {
          header: t('reports.col.share'),
          numeric: true,
          render: (r) => (r.n === null ? f.count(null) : f.percent(share(r.n, total))),
          total: total === null ? f.count(null) : f.percent(total === 0 ? null : 100),
        },
      ]}
    />
  );
}

export function MonthlyTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  return (
    <ReportTable
      caption={t('reports.sections.monthly')}
      testId="table-monthly"
      rows={report.monthly}
      rowKey={(m) => m.month}
      columns={[
        { header: t('reports.col.month'), render: (m) => f.month(m.month), total: t('reports.col.total') },
        { header: t('reports.col.contacts'), numeric: true, render: (m) => f.count(m.n), total: f.count(report.total), totalTestId: 'table-monthly-total' },
        { header: t('reports.col.cumulative'), numeric: true, render: (m) => f.count(m.cumulative) },
        // Imported monthly counts of earlier tallies: the part of each month they make up.
        ...(report.monthly.some((m) => m.imported !== undefined)
          ? [
              {
                header: t('reports.col.imported'),
                numeric: true,
                render: (m: Report['monthly'][number]) => (m.imported === undefined ? '–' : f.count(m.imported)),
                total: f.count(report.imported ?? null),
              },
            ]
          : []),
      ]}
    />
  );
}

export function TopicTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const contactsTotal = report.byTopic.contacts.total;
  const rows = topicRows(report);
  return (
    <ReportTable
      caption={t('reports.sections.topics')}
      testId="table-topics"
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        // A topic's name filters by the topic mentioned (any of a contact's topics); its first-topic bar in the chart by the first topic.
        {
          header: t('reports.col.topic'),
          render: (r) => <RowLabel label={r.label[f.lang]} retired={r.retired} dimension="topic" value={r.key} testId="table-topics" />,
          total: t('reports.col.total'),
        },
        {
          header: t('charts.topicContacts'),
          numeric: true,
          render: (r) => f.count(r.contacts),
          total: f.count(contactsTotal),
          totalTestId: 'table-topics-total',
        },
        { header: t('reports.col.share'), numeric: true, render: (r) => (r.contacts === null ? f.count(null) : f.percent(share(r.contacts, contactsTotal))) },
        { header: t('charts.topicMentions'), numeric: true, render: (r) => f.count(r.mentions), total: f.count(report.byTopic.mentions.total) },
        ...(rows.some((r) => r.imported !== undefined)
          ? [
              {
                header: t('reports.col.imported'),
                numeric: true,
                render: (r: TopicRow) => (r.imported === undefined ? '–' : f.count(r.imported)),
                total: f.count(report.imported ?? null),
              },
            ]
          : []),
      ]}
    />
  );
}

export function Heatmap({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const hours = heatmapHours(report.heatmap);
  const max = heatmapMax(report.heatmap);
  return (
    <div className="table-scroll">
      <table className="report-table heatmap" data-testid="table-heatmap">
        <caption>{t('reports.heatmapCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.weekday')}</th>
            <th scope="col" className="num">
              {t('closures.inReport.openDays')}
            </th>
            {hours.map((h) => (
              <th scope="col" key={h} className="num">
                {h}
              </th>
            ))}
            <th scope="col" className="num">
              {t('reports.col.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.heatmap.map((row, d) => {
            const rowTotal = row.some((n) => n === null) ? null : row.reduce<number>((s, n) => s + (n ?? 0), 0);
            return (
              <tr key={d}>
                <th scope="row">
                  <abbr title={f.weekday(d + 1)}>{f.weekday(d + 1, 'short')}</abbr>
                </th>
                <td className="num open-days" data-testid={`open-days-${d + 1}`}>
                  {f.count(report.openHours.openDays[d] ?? 0)}
                </td>
                {hours.map((h) => {
                  const n = row[h] ?? 0;
                  const shade = heatShade(n, max);
                  return (
                    <td key={h} className={`num heat${shade === null ? ' suppressed' : ''}`} style={shade === null ? undefined : heatColors(shade)}>
                      {n === 0 ? '' : f.count(n)}
                    </td>
                  );
                })}
                <td className="num">{f.count(rowTotal)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="note" data-testid="heatmap-open-days-note">
        {t('closures.inReport.openDaysNote')}
      </p>
    </div>
  );
}

/** Contacts per open hour for each weekly slot, as the core counted them (hours that have passed, closed days left out), and which days were closed. */
export function OpenHoursTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const perHour = (n: number | null, hours: number) => (hours === 0 ? '–' : f.decimal(n));
  const { hours, perOpenHour } = report.openHours;
  return (
    <>
      <ReportTable
        caption={t('reports.sections.openHours')}
        testId="table-open-hours"
        rows={report.openHours.bySlot}
        columns={[
          {
            header: t('reports.col.slot'),
            render: (r) => t('reports.slot', { weekday: f.weekday(r.weekday), start: r.startHour, end: r.endHour }),
            total: t('reports.allContactsPerOpenHour'),
          },
          { header: t('reports.col.openHours'), numeric: true, render: (r) => hoursText(f, r.hours), total: hoursText(f, hours) },
          { header: t('reports.col.contacts'), numeric: true, render: (r) => f.count(r.contacts), total: f.count(report.openHours.contacts) },
          { header: t('reports.col.perHour'), numeric: true, render: (r) => perHour(r.perOpenHour, r.hours), total: perHour(perOpenHour, hours) },
        ]}
      />
      <ClosedDaysNote report={report} />
    </>
  );
}

export function ThemeDayTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  if (report.themeDays.length === 0) return <p className="empty">{t('reports.noThemeDays')}</p>;
  const ratio = (r: number | null) => (r === null ? '–' : `× ${f.decimal(r, 2)}`);
  // The second header row: four figures under "on theme days", three under "ordinary days".
  const figureHeads = [t('reports.col.occurrences'), t('reports.col.hours'), t('reports.col.contacts'), t('reports.col.perHour')];
  const subHeads = [...figureHeads, ...figureHeads.slice(1)];
  return (
    <div className="table-scroll">
      <table className="report-table theme-day-table" data-testid="table-theme-days">
        <caption className="visually-hidden">{t('reports.sections.themeDays')}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('reports.col.themeDay')}
            </th>
            <th scope="colgroup" colSpan={4}>
              {t('reports.col.onThemeDays')}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('reports.col.ordinaryDays')}
            </th>
            <th scope="col" rowSpan={2} className="num">
              {t('reports.col.ratio')}
            </th>
          </tr>
          <tr>
            {subHeads.map((head, j) => (
              <th scope="col" className="num" key={j}>
                {head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.themeDays.map((d) => (
            <tr key={d.themeDayId}>
              <th scope="row">
                <DrillLabel dimension="themeDay" value={d.themeDayId} label={d.title} testId={`table-theme-days-drill-${d.themeDayId}`} />
                {d.organisation && <span className="sub"> · {d.organisation}</span>}
              </th>
              <td className="num">{f.count(d.occurrences)}</td>
              <td className="num">{f.count(d.hours)}</td>
              <td className="num">{f.count(d.contacts)}</td>
              <td className="num">{d.hours === 0 ? '–' : f.decimal(d.perOpenHour)}</td>
              <td className="num">{f.count(d.ordinaryHours)}</td>
              <td className="num">{f.count(d.ordinaryContacts)}</td>
              <td className="num">{d.ordinaryHours === 0 ? '–' : f.decimal(d.ordinaryPerOpenHour)}</td>
              <td className="num">{ratio(d.ratio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CrossTable({ table }: { table: CrossTableData }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const trimmed = trimCrossTable(table);
  if (trimmed.rows.length === 0 || trimmed.columns.length === 0) return <p className="empty">{t('reports.noReferrals')}</p>;
  return (
    <div className="table-scroll">
      <table className="report-table cross" data-testid="table-cross">
        <caption>{t('reports.crossCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="corner">
              {t('reports.col.topicToReferral')}
            </th>
            {trimmed.columns.map((c) => (
              <th scope="col" key={c.key} className="vertical">
                <span>{c.label[f.lang]}</span>
              </th>
            ))}
            <th scope="col" className="vertical">
              <span>{t('referralFigures.crossTotal')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {trimmed.rows.map((r, i) => (
            <tr key={r.key}>
              <th scope="row">{r.label[f.lang]}</th>
              {trimmed.cells[i]!.map((n, j) => (
                <td className="num" key={j}>
                  {n === 0 ? '' : f.count(n)}
                </td>
              ))}
              <td className="num total">{f.count(trimmed.rowTotals[i] ?? null)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('referralFigures.crossTotal')}</th>
            {trimmed.columnTotals.map((n, j) => (
              <td className="num" key={j}>
                {f.count(n)}
              </td>
            ))}
            <td className="num total">{f.count(trimmed.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
