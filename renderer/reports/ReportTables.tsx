import { useTranslation } from 'react-i18next';
import type { OpeningSlot } from '../../core/catalog/catalog-types';
import type { BreakdownRow, CrossTable as CrossTableData, Report } from '../../core/reports/report-types';
import { byCountDesc, topicRows } from './chart-configs';
import { formatter, share } from './format';
import { heatColors, heatmapHours, heatmapMax, heatShade, slotRows, trimCrossTable } from './report-tables';

/** The tables under the charts; every figure the charts show is here as text, for reading aloud, printing and checking. */

function RowLabel({ label, retired }: { label: string; retired?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {label}
      {retired && <span className="retired-note"> ({t('reports.retired')})</span>}
    </>
  );
}

export function BreakdownTable({
  caption,
  labelHeading,
  rows,
  total,
  testId,
  sort = true,
}: {
  caption: string;
  labelHeading: string;
  rows: BreakdownRow[];
  total: number | null;
  testId: string;
  sort?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = formatter(i18n.language);
  const shown = sort ? byCountDesc(rows) : rows;
  return (
    <table className="report-table" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeading}</th>
          <th scope="col" className="num">
            {t('reports.col.contacts')}
          </th>
          <th scope="col" className="num">
            {t('reports.col.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={r.key}>
            <th scope="row">
              <RowLabel label={r.label[f.lang]} retired={r.retired} />
            </th>
            <td className="num">{f.count(r.n)}</td>
            <td className="num">{r.n === null ? f.count(null) : f.percent(share(r.n, total))}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.col.total')}</th>
          <td className="num" data-testid={`${testId}-total`}>
            {f.count(total)}
          </td>
          <td className="num">{total === null ? f.count(null) : f.percent(total === 0 ? null : 100)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function MonthlyTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const f = formatter(i18n.language);
  return (
    <table className="report-table" data-testid="table-monthly">
      <caption className="visually-hidden">{t('reports.sections.monthly')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.col.month')}</th>
          <th scope="col" className="num">
            {t('reports.col.contacts')}
          </th>
          <th scope="col" className="num">
            {t('reports.col.cumulative')}
          </th>
        </tr>
      </thead>
      <tbody>
        {report.monthly.map((m) => (
          <tr key={m.month}>
            <th scope="row">{f.month(m.month)}</th>
            <td className="num">{f.count(m.n)}</td>
            <td className="num">{f.count(m.cumulative)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.col.total')}</th>
          <td className="num" data-testid="table-monthly-total">
            {f.count(report.total)}
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

export function TopicTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const f = formatter(i18n.language);
  const contactsTotal = report.byTopic.contacts.total;
  return (
    <table className="report-table" data-testid="table-topics">
      <caption className="visually-hidden">{t('reports.sections.topics')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.col.topic')}</th>
          <th scope="col" className="num">
            {t('charts.topicContacts')}
          </th>
          <th scope="col" className="num">
            {t('reports.col.share')}
          </th>
          <th scope="col" className="num">
            {t('charts.topicMentions')}
          </th>
        </tr>
      </thead>
      <tbody>
        {topicRows(report).map((r) => (
          <tr key={r.key}>
            <th scope="row">
              <RowLabel label={r.label[f.lang]} retired={r.retired} />
            </th>
            <td className="num">{f.count(r.contacts)}</td>
            <td className="num">{r.contacts === null ? f.count(null) : f.percent(share(r.contacts, contactsTotal))}</td>
            <td className="num">{f.count(r.mentions)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.col.total')}</th>
          <td className="num" data-testid="table-topics-total">
            {f.count(contactsTotal)}
          </td>
          <td />
          <td className="num">{f.count(report.byTopic.mentions.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function Heatmap({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
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
    </div>
  );
}

export function OpenHoursTable({ report, openingHours }: { report: Report; openingHours: OpeningSlot[] }) {
  const { t, i18n } = useTranslation();
  const f = formatter(i18n.language);
  const perHour = (n: number | null, hours: number) => (hours === 0 ? '–' : f.decimal(n));
  return (
    <table className="report-table" data-testid="table-open-hours">
      <caption className="visually-hidden">{t('reports.sections.openHours')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.col.slot')}</th>
          <th scope="col" className="num">
            {t('reports.col.openHours')}
          </th>
          <th scope="col" className="num">
            {t('reports.col.contacts')}
          </th>
          <th scope="col" className="num">
            {t('reports.col.perHour')}
          </th>
        </tr>
      </thead>
      <tbody>
        {slotRows(report, openingHours).map((r, i) => (
          <tr key={i}>
            <th scope="row">{t('reports.slot', { weekday: f.weekday(r.slot.weekday), start: r.slot.startHour, end: r.slot.endHour })}</th>
            <td className="num">{f.count(r.hours)}</td>
            <td className="num">{f.count(r.contacts)}</td>
            <td className="num">{perHour(r.perHour, r.hours)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.allContactsPerOpenHour')}</th>
          <td className="num">{f.count(report.openHours.hours)}</td>
          <td className="num">{f.count(report.total)}</td>
          <td className="num">{perHour(report.openHours.perOpenHour, report.openHours.hours)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function ThemeDayTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const f = formatter(i18n.language);
  if (report.themeDays.length === 0) return <p className="empty">{t('reports.noThemeDays')}</p>;
  const ratio = (r: number | null) => (r === null ? '–' : `× ${f.decimal(r, 2)}`);
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
            <th scope="col" className="num">
              {t('reports.col.occurrences')}
            </th>
            <th scope="col" className="num">
              {t('reports.col.hours')}
            </th>
            <th scope="col" className="num">
              {t('reports.col.contacts')}
            </th>
            <th scope="col" className="num">
              {t('reports.col.perHour')}
            </th>
            <th scope="col" className="num">
              {t('reports.col.hours')}
            </th>
            <th scope="col" className="num">
              {t('reports.col.contacts')}
            </th>
            <th scope="col" className="num">
              {t('reports.col.perHour')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.themeDays.map((d) => (
            <tr key={d.themeDayId}>
              <th scope="row">
                {d.title}
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
  const { t, i18n } = useTranslation();
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
              <span>{t('reports.col.total')}</span>
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
            <th scope="row">{t('reports.col.total')}</th>
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
