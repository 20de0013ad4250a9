import type { Kysely } from 'kysely';
import type { CatalogEntryInput } from './catalog-inputs';
import { ApiError, invalidField } from '../base/errors';
import { writeAudit, type AuditEntry } from '../audit/write-audit';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import { CATALOG_AUDIT_ENTITIES, CATALOG_TABLES, type CatalogKind } from './catalog-references';
import type { CatalogEntryByKind, SavedCatalogEntry } from './catalog-edit-types';
import { EDITABLE_FIELDS, fieldOf, findEntry, nameClash, readEntries, STORED_UNIQUE_FIELDS, type AnyEntry } from './catalog-store';
import { writeTransaction } from '../db/write-transaction';
import { checkedMembers, writeMembers } from './topic-group-members';

type EntryInput = CatalogEntryInput;

/** The stored columns of an entry's editable fields. */
function columnsOf(input: EntryInput) {
  switch (input.kind) {
    case 'topic':
      return { label_de: input.labelDe, label_en: input.labelEn, color: input.color, hotkey: input.hotkey, sdgs: JSON.stringify(input.sdgs) };
    case 'language':
      return { code: input.code, label_de: input.labelDe, label_en: input.labelEn };
    case 'topicGroup':
      // Its members are rows of their own (writeMembers).
      return { label_de: input.labelDe, label_en: input.labelEn };
    default:
      return { name: input.name };
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Refuses a name another active entry of the kind already has, or one the database keeps for a retired entry. */
function assertNamesFree(input: EntryInput, entries: AnyEntry[]) {
  const clash = nameClash(input.kind, entries, input, input.id);
  if (clash) throw invalidField(clash.field, `another active ${input.kind} is already called "${String(fieldOf(clash.other, clash.field))}"`);
  for (const field of STORED_UNIQUE_FIELDS[input.kind] as readonly string[]) {
    const value = fieldOf(input, field);
    const retired = entries.find((e) => e.id !== input.id && fieldOf(e, field) === value);
    if (retired) throw new ApiError('conflict', `the retired ${input.kind} #${retired.id} has this ${field}; reactivate it instead`, field);
  }
}

/**
 * A hotkey belongs to one active topic. A retired topic still holding it (retired before hotkeys
 * were released on retiring) gives it up, audited, so the key is free for the new topic.
 */
async function claimHotkey(db: Kysely<Schema>, input: EntryInput & { kind: 'topic' }, topics: CatalogEntryByKind['topic'][], audit: AuditEntry[]) {
  if (input.hotkey === null) return;
  const self = topics.find((t) => t.id === input.id);
  if (self?.retired && self.hotkey !== input.hotkey) throw invalidField('hotkey', 'a retired topic gets no hotkey; reactivate it first');
  const holder = topics.find((t) => t.id !== input.id && t.hotkey?.toLowerCase() === input.hotkey);
  if (!holder) return;
  if (!holder.retired) throw invalidField('hotkey', `"${input.hotkey.toUpperCase()}" is already the hotkey of "${holder.labelDe}"`);
  await db.updateTable('topics').set({ hotkey: null }).where('id', '=', holder.id).execute();
  audit.push({ action: 'amend', entity: 'topic', entityId: holder.id, field: 'hotkey', oldValue: holder.hotkey, newValue: null });
}

/**
 * Adds a catalog entry at the end of its list, or changes one in full. Refused without a change:
 * a name an active entry of the kind already has (ignoring case), a hotkey of another active
 * topic, an entry that was merged away, a topic group's topic that another active group holds
 * (topic-group-members.ts). Each changed field is audited (old → new).
 */
export async function saveCatalogEntry(ctx: CoreContext, given: EntryInput): Promise<SavedCatalogEntry> {
  const kind: CatalogKind = given.kind;
  const entity = CATALOG_AUDIT_ENTITIES[kind];
  const saved = await writeTransaction(ctx.db, async (trx) => {
    const entries: AnyEntry[] = await readEntries(trx, kind);
    const before = given.id === undefined ? undefined : findEntry(entries, given.id, kind, 'id');
    if (before?.mergedInto != null) throw new ApiError('conflict', `this ${kind} was merged into #${before.mergedInto}`, 'id');
    assertNamesFree(given, entries);
    const groups = entries as CatalogEntryByKind['topicGroup'][];
    // A group's topics in catalog order, as stored: the same set given in another order is no change.
    const input: EntryInput =
      given.kind === 'topicGroup'
        ? { ...given, topicIds: checkedMembers(given.topicIds, { id: given.id, retired: before?.retired ?? false }, await readEntries(trx, 'topic'), groups) }
        : given;
    const audit: AuditEntry[] = [];
    if (input.kind === 'topic') await claimHotkey(trx, input, entries as CatalogEntryByKind['topic'][], audit);

    const table = CATALOG_TABLES[kind];
    let id: number;
    if (before === undefined) {
      const position = Math.max(0, ...entries.map((e) => e.position)) + 1;
      ({ id } = await trx
        .insertInto(table)
        .values({ ...columnsOf(input), position } as never)
        .returning('id')
        .executeTakeFirstOrThrow());
      for (const field of EDITABLE_FIELDS[kind]) audit.push({ action: 'create', entity, entityId: id, field, newValue: fieldOf(input, field) });
      audit.push({ action: 'create', entity, entityId: id, field: 'position', newValue: position });
    } else {
      id = before.id;
      const changed = (EDITABLE_FIELDS[kind] as readonly string[]).filter((field) => !same(fieldOf(before, field), fieldOf(input, field)));
      if (changed.length > 0)
        await trx
          .updateTable(table)
          .set(columnsOf(input) as never)
          .where('id', '=', id)
          .execute();
      for (const field of changed) {
        audit.push({
          action: 'amend',
          entity,
          entityId: id,
          field,
          oldValue: fieldOf(before, field),
          newValue: fieldOf(input, field),
        });
      }
    }
    if (input.kind === 'topicGroup') await writeMembers(trx, id, (before as CatalogEntryByKind['topicGroup'] | undefined)?.topicIds ?? [], input.topicIds);
    await writeAudit(trx, ctx.now(), audit);
    return { kind, entry: findEntry(await readEntries(trx, kind), id, kind, 'id') } as SavedCatalogEntry;
  });
  ctx.catalog.invalidate();
  return saved;
}
