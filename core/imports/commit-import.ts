import { sql, type Kysely } from 'kysely';
import { ApiError } from '../base/errors';
import type { Catalog } from '../catalog/catalog-types';
import { loadCatalog } from '../catalog/load-catalog';
import { writeAudit } from '../audit/write-audit';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import { WRITE_LOCK } from '../db/write-transaction';
import { localParts } from '../time/local-parts';
import { parkRollupSums, type StagedRollups } from '../rollups/bulk-rollup';
import { isPostgres } from '../db/dialect';
import { newRecordKeys } from '../publication/cell-key';
import { busyWaitingWriter, retryWhileBusy, type BusyWait, type Writer } from './busy-wait';
import { prepareContacts, type PreparedContacts } from './import-rows';
import type { ImportPreview, ImportResult } from './import-types';
import type { ImportInput } from './import-inputs';
import { alreadyImported, planImport, previousImport, type ImportPlan } from './preview-import';
import { recordedMonths, recordedMonthsRefusal } from './recorded-months';
import { closeStaging, discardAbandonedImports, discardStaged, openStaging, showStaged, stageContacts, StagingLost, type Staging } from './staged-import';
import { timeSlice } from './time-slice';
import type { MonthlyRecord } from './validate-rows';

/** Rows per INSERT of monthly counts: 5 columns × 500 stays far below either dialect's parameter limit. */
const CHUNK = 500;
/** How long a failed import waits for the lock to remove what it staged; if that is not enough, the next start or import does it. */
const DISCARD_WAIT_MS = 5000;
/** PostgreSQL: rollup rows of days this recent may be what a tap adds to right now; they are added under the write lock. */
const RECENT_DAYS_MS = 8 * 86_400_000;
/** PostgreSQL: how long the revealing transaction waits for the write lock before it rolls back and tries again. */
const LOCK_TIMEOUT = '100ms';

const describe = (e: ImportPreview['errors'][number]) => `line ${e.line}, ${e.field}: ${e.reason}${e.value ? ` ("${e.value}")` : ''}`;

/** Why a preview cannot be written, as one refusal; null when it can. */
function refusalOf(preview: ImportPreview, addToRecordedMonths = false): ApiError | null {
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
    return new ApiError(
      'invalid_input',
      `unknown ${unmapped.kind} "${unmapped.name}" (line ${unmapped.firstLine}): map it to a catalog entry; nothing was imported`,
      'mapping',
    );
  }
  if (preview.total === 0) return new ApiError('invalid_input', 'the file adds no contacts; nothing was imported', 'contentBase64');
  if (preview.recordedMonths.length > 0 && !addToRecordedMonths) return recordedMonthsRefusal(preview.recordedMonths);
  return null;
}

/**
 * What the prepared rows were computed from: the catalog's ids and merges, the theme days and the
 * time zone. If any of it changes while an import is being staged, its rows and rollup sums are stale.
 */
const basisOf = (catalog: Catalog) =>
  JSON.stringify({
    timeZone: catalog.settings.timeZone,
    themeDays: catalog.themeDays,
    entries: [catalog.topics, catalog.organisations, catalog.languages, catalog.desks].map((kind) => kind.map((e) => [e.id, e.mergedInto])),
  });

/**
 * Monthly counts summed per month and topic (two old names mapped to one topic add up); zeros are not
 * stored. Each stored count gets its own random record key (core/publication/cell-key.ts).
 */
async function writeMonthly(trx: Kysely<Schema>, importId: number, records: readonly MonthlyRecord[]) {
  const sums = new Map<string, { import_id: number; month: string; topic_id: number; count: number }>();
  for (const r of records) {
    if (r.count === 0) continue;
    const key = `${r.month}|${r.topicId}`;
    const seen = sums.get(key);
    if (seen) seen.count += r.count;
    else sums.set(key, { import_id: importId, month: r.month, topic_id: r.topicId, count: r.count });
  }
  const recordKeys = newRecordKeys(sums.size);
  const rows = [...sums.values()].map((row, i) => ({ ...row, record_key: recordKeys[i]! }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('imported_monthly')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** The imports row and its audit row; the caller's transaction also writes what the file adds. */
async function recordImport(trx: Kysely<Schema>, plan: ImportPlan, now: number): Promise<ImportResult> {
  const { preview } = plan;
  const layout = preview.layout!;
  const { id } = await trx
    .insertInto('imports')
    .values({ sha256: preview.sha256, file_name: preview.fileName, kind: layout, rows: preview.rows, imported_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const importId = Number(id);
  const result: ImportResult = { importId, fileName: preview.fileName, layout, rows: preview.rows, contacts: preview.total, range: preview.range! };
  await writeAudit(trx, now, [
    {
      action: 'create',
      entity: 'import',
      entityId: importId,
      newValue: { fileName: result.fileName, layout, rows: result.rows, contacts: result.contacts, range: result.range, sha256: preview.sha256 },
    },
  ]);
  return result;
}

/** Monthly counts: a few hundred rows at most after summing, written in one short transaction. */
function commitMonthly(ctx: CoreContext, write: Writer, plan: ImportPlan, addToRecordedMonths: boolean): Promise<ImportResult> {
  const now = ctx.now();
  return write(async (trx) => {
    // Checked again inside the transaction, so two imports at once cannot both pass.
    const again = refusalOf({ ...plan.preview, duplicateOf: await previousImport(trx, plan.preview.sha256) }, addToRecordedMonths);
    if (again) throw again;
    const twice = await alreadyImported(trx, plan.monthly);
    if (twice.length > 0) throw refusalOf({ ...plan.preview, errors: twice, errorCount: twice.length }, addToRecordedMonths)!;
    // Contacts recorded since the preview (the app keeps running) count too.
    const recorded = addToRecordedMonths ? [] : await recordedMonths(trx, plan.monthly);
    if (recorded.length > 0) throw recordedMonthsRefusal(recorded);
    const result = await recordImport(trx, plan, now);
    await writeMonthly(trx, result.importId, plan.monthly);
    return result;
  });
}

/**
 * Contacts: up to 100,000 rows, so never one long transaction (a tap would wait seconds behind it).
 * All per-row work happens first, a time slice at a time; then the contacts are staged hidden in
 * short transactions (core/imports/staged-import.ts), and one last transaction checks again that the
 * file is new and the catalog unchanged, shows the staged contacts, adds the rollup sums and writes
 * the imports and audit rows. Whatever fails on the way, the staged rows are removed again.
 */
async function commitContacts(ctx: CoreContext, wait: BusyWait, plan: ImportPlan): Promise<ImportResult> {
  const slice = timeSlice();
  const now = ctx.now();
  const prepared = await prepareContacts(plan.contacts, plan.catalog, now, slice);
  // Staging checks nothing another writer could change: on PostgreSQL it needs no write lock, so taps never wait for it.
  const stage = busyWaitingWriter(ctx.db, wait, { writeLock: false });
  await discardAbandonedImports(ctx.db, stage);
  const staging = await openStaging(stage, plan.preview.fileName);
  let rollups: StagedRollups | null = null;
  try {
    await stageContacts(ctx.db, stage, staging, prepared, slice);
    rollups = await parkRollupSums(ctx.db, staging.token, prepared.rollups, slice);
    return await revealImport(ctx, wait, plan, { staging, prepared, rollups, now });
  } catch (err) {
    // Best effort: what cannot be removed now stays invisible and goes at the next start or import.
    await discardStaged(ctx.db, busyWaitingWriter(ctx.db, { maxWaitMs: DISCARD_WAIT_MS }, { writeLock: false }), staging).catch(() => undefined);
    if (err instanceof StagingLost) throw new ApiError('conflict', `${err.message}; nothing was imported, import it again`, 'contentBase64');
    throw err;
  } finally {
    await rollups?.discard().catch(() => undefined);
  }
}

interface Staged {
  staging: Staging;
  prepared: PreparedContacts;
  rollups: StagedRollups;
  now: number;
}

/**
 * The one transaction that makes a staged import visible: checks again that the file is new and the
 * catalog unchanged, shows the staged contacts, adds the rollup sums, writes the imports and audit rows.
 *
 * SQLite: all of it under the write lock (BEGIN IMMEDIATE). Its cost grows with the import: every
 * row and its two index entries are rewritten and the rollup rows updated — about 0.2 s for 60,000
 * contacts into an empty file and 0.35 s into one of 1,000,000 on a 2-core PC (`npm run bench`). Only
 * a visibility check in every reader could make this step independent of the import's size.
 * PostgreSQL shows nothing before COMMIT anyway: so the heavy part runs first, without the advisory
 * write lock taps take, and the lock is taken only for the checks and the small rest. It is asked for
 * with a short lock_timeout, so the transaction never holds rows a tap waits for while waiting itself
 * (it rolls back and tries again).
 */
function revealImport(ctx: CoreContext, wait: BusyWait, plan: ImportPlan, { staging, prepared, rollups, now }: Staged): Promise<ImportResult> {
  const checkAndRecord = async (trx: Kysely<Schema>) => {
    const again = refusalOf({ ...plan.preview, duplicateOf: await previousImport(trx, plan.preview.sha256) });
    if (again) throw again;
    if (basisOf(await loadCatalog(trx)) !== basisOf(plan.catalog)) {
      throw new ApiError(
        'conflict',
        'the catalog, the theme days or the time zone changed while the file was being imported; nothing was imported, import it again',
        'contentBase64',
      );
    }
    return recordImport(trx, plan, now);
  };
  if (!isPostgres(ctx.db)) {
    return busyWaitingWriter(
      ctx.db,
      wait,
    )(async (trx) => {
      const result = await checkAndRecord(trx);
      await showStaged(trx, staging, prepared.rows.length);
      await rollups.apply(trx);
      await closeStaging(trx, staging);
      return result;
    });
  }
  const recent = localParts(now - RECENT_DAYS_MS, plan.catalog.settings.timeZone).day;
  const reveal = () =>
    ctx.db.transaction().execute(async (trx) => {
      await showStaged(trx, staging, prepared.rows.length);
      await rollups.apply(trx, { before: recent });
      await sql`set local lock_timeout = ${sql.lit(LOCK_TIMEOUT)}`.execute(trx);
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
      await sql`set local lock_timeout to default`.execute(trx);
      const result = await checkAndRecord(trx);
      await rollups.apply(trx, { from: recent });
      await closeStaging(trx, staging);
      return result;
    });
  return retryWhileBusy(reveal, wait);
}

/** Imports in one process run one after another: each one's checks then see the one before. */
const running = new WeakMap<Kysely<Schema>, Promise<unknown>>();

function oneAtATime<T>(db: Kysely<Schema>, work: () => Promise<T>): Promise<T> {
  const before = running.get(db) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  running.set(db, mine);
  return mine;
}

/**
 * `commitImport`: checks the file exactly as the preview does, then writes all of it — the file's
 * record, its contacts or monthly counts, the rollups and the audit row — or refuses with the first
 * errors and leaves nothing behind. `wait` says how long to wait for another program's write lock
 * (the command line import waits longer, and says so).
 */
export function commitImport(ctx: CoreContext, input: ImportInput, wait: BusyWait = {}): Promise<ImportResult> {
  return oneAtATime(ctx.db, async () => {
    const plan = await planImport(ctx, input);
    const refusal = refusalOf(plan.preview, input.addToRecordedMonths === true);
    if (refusal) throw refusal;
    if (plan.preview.layout === 'contacts') return commitContacts(ctx, wait, plan);
    return commitMonthly(ctx, busyWaitingWriter(ctx.db, wait), plan, input.addToRecordedMonths === true);
  });
}
