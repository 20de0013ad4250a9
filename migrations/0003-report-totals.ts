import { sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';

/**
 * Period totals for the reports (previous period, a year before, since opening) without reading
 * every hour of every day: each counting contact has exactly one `desk` row in rollup_daily, so the
 * desk rows of a period sum to its total. This partial covering index holds only those rows, about
 * one entry per day (rollup_hourly has one per open hour), and costs a tap one extra index entry.
 * Queries must name the dimension as a literal (`dimension = 'desk'`) for SQLite to use it.
 */
export const reportTotals: Migration = {
  version: 3,
  name: 'report-totals',
  async up(db: Kysely<any>) {
    await db.schema.createIndex('rollup_daily_desk_totals').on('rollup_daily').columns(['day', 'n']).where(sql.ref('dimension'), '=', 'desk').execute();
  },
};
