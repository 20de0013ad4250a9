import { z } from 'zod';
import { CLOSURE_NOTE_MAX, LATEST_CLOSURE_DAY, MAX_CLOSURE_DAYS } from '../closures/closure-types';
import { daysBetween } from '../reports/calendar-days';
import { EARLIEST_DAY } from './limits';
import { catalogId, isoDaySchema } from './schemas';

const closureDay = isoDaySchema.refine((day) => day >= EARLIEST_DAY && day <= LATEST_CLOSURE_DAY, `lies outside ${EARLIEST_DAY.slice(0, 4)}–${LATEST_CLOSURE_DAY.slice(0, 4)}`);

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
      // eslint-disable-next-line no-control-regex
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'a note has no line breaks or control characters'),
    kind: z.enum(['closed', 'open']).default('closed'),
  })
  .refine((c) => c.from <= c.to, { message: 'must not be before from', path: ['to'] })
  .refine((c) => c.from > c.to || daysBetween(c.from, c.to) <= MAX_CLOSURE_DAYS, {
    message: `one entry covers at most ${MAX_CLOSURE_DAYS} days; split a longer closure`,
    path: ['to'],
  });

/** The year whose public holidays the closure calendar lists; this year by default. */
export const closureYearSchema = z.number().int().min(Number(EARLIEST_DAY.slice(0, 4))).max(Number(LATEST_CLOSURE_DAY.slice(0, 4)));
