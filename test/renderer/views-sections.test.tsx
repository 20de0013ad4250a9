// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientError } from '../../core/api/client';
import type { Catalog } from '../../core/catalog/catalog-types';
import { DEFAULT_SETTINGS } from '../../core/settings/site-settings';
import { REPORT_SECTIONS } from '../../core/views/view-types';
import { parseHash, routeHash } from '../../renderer/app/route';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import { ReportView } from '../../renderer/reports/ReportView';
import { SaveViewButton } from '../../renderer/views/SaveViewButton';
import { isPartShown, sectionsParam, ShownSections } from '../../renderer/views/sections';
import { reportFixture } from '../exports/report-fixture';
import { setUpTexts } from './components/ui-texts';

const api = vi.hoisted(() => ({ saveSavedView: vi.fn() }));
vi.mock('../../renderer/api/client', () => ({ client: api }));
// happy-dom draws no canvas: a stub that says it drew, as the real one does once its chart is on the canvas.
vi.mock('../../renderer/reports/ChartCanvas', async () => {
  const { useEffect } = await import('react');
  return {
    ChartCanvas: ({ onDrawn }: { onDrawn?(): void }) => {
      useEffect(() => onDrawn?.(), []);
      return <div data-testid="chart-stub" />;
    },
  };
});

const catalog: Catalog = {
  topics: [],
  organisations: [],
  languages: [],
  desks: [],
  themeDays: [],
  topicGroups: [],
  settings: { ...DEFAULT_SETTINGS, openingDate: '2020-01-01' },
};

beforeAll(setUpTexts);
beforeEach(() => api.saveSavedView.mockReset());
afterEach(cleanup);

describe('sections in the address', () => {
  it('reads known sections in the report’s order, drops unknown ones, and leaves a full list out of the address', () => {
    expect(sectionsParam(new URLSearchParams('sections=topics,headline,bogus'))).toEqual(['headline', 'topics']);
    expect(sectionsParam(new URLSearchParams('sections=bogus'))).toBeUndefined();
    expect(sectionsParam(new URLSearchParams(''))).toBeUndefined();
    const route = { screen: 'reports', tab: 'report', period: { publication: false }, sections: ['topics', 'headline'] } as const;
    expect(routeHash({ ...route, sections: [...route.sections] })).toBe('#/reports?sections=headline%2Ctopics');
    expect(parseHash(routeHash({ ...route, sections: [...route.sections] }))).toMatchObject({ sections: ['headline', 'topics'] });
    expect(routeHash({ ...route, sections: [...REPORT_SECTIONS] })).toBe('#/reports');
  });

  it('maps the screen’s parts to sections: the series chart is monthly or series, the askers part also holds the desks', () => {
    expect(isPartShown('monthly', ['series'])).toBe(true);
    expect(isPartShown('askers', ['desks'])).toBe(true);
    expect(isPartShown('sdgs', ['sdg'])).toBe(true);
    expect(isPartShown('heatmap', ['topics'])).toBe(false);
    expect(isPartShown('heatmap', undefined)).toBe(true);
  });
});

describe('the report with a saved view’s sections', () => {
  const sectionIds = () => [...document.querySelectorAll('[data-testid^="section-"]')].map((s) => s.getAttribute('data-testid'));

  it('shows every part without a list, and only the listed parts with one', () => {
    render(<ReportView report={reportFixture()} />);
    const all = sectionIds();
    expect(all).toEqual(expect.arrayContaining(['section-monthly', 'section-topics', 'section-heatmap', 'section-cross']));
    expect(screen.queryByTestId('headline')).not.toBeNull();
    expect(screen.queryByTestId('comparison-previous')).not.toBeNull();
    cleanup();
    render(
      <ShownSections.Provider value={['topics', 'heatmap']}>
        <ReportView report={reportFixture()} />
      </ShownSections.Provider>,
    );
    expect(sectionIds()).toEqual(['section-topics', 'section-heatmap']);
    expect(screen.queryByTestId('headline')).toBeNull();
    expect(screen.queryByTestId('comparison-previous')).toBeNull();
    // The key figures always stay.
    expect(screen.getByTestId('report-total').textContent).toBe('125');
  });
});

describe('the print view of a saved view’s sections', () => {
  const printed = (sections: (typeof REPORT_SECTIONS)[number][] | undefined) => {
    const onChartsDrawn = vi.fn();
    render(
      <ShownSections.Provider value={sections}>
        <ReportView report={reportFixture()} print onChartsDrawn={onChartsDrawn} />
      </ShownSections.Provider>,
    );
    return onChartsDrawn;
  };

  it('is ready once the shown charts are drawn, not waiting for the charts of sections left out', () => {
    expect(printed(undefined)).toHaveBeenCalledTimes(1);
    cleanup();
    const onChartsDrawn = printed(['headline', 'topics', 'languages']);
    expect(screen.getAllByTestId('chart-stub')).toHaveLength(2);
    expect(onChartsDrawn).toHaveBeenCalledTimes(1);
  });

  it('is ready at once when the view shows no chart at all', () => {
    expect(printed(['headline', 'heatmap'])).toHaveBeenCalledTimes(1);
    expect(screen.queryAllByTestId('chart-stub')).toHaveLength(0);
  });
});

describe('"Aktuelle Ansicht speichern"', () => {
  const lastMonth = () => quickPeriod('lastMonth', todayIn(catalog.settings.timeZone), catalog.settings.openingDate);
  const open = (sections?: (typeof REPORT_SECTIONS)[number][]) => {
    render(
      <ShownSections.Provider value={sections}>
        <SaveViewButton
          catalog={catalog}
          request={{ ...lastMonth(), publication: false }}
          filters={[{ dimension: 'language', values: ['uk'], exclude: false }]}
        />
      </ShownSections.Provider>,
    );
    fireEvent.click(screen.getByTestId('save-view'));
    return screen.getByTestId('save-view-dialog');
  };
  const checked = (dialog: HTMLElement, testId: string) => (within(dialog).getByTestId(testId) as HTMLInputElement).checked;

  it('preselects the rule matching the period and every section, and saves name, rule, filter and the chosen sections', async () => {
    const dialog = open();
    expect(checked(dialog, 'save-view-rule-lastMonth')).toBe(true);
    expect(REPORT_SECTIONS.every((s) => checked(dialog, `save-view-section-${s}`))).toBe(true);
    fireEvent.change(within(dialog).getByTestId('save-view-name'), { target: { value: 'Ukrainisch im Monat' } });
    fireEvent.click(within(dialog).getByTestId('save-view-section-heatmap'));
    api.saveSavedView.mockImplementationOnce((input: object) => Promise.resolve({ id: 4, ...input }));
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('save-view-confirm'));
    });
    expect(api.saveSavedView).toHaveBeenCalledWith({
      name: 'Ukrainisch im Monat',
      period: { kind: 'lastMonth' },
      filters: [{ dimension: 'language', values: ['uk'], exclude: false }],
      sections: REPORT_SECTIONS.filter((s) => s !== 'heatmap'),
      publication: false,
      publicationMethod: 'cellKey',
      topicGroups: false,
    });
    expect(screen.queryByTestId('save-view-dialog')).toBeNull();
    expect(screen.getByTestId('save-view-notice').textContent).toBe('Gespeichert: Ukrainisch im Monat');
  });

  it('can fix the current range instead, and starts from the sections the report shows', async () => {
    const dialog = open(['headline', 'topics']);
    expect(REPORT_SECTIONS.filter((s) => checked(dialog, `save-view-section-${s}`))).toEqual(['headline', 'topics']);
    fireEvent.click(within(dialog).getByTestId('save-view-rule-fixed'));
    fireEvent.change(within(dialog).getByTestId('save-view-name'), { target: { value: 'Fest' } });
    api.saveSavedView.mockImplementationOnce((input: object) => Promise.resolve({ id: 5, ...input }));
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('save-view-confirm'));
    });
    expect(api.saveSavedView.mock.calls[0]![0]).toMatchObject({ period: { kind: 'fixed', ...lastMonth() }, sections: ['headline', 'topics'] });
  });

  it('shows a refusal naming the name next to the name field and keeps the dialog', async () => {
    const dialog = open();
    api.saveSavedView.mockRejectedValueOnce(new ClientError({ code: 'invalid_input', field: 'name', message: 'a name is 1 to 80 characters' }));
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('save-view-confirm'));
    });
    const field = within(dialog).getByTestId('save-view-name');
    const error = within(dialog).getByTestId('save-view-error-name');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(error.id);
    expect(error.textContent).toBe('Eingabe abgelehnt (name).');
    expect(within(dialog).queryByTestId('save-view-error-other')).toBeNull();
    expect(screen.getByTestId('save-view-dialog')).toBe(dialog);
  });
});
