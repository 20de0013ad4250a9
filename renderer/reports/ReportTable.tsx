import type { Key, ReactNode } from 'react';

/** One column: its heading, how a row fills it and, if the table has a totals row, what stands there. */
export interface ReportColumn<Row> {
  header: ReactNode;
  /** Right-aligned figures (`num`); the first column is always the row heading and never numeric. */
  numeric?: boolean;
  render(row: Row): ReactNode;
  /** This column's cell in the totals row; left out, the cell stays empty. */
  total?: ReactNode;
  totalTestId?: string;
}

/**
 * A plain report table: one header row, a row heading per row, figures in `num` cells and an
 * optional totals row (drawn when any column has a `total`). The caption is for screen readers only.
 */
export function ReportTable<Row>({
  caption,
  testId,
  columns,
  rows,
  rowKey = (_row, i) => i,
}: {
  caption: string;
  testId: string;
  columns: ReportColumn<Row>[];
  rows: Row[];
  rowKey?(row: Row, index: number): Key;
}) {
  const [heading, ...figures] = columns;
  const cellClass = (c: ReportColumn<Row>) => (c.numeric ? 'num' : undefined);
  // Wider than a phone (long names beside several figures): the table scrolls sideways in its box, not the page.
  return (
    <div className="table-scroll">
      <table className="report-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, j) => (
              <th scope="col" className={cellClass(c)} key={j}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              <th scope="row">{heading!.render(row)}</th>
              {figures.map((c, j) => (
                <td className={cellClass(c)} key={j}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {columns.some((c) => c.total !== undefined) && (
          <tfoot>
            <tr>
              <th scope="row">{heading!.total}</th>
              {figures.map((c, j) =>
                // A figure that does not add up (shares, cumulative counts) gets a blank cell without `num`.
                c.total === undefined ? (
                  <td key={j} />
                ) : (
                  <td className={cellClass(c)} data-testid={c.totalTestId} key={j}>
                    {c.total}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
