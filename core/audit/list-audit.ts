import type { Kysely } from 'kysely';
import type { ListAuditInput } from './audit-inputs';
import { ApiError } from '../base/errors';
import type { AuditEntry } from './write-audit';
import type { CoreContext } from '../context';
import { readByIds } from '../db/id-chunks';
import type { Schema } from '../db/schema';
import { instantOfLocal, localParts, localTimeLabel } from '../time/local-parts';
import { CATALOG_ENTITIES, type AuditEntity, type AuditFilter, type AuditItem, type AuditPage, type BilingualLabel } from './audit-types';
import { auditChanges, auditLabels, type AuditLabels } from './audit-values';

/** Fails to compile when a change is audited under an entity the view cannot filter by. */
type Listed<E extends AuditEntity> = E;
export type AuditedEntity = Listed<AuditEntry['entity']>;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The UTC instants `[start, end)` of a local calendar day: 23 or 25 hours long on a DST change. */
export function utcRangeOfDay(day: string, timeZone: string): { start: number; end: number } {
  return { start: instantOfLocal(day, 0, 0, timeZone), end: instantOfLocal(nextDay(day), 0, 0, timeZone) };
}

const entitiesOf = (filter: AuditFilter | undefined): readonly string[] | null =>
  filter === undefined ? null : filter === 'catalog' ? CATALOG_ENTITIES : [filter];

const decode = (json: string | null): unknown => (json === null ? undefined : JSON.parse(json));

/** When and how the contacts of a page were entered: back-dated and batch entries are marked in the view. */
async function contactsOf(db: Kysely<Schema>, ids: number[], timeZone: string) {
  if (ids.length === 0) return new Map<number, AuditItem['contact']>();
  const rows = await readByIds(ids, (chunk) => db.selectFrom('contacts').select(['id', 'occurred_at', 'entry_kind']).where('id', 'in', chunk).execute());
  return new Map(
    rows.map((r) => {
      const p = localParts(Number(r.occurred_at), timeZone);
      return [r.id, { day: p.day, time: localTimeLabel(p), entryKind: r.entry_kind }];
    }),
  );
}

/** Imported files by name: what staff recognise an import by. */
async function importNames(db: Kysely<Schema>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await readByIds(ids, (chunk) => db.selectFrom('imports').select(['id', 'file_name']).where('id', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.id, r.file_name]));
}

/** Paired devices by name (core/devices): what management recognises a device by. */
async function deviceNames(db: Kysely<Schema>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await readByIds(ids, (chunk) => db.selectFrom('devices').select(['id', 'name']).where('id', 'in', chunk).execute());
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** Saved report views by their current name (core/views); a deleted one is named by its entry. */
async function viewNames(db: Kysely<Schema>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await readByIds(ids, (chunk) => db.selectFrom('saved_views').select(['id', 'name']).where('id', 'in', chunk).execute());
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** Report mail schedules by their current name (core/mail); a deleted one is named by its entry. */
async function scheduleNames(db: Kysely<Schema>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await readByIds(ids, (chunk) => db.selectFrom('mail_schedules').select(['id', 'name']).where('id', 'in', chunk).execute());
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

function entityLabel(
  labels: AuditLabels,
  named: { import: Map<number, string>; device: Map<number, string>; saved_view: Map<number, string>; mail_schedule: Map<number, string> },
  entity: string,
  id: number,
): BilingualLabel | null {
  switch (entity) {
    case 'topic':
    case 'organisation':
    case 'language':
    case 'desk':
    case 'topic_group':
    case 'theme_day':
      return labels[entity].get(id) ?? null;
    case 'import':
    case 'device':
    case 'saved_view':
    case 'mail_schedule': {
      const name = named[entity].get(id);
      return name === undefined ? null : { de: name, en: name };
    }
    default:
      return null;
  }
}

/**
 * One local day of the audit trail, newest first, optionally of one kind of entity, in pages.
 * Reads through the index on `at`: the day is a UTC range, and the page continues after the
 * entry named by `before` (same instant: lower id).
 */
export async function listAudit(ctx: CoreContext, input: ListAuditInput): Promise<AuditPage> {
  const catalog = await ctx.catalog.catalog();
  const { timeZone } = catalog.settings;
  const day = input.day ?? localParts(ctx.now(), timeZone).day;
  const { start, end } = utcRangeOfDay(day, timeZone);
  const entities = entitiesOf(input.entity);

  const ofDay = ctx.db.selectFrom('audit_log').where('at', '>=', start).where('at', '<', end);
  const countRows = await ofDay
    .select(['entity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('entity')
    .execute();
  const counts = Object.fromEntries(countRows.map((r) => [r.entity, Number(r.n)]));
  const total = countRows.filter((r) => !entities || entities.includes(r.entity)).reduce((sum, r) => sum + Number(r.n), 0);

  let page = ofDay.selectAll();
  if (entities) page = page.where('entity', 'in', entities);
  if (input.before !== undefined) {
    const cursor = await ctx.db.selectFrom('audit_log').select('at').where('id', '=', input.before).executeTakeFirst();
    if (!cursor) throw new ApiError('not_found', `no audit entry with id ${input.before}`, 'before');
    const at = Number(cursor.at);
    page = page.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', input.before!)])]));
  }
  const rows = await page
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;

  const labels = auditLabels(catalog);
  const idsOf = (entity: string) => [...new Set(shown.filter((r) => r.entity === entity).map((r) => r.entity_id))];
  const [contacts, imports, devices, views, schedules] = await Promise.all([
    contactsOf(ctx.db, idsOf('contact'), timeZone),
    importNames(ctx.db, idsOf('import')),
    deviceNames(ctx.db, idsOf('device')),
    viewNames(ctx.db, idsOf('saved_view')),
    scheduleNames(ctx.db, idsOf('mail_schedule')),
  ]);
  const entries = shown.map((r): AuditItem => {
    const at = Number(r.at);
    return {
      id: r.id,
      at: new Date(at).toISOString(),
      time: localTimeLabel(localParts(at, timeZone)),
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      entityLabel: entityLabel(labels, { import: imports, device: devices, saved_view: views, mail_schedule: schedules }, r.entity, r.entity_id),
      contact: r.entity === 'contact' ? (contacts.get(r.entity_id) ?? null) : null,
      changes: auditChanges(labels, r.entity, r.field, decode(r.old_value), decode(r.new_value)),
    };
  });
  return { day, timeZone, entries, counts, total, nextBefore: more ? shown[shown.length - 1]!.id : null };
}
