import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ImportInput } from './import-inputs';
import { invalidField } from '../base/errors';
import type { Catalog } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import { localParts } from '../time/local-parts';
import { detectLayout, type Layout } from './detect-layout';
import { MAX_LISTED_ERRORS, type ImportPreview, type ImportRowError, type MonthTopicTotal, type NameMapping } from './import-types';
import { readSheet } from './read-sheet';
import { recordedMonths } from './recorded-months';
import { NameResolver } from './resolve-names';
import { FileProblem, type Sheet } from './sheet';
import { timeSlice, type TimeSlice } from './time-slice';
import { validateContactRows, validateMonthlyRows, type ContactRecord, type MonthlyRecord, type ValidatedRows } from './validate-rows';

/** A preview and the rows it would write: what `commitImport` writes after checking the preview once more. */
export interface ImportPlan {
  preview: ImportPreview;
  contacts: ContactRecord[];
  monthly: MonthlyRecord[];
  /** The catalog the rows were checked against. */
  catalog: Catalog;
}

const SAMPLE_ROWS = 5;
const SAMPLE_CELLS = 12;
const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** The file's SHA-256, a megabyte at a time (see time-slice.ts). */
async function sha256Of(bytes: Buffer, slice: TimeSlice): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += 1024 * 1024) {
    hash.update(bytes.subarray(at, at + 1024 * 1024));
    if (slice.due()) await slice.pause();
  }
  return hash.digest('hex');
}

/** Only the last part of a path: a browser sends a bare name, a command line may send a path. */
const baseName = (fileName: string) => fileName.split(/[\\/]/).pop()!.slice(0, 200);

function assertMappingTargets(mapping: readonly NameMapping[], resolver: NameResolver) {
  mapping.forEach((m, i) => {
    if (!resolver.exists(m.kind, m.targetId)) throw invalidField(`mapping.${i}.targetId`, `no ${m.kind} with id ${m.targetId}`);
  });
}

/** The file as stored in `imports`, if these bytes were imported before. */
export async function previousImport(db: Kysely<Schema>, sha256: string): Promise<ImportPreview['duplicateOf']> {
  const row = await db.selectFrom('imports').select(['id', 'file_name', 'imported_at']).where('sha256', '=', sha256).executeTakeFirst();
  return row ? { importId: row.id, fileName: row.file_name, importedAt: new Date(Number(row.imported_at)).toISOString() } : null;
}

/** Monthly counts whose month and topic an earlier file already brought in: importing them again would count them twice. */
export async function alreadyImported(db: Kysely<Schema>, records: readonly MonthlyRecord[]): Promise<ImportRowError[]> {
  if (records.length === 0) return [];
  const months = records.map((r) => r.month).sort();
  const rows = await db
    .selectFrom('imported_monthly')
    .innerJoin('imports', 'imports.id', 'imported_monthly.import_id')
    .select(['imported_monthly.month', 'imported_monthly.topic_id', 'imports.file_name'])
    .where('imported_monthly.month', '>=', months[0]!)
    .where('imported_monthly.month', '<=', months.at(-1)!)
    .execute();
  const taken = new Map(rows.map((r) => [`${r.month}|${r.topic_id}`, r.file_name]));
  return records.flatMap((r) => {
    const file = taken.get(`${r.month}|${r.topicId}`);
    return file === undefined
      ? []
      : [
          {
            line: r.line,
            field: '(row)',
            code: 'already_imported' as const,
            reason: `this month and topic were already imported from "${file}"`,
            value: r.month,
          },
        ];
  });
}

function totalsOf(contacts: readonly ContactRecord[], monthly: readonly MonthlyRecord[], catalog: Catalog): MonthTopicTotal[] {
  const sums = new Map<string, MonthTopicTotal>();
  const add = (month: string, topicId: number, n: number) => {
    const key = `${month}|${topicId}`;
    const seen = sums.get(key);
    if (seen) seen.n += n;
    else sums.set(key, { month, topicId, n });
  };
  for (const c of contacts) add(c.day.slice(0, 7), c.topicIds[0]!, 1);
  for (const m of monthly) if (m.count > 0) add(m.month, m.topicId, m.count);
  const position = new Map(catalog.topics.map((t) => [t.id, t.position]));
  return [...sums.values()].sort((a, b) => a.month.localeCompare(b.month) || (position.get(a.topicId) ?? 0) - (position.get(b.topicId) ?? 0));
}

function rangeOf(values: readonly string[]): ImportPreview['range'] {
  if (values.length === 0) return null;
  let from = values[0]!;
  let to = from;
  for (const v of values) {
    if (v < from) from = v;
    else if (v > to) to = v;
  }
  return { from, to };
}

/** A preview of a file that could not be read as a table: nothing recognised, not ready. */
export function emptyPreview(fileName: string, sha256: string, format: ImportPreview['format']): ImportPreview {
  return {
    fileName,
    sha256,
    format,
    delimiter: null,
    layout: null,
    columns: [],
    hasTime: false,
    rows: 0,
    validRows: 0,
    errors: [],
    errorCount: 0,
    unknownNames: [],
    totals: [],
    total: 0,
    range: null,
    sample: [],
    recordedMonths: [],
    duplicateOf: null,
    ready: false,
  };
}

async function validate(ctx: CoreContext, sheet: Sheet, layout: Layout, resolver: NameResolver, catalog: Catalog, slice: TimeSlice) {
  const now = localParts(ctx.now(), catalog.settings.timeZone);
  const clock = { today: now.day, nowMinutes: now.hour * 60 + now.minute };
  return layout.layout === 'contacts'
    ? { contacts: await validateContactRows(sheet.rows, layout, resolver, catalog, clock, slice), monthly: null }
    : { contacts: null, monthly: await validateMonthlyRows(sheet.rows, layout, resolver, clock, slice) };
}

/**
 * Reads a file and checks every row against the catalog, the clock and earlier imports, without
 * writing anything. Rows with errors, and rows naming something the catalog does not know and the
 * mapping does not resolve, are listed and left out of the totals. Reading and checking 100,000 rows
 * takes a second or two, so it hands the thread back every few milliseconds (see time-slice.ts).
 */
export async function planImport(ctx: CoreContext, input: ImportInput): Promise<ImportPlan> {
  const slice = timeSlice();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const sha256 = await sha256Of(bytes, slice);
  const fileName = baseName(input.fileName);
  const catalog = await ctx.catalog.catalog();
  const resolver = new NameResolver(catalog, input.mapping);
  assertMappingTargets(input.mapping, resolver);
  const duplicateOf = await previousImport(ctx.db, sha256);

  let sheet: Sheet;
  let layout: Layout;
  try {
    sheet = await readSheet(bytes, slice);
    layout = detectLayout(sheet.header);
    if (sheet.rows.length === 0) throw new FileProblem('empty', 'the file has a header but no rows below it', sheet.header.line + 1, '(file)');
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    const format = bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv';
    const error: ImportRowError = { line: err.line, field: err.field, code: err.code, reason: err.message };
    return { preview: { ...emptyPreview(fileName, sha256, format), errors: [error], errorCount: 1, duplicateOf }, contacts: [], monthly: [], catalog };
  }

  const checked = await validate(ctx, sheet, layout, resolver, catalog, slice);
  const result: ValidatedRows<ContactRecord | MonthlyRecord> = checked.contacts ?? checked.monthly!;
  const twice = checked.monthly ? await alreadyImported(ctx.db, checked.monthly.records) : [];
  const twiceLines = new Set(twice.map((e) => e.line));
  const contacts = checked.contacts?.records ?? [];
  const monthly = (checked.monthly?.records ?? []).filter((r) => !twiceLines.has(r.line));
  const errors = [...result.errors, ...twice].sort((a, b) => a.line - b.line);
  const unknownNames = result.unknown.map((u) => ({
    ...u,
    suggestions: resolver.suggestions(u.kind, u.name),
    targetId: resolver.mappedTarget(u.kind, u.name),
  }));
  const totals = totalsOf(contacts, monthly, catalog);
  const recorded = await recordedMonths(ctx.db, monthly);
  const preview: ImportPreview = {
    fileName,
    sha256,
    format: sheet.format,
    delimiter: sheet.delimiter,
    layout: layout.layout,
    columns: layout.roles,
    hasTime: layout.index.time !== undefined,
    rows: sheet.rows.length,
    validRows: sheet.rows.length - result.badRows - twice.length,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: errors.length,
    unknownNames,
    totals,
    total: totals.reduce((s, t) => s + t.n, 0),
    range: rangeOf(contacts.length > 0 ? contacts.map((c) => c.day) : monthly.map((m) => m.month)),
    sample: [sheet.header, ...sheet.rows.slice(0, SAMPLE_ROWS)].map((r) => ({ line: r.line, cells: r.cells.slice(0, SAMPLE_CELLS).map((c) => clip(c.text)) })),
    recordedMonths: recorded,
    duplicateOf,
    ready: false,
  };
  preview.ready =
    preview.errorCount === 0 &&
    duplicateOf === null &&
    unknownNames.every((u) => u.targetId !== null) &&
    preview.total > 0 &&
    (recorded.length === 0 || input.addToRecordedMonths === true);
  return { preview, contacts, monthly, catalog };
}

/** `previewImport`: what the import would do; writes nothing. */
export async function previewImport(ctx: CoreContext, input: ImportInput): Promise<ImportPreview> {
  return (await planImport(ctx, input)).preview;
}
