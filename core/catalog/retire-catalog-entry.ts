import type { Kysely } from 'kysely';
import type { SetRetiredInput } from './catalog-inputs';
import { ApiError } from '../base/errors';
import { writeAudit, type AuditEntry } from '../audit/write-audit';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import { CATALOG_AUDIT_ENTITIES, CATALOG_TABLES, type CatalogKind } from './catalog-references';
import type { CatalogEntryByKind, SavedCatalogEntry } from './catalog-edit-types';
import { entryName, findEntry, nameClash, readEntries, type AnyEntry } from './catalog-store';
import { writeTransaction } from '../db/write-transaction';
import { assertMembersFree } from './topic-group-members';

/** Kinds the desk cannot log without: one of each must stay active. Organisations are optional on a contact. */
const NEEDED_BY_THE_DESK: readonly CatalogKind[] = ['topic', 'language', 'desk'];

/**
 * Takes an entry off the desk while keeping its history; a topic also gives up its hotkey, so
 * the key is free for another topic. Audited; call inside the write's transaction.
 */
export async function retireEntry(db: Kysely<Schema>, kind: CatalogKind, entry: AnyEntry, at: number, audit: AuditEntry[]): Promise<void> {
  const hotkey = kind === 'topic' ? (entry as CatalogEntryByKind['topic']).hotkey : null;
  await db
    .updateTable(CATALOG_TABLES[kind])
    .set({ retired_at: at, ...(hotkey !== null ? { hotkey: null } : {}) } as never)
    .where('id', '=', entry.id)
    .execute();
  audit.push({ action: 'retire', entity: CATALOG_AUDIT_ENTITIES[kind], entityId: entry.id, field: 'retired', oldValue: false, newValue: true });
  if (hotkey !== null) audit.push({ action: 'amend', entity: 'topic', entityId: entry.id, field: 'hotkey', oldValue: hotkey, newValue: null });
}

/**
 * Retires an entry (the desk stops offering it; old contacts keep it and stay in the reports) or
 * reactivates it. Refused: the last active topic, language or desk; reactivating an entry that was
 * merged away, one whose name an active entry now has, or a topic group one of whose topics another
 * active group now holds.
 */
export async function setCatalogEntryRetired(ctx: CoreContext, { kind, id, retired }: SetRetiredInput): Promise<SavedCatalogEntry> {
  const saved = await writeTransaction(ctx.db, async (trx) => {
    const entries: AnyEntry[] = await readEntries(trx, kind);
    const entry = findEntry(entries, id, kind, 'id');
    if (entry.retired === retired) throw new ApiError('conflict', `this ${kind} is already ${retired ? 'retired' : 'active'}`, 'id');
    const audit: AuditEntry[] = [];
    if (retired) {
      const othersActive = entries.some((e) => e.id !== id && !e.retired);
      if (NEEDED_BY_THE_DESK.includes(kind) && !othersActive) {
        throw new ApiError('conflict', `the desk needs at least one active ${kind}; add or reactivate another first`, 'id');
      }
      await retireEntry(trx, kind, entry, ctx.now(), audit);
    } else {
      if (entry.mergedInto !== null) throw new ApiError('conflict', `this ${kind} was merged into #${entry.mergedInto}; its history counts there`, 'id');
      const clash = nameClash(kind, entries, entry, id);
      if (clash) throw new ApiError('conflict', `the active ${kind} "${entryName(clash.other)}" has the same ${clash.field}; rename one first`, 'id');
      if (kind === 'topicGroup')
        assertMembersFree(entry as CatalogEntryByKind['topicGroup'], await readEntries(trx, 'topic'), entries as CatalogEntryByKind['topicGroup'][]);
      await trx.updateTable(CATALOG_TABLES[kind]).set({ retired_at: null }).where('id', '=', id).execute();
      audit.push({ action: 'reactivate', entity: CATALOG_AUDIT_ENTITIES[kind], entityId: id, field: 'retired', oldValue: true, newValue: false });
    }
    await writeAudit(trx, ctx.now(), audit);
    return { kind, entry: findEntry(await readEntries(trx, kind), id, kind, 'id') } as SavedCatalogEntry;
  });
  ctx.catalog.invalidate();
  return saved;
}
