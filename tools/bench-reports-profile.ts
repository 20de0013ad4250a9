/**
 * The report bench's breakdown of computeReport, printed on request (`--profile-reports`) or when a target of
 * parts 2–3 is missed: where a report's time goes, statement by statement.
 */
import { sqliteHandle } from '../core/db/database-handle';
import type { Core } from '../core/open-core';
import { round3, timeRepeated } from './bench-common';
import { periodsOf, plusDays, utc, type Period } from './bench-reports-calendar';
import { report } from './bench-reports-timing';

export interface ProfileRow {
  step: string;
  p50: number;
  max: number;
  rows?: number;
  plan?: string;
}

/**
 * The statements computeReport runs (copied from core/reports/compute-report.ts: keep in step), each alone
 * through better-sqlite3, with its query plan; the rest of a report is the catalog, Kysely and JavaScript.
 */
export async function profileReport(core: Core, p: Period): Promise<ProfileRow[]> {
  const { sqlite } = sqliteHandle(core.database);
  const { previous, yearBefore, sinceOpening } = periodsOf(p);
  const totalSql = `select sum(n) as n, sum(key_sum) % 4294967296 as key_sum from rollup_daily where dimension = 'desk' and day >= ? and day <= ?`;
  const { themeDays } = await core.context.catalog.catalog();
  const themeWeekdays = [...new Set(themeDays.map((t) => (t.kind === 'single' ? ((new Date(utc(t.day!)).getUTCDay() + 6) % 7) + 1 : t.weekday!)))];
  const statements: [string, string, unknown[]][] = [
    ['hourly (rollup_hourly, period)', 'select day, hour, n, key_sum from rollup_hourly where day >= ? and day <= ? and n != 0', [p.from, p.to]],
    [
      'hourly, 365 days before: theme weekdays and hours',
      `select day, hour, n, key_sum from rollup_hourly where day >= ? and day <= ? and n != 0 and weekday in (${themeWeekdays.join(', ')}) and hour >= ? and hour < ?`,
      [plusDays(p.from, -365), plusDays(p.from, -1), Math.min(...themeDays.map((t) => t.startHour)), Math.max(...themeDays.map((t) => t.endHour))],
    ],
    [
      '(hourly with the whole 365 days before, unfiltered)',
      'select day, hour, n, key_sum from rollup_hourly where day >= ? and day <= ? and n != 0',
      [plusDays(p.from, -365), p.to],
    ],
    [
      'dimensions (rollup_daily, period, group by)',
      'select dimension, key, sum(n) as n, sum(key_sum) % 4294967296 as key_sum from rollup_daily where day >= ? and day <= ? group by dimension, key',
      [p.from, p.to],
    ],
    ['total previous period', totalSql, [previous.from, previous.to]],
    ['total year before', totalSql, [yearBefore.from, yearBefore.to]],
    ['total since opening', totalSql, [sinceOpening.from, sinceOpening.to]],
    ['(since opening the old way, rollup_hourly)', 'select sum(n) as n from rollup_hourly where day >= ? and day <= ?', [sinceOpening.from, sinceOpening.to]],
  ];
  const time = (fn: () => unknown, n = 20) => timeRepeated(fn, n, 3);
  const rows: ProfileRow[] = [];
  for (const [step, text, params] of statements) {
    const stmt = sqlite.prepare(text);
    const s = await time(() => stmt.all(...params));
    const plan = (sqlite.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
    rows.push({ step, p50: round3(s.p50), max: round3(s.max), rows: stmt.all(...params).length, plan });
  }
  const cat = await time(() => core.context.catalog.catalog());
  rows.push({ step: 'catalog (cached)', p50: round3(cat.p50), max: round3(cat.max) });
  const whole = await time(() => report(core, p));
  rows.push({ step: 'whole getReport', p50: round3(whole.p50), max: round3(whole.max) });
  const queries = rows
    .slice(0, statements.length)
    .filter((r) => !r.step.startsWith('('))
    .reduce((s, r) => s + r.p50, 0);
  rows.push({ step: 'rest (Kysely, catalog, JS assembly)', p50: round3(whole.p50 - queries), max: 0 });
  return rows;
}
