import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { maskedUrl } from '../db/database-handle';
import { openPostgres } from '../db/open-postgres';
import { COPIED_TABLES, NOT_COPIED_TABLES, SELF_REFERENCES } from '../db/tables';
import { writeTransaction } from '../db/write-transaction';
import { openCore, type Core } from '../open-core';
import { rebuildRollup } from '../rollups/rollup';
import type { Report } from '../reports/report-types';
import { computeReport } from '../reports/compute-report';
import { monthsToCompare, reportDifference } from '../move/compare-reports';

const ROWS_PER_INSERT = 500;

export interface MoveResult {
  target: string;
  /** Rows copied per table. */
  rows: Record<string, number>;
  /** Months whose report figures were compared, all equal (else the move throws). */
  monthsCompared: string[];
}

export class MoveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoveRefused';
  }
}

const isCopied = (table: string) => (COPIED_TABLES as readonly string[]).includes(table);

/** The source's tables in the registry's order (core/db/tables.ts); one the registry does not know stops the move before it writes. */
function tablesInOrder(sourceTables: string[]): string[] {
  const unknown = sourceTables.filter((t) => !NOT_COPIED_TABLES.has(t) && !isCopied(t));
  if (unknown.length) throw new MoveRefused(`the SQLite database has tables this move does not know (${unknown.join(', ')}); nothing was written`);
  return COPIED_TABLES.filter((t) => sourceTables.includes(t));
}

/** Tables already in the target that hold rows (or are not Kontaktdesk's): a move never writes over data. */
async function occupiedTables(url: string): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  try {
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    const occupied: string[] = [];
    for (const table of tables) {
      if (NOT_COPIED_TABLES.has(table)) continue;
      const known = isCopied(table);
      const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
      if (!known || rows.length > 0) occupied.push(table);
    }
    return occupied;
  } finally {
    await db.destroy();
  }
}

async function copyTable(source: Kysely<any>, target: Kysely<any>, table: string, hasSerialId: boolean): Promise<number> {
  const selfRef = SELF_REFERENCES[table];
  const rows = await source.selectFrom(table).selectAll().orderBy(sql`1`).execute();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT).map((r) => (selfRef ? { ...r, [selfRef]: null } : r));
    await target.insertInto(table).values(chunk).execute();
  }
  if (selfRef) {
    for (const r of rows.filter((row) => row[selfRef] !== null)) {
      await target
        .updateTable(table)
        .set({ [selfRef]: r[selfRef] })
        .where('id', '=', r.id)
        .execute();
    }
  }
  // Ids were copied as they are; the next new row must continue after them.
  if (hasSerialId && rows.length > 0) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(target);
  }
  return rows.length;
}

/**
 * Every month's report from both databases (see below), as counted and as published by the cell-key
 * method: the published figures depend on the record keys, so a key lost or changed on the way (or a
 * stored key sum that disagrees with its contacts' keys) shows too. The first difference stops the
 * move with the month and the figure.
 */
async function compareMonths(source: Core, target: Core): Promise<string[]> {
  const months = await monthsToCompare(source.database.db);
  for (const { month, from, to } of months) {
    for (const publication of [false, true]) {
      const period = { from, to, publication, publicationMethod: 'cellKey', topicGroups: false } as const;
      const [a, b] = await Promise.all([
        // The file's stored rollups against the copy's contacts themselves: a lost contact or a rollup that
        // disagrees with its contacts both show.
        computeReport(source.context, period, 'rollups'),
        computeReport(target.context, period, 'analysis'),
      ]);
      const difference = reportDifference(a as Report, b as Report);
      if (difference) {
        const published = publication ? ' (as published)' : '';
        throw new Error(`the report for ${month}${published} differs after the move (${difference}); the PostgreSQL database is not ready to use`);
      }
    }
  }
  return months.map((m) => m.month);
}

/**
 * Copies a single-desk SQLite database (catalog, contacts with their record keys, audit trail, settings,
 * imports, theme days) into an empty PostgreSQL database, in one transaction, then proves it: the
 * contacts' rollups (counts and key sums) are recounted on the target and every month's report must
 * come out the same as from the SQLite file.
 * A target that already holds data is refused before anything is written.
 */
export async function moveToPostgres({ file, url, now = Date.now }: { file: string; url: string; now?: () => number }): Promise<MoveResult> {
  if (!existsSync(file)) throw new MoveRefused(`there is no SQLite database at ${file}`);
  const occupied = await occupiedTables(url);
  if (occupied.length)
    throw new MoveRefused(`the PostgreSQL database ${maskedUrl(url)} is not empty (${occupied.join(', ')}); the move only writes into an empty database`);

  const source = await openCore({ file, now });
  try {
    const target = await openPostgres(url);
    const rows: Record<string, number> = {};
    try {
      const sourceTables = (await source.database.db.introspection.getTables()).map((t) => t.name);
      const tables = tablesInOrder(sourceTables);
      const serialIds = new Set(
        (await target.db.introspection.getTables()).filter((t) => t.columns.some((c) => c.name === 'id' && c.isAutoIncrementing)).map((t) => t.name),
      );
      await writeTransaction(target.db, async (trx) => {
        for (const table of tables) rows[table] = await copyTable(source.database.db, trx, table, serialIds.has(table));
        await rebuildRollup(trx);
      });
    } finally {
      await target.close();
    }
    const opened = await openCore({ postgres: url, now });
    try {
      return { target: maskedUrl(url), rows, monthsCompared: await compareMonths(source, opened) };
    } finally {
      await opened.close();
    }
  } finally {
    await source.close();
  }
}
