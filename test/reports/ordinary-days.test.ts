import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { closedDayRule } from '../../core/closures/closed-days';
import { ORDINARY_DAYS, ordinaryDaysOf, themeDayComparisons } from '../../core/reports/theme-day-comparison';
import { DEFAULT_SETTINGS } from '../../core/settings/site-settings';
import type { ThemeDay } from '../../core/theme-days/theme-day-types';

const themeDay = (t: Partial<ThemeDay> & Pick<ThemeDay, 'id' | 'kind'>): ThemeDay => ({
  title: 't',
  organisationId: null,
  day: null,
  weekday: null,
  startHour: 14,
  endHour: 17,
  validFrom: null,
  validTo: null,
  retired: false,
  ...t,
});
const catalogWith = (themeDays: ThemeDay[], openingDate = '2021-06-01'): Catalog => ({
  topics: [],
  organisations: [],
  languages: [],
  desks: [],
  themeDays,
  topicGroups: [],
  settings: { ...DEFAULT_SETTINGS, openingDate },
});

describe('ordinary days a theme day is compared with', () => {
  it('a weekly theme day that covers every Wednesday is compared with the Wednesdays before it began', () => {
    const weekly = themeDay({ id: 1, kind: 'weekly', weekday: 3, validFrom: '2022-02-01' });
    const days = ordinaryDaysOf(weekly, catalogWith([weekly]), '2026-10-31');
    expect(days).toHaveLength(ORDINARY_DAYS);
    expect(days[0]).toBe('2022-01-26');
    expect(days.every((d) => d < '2022-02-01' && new Date(`${d}T12:00:00Z`).getUTCDay() === 3)).toBe(true);
  });

  it('a single theme day is compared with the most recent Wednesdays without any theme day', () => {
    const single = themeDay({ id: 2, kind: 'single', day: '2026-03-04' });
    const other = themeDay({ id: 3, kind: 'single', day: '2026-02-25', startHour: 9, endHour: 10 });
    const days = ordinaryDaysOf(single, catalogWith([single, other]), '2026-03-31');
    expect(days.slice(0, 3)).toEqual(['2026-03-25', '2026-03-18', '2026-03-11']);
    expect(days).not.toContain('2026-03-04');
    expect(days).not.toContain('2026-02-25');
  });

  it('never reaches before the opening date, so a young site has fewer ordinary days', () => {
    const single = themeDay({ id: 2, kind: 'single', day: '2021-06-16' });
    expect(ordinaryDaysOf(single, catalogWith([single]), '2021-06-30')).toEqual(['2021-06-30', '2021-06-23', '2021-06-09', '2021-06-02']);
  });

  it('a retired theme day no longer blocks its dates', () => {
    const retired = themeDay({ id: 4, kind: 'weekly', weekday: 3, retired: true });
    const single = themeDay({ id: 5, kind: 'single', day: '2026-03-04' });
    expect(ordinaryDaysOf(single, catalogWith([retired, single]), '2026-03-11')[0]).toBe('2026-03-11');
  });

  it('skips closed days and a day whose theme-day hours are not over yet', () => {
    const single = themeDay({ id: 2, kind: 'single', day: '2026-03-04' });
    const calendar = {
      now: { day: '2026-03-25', minute: 15 * 60 }, // Wednesday 15:00: today's 14–17 is not over
      closedOn: closedDayRule([{ id: 1, from: '2026-03-18', to: '2026-03-18', note: 'Fortbildung', kind: 'closed' as const }]),
    };
    expect(ordinaryDaysOf(single, catalogWith([single]), '2026-03-25', calendar).slice(0, 3)).toEqual(['2026-03-11', '2026-02-25', '2026-02-18']);
    // 1 April is no holiday, 6 January (a Tuesday in 2026) is: a Tuesday theme day skips it.
    const tuesday = themeDay({ id: 3, kind: 'weekly', weekday: 2, validFrom: '2026-02-01', startHour: 9, endHour: 12 });
    expect(ordinaryDaysOf(tuesday, catalogWith([tuesday]), '2026-01-31', { ...calendar, now: { day: '2026-06-01', minute: 0 } })).not.toContain('2026-01-06');
  });

  it('a theme day in progress counts the hours passed; one not yet begun today is not in the comparison', () => {
    const weekly = themeDay({ id: 1, kind: 'weekly', weekday: 3 });
    const closedOn = closedDayRule([]);
    const compare = (minute: number) =>
      themeDayComparisons(catalogWith([weekly]), { first: '2026-03-25', last: '2026-03-25' }, new Map(), { counts: new Map(), keys: new Map() }, undefined, {
        now: { day: '2026-03-25', minute },
        closedOn,
      });
    expect(compare(60)).toEqual([]);
    expect(compare(15 * 60 + 30)[0]).toMatchObject({ occurrences: 1, hours: 1.5 });
    expect(compare(18 * 60)[0]).toMatchObject({ occurrences: 1, hours: 3 });
  });
});
