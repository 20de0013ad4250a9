// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReportFilters, ResolvedFilterClause } from '../../core/analysis/filter-inputs';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { Breakdown } from '../../core/reports/report-types';
import { DEFAULT_SETTINGS } from '../../core/settings/site-settings';
import { de } from '../../renderer/i18n/de';
import { DrillContext } from '../../renderer/reports/drill-context';
import { FilterBar } from '../../renderer/reports/FilterBar';
import { filtersInclude } from '../../renderer/reports/filter-params';
import { BreakdownTable } from '../../renderer/reports/ReportTables';
import { setUpTexts } from './components/ui-texts';

const entry = { retired: false, mergedInto: null };
const catalog: Catalog = {
  topics: [
    { id: 1, labelDe: 'Wohnen', labelEn: 'Housing', color: '#000', hotkey: null, position: 1, sdgs: [11], ...entry },
    { id: 2, labelDe: 'Arbeit', labelEn: 'Work', color: '#000', hotkey: null, position: 2, sdgs: [8], ...entry },
  ],
  organisations: [{ id: 7, name: 'Mieterhilfe', position: 1, ...entry }],
  languages: [
    { id: 1, code: 'de', labelDe: 'Deutsch', labelEn: 'German', position: 1, ...entry },
    { id: 2, code: 'uk', labelDe: 'Ukrainisch', labelEn: 'Ukrainian', position: 2, ...entry },
    { id: 3, code: 'ar', labelDe: 'Arabisch', labelEn: 'Arabic', position: 3, ...entry },
    // Merged away: its history counts under the language it went into, so it is not offered.
    { id: 4, code: 'xx', labelDe: 'Altsprache', labelEn: 'Old', position: 4, retired: true, mergedInto: 1 },
  ],
  desks: [{ id: 1, name: 'Schalter 1', position: 1, ...entry }],
  themeDays: [],
  topicGroups: [],
  settings: DEFAULT_SETTINGS,
};

/** The bar as the report tab holds it: the filter lives above it (in the address), each change comes back as props. */
function Harness({
  initial,
  onChange,
  publication = false,
  resolved,
}: {
  initial: ReportFilters;
  onChange(f: ReportFilters): void;
  publication?: boolean;
  resolved?: ResolvedFilterClause[];
}) {
  const [filters, setFilters] = useState(initial);
  return (
    <FilterBar
      catalog={catalog}
      filters={filters}
      resolved={resolved}
      refused={publication}
      onChange={(next) => {
        onChange(next);
        setFilters(next);
      }}
    />
  );
}

const show = (initial: ReportFilters, options: { publication?: boolean; resolved?: ResolvedFilterClause[] } = {}) => {
  const onChange = vi.fn();
  render(<Harness initial={initial} onChange={onChange} {...options} />);
  return onChange;
};

const TWO: ReportFilters = [
  { dimension: 'language', values: ['uk', 'ar'], exclude: false },
  { dimension: 'referral', values: ['none'], exclude: true },
];

beforeAll(setUpTexts);
afterEach(cleanup);

describe('the filter bar', () => {
  it('says there is no filter, and offers to add one', () => {
    show([]);
    expect(screen.getByTestId('filter-none').textContent).toBe(de.reportFilters.none);
    expect(screen.queryByTestId('filter-clear')).toBeNull();
    expect(screen.getByTestId('filter-add').textContent).toBe('Filter hinzufügen');
  });

  it('shows each clause with its values as chips, named from the catalog, exclusions as "ohne"; each chip says what it removes', () => {
    show(TWO);
    expect(screen.getByTestId('filter-clause-language').textContent).toBe('Sprache:Ukrainisch×oderArabisch×');
    expect(screen.getByTestId('filter-clause-referral').textContent).toBe('Weitervermittlung ohne:keine Weitervermittlung×');
    expect(screen.getByTestId('filter-chip-language-uk').getAttribute('aria-label')).toBe('Filter entfernen: Sprache Ukrainisch');
    expect(screen.getByTestId('filter-chip-referral-none').getAttribute('aria-label')).toBe('Filter entfernen: Weitervermittlung ohne keine Weitervermittlung');
    // The "×" is decoration: a screen reader hears the label above.
    expect(screen.getByTestId('filter-chip-language-uk').querySelector('[aria-hidden="true"]')?.textContent).toBe('×');
    // Tab order: the chips in reading order, then "add", then "remove all".
    const buttons = [...screen.getByTestId('filter-bar').querySelectorAll('button')].map((b) => b.dataset.testid);
    expect(buttons).toEqual(['filter-chip-language-uk', 'filter-chip-language-ar', 'filter-chip-referral-none', 'filter-add', 'filter-clear']);
  });

  it('names a value as the loaded report does when it has it', () => {
    show([{ dimension: 'topic', values: [1], exclude: false }], {
      resolved: [{ dimension: 'topic', values: [1], exclude: false, labels: [{ de: 'Wohnen (Bericht)', en: 'Housing (report)' }] }],
    });
    expect(screen.getByTestId('filter-chip-topic-1').textContent).toBe('Wohnen (Bericht)×');
  });

  it('removes one value, then the clause with its last value; the focus moves on to the chip now in its place', async () => {
    const onChange = show(TWO);
    await act(async () => fireEvent.click(screen.getByTestId('filter-chip-language-uk')));
    expect(onChange).toHaveBeenLastCalledWith([
      { dimension: 'language', values: ['ar'], exclude: false },
      { dimension: 'referral', values: ['none'], exclude: true },
    ]);
    expect(document.activeElement).toBe(screen.getByTestId('filter-chip-language-ar'));
    await act(async () => fireEvent.click(screen.getByTestId('filter-chip-language-ar')));
    expect(onChange).toHaveBeenLastCalledWith([{ dimension: 'referral', values: ['none'], exclude: true }]);
    expect(screen.queryByTestId('filter-clause-language')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('filter-chip-referral-none'));
    // The last chip gone: the focus goes to "add".
    await act(async () => fireEvent.click(screen.getByTestId('filter-chip-referral-none')));
    expect(onChange).toHaveBeenLastCalledWith([]);
    expect(document.activeElement).toBe(screen.getByTestId('filter-add'));
  });

  it('"Alle Filter entfernen" clears every clause at once', async () => {
    const onChange = show(TWO);
    await act(async () => fireEvent.click(screen.getByTestId('filter-clear')));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith([]);
    expect(screen.getByTestId('filter-none')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('filter-add'));
  });

  it('adds a clause in the picker: a dimension, several values (in catalog order), excluded; Enter on a value applies', async () => {
    const onChange = show([{ dimension: 'topic', values: [2], exclude: false }]);
    fireEvent.click(screen.getByTestId('filter-add'));
    const picker = screen.getByTestId('filter-picker') as HTMLDialogElement;
    expect(picker.open).toBe(true);
    expect(picker.getAttribute('aria-labelledby')).toBe('filter-picker-title');
    // Opens on the first dimension not filtered yet.
    expect((screen.getByTestId('filter-dimension') as HTMLSelectElement).value).toBe('firstTopic');
    fireEvent.change(screen.getByTestId('filter-dimension'), { target: { value: 'language' } });
    const offered = within(screen.getByTestId('filter-values'))
      .getAllByRole('checkbox')
      .map((c) => c.closest('label')?.textContent);
    expect(offered).toEqual(['Deutsch', 'Ukrainisch', 'Arabisch']);
    expect((screen.getByTestId('filter-apply') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('filter-value-ar'));
    fireEvent.click(screen.getByTestId('filter-value-uk'));
    expect(picker.textContent).toContain('2 Werte gewählt');
    fireEvent.click(screen.getByTestId('filter-exclude'));
    await act(async () => fireEvent.keyDown(screen.getByTestId('filter-value-uk'), { key: 'Enter' }));
    expect(onChange).toHaveBeenLastCalledWith([
      { dimension: 'topic', values: [2], exclude: false },
      { dimension: 'language', values: ['uk', 'ar'], exclude: true },
    ]);
    expect(screen.queryByTestId('filter-picker')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('filter-add'));
    expect(screen.getByTestId('filter-clause-language').textContent).toBe('Sprache ohne:Ukrainisch×oderArabisch×');
  });

  it('offers "keine Weitervermittlung" and "kein Thementag", the SDG goals by name, and the closed sets by their words', () => {
    show([]);
    fireEvent.click(screen.getByTestId('filter-add'));
    const offered = () =>
      within(screen.getByTestId('filter-values'))
        .getAllByRole('checkbox')
        .map((c) => c.closest('label')?.textContent);
    fireEvent.change(screen.getByTestId('filter-dimension'), { target: { value: 'referral' } });
    expect(offered()).toEqual(['keine Weitervermittlung', 'Mieterhilfe']);
    fireEvent.change(screen.getByTestId('filter-dimension'), { target: { value: 'themeDay' } });
    expect(offered()).toEqual(['kein Thementag']);
    fireEvent.change(screen.getByTestId('filter-dimension'), { target: { value: 'channel' } });
    expect(offered()).toEqual(['persönlich', 'Telefon', 'E-Mail']);
    fireEvent.change(screen.getByTestId('filter-dimension'), { target: { value: 'sdg' } });
    expect(offered()).toHaveLength(17);
    expect(offered()[7]).toBe('8 Menschenwürdige Arbeit und Wirtschaftswachstum');
  });

  it('opens a filtered dimension with its values ticked; ticking none and applying removes the clause', async () => {
    const onChange = show(TWO);
    fireEvent.click(screen.getByTestId('filter-add'));
    fireEvent.change(screen.getByTestId('filter-dimension'), { target: { value: 'language' } });
    expect((screen.getByTestId('filter-value-uk') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('filter-value-ar') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('filter-value-de') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByTestId('filter-value-uk'));
    fireEvent.click(screen.getByTestId('filter-value-ar'));
    await act(async () => fireEvent.click(screen.getByTestId('filter-apply')));
    expect(onChange).toHaveBeenLastCalledWith([{ dimension: 'referral', values: ['none'], exclude: true }]);
  });

  it('Escape (the dialog closing) and "Abbrechen" change nothing and give the focus back to "add"', async () => {
    const onChange = show(TWO);
    fireEvent.click(screen.getByTestId('filter-add'));
    fireEvent.click(screen.getByTestId('filter-value-1'));
    await act(async () => (screen.getByTestId('filter-picker') as HTMLDialogElement).close());
    expect(screen.queryByTestId('filter-picker')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('filter-add'));
    fireEvent.click(screen.getByTestId('filter-add'));
    fireEvent.click(screen.getByTestId('filter-value-1'));
    await act(async () => fireEvent.click(screen.getByTestId('filter-cancel')));
    expect(screen.queryByTestId('filter-picker')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('filter-add'));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('in publication mode offers no filter and says why in one sentence', () => {
    show(TWO, { publication: true });
    expect(screen.getByTestId('filter-publication').textContent).toBe(de.reportFilters.publication);
    expect(screen.queryByTestId('filter-add')).toBeNull();
    expect(screen.queryByTestId('filter-chips')).toBeNull();
  });
});

describe('drill-down from a breakdown table', () => {
  const languages: Breakdown = {
    rows: [
      { key: 'de', label: { de: 'Deutsch', en: 'German' }, n: 5 },
      { key: 'uk', label: { de: 'Ukrainisch', en: 'Ukrainian' }, n: 3 },
    ],
    total: 8,
  };
  const table = (filters: ReportFilters, drill = vi.fn()) => {
    render(
      <DrillContext.Provider value={{ drill, filtered: (d, v) => filtersInclude(filters, d, v) }}>
        <BreakdownTable caption="Sprachen" labelHeading="Sprache" data={languages} testId="table-languages" dimension="language" />
      </DrillContext.Provider>,
    );
    return drill;
  };

  it('each row name is a button in its row heading that adds the value; Enter or Space on a button is a click', () => {
    const drill = table([]);
    const button = screen.getByTestId('table-languages-drill-uk');
    expect(button.tagName).toBe('BUTTON');
    expect(button.closest('th')?.getAttribute('scope')).toBe('row');
    expect(button.textContent).toBe('Ukrainisch');
    expect(button.getAttribute('title')).toBe('Danach filtern: Ukrainisch');
    fireEvent.click(button);
    expect(drill).toHaveBeenCalledWith('language', 'uk');
  });

  it('a value already in the filter is plain text, so it cannot be added twice', () => {
    table([{ dimension: 'language', values: ['uk'], exclude: false }]);
    expect(screen.queryByTestId('table-languages-drill-uk')).toBeNull();
    expect(screen.getByTestId('table-languages-drill-de')).toBeTruthy();
    expect(screen.getByText('Ukrainisch').tagName).toBe('TH');
  });

  it('without drill-down (print, publication mode) the names are plain text', () => {
    render(<BreakdownTable caption="Sprachen" labelHeading="Sprache" data={languages} testId="table-languages" dimension="language" />);
    expect(screen.getByTestId('table-languages').querySelectorAll('button')).toHaveLength(0);
  });
});
