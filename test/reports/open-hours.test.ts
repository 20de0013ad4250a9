import { describe, expect, it } from 'vitest';
import { closedDayRule, type SiteCalendar } from '../../core/closures/closed-days';
import { elapsedHours, openHoursIn, openSlotFigures } from '../../core/reports/open-hours';

/** A calendar without closures whose clock stands at the end of `today`. */
const endOf = (today: string, openingDate: string): SiteCalendar => ({ openingDate, now: { day: today, minute: 24 * 60 }, closedOn: () => null });

const SLOTS = [
  { weekday: 3, startHour: 14, endHour: 17 },
  { weekday: 1, startHour: 9, endHour: 12 },
];

describe('open hours', () => {
  it('count each slot on every matching day from opening to today', () => {
    // May 2024 has four Mondays and five Wednesdays.
    expect(openHoursIn('2024-05-01', '2024-05-31', SLOTS, endOf('2026-01-01', '2021-06-01')).hours).toBe(4 * 3 + 5 * 3);
    // Opening on 15 May and "today" the 22nd leave Mon 20 and Wed 15 and 22.
    expect(openHoursIn('2024-05-01', '2024-05-31', SLOTS, endOf('2024-05-22', '2024-05-15')).hours).toBe(1 * 3 + 2 * 3);
    expect(openHoursIn('2024-05-01', '2024-05-31', SLOTS, endOf('2026-01-01', '2024-06-01')).hours).toBe(0);
  });

  it('count only the part of a slot that has passed on the site’s clock', () => {
    const at = (minute: number) => ({ day: '2026-03-04', minute });
    expect(elapsedHours('2026-03-04', 14, 17, at(60))).toBe(0); // 01:00
    expect(elapsedHours('2026-03-04', 14, 17, at(14 * 60))).toBe(0);
    expect(elapsedHours('2026-03-04', 14, 17, at(15 * 60 + 30))).toBe(1.5);
    expect(elapsedHours('2026-03-04', 14, 17, at(17 * 60))).toBe(3);
    expect(elapsedHours('2026-03-04', 14, 17, at(23 * 60 + 59))).toBe(3);
    expect(elapsedHours('2026-03-03', 14, 17, at(0))).toBe(3); // yesterday
    expect(elapsedHours('2026-03-05', 9, 12, at(23 * 60))).toBe(0); // tomorrow
  });

  it('leave out closed days and name them; a closed day without opening hours is no loss and not listed', () => {
    // May 2024: Wed 1 May Staatsfeiertag, Thu 9 May Christi Himmelfahrt (no slot), Mon 20 May Pfingstmontag,
    // Thu 30 May Fronleichnam (no slot); the site's own closure covers Wed 22 and Thu 23 May.
    const closedOn = closedDayRule([{ id: 1, from: '2024-05-22', to: '2024-05-23', note: 'Betriebsausflug', kind: 'closed' }]);
    const span = openHoursIn('2024-05-01', '2024-05-31', SLOTS, { ...endOf('2026-01-01', '2021-06-01'), closedOn });
    expect(span.closed.map((c) => [c.day, c.reason, c.name.de])).toEqual([
      ['2024-05-01', 'holiday', 'Staatsfeiertag'],
      ['2024-05-20', 'holiday', 'Pfingstmontag'],
      ['2024-05-22', 'closure', 'Betriebsausflug'],
    ]);
    expect(span.hours).toBe((4 - 1) * 3 + (5 - 2) * 3);
    expect(span.openDays).toEqual([3, 0, 3, 0, 0, 0, 0]);
  });

  it('an “open” entry wins over a public holiday and over a closure', () => {
    const closedOn = closedDayRule([
      { id: 1, from: '2025-12-22', to: '2026-01-06', note: 'Weihnachtspause', kind: 'closed' },
      { id: 2, from: '2025-12-08', to: '2025-12-08', note: 'Adventmarkt: geöffnet', kind: 'open' },
      { id: 3, from: '2025-12-29', to: '2025-12-29', note: 'Notdienst', kind: 'open' },
    ]);
    expect(closedOn('2025-12-08')).toBeNull(); // Mariä Empfängnis, opened anyway
    expect(closedOn('2025-12-29')).toBeNull();
    expect(closedOn('2025-12-22')).toEqual({ day: '2025-12-22', reason: 'closure', name: { de: 'Weihnachtspause', en: 'Weihnachtspause' } });
    expect(closedOn('2025-12-25')).toMatchObject({ reason: 'holiday', name: { de: 'Christtag' } }); // named as the holiday
    expect(closedOn('2025-12-21')).toBeNull();
    expect(closedOn('2026-01-07')).toBeNull();
  });

  it('give each slot its contacts from the heat map, sorted by weekday; a suppressed cell hides the slot count', () => {
    const heatmap = Array.from({ length: 7 }, () => Array<number | null>(24).fill(0));
    heatmap[0]![9] = 10;
    heatmap[0]![11] = 2;
    heatmap[0]![13] = 99; // outside the slot
    heatmap[2]![15] = null;
    const figures = openSlotFigures(heatmap, SLOTS, (slot) => (slot.weekday === 1 ? 12 : 15));
    expect(figures).toEqual([
      { weekday: 1, startHour: 9, endHour: 12, hours: 12, contacts: 12, perOpenHour: 1 },
      { weekday: 3, startHour: 14, endHour: 17, hours: 15, contacts: null, perOpenHour: null },
    ]);
  });

  it('a slot without hours has no rate', () => {
    const heatmap = Array.from({ length: 7 }, () => Array<number | null>(24).fill(0));
    expect(openSlotFigures(heatmap, [SLOTS[1]!], () => 0)[0]).toMatchObject({ hours: 0, contacts: 0, perOpenHour: null });
  });
});
