import { sql, type Kysely } from 'kysely';
import type { RetireThemeDayInput, SaveThemeDayInput } from './theme-day-inputs';
import { ApiError } from '../base/errors';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import { writeAudit } from '../audit/write-audit';
import { rebuildThemeRollup } from '../rollups/theme-rollup';
import { themeDayIdSql } from './theme-day-at';
import type { ThemeDayChange } from './theme-day-types';
import { readThemeDay } from './read-theme-days';
import { writeTransaction } from '../db/write-transaction';

/** Thrown to roll back a dry run after counting. */
class DryRun extends Error {
  constructor(readonly change: ThemeDayChange) {
    super('dry run');
  }
}

/**
 * Re-attributes every stored contact to the theme day the calendar now gives it, keeps the
 * rollup in step, and returns how many contacts changed attribution.
 */
async function reattribute(db: Kysely<Schema>): Promise<number> {
  const differs = sql`coalesce(c.theme_day_id, 0) <> coalesce(${themeDayIdSql}, 0)`;
  // Voided contacts follow the calendar too, but only counting ones are worth telling the user about.
  const changed = await sql<{ n: number }>`select count(*) as n from contacts c where ${differs} and c.voided_at is null`.execute(db);
  const n = Number(changed.rows[0]?.n ?? 0);
  await sql`update contacts as c set theme_day_id = ${themeDayIdSql} where ${differs}`.execute(db);
  if (n > 0) await rebuildThemeRollup(db);
  return n;
}

/**
 * Runs a calendar change with re-attribution in one transaction; a dry run counts and rolls back.
 * `apply` writes no audit row in a dry run and takes no id from a sequence: a PostgreSQL sequence
 * moves on even when its transaction rolls back, and a dry run must leave the database as it was.
 */
async function changeCalendar(ctx: CoreContext, dryRun: boolean, apply: (db: Kysely<Schema>) => Promise<number>): Promise<ThemeDayChange> {
  try {
    const change = await writeTransaction(ctx.db, async (trx) => {
      const id = await apply(trx);
      const result: ThemeDayChange = { themeDay: await readThemeDay(trx, id), reattributed: await reattribute(trx), dryRun };
      if (dryRun) throw new DryRun(result);
      return result;
    });
    ctx.catalog.invalidate();
    return change;
  } catch (err) {
    if (err instanceof DryRun) return err.change;
    throw err;
  }
}

export async function saveThemeDay(ctx: CoreContext, { themeDay: t, dryRun }: SaveThemeDayInput): Promise<ThemeDayChange> {
  const { active } = await ctx.catalog.snapshot();
  if (t.organisationId !== null && !active.organisations.has(t.organisationId)) {
    throw new ApiError('invalid_input', `${t.organisationId} is not an active catalog entry`, 'themeDay.organisationId');
  }
  const row = {
    title: t.title,
    organisation_id: t.organisationId,
    kind: t.kind,
    day: t.kind === 'single' ? t.day! : null,
    weekday: t.kind === 'weekly' ? t.weekday! : null,
    start_hour: t.startHour,
    end_hour: t.endHour,
    valid_from: t.kind === 'weekly' ? (t.validFrom ?? null) : null,
    valid_to: t.kind === 'weekly' ? (t.validTo ?? null) : null,
  };
  return changeCalendar(ctx, dryRun, async (db) => {
    if (t.id === undefined) {
      if (dryRun) {
        // Newer than every stored theme day, as the real save's id will be (the older entry wins a tie).
        const { last } = await db
          .selectFrom('theme_days')
          .select((eb) => eb.fn.max('id').as('last'))
          .executeTakeFirstOrThrow();
        const id = Number(last ?? 0) + 1;
        await db
          .insertInto('theme_days')
          .values({ id, ...row })
          .execute();
        return id;
      }
      const { id } = await db.insertInto('theme_days').values(row).returning('id').executeTakeFirstOrThrow();
      await writeAudit(db, ctx.now(), [{ action: 'create', entity: 'theme_day', entityId: id, newValue: row }]);
      return id;
    }
    const before = await db.selectFrom('theme_days').selectAll().where('id', '=', t.id).executeTakeFirst();
    if (!before) throw new ApiError('not_found', `no theme day with id ${t.id}`, 'themeDay.id');
    if (before.retired_at !== null) throw new ApiError('conflict', 'this theme day is retired', 'themeDay.id');
    await db.updateTable('theme_days').set(row).where('id', '=', t.id).execute();
    const { id: _id, retired_at: _r, ...old } = before;
    if (!dryRun) await writeAudit(db, ctx.now(), [{ action: 'amend', entity: 'theme_day', entityId: t.id, oldValue: old, newValue: row }]);
    return t.id;
  });
}

export async function retireThemeDay(ctx: CoreContext, { id, dryRun }: RetireThemeDayInput): Promise<ThemeDayChange> {
  return changeCalendar(ctx, dryRun, async (db) => {
    const before = await db.selectFrom('theme_days').select(['id', 'retired_at']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new ApiError('not_found', `no theme day with id ${id}`, 'id');
    if (before.retired_at !== null) throw new ApiError('conflict', 'this theme day is already retired', 'id');
    await db.updateTable('theme_days').set({ retired_at: ctx.now() }).where('id', '=', id).execute();
    if (!dryRun) await writeAudit(db, ctx.now(), [{ action: 'void', entity: 'theme_day', entityId: id }]);
    return id;
  });
}
