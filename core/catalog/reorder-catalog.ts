import type { ReorderInput } from './catalog-inputs';
import { invalidField } from '../base/errors';
import { writeAudit, type AuditEntry } from '../audit/write-audit';
import type { CoreContext } from '../context';
import { CATALOG_AUDIT_ENTITIES, CATALOG_TABLES, type CatalogKind } from './catalog-references';
import { readEntries } from './catalog-store';
import { writeTransaction } from '../db/write-transaction';

/**
 * Puts the entries of a kind in the given order (positions 1…n); the desk shows them so. The list
 * must name every entry of the kind, retired ones too, so two editors cannot interleave half
 * lists. Each moved entry is audited with its old and new position.
 */
export async function reorderCatalog(ctx: CoreContext, { kind, ids }: ReorderInput): Promise<{ kind: CatalogKind; ids: number[] }> {
  const result = await writeTransaction(ctx.db, async (trx) => {
    const entries = await readEntries(trx, kind);
    const known = new Set(entries.map((e) => e.id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw invalidField(`ids.${unknown}`, `no ${kind} with id ${ids[unknown]}`);
    const missing = entries.filter((e) => !ids.includes(e.id)).map((e) => e.id);
    if (missing.length > 0) throw invalidField('ids', `must list every ${kind}; missing ${missing.join(', ')}`);

    const audit: AuditEntry[] = [];
    const position = new Map(entries.map((e) => [e.id, e.position]));
    for (const [i, id] of ids.entries()) {
      if (position.get(id) === i + 1) continue;
      await trx
        .updateTable(CATALOG_TABLES[kind])
        .set({ position: i + 1 })
        .where('id', '=', id)
        .execute();
      audit.push({ action: 'amend', entity: CATALOG_AUDIT_ENTITIES[kind], entityId: id, field: 'position', oldValue: position.get(id), newValue: i + 1 });
    }
    await writeAudit(trx, ctx.now(), audit);
    return { kind, ids: (await readEntries(trx, kind)).map((e) => e.id) };
  });
  ctx.catalog.invalidate();
  return result;
}
