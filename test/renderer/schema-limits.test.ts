import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { deviceNameSchema } from '../../core/devices/device-inputs';
import { openingHoursSchema, updateSettingsSchema } from '../../core/settings/settings-inputs';
import { themeDaySchema } from '../../core/theme-days/theme-day-inputs';
import { LABEL_MAX } from '../../renderer/manage/catalog/catalog-helpers';
import { keepCountsValid } from '../../renderer/manage/backup/keep-counts';
import { MAX_SLOTS } from '../../renderer/manage/settings/OpeningHoursEditor';
import { acceptsWhole, maxChars, maxItems, numberBounds } from '../../renderer/ui/schema-limits';
import { catalogEntrySchema } from '../../core/catalog/catalog-inputs';

/** The panels read their limits from the contract's schemas: each limit read is the edge of what the schema accepts. */
describe('limits read from the schemas', () => {
  it('a length limit is the longest text the schema accepts', () => {
    for (const schema of [deviceNameSchema, themeDaySchema.shape.title]) {
      const max = maxChars(schema);
      expect(schema.safeParse('a'.repeat(max)).success).toBe(true);
      expect(schema.safeParse('a'.repeat(max + 1)).success).toBe(false);
    }
    const organisation = { kind: 'organisation', name: 'a'.repeat(LABEL_MAX) };
    expect(catalogEntrySchema.safeParse(organisation).success).toBe(true);
    expect(catalogEntrySchema.safeParse({ ...organisation, name: 'a'.repeat(LABEL_MAX + 1) }).success).toBe(false);
  });

  it('number bounds are the smallest and largest value the schema accepts', () => {
    const threshold = updateSettingsSchema.shape.smallCellThreshold.unwrap();
    const { min, max } = numberBounds(threshold);
    expect([min - 1, min, max, max + 1].map((n) => threshold.safeParse(n).success)).toEqual([false, true, true, false]);
  });

  it('the opening hours editor stops adding at the schema’s number of slots', () => {
    const slot = { weekday: 1, startHour: 9, endHour: 12 };
    expect(maxItems(openingHoursSchema)).toBe(MAX_SLOTS);
    expect(openingHoursSchema.safeParse(Array(MAX_SLOTS).fill(slot)).success).toBe(true);
    expect(openingHoursSchema.safeParse(Array(MAX_SLOTS + 1).fill(slot)).success).toBe(false);
  });

  it('backup rotation counts are checked against the settings schema, whole numbers only', () => {
    const monthlyMax = numberBounds(updateSettingsSchema.shape.backupKeepMonthly.unwrap()).max;
    expect(keepCountsValid({ daily: '1', weekly: '0', monthly: String(monthlyMax) })).toBe(true);
    expect(keepCountsValid({ daily: '1', weekly: '0', monthly: String(monthlyMax + 1) })).toBe(false);
    expect(acceptsWhole(z.number().int().min(0).max(5), ' 3 ')).toBe(true);
    expect(acceptsWhole(z.number().int().min(0).max(5), '-1')).toBe(false);
  });

  it('a schema without the bound asked for is a programming error, said at once', () => {
    expect(() => numberBounds(z.number())).toThrow(/no finite bounds/);
    expect(() => maxChars(z.string())).toThrow(/no maximum length/);
    expect(() => maxItems(z.array(z.number()))).toThrow(/no maximum length/);
  });
});
