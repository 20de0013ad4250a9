import { sql, type Kysely } from 'kysely';
import type { MergeInput } from './catalog-inputs';
import { ApiError } from '../base/errors';
import { writeAudit, type AuditEntry } from '../audit/write-audit';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import { CATALOG_AUDIT_ENTITIES, CATALOG_REFERENCES, CATALOG_TABLES, type CatalogKind } from './catalog-references';
import type { CatalogEntryByKind, CatalogMerge } from './catalog-edit-types';
import { findEntry, readEntries, type AnyEntry } from './catalog-store';
import { recountMergedRollup } from '../rollups/merge-rollup';
import { repointReference } from './repoint-references';
import { retireEntry } from './retire-catalog-entry';
import { writeTransaction } from '../db/write-transaction';
import { joiningMembers, mergeGroupMembers, moveTopicMemberships } from './topic-group-members';

/** The kinds contacts carry; a topic group is carried by none (its topics are). */
type ContactKind = Exclude<CatalogKind, 'topicGroup'>;

/** Where a contact carries an entry of each kind: the count the UI announces before merging. */
const CONTACT_LINK = {
  topic: { table: 'contact_topics', column: 'topic_id' },
  organisation: { table: 'contact_referrals', column: 'organisation_id' },
  language: { table: 'contacts', column: 'language_id' },
  desk: { table: 'contacts', column: 'desk_id' },
} as const satisfies Record<ContactKind, { table: string; column: string }>;

const CONTACT_TABLES = new Set(['contacts', 'contact_topics', 'contact_referrals']);

async function countOf(db: Kysely<any>, query: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`${query}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Counting contacts that carry the source, those that carry both, and other rows that follow the merge. */
async function measure(db: Kysely<Schema>, kind: ContactKind, sourceId: number, targetId: number) {
  const link = CONTACT_LINK[kind];
  let contacts: number;
  let alreadyWithTarget = 0;
  if (link.table === 'contacts') {
    contacts = await countOf(db, sql`select count(*) as n from contacts c where c.voided_at is null and ${sql.ref(`c.${link.column}`)} = ${sourceId}`);
  } else {
    const table = sql.table(link.table);
    const carries = (id: number) => sql`exists (select 1 from ${table} l where l.contact_id = c.id and ${sql.ref(`l.${link.column}`)} = ${id})`;
    contacts = await countOf(db, sql`select count(*) as n from contacts c where c.voided_at is null and ${carries(sourceId)}`);
    alreadyWithTarget = await countOf(
      db,
      sql`select count(*) as n from contacts c where c.voided_at is null and ${carries(sourceId)} and ${carries(targetId)}`,
    );
  }
  let otherRows = 0;
  for (const ref of CATALOG_REFERENCES[kind]) {
    if (CONTACT_TABLES.has(ref.table)) continue;
    otherRows += await countOf(db, sql`select count(*) as n from ${sql.table(ref.table)} where ${sql.ref(ref.column)} = ${sourceId}`);
  }
  return { contacts, alreadyWithTarget, otherRows };
}

/**
 * Merges one catalog entry into another of the same kind: every reference listed in
 * CATALOG_REFERENCES moves from the source to the target (a contact that had both keeps the
 * target once, at the earlier position), the rollups of both are recounted, and the source is
 * retired and remembered as merged into the target. Reports over any period then show the
 * source's history under the target. A dry run only counts. One transaction; audited on both.
 * A topic group has no history of its own: its topics join the target (topic-group-members.ts).
 */
export async function mergeCatalogEntries(ctx: CoreContext, input: MergeInput): Promise<CatalogMerge> {
  const { kind, sourceId, targetId, dryRun } = input;
  const result = await writeTransaction(ctx.db, async (trx) => {
    const entries: AnyEntry[] = await readEntries(trx, kind);
    const source = findEntry(entries, sourceId, kind, 'sourceId');
    const target = findEntry(entries, targetId, kind, 'targetId');
    if (source.mergedInto !== null) throw new ApiError('conflict', `this ${kind} was already merged into #${source.mergedInto}`, 'sourceId');
    if (target.retired) throw new ApiError('conflict', `the target ${kind} is retired; reactivate it first`, 'targetId');

    const groups = entries as CatalogEntryByKind['topicGroup'][];
    const asGroup = (e: AnyEntry) => e as CatalogEntryByKind['topicGroup'];
    const counts =
      kind === 'topicGroup'
        ? { contacts: 0, alreadyWithTarget: 0, otherRows: joiningMembers(asGroup(source), asGroup(target), groups).length }
        : await measure(trx, kind, sourceId, targetId);
    if (dryRun) return counts;

    const at = ctx.now();
    const audit: AuditEntry[] = [];
    const entity = CATALOG_AUDIT_ENTITIES[kind];
    if (kind === 'topicGroup') {
      await mergeGroupMembers(trx, asGroup(source), asGroup(target), groups, audit);
    } else {
      for (const ref of CATALOG_REFERENCES[kind]) await repointReference(trx, ref, sourceId, targetId);
      await recountMergedRollup(trx, kind, sourceId, targetId);
      if (kind === 'topic') await moveTopicMemberships(trx, sourceId, targetId, audit);
    }
    if (!source.retired) await retireEntry(trx, kind, source, at, audit);
    await trx.updateTable(CATALOG_TABLES[kind]).set({ merged_into: targetId }).where('id', '=', sourceId).execute();
    audit.push({ action: 'merge', entity, entityId: sourceId, field: 'mergedInto', oldValue: null, newValue: targetId });
    audit.push({
      action: 'merge',
      entity,
      entityId: targetId,
      field: 'mergedFrom',
      oldValue: null,
      // A group carries no contacts: its topics joining are audited on their own.
      newValue: kind === 'topicGroup' ? sourceId : { id: sourceId, contacts: counts.contacts },
    });
    await writeAudit(trx, at, audit);
    return counts;
  });
  if (!dryRun) ctx.catalog.invalidate();
  return { kind, sourceId, targetId, ...result, dryRun };
}
