import type { Catalog } from '../catalog/catalog-types';
import { DAY_ONLY_ENTRY } from '../base/enums';
import { contactRow, type NewContactRow } from '../contacts/contact-row';
import { themeDayAt } from '../theme-days/theme-day-at';
import { instantOfLocal, localParts, type LocalParts } from '../time/local-parts';
import { rollupSummer, type RollupSums } from '../rollups/bulk-rollup';
import { rollupFactsOf } from '../rollups/rollup-facts';
import { newRecordKeys } from '../publication/cell-key';
import type { TimeSlice } from './time-slice';
import type { ContactRecord } from './validate-rows';

/** Everything an import of contacts writes, worked out before any transaction starts. */
export interface PreparedContacts {
  /** No request ids: a retry is caught by the file's hash instead. */
  rows: NewContactRow[];
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
function contactRowOf(r: ContactRecord, catalog: Catalog, now: number, clock: HourClock, recordKey: number): NewContactRow {
  const { occurredAt, local } = clock(r.day, r.hour ?? 12, r.minute);
  const themeDayId = r.hour === null ? null : themeDayAt(catalog.themeDays, local.day, local.weekday, local.hour);
  const entryKind = r.hour === null ? DAY_ONLY_ENTRY : 'imported';
  return contactRow(
    {
      requestId: null,
      occurredAt,
      enteredAt: now,
      channel: r.channel,
      asker: r.asker,
      languageId: r.languageId,
      deskId: r.deskId,
      entryKind,
      themeDayId,
      recordKey,
    },
    local,
  );
}

/** The rows, links and rollup sums of checked records, computed a slice at a time. */
export async function prepareContacts(records: readonly ContactRecord[], catalog: Catalog, now: number, slice: TimeSlice): Promise<PreparedContacts> {
  const clock = hourClock(catalog.settings.timeZone);
  const summer = rollupSummer();
  const prepared: PreparedContacts = { rows: [], topics: [], referrals: [], rollups: { hourly: [], daily: [] } };
  const recordKeys = newRecordKeys(records.length);
  for (const [i, record] of records.entries()) {
    const row = contactRowOf(record, catalog, now, clock, recordKeys[i]!);
    prepared.rows.push(row);
    prepared.topics.push(record.topicIds);
    prepared.referrals.push(record.referralIds);
    summer.add(
      rollupFactsOf(
        row,
        record.topicIds,
        [...record.referralIds].sort((a, b) => a - b),
      ),
    );
    if (slice.due()) await slice.pause();
  }
  prepared.rollups = summer.sums();
  return prepared;
}
