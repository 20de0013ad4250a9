import type { Kysely } from 'kysely';
import { ApiError } from '../base/errors';
import type { Schema } from '../db/schema';
import type { RecordedMonth } from './import-types';
import type { MonthlyRecord } from './validate-rows';

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
const lastDayOf = (month: string) => {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, mm, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * Months of a file of monthly counts that already hold recorded contacts (every contact that counts:
 * logged live, backdated, in a batch or imported one per row; voided ones not). Importing a tally
 * for such a month adds it on top of what the app already counts, which is right only when the
 * tally covers other contacts (e.g. a second desk that was not yet using the app); so the preview
 * lists them and the import refuses them unless told to add them.
 */
export async function recordedMonths(db: Kysely<Schema>, records: readonly MonthlyRecord[]): Promise<RecordedMonth[]> {
  const imported = new Map<string, number>();
  for (const r of records) if (r.count > 0) imported.set(r.month, (imported.get(r.month) ?? 0) + r.count);
  if (imported.size === 0) return [];
  const months = [...imported.keys()].sort();
  const rows = await db
    .selectFrom('contacts')
    .select(['local_day', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('local_day', '>=', `${months[0]!}-01`)
    .where('local_day', '<=', lastDayOf(months.at(-1)!))
    .where('voided_at', 'is', null)
    .groupBy('local_day')
    .execute();
  const recorded = new Map<string, number>();
  for (const r of rows) {
    const month = r.local_day.slice(0, 7);
    recorded.set(month, (recorded.get(month) ?? 0) + Number(r.n));
  }
  return months.filter((m) => recorded.has(m)).map((month) => ({ month, recorded: recorded.get(month)!, imported: imported.get(month)! }));
}

/** The refusal of monthly counts for months that already hold recorded contacts, naming each month. */
export function recordedMonthsRefusal(months: readonly RecordedMonth[]): ApiError {
  const listed = months.map((m) => `${m.month} (${m.recorded} recorded, ${m.imported} in the file)`).join(', ');
  return new ApiError(
    'conflict',
    `${months.length === 1 ? 'this month already holds' : 'these months already hold'} recorded contacts: ${listed}; importing would add the file's counts on top of them. Nothing was imported. Import them anyway only if the file counts other contacts (addToRecordedMonths)`,
    'addToRecordedMonths',
  );
}
