import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { dimensionKeys, type RollupFacts } from '../reports/rollup';

const CHUNK = 500;

/**
 * Counts many new contacts into the rollups at once: the same rows `applyToRollup` would add one
 * contact at a time, summed first, so an import of 100,000 contacts writes a few thousand rollup
 * rows instead of a million. Call inside the import's transaction.
 */
export async function addToRollups(db: Kysely<Schema>, facts: readonly RollupFacts[]): Promise<void> {
  const hourly = new Map<string, { day: string; hour: number; weekday: number; n: number }>();
  const daily = new Map<string, { day: string; dimension: string; key: number; n: number }>();
  for (const f of facts) {
    if (f.hour !== null) {
      const k = `${f.day}|${f.hour}`;
      const row = hourly.get(k);
      if (row) row.n++;
      else hourly.set(k, { day: f.day, hour: f.hour, weekday: f.weekday, n: 1 });
    }
    for (const [dimension, key] of dimensionKeys(f)) {
      const k = `${f.day}|${dimension}|${key}`;
      const row = daily.get(k);
      if (row) row.n++;
      else daily.set(k, { day: f.day, dimension, key, n: 1 });
    }
  }
  const hourlyRows = [...hourly.values()];
  for (let i = 0; i < hourlyRows.length; i += CHUNK) {
    await db
      .insertInto('rollup_hourly')
      .values(hourlyRows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['day', 'hour']).doUpdateSet((eb) => ({ n: eb('rollup_hourly.n', '+', eb.ref('excluded.n')) })))
      .execute();
  }
  const dailyRows = [...daily.values()];
  for (let i = 0; i < dailyRows.length; i += CHUNK) {
    await db
      .insertInto('rollup_daily')
      .values(dailyRows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['day', 'dimension', 'key']).doUpdateSet((eb) => ({ n: eb('rollup_daily.n', '+', eb.ref('excluded.n')) })))
      .execute();
  }
}
