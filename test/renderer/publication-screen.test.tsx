// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pivot } from '../../core/analysis/pivot-types';
import type { Catalog } from '../../core/catalog/catalog-types';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import type { Report } from '../../core/reports/report-types';
import { DEFAULT_SETTINGS } from '../../core/settings/site-settings';
import { parseHash, routeHash, type PeriodParams } from '../../renderer/app/route';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';
import { PivotBody, PivotTab } from '../../renderer/pivot/PivotTab';
import { ReportTab } from '../../renderer/reports/ReportTab';
import type { ReportRequest } from '../../renderer/reports/period';
import { reportFixture } from '../exports/report-fixture';
import { setUpTexts } from './components/ui-texts';

/**
 * Issue 17 on the report and pivot tabs: in publication mode a choice of method (the cell-key method
 * first and chosen unless the address says otherwise), filters, drill-down and the pivot with the
 * cell-key method and not with suppression, the note sentence under the period, topic groups.
 */

const api = vi.hoisted(() => ({ getReport: vi.fn(), getPivot: vi.fn(), exportReport: vi.fn(), exportPivot: vi.fn(), saveSavedView: vi.fn() }));
vi.mock('../../renderer/api/client', () => ({ client: api }));
vi.mock('../../renderer/reports/ChartCanvas', () => ({ ChartCanvas: () => <div data-testid="chart-stub" /> }));

const catalog: Catalog = {
  topics: [],
  organisations: [],
  languages: [],
  desks: [],
  themeDays: [],
  topicGroups: [],
  settings: { ...DEFAULT_SETTINGS, openingDate: '2020-01-01' },
};

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const UKRAINIAN = [{ dimension: 'language' as const, values: ['uk'], exclude: false }];

/** The report getReport would answer: the fixture, in the mode and by the method asked for. */
const answer = (input: { publication: boolean; publicationMethod?: 'cellKey' | 'suppression'; topicGroups?: boolean }, over: Partial<Report> = {}) =>
  reportFixture({
    publication: { enabled: input.publication, threshold: 3, method: input.publicationMethod ?? 'cellKey' },
    ...(input.topicGroups && { topicGroups: true }),
    ...over,
  });

beforeAll(setUpTexts);
beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.getReport.mockImplementation((input) => Promise.resolve(answer(input)));
});
afterEach(cleanup);

async function showReport(period: PeriodParams) {
  const onPeriod = vi.fn();
  const onFilters = vi.fn();
  const request: ReportRequest = {
    ...MARCH,
    publication: period.publication,
    ...(period.publicationMethod && { publicationMethod: period.publicationMethod }),
    ...(period.topicGroups && { topicGroups: true }),
    ...(period.filters && { filters: period.filters }),
  };
  await act(async () => {
    render(
      <ReportTab
        catalog={catalog}
        request={request}
        quick={null}
        period={{ ...MARCH, ...period }}
        onPeriod={onPeriod}
        onFilters={onFilters}
        onPrint={vi.fn()}
      />,
    );
  });
  return { onPeriod, onFilters };
}

const radio = (method: string) => screen.getByTestId(`publication-method-${method}`) as HTMLInputElement;

describe('the note sentence', () => {
  it('has on screen the words of every export, in German and English', () => {
    for (const method of ['cellKey', 'suppression'] as const) {
      expect(de.publication.note[method]).toBe(PUBLICATION_NOTES[method].de);
      expect(en.publication.note[method]).toBe(PUBLICATION_NOTES[method].en);
    }
  });
});

describe('the report tab in publication mode', () => {
  it('offers the method with the cell-key method chosen, allows the filter, and shows the note under the period', async () => {
    const { onPeriod } = await showReport({ publication: true, filters: UKRAINIAN });
    expect(radio('cellKey').checked).toBe(true);
    expect(radio('suppression').checked).toBe(false);
    expect(screen.getByTestId('publication-method').textContent).toContain('Zellschlüssel-Verfahren (empfohlen)');
    expect(screen.getByTestId('publication-method-hint').textContent).toBe(de.publication.methodHints.cellKey);
    // The report asked for: published by the cell-key method, with the filter.
    expect(api.getReport).toHaveBeenLastCalledWith({ ...MARCH, publication: true, publicationMethod: 'cellKey', filters: UKRAINIAN });
    expect(screen.getByTestId('filter-add')).toBeTruthy();
    expect(screen.getByTestId('filter-chip-language-uk')).toBeTruthy();
    expect(screen.queryByTestId('filter-publication')).toBeNull();
    // Under the period line, the note; no suppression legend (nothing is hidden).
    const note = screen.getByTestId('publication-note');
    expect(note.textContent).toBe(PUBLICATION_NOTES.cellKey.de);
    expect(note.previousElementSibling?.className).toBe('report-period');
    expect(screen.queryByTestId('suppressed-legend')).toBeNull();
    // Drill-down is offered: a topic's name is a button.
    expect(screen.getByTestId('table-topics-drill-1')).toBeTruthy();

    fireEvent.click(radio('suppression'));
    expect(onPeriod).toHaveBeenLastCalledWith({ ...MARCH, publication: true, filters: UKRAINIAN, publicationMethod: 'suppression' });
  });

  it('with suppression: no filter (one sentence says why), no drill-down, the suppression note and legend', async () => {
    await showReport({ publication: true, publicationMethod: 'suppression', filters: UKRAINIAN });
    expect(radio('suppression').checked).toBe(true);
    expect(api.getReport).toHaveBeenLastCalledWith({ ...MARCH, publication: true, publicationMethod: 'suppression' });
    expect(screen.getByTestId('filter-publication').textContent).toBe(de.reportFilters.publication);
    expect(screen.getByTestId('filter-publication').textContent).toContain('Zellschlüssel-Verfahren');
    expect(screen.queryByTestId('filter-add')).toBeNull();
    expect(screen.queryByTestId('table-topics-drill-1')).toBeNull();
    expect(screen.getByTestId('publication-note').textContent).toBe(PUBLICATION_NOTES.suppression.de);
    expect(screen.getByTestId('suppressed-legend')).toBeTruthy();
  });

  it('without publication mode: no method, no note; the topic-groups switch is there in any mode', async () => {
    const { onPeriod } = await showReport({ publication: false });
    expect(screen.queryByTestId('publication-method')).toBeNull();
    expect(screen.queryByTestId('publication-note')).toBeNull();
    expect(api.getReport).toHaveBeenLastCalledWith({ ...MARCH, publication: false });
    const groups = within(screen.getByTestId('topic-groups-switch')).getByRole('switch') as HTMLInputElement;
    expect(groups.checked).toBe(false);
    fireEvent.click(groups);
    expect(onPeriod).toHaveBeenLastCalledWith({ ...MARCH, publication: false, topicGroups: true });
  });

  it('asks for topic groups when the address says so; a group row drills into all its topics', async () => {
    const group = { key: 'group:7', label: { de: 'Existenzsicherung', en: 'Livelihood' }, n: 21, group: { id: 7, topicIds: [1, 2] } };
    api.getReport.mockImplementation((input) =>
      Promise.resolve(answer(input, { byTopic: { contacts: { rows: [group], total: 21 }, mentions: { rows: [{ ...group, n: 25 }], total: 25 } } })),
    );
    const { onFilters } = await showReport({ publication: true, topicGroups: true });
    expect(api.getReport).toHaveBeenLastCalledWith({ ...MARCH, publication: true, publicationMethod: 'cellKey', topicGroups: true });
    expect((within(screen.getByTestId('topic-groups-switch')).getByRole('switch') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('table-topics-drill-group:7'));
    expect(onFilters).toHaveBeenLastCalledWith([{ dimension: 'topic', values: [1, 2], exclude: false }]);
  });
});

describe('the pivot tab in publication mode', () => {
  const pivot = (publication: boolean): Pivot => ({
    generatedAt: '2026-04-01T05:00:00.000Z',
    period: { ...MARCH, days: 31 },
    filters: [],
    rowDimension: 'topic',
    columnDimension: 'language',
    rows: [{ key: 1, label: { de: 'Arbeit', en: 'Work' } }],
    columns: [{ key: 'de', label: { de: 'Deutsch', en: 'German' } }],
    cells: [[12]],
    rowTotals: [12],
    columnTotals: [12],
    total: 12,
    multiValued: [],
    importedNotIncluded: 0,
    publication,
  });
  const showPivot = async (period: PeriodParams) => {
    api.getPivot.mockImplementation((input) => Promise.resolve(pivot(input.publication)));
    const request: ReportRequest = {
      ...MARCH,
      publication: period.publication,
      ...(period.publicationMethod && { publicationMethod: period.publicationMethod }),
    };
    await act(async () => {
      render(
        <PivotTab
          catalog={catalog}
          request={request}
          quick={null}
          period={{ ...MARCH, ...period }}
          dimensions={{ rows: 'topic', columns: 'language' }}
          onChange={vi.fn()}
        />,
      );
    });
  };

  it('with the cell-key method asks getPivot with publication and shows the note', async () => {
    await showPivot({ publication: true });
    expect(api.getPivot).toHaveBeenLastCalledWith({ ...MARCH, rows: 'topic', columns: 'language', filters: [], publication: true });
    expect(radio('cellKey').checked).toBe(true);
    expect(screen.getByTestId('publication-note').textContent).toBe(PUBLICATION_NOTES.cellKey.de);
    expect(screen.getByTestId('filter-add')).toBeTruthy();
    expect(screen.queryByTestId('pivot-publication-off')).toBeNull();
  });

  it('with suppression offers no pivot and says why', async () => {
    await showPivot({ publication: true, publicationMethod: 'suppression' });
    expect(api.getPivot).not.toHaveBeenCalled();
    expect(screen.getByTestId('pivot-publication-off').textContent).toBe(de.pivot.publicationOff);
  });

  it('an unpublished pivot has no note', () => {
    render(<PivotBody pivot={pivot(false)} />);
    expect(screen.queryByTestId('publication-note')).toBeNull();
  });
});

describe('the address', () => {
  it('keeps the method (only with publication, the cell-key method left out) and topic groups, for the report and its print view', () => {
    const period: PeriodParams = { quick: 'lastMonth', publication: true, publicationMethod: 'suppression', topicGroups: true };
    const hash = routeHash({ screen: 'reports', tab: 'report', period });
    expect(hash).toBe('#/reports?period=lastMonth&pub=1&pm=suppression&groups=1');
    expect(parseHash(hash)).toEqual({ screen: 'reports', tab: 'report', period });
    expect(parseHash('#/reports?period=lastMonth&pub=1')).toEqual({ screen: 'reports', tab: 'report', period: { quick: 'lastMonth', publication: true } });
    // Without publication mode a method means nothing and is dropped.
    expect(parseHash('#/reports?period=lastMonth&pm=suppression')).toEqual({
      screen: 'reports',
      tab: 'report',
      period: { quick: 'lastMonth', publication: false },
    });
    const print = routeHash({ screen: 'print', ...MARCH, publication: true, publicationMethod: 'suppression', topicGroups: true });
    expect(print).toBe('#/print?from=2026-03-01&to=2026-03-31&pub=1&pm=suppression&groups=1');
    expect(parseHash(print)).toEqual({ screen: 'print', ...MARCH, publication: true, publicationMethod: 'suppression', topicGroups: true });
  });
});
