import type { ChartDataset } from 'chart.js';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ImportPreview, UnknownName } from '../../core/imports/import-types';
import { emptyPreview } from '../../core/imports/preview-import';
import type { Report } from '../../core/reports/report-types';
import { layoutKey, mappingOf, monthTotals, nameChoiceKey, rangeText, targetsOf } from '../../renderer/manage/import/import-helpers';
import { monthlyChart, monthParts } from '../../renderer/reports/chart-configs';
import { reportFixture } from '../exports/report-fixture';

const unknown = (kind: UnknownName['kind'], name: string): UnknownName => ({ kind, name, rows: 1, firstLine: 2, suggestions: [], targetId: null });

const preview = (overrides: Partial<ImportPreview>): ImportPreview => ({
  ...emptyPreview('a.csv', 'x', 'csv'),
  delimiter: ';',
  layout: 'monthly',
  ...overrides,
});

describe('import panel helpers', () => {
  it('sends a mapping only for the names the user has given a target', () => {
    const names = [unknown('topic', 'Schulden'), unknown('language', 'Bosnisch/Kroatisch')];
    const choices = new Map([[nameChoiceKey(names[0]!), 5]]);
    expect(mappingOf(choices, names)).toEqual([{ kind: 'topic', name: 'Schulden', targetId: 5 }]);
  });

  it('sums the totals per month and names the layout', () => {
    const p = preview({
      totals: [
        { month: '2020-01', topicId: 1, n: 3 },
        { month: '2020-01', topicId: 2, n: 4 },
        { month: '2020-02', topicId: 1, n: 1 },
      ],
    });
    expect(monthTotals(p)).toEqual([
      { month: '2020-01', n: 7 },
      { month: '2020-02', n: 1 },
    ]);
    expect([
      layoutKey(p),
      layoutKey(preview({ layout: 'contacts', hasTime: true })),
      layoutKey(preview({ layout: 'contacts' })),
      layoutKey(preview({ layout: null })),
    ]).toEqual(['monthly', 'contacts', 'contactsNoTime', 'none']);
    expect(rangeText({ from: '2020-01', to: '2020-02' }, (s) => `<${s}>`)).toBe('<2020-01> – <2020-02>');
    expect(rangeText({ from: '2020-01', to: '2020-01' }, (s) => `<${s}>`)).toBe('<2020-01>');
  });

  it('offers the suggestions first, then active entries, then retired ones', () => {
    const catalog = {
      topics: [
        { id: 1, labelDe: 'Arbeit', labelEn: 'Work', retired: true },
        { id: 2, labelDe: 'Wohnen', labelEn: 'Housing', retired: false },
        { id: 3, labelDe: 'Armut/Schulden', labelEn: 'Poverty/debt', retired: false },
      ],
    } as unknown as Catalog;
    const { suggested, others } = targetsOf(catalog, 'topic', [{ id: 3, label: 'Armut/Schulden', retired: false }], 'en');
    expect(suggested).toEqual([{ id: 3, label: 'Poverty/debt', retired: false }]);
    expect(others.map((o) => o.id)).toEqual([2, 1]);
  });
});

describe('imported months in the monthly chart', () => {
  const withImport = (): Report =>
    reportFixture({
      total: 60,
      imported: 40,
      monthly: [
        { month: '2020-01', n: 40, cumulative: 40, imported: 40 },
        { month: '2020-02', n: 20, cumulative: 60 },
      ],
    });
  const datasets = (r: Report) => monthlyChart(r, { lang: 'de' }).config.data.datasets as ChartDataset<'bar' | 'line', (number | null)[]>[];

  it('stacks a lighter imported part on the bar of each month that has one', () => {
    const [recorded, imported, line] = datasets(withImport());
    expect(recorded).toMatchObject({ type: 'bar', label: 'im Kontaktdesk erfasst', data: [0, 20], stack: 'month' });
    expect(imported).toMatchObject({ type: 'bar', label: 'davon importiert', data: [40, null], stack: 'month' });
    expect(line).toMatchObject({ type: 'line', data: [40, 60] });
    const scales = monthlyChart(withImport(), { lang: 'de' }).config.options!.scales as Record<string, { stacked?: boolean }>;
    expect([scales.x!.stacked, scales.y!.stacked]).toEqual([true, true]);
  });

  it('keeps one bar per month without imports, and when publication mode hides the imported part', () => {
    expect(datasets(reportFixture())).toHaveLength(2);
    expect(monthParts({ month: '2020-01', n: 40, cumulative: null, imported: null })).toEqual({ recorded: 40, imported: null });
    expect(monthParts({ month: '2020-01', n: null, cumulative: null, imported: null })).toEqual({ recorded: null, imported: null });
  });
});
