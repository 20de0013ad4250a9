import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { dimensionKeys, type RollupFacts } from './rollup-keys';
import { isPostgres } from '../db/dialect';
import { addKeys, KEY_RANGE } from '../publication/cell-key';
import type { TimeSlice } from '../imports/time-slice';

/** `key_sum`: the counted contacts' record keys summed modulo 2^32, as in the rollup tables. */
export interface HourlyRow {
  day: string;
  hour: number;
  weekday: number;
  n: number;
  key_sum: number;
}

export interface DailyRow {
  day: string;
  dimension: string;
  key: number;
  n: number;
  key_sum: number;
}

/** The rollup rows many new contacts add, summed: an import of 100,000 contacts writes tens of thousands of rows, not a million. */
export interface RollupSums {
  hourly: HourlyRow[];
  daily: DailyRow[];
}

/** Sums the rows `applyToRollup` would add one contact at a time. */
export function rollupSummer() {
  const hourly = new Map<string, HourlyRow>();
  const daily = new Map<string, DailyRow>();
  return {
    add(f: RollupFacts) {
      if (f.hour !== null) {
        const k = `${f.day}|${f.hour}`;
        const row = hourly.get(k);
        if (row) {
          row.n++;
          row.key_sum = addKeys(row.key_sum, f.keySum);
        } else hourly.set(k, { day: f.day, hour: f.hour, weekday: f.weekday, n: 1, key_sum: f.keySum });
      }
      for (const [dimension, key] of dimensionKeys(f)) {
        const k = `${f.day}|${dimension}|${key}`;
        const row = daily.get(k);
        if (row) {
          row.n++;
          row.key_sum = addKeys(row.key_sum, f.keySum);
        } else daily.set(k, { day: f.day, dimension, key, n: 1, key_sum: f.keySum });
      }
    },
    /** In primary-key order, so that adding them walks each rollup table once from front to back. */
    sums: (): RollupSums => ({
      hourly: [...hourly.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.hour - b.hour)),
      daily: [...daily.values()].sort((a, b) =>
        a.day < b.day ? -1 : a.day > b.day ? 1 : a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : a.key - b.key,
      ),
    }),
  };
}

/** Which days' sums to add: those before a day, those from a day on, or (neither given) all. */
export interface DayRange {
  before?: string;
  from?: string;
}

/** Rollup sums parked until the import becomes visible, then added in one statement per table. */
export interface StagedRollups {
  /** Adds the sums of `days` to the rollups; call inside the transaction that reveals the import's contacts. */
  apply(trx: Kysely<Schema>, days?: DayRange): Promise<void>;
  /** Forgets the parked sums (after `apply`, or when the import is given up). */
  discard(): Promise<void>;
}

const PARK_CHUNK = 500;
const KEY_MOD = sql.lit(KEY_RANGE);
const UNNEST_CHUNK = 5000;
const inRange = (day: string, { before, from }: DayRange) => (before === undefined || day < before) && (from === undefined || day >= from);

/**
 * Parks the sums where the revealing transaction reads them fastest. SQLite: in TEMP tables of this
 * connection (private to it, gone with it, and written without the database's write lock), added
 * with one INSERT … SELECT — half the time of the same rows as VALUES lists. PostgreSQL: kept here
 * and sent as arrays through unnest(), one statement per table.
 */
export async function parkRollupSums(db: Kysely<Schema>, token: number, sums: RollupSums, slice: TimeSlice): Promise<StagedRollups> {
  if (isPostgres(db)) {
    const column = <R, K extends keyof R>(rows: R[], k: K) => rows.map((r) => r[k]);
    return {
      async apply(trx, days = {}) {
        const hourly = sums.hourly.filter((r) => inRange(r.day, days));
        const daily = sums.daily.filter((r) => inRange(r.day, days));
        // Some thousand rows per statement: turning the arrays into parameters takes the thread, a little at a time.
        for (let i = 0; i < hourly.length; i += UNNEST_CHUNK) {
          const rows = hourly.slice(i, i + UNNEST_CHUNK);
          await sql`insert into rollup_hourly (day, hour, weekday, n, key_sum)
            select * from unnest(${column(rows, 'day')}::text[], ${column(rows, 'hour')}::int[], ${column(rows, 'weekday')}::int[], ${column(rows, 'n')}::int[],
              ${column(rows, 'key_sum')}::bigint[])
            on conflict (day, hour) do update set n = rollup_hourly.n + excluded.n, key_sum = (rollup_hourly.key_sum + excluded.key_sum) % ${KEY_MOD}`.execute(
            trx,
          );
        }
        for (let i = 0; i < daily.length; i += UNNEST_CHUNK) {
          const rows = daily.slice(i, i + UNNEST_CHUNK);
          await sql`insert into rollup_daily (day, dimension, key, n, key_sum)
            select * from unnest(${column(rows, 'day')}::text[], ${column(rows, 'dimension')}::text[], ${column(rows, 'key')}::bigint[], ${column(rows, 'n')}::int[],
              ${column(rows, 'key_sum')}::bigint[])
            on conflict (day, dimension, key) do update set n = rollup_daily.n + excluded.n, key_sum = (rollup_daily.key_sum + excluded.key_sum) % ${KEY_MOD}`.execute(
            trx,
          );
        }
      },
      discard: async () => undefined,
    };
  }
  await sql`create temp table if not exists import_rollup_hourly (token integer not null, day text not null, hour integer not null, weekday integer not null,
    n integer not null, key_sum integer not null)`.execute(db);
  await sql`create temp table if not exists import_rollup_daily (token integer not null, day text not null, dimension text not null, key integer not null,
    n integer not null, key_sum integer not null)`.execute(db);
  const discard = async () => {
    await sql`delete from temp.import_rollup_hourly where token = ${token}`.execute(db);
    await sql`delete from temp.import_rollup_daily where token = ${token}`.execute(db);
  };
  try {
    for (let i = 0; i < sums.hourly.length; i += PARK_CHUNK) {
      const rows = sums.hourly.slice(i, i + PARK_CHUNK).map((r) => sql`(${token}, ${r.day}, ${r.hour}, ${r.weekday}, ${r.n}, ${r.key_sum})`);
      await sql`insert into temp.import_rollup_hourly (token, day, hour, weekday, n, key_sum) values ${sql.join(rows)}`.execute(db);
      if (slice.due()) await slice.pause();
    }
    for (let i = 0; i < sums.daily.length; i += PARK_CHUNK) {
      const rows = sums.daily.slice(i, i + PARK_CHUNK).map((r) => sql`(${token}, ${r.day}, ${r.dimension}, ${r.key}, ${r.n}, ${r.key_sum})`);
      await sql`insert into temp.import_rollup_daily (token, day, dimension, key, n, key_sum) values ${sql.join(rows)}`.execute(db);
      if (slice.due()) await slice.pause();
    }
  } catch (err) {
    await discard();
    throw err;
  }
  return {
    async apply(trx, { before = '9999-12-31', from = '' } = {}) {
      // Parked in key order (see rollupSummer), so a scan reads them in that order without sorting under the lock.
      await sql`insert into rollup_hourly (day, hour, weekday, n, key_sum)
        select day, hour, weekday, n, key_sum from temp.import_rollup_hourly where token = ${token} and day < ${before} and day >= ${from}
        on conflict (day, hour) do update set n = rollup_hourly.n + excluded.n, key_sum = (rollup_hourly.key_sum + excluded.key_sum) % ${KEY_MOD}`.execute(trx);
      await sql`insert into rollup_daily (day, dimension, key, n, key_sum)
        select day, dimension, key, n, key_sum from temp.import_rollup_daily where token = ${token} and day < ${before} and day >= ${from}
        on conflict (day, dimension, key) do update set n = rollup_daily.n + excluded.n, key_sum = (rollup_daily.key_sum + excluded.key_sum) % ${KEY_MOD}`.execute(
        trx,
      );
    },
    discard,
  };
}
