import { sql, type Kysely } from 'kysely';
import { DAY_ONLY_ENTRY } from '../base/enums';
import type { Schema } from '../db/schema';
import { rebuildRollup } from '../rollups/rollup';
import { readThemeDays } from '../theme-days/read-theme-days';
import { themeDayAt } from '../theme-days/theme-day-at';
import { instantOfLocal } from '../time/local-parts';
import { localPartsReader } from '../time/local-parts-reader';
import type { TimeZoneShift } from './settings-types';

/** Rows per UPDATE: 7 parameters each, well below SQLite's limit of 32,766 and PostgreSQL's of 65,535. */
const BATCH = 1_000;

interface Moved {
  id: number;
  occurredAt: number;
  day: string;
  month: string;
  weekday: number;
  hour: number;
  themeDayId: number | null;
}

/**
 * One UPDATE for a batch of contacts, joined to their new values: a few hundred statements for
 * 100,000 contacts instead of one round trip each. Full batches compile to the same text, so SQLite
 * reuses one prepared statement. The casts give PostgreSQL the types of the VALUES columns.
 */
async function writeBatch(db: Kysely<Schema>, rows: Moved[]): Promise<void> {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(cast(${r.id} as integer), cast(${r.occurredAt} as bigint), cast(${r.day} as text), cast(${r.month} as text), cast(${r.weekday} as integer), cast(${r.hour} as integer), cast(${r.themeDayId} as integer))`,
    ),
  );
  await sql`with v(id, occurred_at, local_day, local_month, local_weekday, local_hour, theme_day_id) as (values ${values})
    update contacts set occurred_at = v.occurred_at, local_day = v.local_day, local_month = v.local_month,
      local_weekday = v.local_weekday, local_hour = v.local_hour, theme_day_id = v.theme_day_id
    from v where contacts.id = v.id`.execute(db);
}

/**
 * Reads every contact's local day, month, weekday and hour again in zone `to`, with the theme day
 * the calendar gives that local time, and counts what changes. A contact imported with its day
 * only keeps its day (the one fact known about it) and stays at noon there, without a theme day. With `write`, stores the changes
 * and rebuilds the rollups (they are keyed by local day and hour): call inside the transaction
 * that changes the setting. Without, only counts, and takes no write lock, so a dry run never
 * holds up the desk.
 */
export async function shiftTimeZone(db: Kysely<Schema>, from: string, to: string, { write }: { write: boolean }): Promise<TimeZoneShift> {
  const themeDays = await readThemeDays(db);
  const partsOf = localPartsReader(to);
  const contacts = await db
    .selectFrom('contacts')
    .select(['id', 'occurred_at', 'local_day', 'local_month', 'local_weekday', 'local_hour', 'theme_day_id', 'voided_at', 'entry_kind'])
    .execute();
  const noon = new Map<string, number>();
  const noonOf = (day: string) => noon.get(day) ?? noon.set(day, instantOfLocal(day, 12, 0, to)).get(day)!;
  const shift: TimeZoneShift = { from, to, contacts: 0, moved: 0, dayChanged: 0, reattributed: 0 };
  const changed: Moved[] = [];
  for (const c of contacts) {
    if (c.entry_kind === DAY_ONLY_ENTRY) {
      const occurredAt = noonOf(c.local_day);
      if (occurredAt !== Number(c.occurred_at)) {
        changed.push({
          id: c.id,
          occurredAt,
          day: c.local_day,
          month: c.local_month,
          weekday: c.local_weekday,
          hour: c.local_hour,
          themeDayId: c.theme_day_id,
        });
      }
      if (c.voided_at === null) shift.contacts++;
      continue;
    }
    const p = partsOf(Number(c.occurred_at));
    const themeDayId = themeDayAt(themeDays, p.day, p.weekday, p.hour);
    const dayChanged = p.day !== c.local_day;
    const moved = dayChanged || p.hour !== c.local_hour;
    const reattributed = themeDayId !== c.theme_day_id;
    // Voided contacts follow too (a report never counts them, but their stored parts stay true).
    if (moved || reattributed || p.weekday !== c.local_weekday || p.month !== c.local_month) {
      changed.push({ id: c.id, occurredAt: Number(c.occurred_at), day: p.day, month: p.month, weekday: p.weekday, hour: p.hour, themeDayId });
    }
    if (c.voided_at !== null) continue;
    shift.contacts++;
    if (moved) shift.moved++;
    if (dayChanged) shift.dayChanged++;
    if (reattributed) shift.reattributed++;
  }
  if (write && changed.length > 0) {
    for (let i = 0; i < changed.length; i += BATCH) await writeBatch(db, changed.slice(i, i + BATCH));
    await rebuildRollup(db);
  }
  return shift;
}
