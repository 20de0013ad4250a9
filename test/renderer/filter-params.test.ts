import { describe, expect, it } from 'vitest';
import { reportFiltersSchema, type ReportFilters } from '../../core/analysis/filter-inputs';
import { parseHash, routeHash, type Route } from '../../renderer/app/route';
import { filtersInclude, parseFilterParam, withFilterValues, withoutFilterValue, writeFilterParam } from '../../renderer/reports/filter-params';

const FILTERS: ReportFilters = [
  { dimension: 'topic', values: [3, 5], exclude: false },
  { dimension: 'language', values: ['uk'], exclude: false },
  { dimension: 'referral', values: ['none'], exclude: true },
  { dimension: 'channel', values: ['phone', 'email'], exclude: false },
  { dimension: 'asker', values: ['organisation'], exclude: false },
  { dimension: 'themeDay', values: ['none', 4], exclude: false },
  { dimension: 'sdg', values: [8, 17], exclude: true },
  { dimension: 'desk', values: [2], exclude: false },
  { dimension: 'firstTopic', values: [7], exclude: false },
];

describe('the report filter in the address (f=)', () => {
  it('is written readably and read back the same, every dimension, with exclusions and "none"', () => {
    const raw = writeFilterParam(FILTERS);
    expect(raw).toBe('topic:3,5;language:uk;!referral:none;channel:phone,email;asker:organisation;themeDay:none,4;!sdg:8,17;desk:2;firstTopic:7');
    expect(parseFilterParam(raw)).toEqual(FILTERS);
    // What it reads is what the contract accepts.
    expect(reportFiltersSchema.parse(parseFilterParam(raw))).toEqual(FILTERS);
    expect(writeFilterParam([])).toBe('');
    expect(writeFilterParam(undefined)).toBe('');
  });

  it('reads the percent-encoded form URLSearchParams writes', () => {
    const q = new URLSearchParams();
    q.set('f', writeFilterParam(FILTERS));
    expect(q.toString()).toContain('f=topic%3A3%2C5%3B');
    expect(parseFilterParam(new URLSearchParams(q.toString()).get('f'))).toEqual(FILTERS);
  });

  it('drops what it does not understand and never throws', () => {
    const cases: [string, ReportFilters][] = [
      ['', []],
      [';;;', []],
      ['colour:red', []],
      ['topic:', []],
      ['topic:0,-1,1.5,abc,3', [{ dimension: 'topic', values: [3], exclude: false }]],
      ['topic:3,3,3', [{ dimension: 'topic', values: [3], exclude: false }]],
      ['topic:none;referral:none', [{ dimension: 'referral', values: ['none'], exclude: false }]],
      ['sdg:0,18,8', [{ dimension: 'sdg', values: [8], exclude: false }]],
      ['channel:fax,phone;asker:robot', [{ dimension: 'channel', values: ['phone'], exclude: false }]],
      ['language:uk;language:de', [{ dimension: 'language', values: ['uk'], exclude: false }]],
      ['language:u k,<b>,de', [{ dimension: 'language', values: ['de'], exclude: false }]],
      ['!!topic:3', []],
      ['topic:3:4', []],
      ['desk:99999999999', []],
      ['%E0%A4%A', []],
    ];
    for (const [raw, expected] of cases) expect(parseFilterParam(raw), raw).toEqual(expected);
    expect(parseFilterParam(null)).toEqual([]);
    // A clause holds at most as many values as the contract allows.
    const many = Array.from({ length: 300 }, (_, i) => i + 1).join(',');
    expect(parseFilterParam(`topic:${many}`)[0]!.values).toHaveLength(200);
  });

  it('travels with the report route and the print route; reload reads the same route back', () => {
    const report: Route = { screen: 'reports', tab: 'report', period: { quick: 'lastMonth', publication: false, filters: FILTERS.slice(0, 3) } };
    const hash = routeHash(report);
    expect(hash).toBe('#/reports?period=lastMonth&f=topic:3,5;language:uk;!referral:none');
    expect(parseHash(hash)).toEqual(report);
    const print: Route = {
      screen: 'print',
      from: '2026-01-01',
      to: '2026-01-31',
      publication: false,
      filters: [{ dimension: 'language', values: ['uk'], exclude: false }],
    };
    expect(routeHash(print)).toBe('#/print?from=2026-01-01&to=2026-01-31&f=language:uk');
    expect(parseHash(routeHash(print))).toEqual(print);
    // No filter: no parameter and no `filters` key.
    expect(parseHash('#/reports?period=lastMonth')).toEqual({ screen: 'reports', tab: 'report', period: { quick: 'lastMonth', publication: false } });
    expect(parseHash('#/reports?period=lastMonth&f=nonsense')).toEqual({
      screen: 'reports',
      tab: 'report',
      period: { quick: 'lastMonth', publication: false },
    });
  });
});

describe('changing the filter', () => {
  it('adds a value to its dimension once, and a new dimension at the end', () => {
    const one = withFilterValues([], 'language', ['uk']);
    expect(one).toEqual([{ dimension: 'language', values: ['uk'], exclude: false }]);
    expect(withFilterValues(one, 'language', ['uk'])).toEqual(one);
    expect(withFilterValues(one, 'language', ['de', 'de'])).toEqual([{ dimension: 'language', values: ['uk', 'de'], exclude: false }]);
    expect(withFilterValues(one, 'topic', [3])).toEqual([...one, { dimension: 'topic', values: [3], exclude: false }]);
    expect(filtersInclude(one, 'language', 'uk')).toBe(true);
    expect(filtersInclude(one, 'language', 'de')).toBe(false);
  });

  it('asking for a value of an excluded dimension replaces the exclusion; excluding adds to an exclusion', () => {
    const excluded = withFilterValues([], 'referral', ['none'], true);
    expect(excluded).toEqual([{ dimension: 'referral', values: ['none'], exclude: true }]);
    expect(withFilterValues(excluded, 'referral', [4], true)).toEqual([{ dimension: 'referral', values: ['none', 4], exclude: true }]);
    expect(withFilterValues(excluded, 'referral', [4])).toEqual([{ dimension: 'referral', values: [4], exclude: false }]);
    expect(filtersInclude(excluded, 'referral', 'none')).toBe(false);
  });

  it('removes one value; the clause goes with its last value', () => {
    const two = withFilterValues(withFilterValues([], 'language', ['uk', 'de']), 'topic', [3]);
    expect(withoutFilterValue(two, 'language', 'uk')).toEqual([
      { dimension: 'language', values: ['de'], exclude: false },
      { dimension: 'topic', values: [3], exclude: false },
    ]);
    expect(withoutFilterValue(two, 'topic', 3)).toEqual([{ dimension: 'language', values: ['uk', 'de'], exclude: false }]);
    expect(withoutFilterValue(two, 'topic', 99)).toEqual(two);
  });
});
