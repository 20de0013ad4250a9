import type { Insertable, Kysely } from 'kysely';
import { ApiError } from '../api/errors';
import type { Catalog } from '../catalog/catalog-types';
import { writeAudit } from '../contacts/audit';
import { DAY_ONLY_ENTRY, type EntryKind } from '../contacts/contact-types';
import type { CoreContext } from '../context';
import type { ContactTable, Schema } from '../db/schema';
import type { RollupFacts } from '../reports/rollup';
import { themeDayAt } from '../theme-days/theme-day-at';
import { instantOfLocal, localParts, type LocalParts } from '../time/local-parts';
import { addToRollups } from './bulk-rollup';
import type { ImportPreview, ImportResult } from './import-types';
import { alreadyImported, planImport, previousImport, type ImportInput } from './preview-import';
import type { ContactRecord, MonthlyRecord } from './validate-rows';
import { writeTransaction } from '../db/write-transaction';

/** Rows per INSERT: 14 columns × 500 stays far below SQLite's parameter limit. */
const CHUNK = 500;

const describe = (e: ImportPreview['errors'][number]) => `line ${e.line}, ${e.field}: ${e.reason}${e.value ? ` ("${e.value}")` : ''}`;

/** Why a preview cannot be written, as one refusal; null when it can. */
function refusalOf(preview: ImportPreview): ApiError | null {
  if (preview.duplicateOf) {
    const { fileName, importedAt } = preview.duplicateOf;
    return new ApiError('conflict', `this file was already imported (as "${fileName}" on ${importedAt.slice(0, 10)}); nothing was imported`, 'contentBase64');
  }
  if (preview.errorCount > 0) {
    const first = preview.errors.slice(0, 3).map(describe).join('; ');
    return new ApiError('invalid_input', `${preview.errorCount} error(s) in the file; nothing was imported. ${first}`, 'contentBase64');
  }
  const unmapped = preview.unknownNames.find((u) => u.targetId === null);
  if (unmapped) {
    return new ApiError('invalid_input', `unknown ${unmapped.kind} "${unmapped.name}" (line ${unmapped.firstLine}): map it to a catalog entry; nothing was imported`, 'mapping');
  }
  if (preview.total === 0) return new ApiError('invalid_input', 'the file adds no contacts; nothing was imported', 'contentBase64');
  return null;
}

/** A contact as the import inserts it: not voided, with no request id (a retry is caught by the file's hash instead). */
type ContactRow = Omit<Insertable<ContactTable>, 'id' | 'voided_at' | 'void_reason' | 'request_id'> & { entry_kind: EntryKind; request_id: null };

/**
 * Local time → instant and back, once per local day and hour: the zone's offset holds for a whole
 * hour (also in the hours a DST change skips or repeats), and Intl costs ~50 µs a call, which for
 * 100,000 rows would hold the write lock for seconds.
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

async function writeContacts(trx: Kysely<Schema>, records: readonly ContactRecord[], catalog: Catalog, now: number) {
  const facts: RollupFacts[] = [];
  const clock = hourClock(catalog.settings.timeZone);
  for (let start = 0; start < records.length; start += CHUNK) {
    const batch = records.slice(start, start + CHUNK).map((r) => ({ record: r, ...contactRowOf(r, catalog, now, clock) }));
    const inserted = await trx.insertInto('contacts').values(batch.map((b) => b.row)).returning('id').execute();
    // One statement numbers its rows in VALUES order; sorting guards against RETURNING's unspecified order.
    const ids = inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
    if (ids.length !== batch.length) throw new Error('import: contact insert returned a different number of rows');
    const topics = batch.flatMap((b, i) => b.record.topicIds.map((topic_id, ordinal) => ({ contact_id: ids[i]!, topic_id, ordinal })));
    const referrals = batch.flatMap((b, i) => b.record.referralIds.map((organisation_id) => ({ contact_id: ids[i]!, organisation_id })));
    for (let t = 0; t < topics.length; t += CHUNK) await trx.insertInto('contact_topics').values(topics.slice(t, t + CHUNK)).execute();
    for (let t = 0; t < referrals.length; t += CHUNK) await trx.insertInto('contact_referrals').values(referrals.slice(t, t + CHUNK)).execute();
    facts.push(...batch.map((b) => b.facts));
  }
  await addToRollups(trx, facts);
}

/** Monthly counts summed per month and topic (two old names mapped to one topic add up); zeros are not stored. */
async function writeMonthly(trx: Kysely<Schema>, importId: number, records: readonly MonthlyRecord[]) {
  const sums = new Map<string, { import_id: number; month: string; topic_id: number; count: number }>();
  for (const r of records) {
    if (r.count === 0) continue;
    const key = `${r.month}|${r.topicId}`;
    const seen = sums.get(key);
    if (seen) seen.count += r.count;
    else sums.set(key, { import_id: importId, month: r.month, topic_id: r.topicId, count: r.count });
  }
  const rows = [...sums.values()];
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('imported_monthly').values(rows.slice(i, i + CHUNK)).execute();
}

/**
 * `commitImport`: checks the file exactly as the preview does, then writes it all in one
 * transaction (the file's record, its contacts or monthly counts, the rollups and the audit row)
 * or refuses with the first errors and writes nothing. The duplicate and month checks run again
 * inside the transaction, so two imports at once cannot both pass them.
 */
export async function commitImport(ctx: CoreContext, input: ImportInput): Promise<ImportResult> {
  const plan = await planImport(ctx, input);
  const { preview } = plan;
  const refusal = refusalOf(preview);
  if (refusal) throw refusal;
  const catalog = await ctx.catalog.catalog();
  const now = ctx.now();
  const layout = preview.layout!;
  return writeTransaction(ctx.db, async (trx) => {
    const again = refusalOf({ ...preview, duplicateOf: await previousImport(trx, preview.sha256) });
    if (again) throw again;
    const twice = await alreadyImported(trx, plan.monthly);
    if (twice.length > 0) throw refusalOf({ ...preview, errors: twice, errorCount: twice.length })!;

    const { id } = await trx
      .insertInto('imports')
      .values({ sha256: preview.sha256, file_name: preview.fileName, kind: layout, rows: preview.rows, imported_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const importId = Number(id);
    if (layout === 'contacts') await writeContacts(trx, plan.contacts, catalog, now);
    else await writeMonthly(trx, importId, plan.monthly);
    const result: ImportResult = { importId, fileName: preview.fileName, layout, rows: preview.rows, contacts: preview.total, range: preview.range! };
    await writeAudit(trx, now, [
      { action: 'create', entity: 'import', entityId: importId, newValue: { fileName: result.fileName, layout, rows: result.rows, contacts: result.contacts, range: result.range, sha256: preview.sha256 } },
    ]);
    return result;
  });
}
