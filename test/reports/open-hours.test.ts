import { describe, expect, it } from 'vitest';
import { openHoursIn, openSlotFigures } from '../../core/reports/open-hours';

const SLOTS = [
  { weekday: 3, startHour: 14, endHour: 17 },
  { weekday: 1, startHour: 9, endHour: 12 },
];

describe('open hours', () => {
  it('count each slot on every matching day from opening to today', () => {
    // May 2024 has four Mondays and five Wednesdays.
    expect(openHoursIn('2024-05-01', '2024-05-31', SLOTS, '2021-06-01', '2026-01-01')).toBe(4 * 3 + 5 * 3);
    // Opening on 15 May and "today" the 22nd leave Mon 20 and Wed 15 and 22.
    expect(openHoursIn('2024-05-01', '2024-05-31', SLOTS, '2024-05-15', '2024-05-22')).toBe(1 * 3 + 2 * 3);
    expect(openHoursIn('2024-05-01', '2024-05-31', SLOTS, '2024-06-01', '2026-01-01')).toBe(0);
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
