import type { Kysely, Selectable } from 'kysely';
import { resolveFilters } from '../analysis/check-filters';
import { writeAudit } from '../audit/write-audit';
import { ApiError, invalidField } from '../base/errors';
import type { CoreContext } from '../context';
import type { SavedViewTable, Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import type { DeleteSavedViewInput, SaveSavedViewInput } from './view-inputs';
import { MAX_SAVED_VIEWS, type SavedView } from './view-types';

/**
 * How names are compared: two views may not differ only in case ("Monatsbericht" and
 * "monatsbericht" would be one name in a list and on the command line). Done here rather than with
 * SQL `lower()`, which SQLite applies to ASCII only and PostgreSQL by its collation.
 */
export const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

const viewOf = (r: Selectable<SavedViewTable>): SavedView => ({
  id: Number(r.id),
  name: r.name,
  period: JSON.parse(r.period),
  filters: JSON.parse(r.filters),
  sections: JSON.parse(r.sections),
  publication: Number(r.publication) === 1,
  publicationMethod: r.publication_method === 'suppression' ? 'suppression' : 'cellKey',
  topicGroups: Number(r.topic_groups) === 1,
  createdAt: new Date(Number(r.created_at)).toISOString(),
  updatedAt: new Date(Number(r.updated_at)).toISOString(),
});

/** What the audit trail keeps of a view: everything but its times (core/audit/audit-values.ts shows it in words). */
const audited = (v: Pick<SavedView, 'name' | 'period' | 'filters' | 'sections' | 'publication' | 'publicationMethod' | 'topicGroups'>) => ({
  name: v.name,
  period: v.period,
  filters: v.filters,
  sections: v.sections,
  publication: v.publication,
  publicationMethod: v.publicationMethod,
  topicGroups: v.topicGroups,
});

/** Every saved view, ordered by name as people read it (ignoring case), then by id. */
export async function listSavedViews(db: Kysely<Schema>): Promise<SavedView[]> {
  const rows = await db.selectFrom('saved_views').selectAll().execute();
  return rows.map(viewOf).sort((a, b) => a.name.localeCompare(b.name, 'de', { sensitivity: 'base' }) || a.name.localeCompare(b.name) || a.id - b.id);
}

/** The view of this name (ignoring case), or undefined: how `npm run report -- --view NAME` finds it. */
export async function findSavedView(db: Kysely<Schema>, name: string): Promise<SavedView | undefined> {
  const row = await db.selectFrom('saved_views').selectAll().where('name_key', '=', nameKey(name.trim())).executeTakeFirst();
  return row ? viewOf(row) : undefined;
}

/**
 * Creates a view (no id) or changes one in full, its name included; audited in the same transaction.
 * Filters naming an unknown catalog entry are refused (field `filters.<i>.values.<j>`), so a view
 * never stores an id no report can resolve. Saving a view unchanged writes nothing.
 */
export async function saveSavedView(ctx: CoreContext, input: SaveSavedViewInput): Promise<SavedView> {
  resolveFilters(await ctx.catalog.catalog(), input.filters);
  const key = nameKey(input.name);
  return writeTransaction(ctx.db, async (db) => {
    const before = input.id === undefined ? undefined : await db.selectFrom('saved_views').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (input.id !== undefined && !before) throw new ApiError('not_found', `no saved view with id ${input.id}`, 'id');
    const clash = await db.selectFrom('saved_views').select(['id', 'name']).where('name_key', '=', key).executeTakeFirst();
    if (clash && Number(clash.id) !== input.id) throw invalidField('name', `a saved view is already called "${clash.name}"`);
    const now = ctx.now();
    const fields = {
      name: input.name,
      name_key: key,
      period: JSON.stringify(input.period),
      filters: JSON.stringify(input.filters),
      sections: JSON.stringify(input.sections),
      publication: input.publication ? 1 : 0,
      publication_method: input.publicationMethod,
      topic_groups: input.topicGroups ? 1 : 0,
    };
    if (!before) {
      const { n } = await db
        .selectFrom('saved_views')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_SAVED_VIEWS) throw new ApiError('conflict', `at most ${MAX_SAVED_VIEWS} views can be saved; delete old ones first`);
      const row = await db
        .insertInto('saved_views')
        .values({ ...fields, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      const view = viewOf(row);
      await writeAudit(db, now, [{ action: 'create', entity: 'saved_view', entityId: view.id, newValue: audited(view) }]);
      return view;
    }
    const old = viewOf(before);
    if (JSON.stringify(audited(old)) === JSON.stringify(audited(input))) return old;
    const row = await db
      .updateTable('saved_views')
      .set({ ...fields, updated_at: now })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(db, now, [{ action: 'amend', entity: 'saved_view', entityId: old.id, oldValue: audited(old), newValue: audited(input) }]);
    return viewOf(row);
  });
}

/** Deletes a view no mail schedule sends; the audit trail keeps what it was. */
export async function deleteSavedView(ctx: CoreContext, { id }: DeleteSavedViewInput): Promise<SavedView> {
  return writeTransaction(ctx.db, async (db) => {
    const before = await db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new ApiError('not_found', `no saved view with id ${id}`, 'id');
    // A schedule sending this view would fail every month from now on; its owner chooses another view first.
    const sender = await db.selectFrom('mail_schedules').select('name').where('view_id', '=', id).orderBy('name').executeTakeFirst();
    if (sender)
      throw new ApiError('conflict', `the mail schedule "${sender.name}" sends this view; choose another view there or delete that schedule first`, 'id');
    await db.deleteFrom('saved_views').where('id', '=', id).execute();
    const view = viewOf(before);
    await writeAudit(db, ctx.now(), [{ action: 'delete', entity: 'saved_view', entityId: id, oldValue: audited(view) }]);
    return view;
  });
}
