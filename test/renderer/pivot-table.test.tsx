// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Pivot } from '../../core/analysis/pivot-types';
import { de } from '../../renderer/i18n/de';
import { CHART_TOP_COLUMNS, pivotChart } from '../../renderer/pivot/pivot-chart';
import { PivotBody } from '../../renderer/pivot/PivotTab';
import { DrillContext } from '../../renderer/reports/drill-context';
import { setUpTexts } from './components/ui-texts';

// happy-dom draws no canvas: the chart's configuration is checked on its own below.
const drawn = vi.hoisted(() => ({ labels: [] as string[] }));
vi.mock('../../renderer/reports/ChartCanvas', () => ({
  ChartCanvas: ({ label }: { label: string }) => {
    drawn.labels.push(label);
    return <div data-testid="chart-stub" role="img" aria-label={label} />;
  },
}));

beforeAll(setUpTexts);
afterEach(cleanup);

const label = (s: string) => ({ de: s, en: `${s} (en)` });

/** Topics × languages: contact 1 has two topics, so the cells of the Ukrainian column add up to more than its total. */
const pivot = (over: Partial<Pivot> = {}): Pivot => ({
  generatedAt: '2026-01-05T10:00:00.000Z',
  period: { from: '2025-01-01', to: '2025-12-31', days: 365 },
  filters: [],
  rowDimension: 'topic',
  columnDimension: 'language',
  rows: [
    { key: 1, label: label('Wohnen') },
    { key: 2, label: label('Arbeit') },
    { key: 3, label: label('Alt'), retired: true },
  ],
  columns: [
    { key: 'de', label: label('Deutsch') },
    { key: 'uk', label: label('Ukrainisch') },
  ],
  cells: [
    [1234, 5],
    [0, 7],
    [2, 0],
  ],
  rowTotals: [1239, 7, 2],
  columnTotals: [1236, 10],
  total: 1244,
  multiValued: ['topic'],
  importedNotIncluded: 0,
  publication: false,
  ...over,
});

const rowTexts = (section: HTMLElement) =>
  within(section)
    .getAllByRole('row')
    .map((tr) => [...tr.children].map((c) => c.textContent));

describe('the pivot table', () => {
  it('shows every cell, a totals column and a totals row, with German thousands separators', () => {
    render(<PivotBody pivot={pivot()} />);
    const table = screen.getByTestId('pivot-table');
    expect(rowTexts(table)).toEqual([
      ['Thema \\ Sprache', 'Deutsch', 'Ukrainisch', 'Summe'],
      ['Wohnen', '1.234', '5', '1.239'],
      ['Arbeit', '0', '7', '7'],
      [`Alt (${de.reports.retired})`, '2', '0', '2'],
      ['Summe', '1.236', '10', '1.244'],
    ]);
    // Header cells are column headers, the first column row headers; the totals sit in a tfoot.
    expect(within(table).getAllByRole('columnheader')).toHaveLength(4);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Wohnen', 'Arbeit', `Alt (${de.reports.retired})`, 'Summe']);
    expect(table.querySelector('tfoot')?.textContent).toContain('1.244');
    expect(screen.getByTestId('pivot-total').textContent).toBe('1.244');
    expect(table.querySelector('caption')?.textContent).toBe('Kontakte nach Thema (Zeilen) und Sprache (Spalten), 01.01.2025 – 31.12.2025');
  });

  it('can be scrolled by keyboard: the scroll box is a focusable, named region', () => {
    render(<PivotBody pivot={pivot()} />);
    const box = screen.getByTestId('pivot-scroll');
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(screen.getByRole('region', { name: 'Pivot-Tabelle Thema × Sprache, mit den Pfeiltasten scrollbar' })).toBe(box);
    box.focus();
    expect(document.activeElement).toBe(box);
    // The table inside is named by its caption.
    expect(screen.getByRole('table', { name: /^Kontakte nach Thema/ })).toBe(screen.getByTestId('pivot-table'));
  });

  it('explains a multi-valued dimension in its own words, for rows or for columns', () => {
    render(<PivotBody pivot={pivot()} />);
    expect(screen.getAllByTestId('pivot-multi-valued').map((p) => p.textContent)).toEqual([
      'Ein Kontakt mit mehreren Themen zählt in mehreren Zeilen; die Summen zählen jeden Kontakt einmal.',
    ]);
    cleanup();
    render(<PivotBody pivot={pivot({ rowDimension: 'language', columnDimension: 'referral', multiValued: ['referral'] })} />);
    expect(screen.getByTestId('pivot-multi-valued').textContent).toBe(de.pivot.multiValued.referral_columns);
    cleanup();
    render(<PivotBody pivot={pivot({ rowDimension: 'channel', columnDimension: 'language', multiValued: [] })} />);
    expect(screen.queryByTestId('pivot-multi-valued')).toBeNull();
  });

  it('says how many imported contacts are left out, only when there are any', () => {
    render(<PivotBody pivot={pivot()} />);
    expect(screen.queryByTestId('pivot-imported')).toBeNull();
    cleanup();
    render(<PivotBody pivot={pivot({ importedNotIncluded: 1520 })} />);
    expect(screen.getByTestId('pivot-imported').textContent).toMatch(/^1\.520 importierte Kontakte fehlen hier/);
    cleanup();
    render(<PivotBody pivot={pivot({ importedNotIncluded: 1 })} />);
    expect(screen.getByTestId('pivot-imported').textContent).toMatch(/^1 importierter Kontakt fehlt hier/);
  });

  it('says so when nothing matches instead of drawing an empty table', () => {
    render(<PivotBody pivot={pivot({ rows: [], columns: [], cells: [], rowTotals: [], columnTotals: [], total: 0, multiValued: [] })} />);
    expect(screen.getByTestId('pivot-empty').textContent).toBe(de.pivot.empty);
    expect(screen.queryByTestId('pivot-table')).toBeNull();
  });
});

describe('drill-down from the pivot table', () => {
  it('turns row and column names of filterable dimensions into buttons that add the value to the filter', () => {
    const drill = vi.fn();
    const filtered = (dimension: string, value: number | string) => dimension === 'topic' && value === 2;
    render(
      <DrillContext.Provider value={{ drill, filtered }}>
        <PivotBody pivot={pivot()} />
      </DrillContext.Provider>,
    );
    fireEvent.click(screen.getByTestId('pivot-drill-language-uk'));
    expect(drill).toHaveBeenCalledWith('language', 'uk');
    fireEvent.click(screen.getByTestId('pivot-drill-topic-1'));
    expect(drill).toHaveBeenLastCalledWith('topic', 1);
    // A value already in the filter stays plain text.
    expect(screen.queryByTestId('pivot-drill-topic-2')).toBeNull();
    expect(screen.getByTestId('pivot-table').textContent).toContain('Arbeit');
  });

  it('leaves months, weeks, weekdays and hours as plain names: the period picker chooses time', () => {
    const drill = vi.fn();
    render(
      <DrillContext.Provider value={{ drill, filtered: () => false }}>
        <PivotBody pivot={pivot({ rowDimension: 'month', rows: [{ key: '2025-01', label: label('Jänner 2025') }], cells: [[3, 1]], rowTotals: [4] })} />
      </DrillContext.Provider>,
    );
    expect(screen.queryByTestId('pivot-drill-month-2025-01')).toBeNull();
    expect(
      within(screen.getByTestId('pivot-table'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Deutsch', 'Ukrainisch']);
  });
});

describe('the pivot chart', () => {
  it('stacks one dataset per column along the rows', () => {
    const { config, grouped } = pivotChart(pivot(), 'de');
    expect(grouped).toBe(false);
    expect(config.data.labels).toEqual(['Wohnen', 'Arbeit', 'Alt']);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Deutsch', [1234, 0, 2]],
      ['Ukrainisch', [5, 7, 0]],
    ]);
    expect((config.options as { indexAxis?: string }).indexAxis).toBe('y');
  });

  it('keeps the twelve largest columns and adds the rest up as "Übrige", with a note on screen', () => {
    const n = CHART_TOP_COLUMNS + 3;
    // Column j has j + 1 contacts in the one row: the three smallest (1, 2, 3) are grouped.
    const wide = pivot({
      rows: [{ key: 1, label: label('Wohnen') }],
      columns: Array.from({ length: n }, (_, j) => ({ key: `l${j}`, label: label(`Sprache ${j}`) })),
      cells: [Array.from({ length: n }, (_, j) => j + 1)],
      rowTotals: [(n * (n + 1)) / 2],
      columnTotals: Array.from({ length: n }, (_, j) => j + 1),
      total: (n * (n + 1)) / 2,
      multiValued: [],
    });
    const { config, grouped } = pivotChart(wide, 'de');
    expect(grouped).toBe(true);
    expect(config.data.datasets).toHaveLength(CHART_TOP_COLUMNS + 1);
    expect(config.data.datasets[0]!.label).toBe('Sprache 3');
    const others = config.data.datasets.at(-1)!;
    expect([others.label, others.data]).toEqual(['Übrige', [1 + 2 + 3]]);
    // Nothing lost: the stacked parts add up to the row.
    expect(config.data.datasets.reduce((sum, d) => sum + (d.data[0] as number), 0)).toBe(wide.rowTotals[0]);
    render(<PivotBody pivot={wide} />);
    expect(screen.getByTestId('pivot-chart-note').textContent).toBe(
      'Im Diagramm stehen die 12 größten Spalten einzeln, alle weiteren zusammen als „Übrige“; die Tabelle zeigt alle.',
    );
    expect(drawn.labels.at(-1)).toBe('Diagramm: Kontakte nach Thema, gestapelt nach Sprache');
  });
});
