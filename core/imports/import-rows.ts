import type { Insertable } from 'kysely';
import type { Catalog } from '../catalog/catalog-types';
import { DAY_ONLY_ENTRY, type EntryKind } from '../contacts/contact-types';
import type { ContactTable } from '../db/schema';
import type { RollupFacts } from '../reports/rollup';
import { themeDayAt } from '../theme-days/theme-day-at';
import { instantOfLocal, localParts, type LocalParts } from '../time/local-parts';
import { rollupSummer, type RollupSums } from './bulk-rollup';
import type { TimeSlice } from './time-slice';
import type { ContactRecord } from './validate-rows';

/** A contact as the import writes it: no request id (a retry is caught by the file's hash instead). */
export type ContactRow = Omit<Insertable<ContactTable>, 'id' | 'voided_at' | 'void_reason' | 'request_id'> & { entry_kind: EntryKind; request_id: null };

/** Everything an import of contacts writes, worked out before any transaction starts. */
export interface PreparedContacts {
  rows: ContactRow[];
  /** Per row: its topics in order, and its referrals. */
  topics: number[][];
  referrals: number[][];
  rollups: RollupSums;
}

/**
 * Local time → instant and back, once per local day and hour: the zone's offset holds for a whole
 * hour (also in the hours a DST change skips or repeats), and Intl costs ~50 µs a call.
 */
function hourClock(timeZone: string) {
  const hours = new Map<string, { start: number; local: LocalParts }>();
  return (day: string, hour: number, minute: number) => {
    const key = `${day}|${hour}`;
    let known = hours.get(key);
    if (!known) {
      const start = instantOfLocal(day, hour, 0, timeZone);
      hours.set(key, (known = { start, local: localParts(start, timeZone) }));
    }
    return { occurredAt: known.start + minute * 60_000, local: { ...known.local, minute } };
  };
}

type HourClock = ReturnType<typeof hourClock>;

/** A contact row for an imported record; one known by day only is placed at noon and counted without an hour. */
function contactRowOf(r: ContactRecord, catalog: Catalog, now: number, clock: HourClock): { row: ContactRow; facts: RollupFacts } {
  const { occurredAt, local } = clock(r.day, r.hour ?? 12, r.minute);
  const hour = r.hour === null ? null : local.hour;
  const themeDayId = hour === null ? null : themeDayAt(catalog.themeDays, local.day, local.weekday, hour);
  const row: ContactRow = {
    occurred_at: occurredAt,
    entered_at: now,
    local_day: local.day,
    local_month: local.month,
    local_weekday: local.weekday,
    local_hour: local.hour,
    channel: r.channel,
    asker: r.asker,
    language_id: r.languageId,
    desk_id: r.deskId,
    entry_kind: r.hour === null ? DAY_ONLY_ENTRY : 'imported',
    theme_day_id: themeDayId,
    request_id: null,
  };
  const facts: RollupFacts = {
    day: local.day,
    hour,
    weekday: local.weekday,
    topicIds: r.topicIds,
    referralIds: [...r.referralIds].sort((a, b) => a - b),
    languageId: r.languageId,
    channel: r.channel,
    asker: r.asker,
    deskId: r.deskId,
    themeDayId,
  };
  return { row, facts };
}

/** The rows, links and rollup sums of checked records, computed a slice at a time. */
export async function prepareContacts(records: readonly ContactRecord[], catalog: Catalog, now: number, slice: TimeSlice): Promise<PreparedContacts> {
  const clock = hourClock(catalog.settings.timeZone);
  const summer = rollupSummer();
  const prepared: PreparedContacts = { rows: [], topics: [], referrals: [], rollups: { hourly: [], daily: [] } };
  for (const record of records) {
    const { row, facts } = contactRowOf(record, catalog, now, clock);
    prepared.rows.push(row);
    prepared.topics.push(record.topicIds);
    prepared.referrals.push(record.referralIds);
    summer.add(facts);
    if (slice.due()) await slice.pause();
  }
  prepared.rollups = summer.sums();
  return prepared;
}
