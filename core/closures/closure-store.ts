import type { Kysely, Selectable } from 'kysely';
import type { ClosureInput, DeleteClosureInput, ListClosuresInput } from './closure-inputs';
import { ApiError } from '../base/errors';
import { writeAudit } from '../audit/write-audit';
import type { CoreContext } from '../context';
import type { ClosureTable, Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { localParts } from '../time/local-parts';
import { austrianHolidays } from './austrian-holidays';
import { MAX_CLOSURES, type Closure, type ClosureList } from './closure-types';

const closureView = (r: Selectable<ClosureTable>): Closure => ({ id: r.id, from: r.first_day, to: r.last_day, note: r.note, kind: r.kind });

/** Every entry of the site's closure calendar, oldest first. */
export async function readClosures(db: Kysely<Schema>): Promise<Closure[]> {
  return (await db.selectFrom('closures').selectAll().orderBy('first_day').orderBy('id').execute()).map(closureView);
}

/**
 * How an entry is audited: its days as one range (shown "24.12.2025 – 06.01.2026"), its note, and
 * whether it marks days the site opened on.
 */
const audited = (c: Pick<Closure, 'from' | 'to' | 'note' | 'kind'>) => ({ days: { from: c.from, to: c.to }, note: c.note, openAnyway: c.kind === 'open' });

/** The public holidays of a year (this year by default) and every own entry, for the management area. */
export async function listClosures(ctx: CoreContext, { year }: ListClosuresInput): Promise<ClosureList> {
  const { settings } = await ctx.catalog.catalog();
  const shown = year ?? Number(localParts(ctx.now(), settings.timeZone).day.slice(0, 4));
  const closures = await readClosures(ctx.db);
  const opened = closures.filter((c) => c.kind === 'open');
  return {
    year: shown,
    holidays: austrianHolidays(shown).map((h) => ({ ...h, openedBy: opened.find((c) => c.from <= h.day && h.day <= c.to)?.id ?? null })),
    closures: [...closures].sort((a, b) => b.from.localeCompare(a.from) || b.id - a.id),
  };
}

/** Adds an entry (no id) or changes one in full; audited in the same transaction. */
export async function saveClosure(ctx: CoreContext, input: ClosureInput): Promise<Closure> {
  const row = { first_day: input.from, last_day: input.to, note: input.note, kind: input.kind };
  return writeTransaction(ctx.db, async (db) => {
    if (input.id === undefined) {
      const { n } = await db
        .selectFrom('closures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_CLOSURES) throw new ApiError('conflict', `the closure calendar holds at most ${MAX_CLOSURES} entries; delete old ones first`);
      const { id } = await db.insertInto('closures').values(row).returning('id').executeTakeFirstOrThrow();
      await writeAudit(db, ctx.now(), [{ action: 'create', entity: 'closure', entityId: id, newValue: audited(input) }]);
      return { id, from: input.from, to: input.to, note: input.note, kind: input.kind };
    }
    const before = await db.selectFrom('closures').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new ApiError('not_found', `no closure with id ${input.id}`, 'id');
    await db.updateTable('closures').set(row).where('id', '=', input.id).execute();
    await writeAudit(db, ctx.now(), [
      { action: 'amend', entity: 'closure', entityId: input.id, oldValue: audited(closureView(before)), newValue: audited(input) },
    ]);
    return { id: input.id, from: input.from, to: input.to, note: input.note, kind: input.kind };
  });
}

/** Deletes an entry: closures are calendar settings, not history; the audit trail keeps what it was. */
export async function deleteClosure(ctx: CoreContext, { id }: DeleteClosureInput): Promise<Closure> {
  return writeTransaction(ctx.db, async (db) => {
    const before = await db.selectFrom('closures').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new ApiError('not_found', `no closure with id ${id}`, 'id');
    await db.deleteFrom('closures').where('id', '=', id).execute();
    const closure = closureView(before);
    await writeAudit(db, ctx.now(), [{ action: 'delete', entity: 'closure', entityId: id, oldValue: audited(closure) }]);
    return closure;
  });
}
