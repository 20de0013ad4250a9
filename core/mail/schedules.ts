import type { Kysely, Selectable } from 'kysely';
import { writeAudit } from '../audit/write-audit';
import { ApiError, invalidField } from '../base/errors';
import type { CoreContext } from '../context';
import type { MailScheduleTable, Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { localParts } from '../time/local-parts';
import { duePeriods, upcomingPeriod, type DuePeriod } from './due-periods';
import { MAIL_FORMATS, MAIL_RULES, type MailFormat, type MailRule, type SaveMailScheduleInput } from './mail-inputs';
import type { MailSchedule } from './mail-types';

/** The most schedules a site keeps: a handful in practice; the limit keeps the per-minute check cheap. */
export const MAX_MAIL_SCHEDULES = 50;

/** Names are compared ignoring case, so `npm run report -- --mail NAME` finds exactly one. */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

const ruleOf = (s: string): MailRule => ((MAIL_RULES as readonly string[]).includes(s) ? (s as MailRule) : 'lastMonth');
const formatsOf = (s: string): MailFormat[] => (JSON.parse(s) as string[]).filter((f): f is MailFormat => (MAIL_FORMATS as readonly string[]).includes(f));

/** A schedule as stored, before its next period is known; `dueFromMs`: when its periods count from (migration 0015). */
export type StoredSchedule = Omit<MailSchedule, 'next'> & { dueFromMs: number };

export const storedSchedule = (r: Selectable<MailScheduleTable>): StoredSchedule => ({
  id: Number(r.id),
  name: r.name,
  recipients: JSON.parse(r.recipients) as string[],
  rule: ruleOf(r.rule),
  viewId: r.view_id === null ? null : Number(r.view_id),
  publication: Number(r.publication) === 1,
  publicationMethod: r.publication_method === 'suppression' ? 'suppression' : 'cellKey',
  formats: formatsOf(r.formats),
  language: r.language === 'en' ? 'en' : 'de',
  enabled: Number(r.enabled) === 1,
  createdAt: new Date(Number(r.created_at)).toISOString(),
  updatedAt: new Date(Number(r.updated_at)).toISOString(),
  dueFromMs: Number(r.due_from ?? r.created_at),
});

/** The site's local day of an instant (core/time): schedules fall due by the wall clock of the site. */
export async function localDay(ctx: CoreContext, at: number): Promise<string> {
  const { timeZone } = (await ctx.catalog.catalog()).settings;
  return localParts(at, timeZone).day;
}

/**
 * The periods of a schedule due today, oldest first (catch-up included), from the local day it counts
 * from: its creation, or its last switch-on after a pause or change of rule.
 */
export async function duePeriodsOf(ctx: CoreContext, schedule: StoredSchedule, today: string): Promise<DuePeriod[]> {
  return duePeriods(schedule.rule, await localDay(ctx, schedule.dueFromMs), today);
}

/** Adds `next`: the oldest due period not yet sent, or the one that falls due next. */
async function withNext(ctx: CoreContext, schedules: StoredSchedule[]): Promise<MailSchedule[]> {
  const today = await localDay(ctx, ctx.now());
  const sent = await ctx.db.selectFrom('mail_deliveries').select(['schedule_id', 'period_from', 'period_to']).where('state', '=', 'sent').execute();
  const done = new Set(sent.map((r) => `${Number(r.schedule_id)}/${r.period_from}/${r.period_to}`));
  const result: MailSchedule[] = [];
  for (const stored of schedules) {
    const { dueFromMs: _, ...schedule } = stored;
    const open = (await duePeriodsOf(ctx, stored, today)).find((p) => !done.has(`${schedule.id}/${p.from}/${p.to}`));
    result.push({ ...schedule, next: open ?? upcomingPeriod(schedule.rule, today) });
  }
  return result;
}

export async function storedSchedules(db: Kysely<Schema>): Promise<StoredSchedule[]> {
  const rows = await db.selectFrom('mail_schedules').selectAll().execute();
  return rows.map(storedSchedule).sort((a, b) => a.name.localeCompare(b.name, 'de', { sensitivity: 'base' }) || a.id - b.id);
}

export async function listMailSchedules(ctx: CoreContext): Promise<MailSchedule[]> {
  return withNext(ctx, await storedSchedules(ctx.db));
}

/** The schedule of this id, or (for the command line) of this name ignoring case; undefined if none. */
export async function findMailSchedule(ctx: CoreContext, idOrName: string | number): Promise<MailSchedule | undefined> {
  const all = await storedSchedules(ctx.db);
  const found =
    typeof idOrName === 'number'
      ? all.find((s) => s.id === idOrName)
      : (all.find((s) => nameKey(s.name) === nameKey(idOrName.trim())) ??
        (/^\d+$/.test(idOrName.trim()) ? all.find((s) => s.id === Number(idOrName)) : undefined));
  return found ? (await withNext(ctx, [found]))[0] : undefined;
}

/**
 * What the audit trail keeps of a schedule. The recipients are named only when it sends figures
 * without publication mode (the issue asks that whoever receives unpublished figures can be looked up);
 * otherwise their number, since addresses are personal data the trail does not need.
 */
const audited = (s: Omit<SaveMailScheduleInput, 'id' | 'unpublishedConfirmed'>) => ({
  name: s.name,
  rule: s.rule,
  viewId: s.viewId,
  publication: s.publication,
  publicationMethod: s.publicationMethod,
  formats: s.formats,
  language: s.language,
  enabled: s.enabled,
  ...(s.publication ? { recipientCount: s.recipients.length } : { recipients: s.recipients }),
});

/** Bad schedules refused with the field named, before anything is written. */
async function checkSchedule(db: Kysely<Schema>, input: SaveMailScheduleInput): Promise<void> {
  const seen = new Map<string, number>();
  input.recipients.forEach((address, i) => {
    const key = address.toLowerCase();
    if (seen.has(key)) throw invalidField(`recipients.${i}`, `${address} is already recipient ${seen.get(key)! + 1}`);
    seen.set(key, i);
  });
  if (new Set(input.formats).size !== input.formats.length) throw invalidField('formats', 'each format at most once');
  if (input.viewId !== null) {
    const view = await db.selectFrom('saved_views').select('id').where('id', '=', input.viewId).executeTakeFirst();
    if (!view) throw invalidField('viewId', `no saved view with id ${input.viewId}`);
  }
}

/**
 * Creates a schedule (no id) or changes one in full; audited in the same transaction. Saving one
 * unchanged writes nothing. Its delivery log stays as it is: a period already sent is not sent again
 * after a change, and a renamed schedule's earlier sends keep the name they went out under. Switched
 * on again after a pause, or given another rule, it starts with the next period due from then on.
 */
export async function saveMailSchedule(ctx: CoreContext, input: SaveMailScheduleInput): Promise<MailSchedule> {
  const saved = await writeTransaction(ctx.db, async (db) => {
    await checkSchedule(db, input);
    const before = input.id === undefined ? undefined : await db.selectFrom('mail_schedules').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (input.id !== undefined && !before) throw new ApiError('not_found', `no mail schedule with id ${input.id}`, 'id');
    const others = await db.selectFrom('mail_schedules').select(['id', 'name']).execute();
    const clash = others.find((o) => Number(o.id) !== input.id && nameKey(o.name) === nameKey(input.name));
    if (clash) throw invalidField('name', `a schedule is already called "${clash.name}"`);
    const now = ctx.now();
    const fields = {
      name: input.name,
      recipients: JSON.stringify(input.recipients),
      rule: input.rule,
      view_id: input.viewId,
      publication: input.publication ? 1 : 0,
      publication_method: input.publicationMethod,
      formats: JSON.stringify(input.formats),
      language: input.language,
      enabled: input.enabled ? 1 : 0,
    };
    if (!before) {
      if (others.length >= MAX_MAIL_SCHEDULES) throw new ApiError('conflict', `at most ${MAX_MAIL_SCHEDULES} schedules; delete old ones first`);
      const row = await db
        .insertInto('mail_schedules')
        .values({ ...fields, due_from: now, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      const schedule = storedSchedule(row);
      await writeAudit(db, now, [{ action: 'create', entity: 'mail_schedule', entityId: schedule.id, newValue: audited(schedule) }]);
      return schedule;
    }
    const old = storedSchedule(before);
    if (JSON.stringify([audited(old), old.recipients]) === JSON.stringify([audited(input), input.recipients])) return old;
    // Switched on again, or given another rule: what fell due before is not caught up.
    const restarts = (input.enabled && !old.enabled) || input.rule !== old.rule;
    const row = await db
      .updateTable('mail_schedules')
      .set({ ...fields, ...(restarts && { due_from: now }), updated_at: now })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(db, now, [{ action: 'amend', entity: 'mail_schedule', entityId: old.id, oldValue: audited(old), newValue: audited(input) }]);
    return storedSchedule(row);
  });
  return (await withNext(ctx, [saved]))[0]!;
}

/** Deletes a schedule; the audit trail keeps what it was, and its delivery log rows stay (they are the record of what went out). */
export async function deleteMailSchedule(ctx: CoreContext, { id }: { id: number }): Promise<MailSchedule> {
  const deleted = await writeTransaction(ctx.db, async (db) => {
    const before = await db.selectFrom('mail_schedules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new ApiError('not_found', `no mail schedule with id ${id}`, 'id');
    await db.deleteFrom('mail_schedules').where('id', '=', id).execute();
    const schedule = storedSchedule(before);
    await writeAudit(db, ctx.now(), [{ action: 'delete', entity: 'mail_schedule', entityId: id, oldValue: audited(schedule) }]);
    return schedule;
  });
  return (await withNext(ctx, [deleted]))[0]!;
}
