import { randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { processStartOf } from '../base/process-start';
import { UNDONE } from '../contacts/read-contacts';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import type { Writer } from './busy-wait';
import type { PreparedContacts } from './import-rows';
import type { TimeSlice } from './time-slice';

/**
 * An import of contacts is written in short transactions, so that no tap waits long behind it, and
 * still becomes visible all at once or not at all:
 *
 *  1. `openStaging` notes the import in `settings` (key `import_staging:<token>`: which process writes
 *     it, since when, and the highest contact id before it);
 *  2. `stageContacts` writes the contacts in chunks of STAGE_CHUNK, each chunk its own transaction,
 *     in the state every reader already ignores: voided as `undone` (like a tap taken back by Undo:
 *     not listed, not counted, not exported, not found by id, not in the rollups), with the import's
 *     token as `voided_at` (a negative number no real void has);
 *  3. `showStaged` and `closeStaging`, inside the one transaction that also writes the imports row, the
 *     rollups and the audit row, turn exactly those rows into ordinary contacts and remove the note.
 *
 * If anything fails, the import removes what it staged (`discardStaged`). If its process dies, the
 * note stays, and the next start or the next import removes the rows of every note whose process
 * is gone (`discardAbandonedImports`); until then they are invisible.
 */

export const STAGING_PREFIX = 'import_staging:';
/** Contacts per staging transaction: a few milliseconds of SQLite work plus one commit. */
export const STAGE_CHUNK = 1000;
/** A note older than this is given up even when its process cannot be checked (it ran on another computer). */
const ABANDONED_AFTER_MS = 30 * 60_000;

const ownerSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  processStart: z.string().nullable(),
  startedAt: z.number(),
  afterId: z.number().int(),
  fileName: z.string(),
});
type Owner = z.infer<typeof ownerSchema>;

export interface Staging {
  token: number;
  afterId: number;
  key: string;
}

/** Tokens of imports this process is writing right now: never someone else's leftovers. */
const writingHere = new Set<number>();

/** Notes the import and returns its token; contacts staged later get higher ids than `afterId`. */
export async function openStaging(write: Writer, fileName: string): Promise<Staging> {
  const token = -randomInt(1, 2 ** 47);
  const key = `${STAGING_PREFIX}${-token}`;
  writingHere.add(token);
  try {
    const afterId = await write(async (trx) => {
      const row = await trx
        .selectFrom('contacts')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      const afterId = Number(row?.id ?? 0);
      const owner: Owner = { pid: process.pid, host: hostname(), processStart: processStartOf(process.pid), startedAt: Date.now(), afterId, fileName };
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(owner) })
        .execute();
      return afterId;
    });
    return { token, afterId, key };
  } catch (err) {
    writingHere.delete(token);
    throw err;
  }
}

/** Writes the prepared contacts hidden, STAGE_CHUNK per transaction, letting other work in between. */
export async function stageContacts(db: Kysely<Schema>, write: Writer, staging: Staging, prepared: PreparedContacts, slice: TimeSlice): Promise<void> {
  for (let start = 0; start < prepared.rows.length; start += STAGE_CHUNK) {
    const end = Math.min(prepared.rows.length, start + STAGE_CHUNK);
    const hidden = prepared.rows.slice(start, end).map((row) => ({ ...row, voided_at: staging.token, void_reason: UNDONE }));
    // Compiled before the transaction: only SQLite's own work happens while the lock is held.
    const insert = db.insertInto('contacts').values(hidden).returning('id').compile();
    await write(async (trx) => {
      const inserted = await trx.executeQuery<{ id: number }>(insert);
      // One statement numbers its rows in VALUES order; sorting guards against RETURNING's unspecified order.
      const ids = inserted.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      if (ids.length !== end - start) throw new Error('import: contact insert returned a different number of rows');
      const topics = ids.flatMap((contact_id, i) => prepared.topics[start + i]!.map((topic_id, ordinal) => ({ contact_id, topic_id, ordinal })));
      const referrals = ids.flatMap((contact_id, i) => prepared.referrals[start + i]!.map((organisation_id) => ({ contact_id, organisation_id })));
      if (topics.length > 0) await trx.insertInto('contact_topics').values(topics).execute();
      if (referrals.length > 0) await trx.insertInto('contact_referrals').values(referrals).execute();
    });
    await slice.pause();
  }
}

/** Thrown when the staged rows are not all there any more (removed as abandoned by another process). */
export class StagingLost extends Error {}

/**
 * Turns the staged contacts into ordinary ones; call inside the transaction that writes the imports
 * row, the rollups and the audit row, and closes the staging. Throws StagingLost (rolling all of it
 * back) unless exactly `expected` rows were staged.
 */
export async function showStaged(trx: Kysely<Schema>, staging: Staging, expected: number): Promise<void> {
  const shown = await trx
    .updateTable('contacts')
    .set({ voided_at: null, void_reason: null })
    .where('id', '>', staging.afterId)
    .where('voided_at', '=', staging.token)
    .where('void_reason', '=', UNDONE)
    .executeTakeFirst();
  if (Number(shown.numUpdatedRows) !== expected) throw new StagingLost(`${Number(shown.numUpdatedRows)} of ${expected} staged contacts were found`);
}

/** Removes the note of a staging whose rows were shown, in the same transaction; StagingLost if it is gone. */
export async function closeStaging(trx: Kysely<Schema>, staging: Staging): Promise<void> {
  const note = await trx.deleteFrom('settings').where('key', '=', staging.key).executeTakeFirst();
  if (Number(note.numDeletedRows) !== 1) throw new StagingLost('the import was removed as abandoned while it was being written');
}

/** The staged contacts' ids, a chunk at a time, in id order. */
async function stagedIds(db: Kysely<Schema>, staging: Pick<Staging, 'token' | 'afterId'>, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where('id', '>', staging.afterId)
    .where('voided_at', '=', staging.token)
    .where('void_reason', '=', UNDONE)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Removes a staged import (its hidden contacts and links, then its note), in short transactions. */
export async function discardStaged(db: Kysely<Schema>, write: Writer, staging: Staging): Promise<void> {
  try {
    for (;;) {
      const ids = await stagedIds(db, staging, STAGE_CHUNK);
      if (ids.length === 0) break;
      await write(async (trx) => {
        await trx.deleteFrom('contact_topics').where('contact_id', 'in', ids).execute();
        await trx.deleteFrom('contact_referrals').where('contact_id', 'in', ids).execute();
        await trx.deleteFrom('contacts').where('id', 'in', ids).where('voided_at', '=', staging.token).execute();
      });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await write((trx) => trx.deleteFrom('settings').where('key', '=', staging.key).execute());
  } finally {
    writingHere.delete(staging.token);
  }
}

/** Whether the process that wrote a note can no longer be writing it. */
function abandoned(token: number, owner: Owner | null, now: number): boolean {
  if (writingHere.has(token)) return false;
  if (owner === null) return true; // unreadable: no process can be waiting on it
  if (owner.host === hostname()) {
    // This process is not writing it (any more): a failed import's leftover, or a backup restored mid-import.
    if (owner.pid === process.pid) return true;
    if (!processRuns(owner.pid)) return true;
    const start = processStartOf(owner.pid);
    if (owner.processStart !== null && start !== null && start !== owner.processStart) return true; // the PID was reused
  }
  return now - owner.startedAt > ABANDONED_AFTER_MS;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(value: string): Owner | null {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Removes what imports left behind when their process died (or failed to clean up): run at every
 * start and before every import. Imports still being written by a live process are left alone.
 * Returns how many were removed.
 */
export async function discardAbandonedImports(db: Kysely<Schema>, write: Writer = (w) => writeTransaction(db, w)): Promise<number> {
  const notes = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${STAGING_PREFIX}%`).execute();
  let removed = 0;
  for (const note of notes) {
    if (!note.key.startsWith(STAGING_PREFIX)) continue; // LIKE's "_" matches any character
    const token = -Number(note.key.slice(STAGING_PREFIX.length));
    if (!Number.isSafeInteger(token) || token >= 0) continue;
    const owner = ownerOf(note.value);
    if (!abandoned(token, owner, Date.now())) continue;
    // Unreadable note: search from the start (slow, but only in this broken case).
    await discardStaged(db, write, { token, afterId: owner?.afterId ?? 0, key: note.key });
    removed++;
  }
  return removed;
}
