import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FILTER_DIMENSIONS, type FilterDimension } from '../../core/analysis/filter-inputs';
import { dimensionName } from '../../core/analysis/filter-words';
import type { PivotDimension } from '../../core/analysis/pivot-inputs';
import type { Pivot, PivotHeader } from '../../core/analysis/pivot-types';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { DrillLabel } from '../reports/DrillLabel';
import { formatter, reportLanguage } from '../ui/format';

/**
 * The pivot as a table: the header row and the first column stay in view while it scrolls (pivot.css), the
 * last column and the last row are the totals. The scroll box takes the keyboard focus, so the arrow keys
 * move a wide or long table, and is named after the table.
 */
export function PivotTable({ pivot }: { pivot: Pivot }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const lang = reportLanguage(i18n.language);
  const f = formatter(lang);
  const captionId = useId();
  const rowsName = dimensionName(pivot.rowDimension, lang);
  const columnsName = dimensionName(pivot.columnDimension, lang);
  // A row or column of a dimension the filter knows is a drill-down button (where the tab offers drill-down).
  const label = (dimension: PivotDimension, h: PivotHeader) => (
    <>
      {isFilterDimension(dimension) ? (
        <DrillLabel dimension={dimension} value={h.key} label={h.label[lang]} testId={`pivot-drill-${dimension}-${h.key}`} />
      ) : (
        h.label[lang]
      )}
      {h.retired && <span className="sub"> ({t('reports.retired')})</span>}
    </>
  );
  return (
    <section
      className="pivot-scroll"
      // A scrolling region must be reachable by keyboard to scroll it (WCAG 2.1.1).
      tabIndex={0}
      aria-label={t('pivot.scrollLabel', { rows: rowsName, columns: columnsName })}
      data-testid="pivot-scroll"
    >
      <table className="report-table pivot-table" data-testid="pivot-table" aria-labelledby={captionId}>
        <caption id={captionId}>{t('pivot.caption', { rows: rowsName, columns: columnsName, range: f.range(pivot.period.from, pivot.period.to) })}</caption>
        <thead>
          <tr>
            <th scope="col" className="corner">
              {rowsName} \ {columnsName}
            </th>
            {pivot.columns.map((c) => (
              <th scope="col" className="num" key={String(c.key)}>
                {label(pivot.columnDimension, c)}
              </th>
            ))}
            <th scope="col" className="num total">
              {t('pivot.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {pivot.rows.map((r, i) => (
            <tr key={String(r.key)}>
              <th scope="row">{label(pivot.rowDimension, r)}</th>
              {pivot.cells[i]!.map((n, j) => (
                <td className={n === 0 ? 'num zero' : 'num'} key={String(pivot.columns[j]!.key)}>
                  {f.count(n)}
                </td>
              ))}
              <td className="num total" data-testid="pivot-row-total">
                {f.count(pivot.rowTotals[i]!)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('pivot.total')}</th>
            {pivot.columnTotals.map((n, j) => (
              <td className="num" key={String(pivot.columns[j]!.key)} data-testid="pivot-column-total">
                {f.count(n)}
              </td>
            ))}
            <td className="num total" data-testid="pivot-total">
              {f.count(pivot.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

const isFilterDimension = (d: PivotDimension): d is PivotDimension & FilterDimension => (FILTER_DIMENSIONS as readonly string[]).includes(d);
