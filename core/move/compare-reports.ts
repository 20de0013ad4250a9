import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { Report } from '../reports/report-types';

export interface MonthRange {
  month: string;
  from: string;
  to: string;
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Every calendar month from the first to the last one holding a contact or an imported count, gaps included. */
export async function monthsToCompare(db: Kysely<any>): Promise<MonthRange[]> {
  const contacts = await db.selectFrom('contacts').select((eb) => [eb.fn.min('local_month').as('first'), eb.fn.max('local_month').as('last')]).executeTakeFirst();
  const imported = await db.selectFrom('imported_monthly').select((eb) => [eb.fn.min('month').as('first'), eb.fn.max('month').as('last')]).executeTakeFirst();
  const firsts = [contacts?.first, imported?.first].filter((m): m is string => typeof m === 'string');
  const lasts = [contacts?.last, imported?.last].filter((m): m is string => typeof m === 'string');
  if (firsts.length === 0) return [];
  const months: MonthRange[] = [];
  for (let month = firsts.sort()[0]!, last = lasts.sort().at(-1)!; month <= last; month = nextMonth(month)) {
    months.push({ month, from: `${month}-01`, to: lastDayOf(month) });
  }
  return months;
}

/** Where two reports of the same period differ, as a readable path (`byTopic.contacts.rows`), or null when every figure is equal. */
export function reportDifference(a: Report, b: Report): string | null {
  const { generatedAt: _a, ...left } = a;
  const { generatedAt: _b, ...right } = b;
  for (const key of Object.keys(left) as (keyof typeof left)[]) {
    if (!isDeepStrictEqual(left[key], right[key])) return `${key}: ${JSON.stringify(left[key]).slice(0, 120)} ≠ ${JSON.stringify(right[key]).slice(0, 120)}`;
  }
  return null;
}
