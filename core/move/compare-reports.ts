import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { lastDayOfMonth, monthsOf } from '../reports/calendar-days';
import type { Report } from '../reports/report-types';

export interface MonthRange {
  month: string;
  from: string;
  to: string;
}

/** Every calendar month from the first to the last one holding a contact or an imported count, gaps included. */
export async function monthsToCompare(db: Kysely<any>): Promise<MonthRange[]> {
  const contacts = await db
    .selectFrom('contacts')
    .select((eb) => [eb.fn.min('local_month').as('first'), eb.fn.max('local_month').as('last')])
    .executeTakeFirst();
  const imported = await db
    .selectFrom('imported_monthly')
    .select((eb) => [eb.fn.min('month').as('first'), eb.fn.max('month').as('last')])
    .executeTakeFirst();
  const firsts = [contacts?.first, imported?.first].filter((m): m is string => typeof m === 'string');
  const lasts = [contacts?.last, imported?.last].filter((m): m is string => typeof m === 'string');
  if (firsts.length === 0) return [];
  return monthsOf(`${firsts.sort()[0]!}-01`, `${lasts.sort().at(-1)!}-01`).map((month) => ({ month, from: `${month}-01`, to: lastDayOfMonth(month) }));
}

/** The first part of two reports of the same period that differs, with both values (`total: 412 ≠ 415`), or null when every figure is equal. */
export function reportDifference(a: Report, b: Report): string | null {
  const { generatedAt: _a, ...left } = a;
  const { generatedAt: _b, ...right } = b;
  for (const key of Object.keys(left) as (keyof typeof left)[]) {
    if (!isDeepStrictEqual(left[key], right[key])) return `${key}: ${JSON.stringify(left[key]).slice(0, 120)} ≠ ${JSON.stringify(right[key]).slice(0, 120)}`;
  }
  return null;
}
