/**
 * Import of earlier tallies from the command line, with the same checks as the management area:
 *   npm run import -- --data DIR --dry-run liste.csv
 *   npm run import -- --data DIR liste.xlsx --map topic:"Schulden"="Armut/Schulden"
 * Reads an existing database (never creates one). The app may keep running on the same file: the
 * import writes in short transactions and waits (saying so) while the app writes. See IMPORT_USAGE.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { contract } from '../core/api/contract';
import { describeIssue } from '../core/api/dispatch';
import { unavailableError } from '../core/db/storage-errors';
import { ApiError } from '../core/base/errors';
import { IMPORT_MAX_FILE_BYTES } from '../core/base/limits';
import type { Catalog } from '../core/catalog/catalog-types';
import { commitImport } from '../core/imports/commit-import';
import type { ImportPreview, NameMapping } from '../core/imports/import-types';
import { nameKey } from '../core/imports/resolve-names';
import type { Core } from '../core/open-core';
import { openExistingCore, runCli, userPath } from './cli-support';
import { IMPORT_USAGE, parseImportOptions, UsageError, type ImportOptions, type MapOption } from './import-options';

/** How long one attempt waits for the app's write lock inside SQLite, before the import says it is waiting. */
const ATTEMPT_MS = 1000;
/** How often a long wait repeats its progress line. */
const PROGRESS_EVERY_MS = 10_000;

/** Progress lines while the database is busy: one when the wait begins, then one every PROGRESS_EVERY_MS. */
function waitReporter(maxWaitMs: number) {
  let reportedAt: number | null = null;
  return (waitedMs: number) => {
    if (reportedAt !== null && waitedMs - reportedAt < PROGRESS_EVERY_MS) return;
    console.log(
      reportedAt === null
        ? 'import: waiting for the database (the app is writing) …'
        : `import: still waiting for the database (${Math.round(waitedMs / 1000)} s of at most ${Math.round(maxWaitMs / 1000)} s) …`,
    );
    reportedAt = waitedMs;
  };
}

/** `--map` targets as catalog ids: a number is an id, anything else a label, name or language code. */
function mappingOf(options: ImportOptions, catalog: Catalog): NameMapping[] {
  return options.map.map((m: MapOption) => {
    const entries =
      m.kind === 'topic'
        ? catalog.topics.map((t) => ({ id: t.id, retired: t.retired, names: [t.labelDe, t.labelEn] }))
        : m.kind === 'organisation'
          ? catalog.organisations.map((o) => ({ id: o.id, retired: o.retired, names: [o.name] }))
          : catalog.languages.map((l) => ({ id: l.id, retired: l.retired, names: [l.code, l.labelDe, l.labelEn] }));
    const byId = /^\d+$/.test(m.target) ? entries.find((e) => e.id === Number(m.target)) : undefined;
    const byName = entries.filter((e) => e.names.some((n) => nameKey(n) === nameKey(m.target))).sort((a, b) => Number(a.retired) - Number(b.retired))[0];
    const target = byId ?? byName;
    if (!target) throw new UsageError(`--map ${m.kind}:${m.name}=${m.target}: the catalog has no ${m.kind} "${m.target}"`);
    return { kind: m.kind, name: m.name, targetId: target.id };
  });
}

function printPreview(preview: ImportPreview, catalog: Catalog) {
  const topic = new Map(catalog.topics.map((t) => [t.id, t.labelDe]));
  const layout =
    preview.layout === 'contacts' ? `contacts${preview.hasTime ? '' : ' (by day, no times)'}` : preview.layout === 'monthly' ? 'monthly counts' : 'no layout';
  const format = preview.format === 'csv' ? `CSV${preview.delimiter ? ` "${preview.delimiter}"` : ''}` : 'XLSX';
  console.log(
    `import ${preview.fileName}: ${layout}, ${format}, ${preview.rows} rows, ${preview.validRows} valid, ${preview.errorCount} ${preview.errorCount === 1 ? 'error' : 'errors'}`,
  );
  for (const e of preview.errors) console.log(`  line ${e.line}, ${e.field}: ${e.reason}${e.value ? ` ("${e.value}")` : ''}`);
  if (preview.errorCount > preview.errors.length) console.log(`  … and ${preview.errorCount - preview.errors.length} more`);
  for (const u of preview.unknownNames) {
    const hint = u.suggestions.map((s) => `"${s.label}" (${s.id})`).join(', ');
    if (u.targetId === null) {
      console.log(
        `  unknown ${u.kind} "${u.name}" (${u.rows} ${u.rows === 1 ? 'row' : 'rows'}, first in line ${u.firstLine}): add --map ${u.kind}:"${u.name}"=ID${hint ? `; likely ${hint}` : ''}`,
      );
    } else {
      console.log(`  ${u.kind} "${u.name}" -> ${u.kind === 'topic' ? (topic.get(u.targetId) ?? u.targetId) : u.targetId}`);
    }
  }
  if (preview.duplicateOf)
    console.log(`  this file was already imported (as "${preview.duplicateOf.fileName}" on ${preview.duplicateOf.importedAt.slice(0, 10)})`);
  const months = new Map<string, number>();
  for (const t of preview.totals) months.set(t.month, (months.get(t.month) ?? 0) + t.n);
  for (const [month, n] of months) console.log(`  ${month}: ${n}`);
  for (const r of preview.recordedMonths) console.log(`  ${r.month} already holds ${r.recorded} recorded contacts; the file adds ${r.imported}`);
  console.log(`  total: ${preview.total} contacts${preview.range ? ` from ${preview.range.from} to ${preview.range.to}` : ''}`);
}

async function importFile(core: Core, options: ImportOptions, path: string): Promise<number> {
  const catalog = await core.context.catalog.catalog();
  // The contract's own schema, so the command line accepts exactly what the app does.
  const parsed = contract.previewImport.input.safeParse({
    fileName: basename(path),
    contentBase64: readFileSync(path).toString('base64'),
    mapping: mappingOf(options, catalog),
    addToRecordedMonths: options.addToRecordedMonths,
  });
  if (!parsed.success) throw describeIssue(parsed.error);
  const input = parsed.data;
  const preview = await core.handlers.previewImport(input);
  printPreview(preview, catalog);
  if (!preview.ready) {
    if (preview.recordedMonths.length > 0 && !options.addToRecordedMonths) {
      console.error(
        `import: ${preview.recordedMonths.map((r) => r.month).join(', ')} already ${preview.recordedMonths.length === 1 ? 'holds' : 'hold'} recorded contacts; the file's counts would be added on top (--add-to-recorded-months does that)`,
      );
    }
    console.error('import: nothing was imported');
    return 1;
  }
  if (options.dryRun) {
    console.log('dry run: nothing was written');
    return 0;
  }
  const maxWaitMs = options.waitSeconds * 1000;
  const result = await commitImport(core.context, input, { maxWaitMs, onWait: waitReporter(maxWaitMs) });
  console.log(`imported ${result.contacts} contacts from ${result.rows} rows (import ${result.importId})`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let options: ImportOptions;
  try {
    options = parseImportOptions(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`import: ${err.message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(IMPORT_USAGE);
    return 0;
  }
  const path = userPath(options.file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    console.error(`import: no file at ${path}`);
    return 2;
  }
  if (statSync(path).size > IMPORT_MAX_FILE_BYTES) {
    console.error(`import: ${basename(path)} is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller files. Nothing was imported`);
    return 1;
  }
  const opened = await openExistingCore('import', options.dataDir, false, { busyTimeoutMs: ATTEMPT_MS });
  if (typeof opened === 'number') return opened;
  const { core } = opened;
  try {
    return await importFile(core, options, path);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`import: ${err.message}`);
      return 2;
    }
    // Expected conditions (busy, read-only, disk full, a refused file) get one line, never a stack trace.
    const refusal = err instanceof ApiError ? err : unavailableError(err);
    if (!refusal) throw err;
    const message = refusal.toBody().message.replace('nothing was saved', 'nothing was imported');
    const hint = message.startsWith('the database stayed busy') ? ' (or allow more time with --wait SECONDS)' : '';
    console.error(`import: ${message}${message.includes('nothing was imported') ? '' : '; nothing was imported'}${hint}`);
    return 1;
  } finally {
    await core.close();
  }
}

runCli('import', main);
