import { describe, expect, it } from 'vitest';
import { austrianHolidays, easterSunday } from '../../core/closures/austrian-holidays';

/**
 * Published dates, written out (Easter Sunday from the church calendars and the Austrian federal
 * holiday lists, e.g. oesterreich.gv.at "Feiertage"; the movable ones follow at +1, +39, +49, +50
 * and +60 days). Not computed here, so a wrong algorithm cannot agree with itself.
 */
const MOVABLE: Record<
  number,
  { ostersonntag: string; ostermontag: string; christiHimmelfahrt: string; pfingstsonntag: string; pfingstmontag: string; fronleichnam: string }
> = {
  2021: {
    ostersonntag: '2021-04-04',
    ostermontag: '2021-04-05',
    christiHimmelfahrt: '2021-05-13',
    pfingstsonntag: '2021-05-23',
    pfingstmontag: '2021-05-24',
    fronleichnam: '2021-06-03',
  },
  2022: {
    ostersonntag: '2022-04-17',
    ostermontag: '2022-04-18',
    christiHimmelfahrt: '2022-05-26',
    pfingstsonntag: '2022-06-05',
    pfingstmontag: '2022-06-06',
    fronleichnam: '2022-06-16',
  },
  2023: {
    ostersonntag: '2023-04-09',
    ostermontag: '2023-04-10',
    christiHimmelfahrt: '2023-05-18',
    pfingstsonntag: '2023-05-28',
    pfingstmontag: '2023-05-29',
    fronleichnam: '2023-06-08',
  },
  2024: {
    ostersonntag: '2024-03-31',
    ostermontag: '2024-04-01',
    christiHimmelfahrt: '2024-05-09',
    pfingstsonntag: '2024-05-19',
    pfingstmontag: '2024-05-20',
    fronleichnam: '2024-05-30',
  },
  2025: {
    ostersonntag: '2025-04-20',
    ostermontag: '2025-04-21',
    christiHimmelfahrt: '2025-05-29',
    pfingstsonntag: '2025-06-08',
    pfingstmontag: '2025-06-09',
    fronleichnam: '2025-06-19',
  },
  2026: {
    ostersonntag: '2026-04-05',
    ostermontag: '2026-04-06',
    christiHimmelfahrt: '2026-05-14',
    pfingstsonntag: '2026-05-24',
    pfingstmontag: '2026-05-25',
    fronleichnam: '2026-06-04',
  },
  2027: {
    ostersonntag: '2027-03-28',
    ostermontag: '2027-03-29',
    christiHimmelfahrt: '2027-05-06',
    pfingstsonntag: '2027-05-16',
    pfingstmontag: '2027-05-17',
    fronleichnam: '2027-05-27',
  },
  2028: {
    ostersonntag: '2028-04-16',
    ostermontag: '2028-04-17',
    christiHimmelfahrt: '2028-05-25',
    pfingstsonntag: '2028-06-04',
    pfingstmontag: '2028-06-05',
    fronleichnam: '2028-06-15',
  },
  2029: {
    ostersonntag: '2029-04-01',
    ostermontag: '2029-04-02',
    christiHimmelfahrt: '2029-05-10',
    pfingstsonntag: '2029-05-20',
    pfingstmontag: '2029-05-21',
    fronleichnam: '2029-05-31',
  },
  2030: {
    ostersonntag: '2030-04-21',
    ostermontag: '2030-04-22',
    christiHimmelfahrt: '2030-05-30',
    pfingstsonntag: '2030-06-09',
    pfingstmontag: '2030-06-10',
    fronleichnam: '2030-06-20',
  },
};

/** The fixed public holidays of the Feiertagsruhegesetz and Arbeitsruhegesetz, by month and day. */
const FIXED = {
  neujahr: '01-01',
  heiligeDreiKoenige: '01-06',
  staatsfeiertag: '05-01',
  mariaeHimmelfahrt: '08-15',
  nationalfeiertag: '10-26',
  allerheiligen: '11-01',
  mariaeEmpfaengnis: '12-08',
  christtag: '12-25',
  stefanitag: '12-26',
};

describe('Austrian public holidays', () => {
  it.each(Object.keys(MOVABLE).map(Number))('%i: every statutory holiday on its published date, and no other day', (year) => {
    const expected = { ...MOVABLE[year]!, ...Object.fromEntries(Object.entries(FIXED).map(([key, md]) => [key, `${year}-${md}`])) };
    const holidays = austrianHolidays(year);
    expect(Object.fromEntries(holidays.map((h) => [h.key, h.day]))).toEqual(expected);
    expect(holidays).toHaveLength(15);
    expect(holidays.map((h) => h.day)).toEqual([...holidays.map((h) => h.day)].sort());
  });

  it('Easter Sunday by the anonymous Gregorian algorithm, also at its earliest and latest and across centuries', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible date
    expect(easterSunday(2100)).toBe('2100-03-28');
    for (let year = 2000; year <= 2100; year++) {
      const day = easterSunday(year);
      expect(new Date(`${day}T12:00:00Z`).getUTCDay()).toBe(0);
      expect(day >= `${year}-03-22` && day <= `${year}-04-25`).toBe(true);
    }
  });

  it('Karfreitag, Heiliger Abend and Silvester are not statutory holidays, so they are not built in', () => {
    const days = austrianHolidays(2026).map((h) => h.day);
    expect(days).not.toContain('2026-04-03'); // Karfreitag
    expect(days).not.toContain('2026-12-24');
    expect(days).not.toContain('2026-12-31');
  });

  it('each holiday has a German and an English name', () => {
    expect(austrianHolidays(2026).find((h) => h.key === 'ostermontag')?.name).toEqual({ de: 'Ostermontag', en: 'Easter Monday' });
    for (const h of austrianHolidays(2026)) expect(h.name.de && h.name.en).toBeTruthy();
  });
});
