import { z } from 'zod';
import { CLOSURE_NOTE_MAX, LATEST_CLOSURE_DAY, MAX_CLOSURE_DAYS } from './closure-types';
import { daysBetween } from '../reports/calendar-days';
import { EARLIEST_DAY } from '../base/limits';
import { hasControlCharacter } from '../base/control-characters';
import { catalogId, isoDaySchema } from '../base/primitive-schemas';

const closureDay = isoDaySchema.refine(
  (day) => day >= EARLIEST_DAY && day <= LATEST_CLOSURE_DAY,
  `lies outside ${EARLIEST_DAY.slice(0, 4)}–${LATEST_CLOSURE_DAY.slice(0, 4)}`,
);

const noteLength = `a note is 1 to ${CLOSURE_NOTE_MAX} characters, e.g. Weihnachtspause`;

/**
 * One entry of the site's closure calendar: add (no id) or change in full (id). A single day has
 * `from` = `to`. The note says why ("Weihnachtspause", "Betriebsausflug"); no free text about people.
 */
export const closureSchema = z
  .strictObject({
    id: catalogId.optional(),
    from: closureDay,
    to: closureDay,
    note: z
      .string()
      .trim()
      .min(1, noteLength)
      .max(CLOSURE_NOTE_MAX, noteLength)
      .refine((s) => !hasControlCharacter(s), 'a note has no line breaks or control characters'),
    kind: z.enum(['closed', 'open']).default('closed'),
  })
  .refine((c) => c.from <= c.to, { message: 'must not be before from', path: ['to'] })
  .refine((c) => c.from > c.to || daysBetween(c.from, c.to) <= MAX_CLOSURE_DAYS, {
    message: `one entry covers at most ${MAX_CLOSURE_DAYS} days; split a longer closure`,
    path: ['to'],
  });

/** The year whose public holidays the closure calendar lists; this year by default. */
export const closureYearSchema = z
  .number()
  .int()
  .min(Number(EARLIEST_DAY.slice(0, 4)))
  .max(Number(LATEST_CLOSURE_DAY.slice(0, 4)));

export const listClosuresSchema = z.strictObject({ year: closureYearSchema.optional() });
export const deleteClosureSchema = z.strictObject({ id: catalogId });
export type ListClosuresInput = z.output<typeof listClosuresSchema>;
export type ClosureInput = z.output<typeof closureSchema>;
export type DeleteClosureInput = z.output<typeof deleteClosureSchema>;
