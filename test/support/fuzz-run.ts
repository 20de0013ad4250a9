import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { Transport } from '../../core/api/client';
import type { ApiErrorCode, Envelope } from '../../core/base/errors';
import type { MethodName } from '../../core/base/method-names';
import { sqliteHandle } from '../../core/db/database-handle';
import { TRANSPORTS } from '../contract/transports';
import { snapshotDatabase } from './db-snapshot';
import { invalidInputs } from './fuzz-inputs';
import { execute, queryRows, queryValue } from './sql-rows';
import { openTempCore, type TempCore } from './temp-core';

/**
 * The fuzz property of issue 5, shared by the CI test and `npm run fuzz`: every invalid input, over
 * every transport, is refused with a known code naming its field, and the database does not change.
 */

/** What a schema-rejected input may get: nothing else, and never `internal`. */
const REFUSAL_CODES: readonly ApiErrorCode[] = ['invalid_input', 'payload_too_large'];

export interface FuzzTarget {
  core: TempCore;
  transports: { name: string; transport: Transport }[];
  close(): Promise<void>;
}

export interface FuzzFigures {
  method: MethodName;
  /** Inputs generated and sent, each over every transport. */
  runs: number;
  transports: number;
  ms: number;
  /** How the refusals were answered: `invalid_input field`, counted. */
  answers: Map<string, number>;
}

/** A real core with some contacts, the HTTP server and the IPC stand-in in front of it, and an unlocked session. */
export async function openFuzzTarget(): Promise<FuzzTarget> {
  const core = await openTempCore();
  const { topics, languages } = await core.handlers.getCatalog({});
  for (const [i, topic] of topics.slice(0, 3).entries()) {
    await core.handlers.logContact({
      topicIds: [topic.id],
      referralIds: [],
      languageId: languages[0]!.id,
      channel: 'in_person',
      asker: 'citizen',
      count: i + 1,
      requestId: `00000000-0000-4000-8000-00000000000${i}`,
    });
  }
  const opened = await Promise.all(TRANSPORTS.map(async (t) => ({ name: t.name, open: await t.open(core.api, () => core.session) })));
  return {
    core,
    transports: opened.map(({ name, open }) => ({ name, transport: open.transport })),
    async close() {
      for (const { open } of opened) await open.close();
      await core.dispose();
    },
  };
}

/** Throws, describing the envelope, unless it is a refusal the contract promises. */
function refusalOf(envelope: Envelope<unknown>, where: string): string {
  if (envelope.ok) throw new Error(`${where}: an input the schema rejects was accepted`);
  const { code, field, message } = envelope.error;
  if (!REFUSAL_CODES.includes(code)) throw new Error(`${where}: refused with ${code} (${message}), expected one of ${REFUSAL_CODES.join(', ')}`);
  if (typeof message !== 'string' || message === '') throw new Error(`${where}: a refusal without a message`);
  if (code === 'invalid_input' && (typeof field !== 'string' || field === '')) throw new Error(`${where}: invalid_input without naming the field (${message})`);
  return code === 'invalid_input' ? `${code} ${field}` : code;
}

/**
 * A counter of every row the core writes, read per input. On SQLite, total_changes() of the core's own
 * connection (every write the core makes goes through it). On PostgreSQL, a row-level trigger on every
 * table bumps a sequence kept in a schema of its own (no table, so snapshots do not see it); a sequence is
 * not transactional, so a write that was rolled back still moves it, as it moves total_changes().
 */
async function writeCounter(core: TempCore): Promise<() => Promise<number>> {
  if (core.database.dialect === 'sqlite') {
    const totalChanges = sqliteHandle(core.database).sqlite.prepare('select total_changes()').pluck();
    return async () => totalChanges.get() as number;
  }
  const { db } = core.database;
  const installed = await queryValue<boolean>(db, "select exists (select 1 from pg_namespace where nspname = 'fuzz_watch')");
  if (!installed) {
    await execute(db, 'create schema fuzz_watch');
    await execute(db, 'create sequence fuzz_watch.writes');
    await execute(
      db,
      "create function fuzz_watch.count_write() returns trigger language plpgsql as $body$ begin perform nextval('fuzz_watch.writes'); return null; end $body$",
    );
    const tables = await queryRows<{ name: string }>(db, "select tablename as name from pg_tables where schemaname = 'public' order by tablename");
    if (tables.length === 0) throw new Error('no tables to watch on the PostgreSQL database');
    for (const { name } of tables) {
      await execute(
        db,
        `create trigger fuzz_watch_writes after insert or update or delete on "${name.replace(/"/g, '""')}" for each row execute function fuzz_watch.count_write()`,
      );
    }
  }
  const read = async () => Number(await queryValue(db, 'select case when is_called then last_value else 0 end as n from fuzz_watch.writes'));
  // The watch must see a write, even one rolled back: otherwise the per-input check would pass vacuously.
  const probeBefore = await read();
  await db
    .transaction()
    .execute(async (trx) => {
      // One row of a table no other trigger writes from (an update of topics also raises the change marker).
      await execute(trx, 'update change_marker set version = version where id = 1');
      throw new Error('rollback');
    })
    .catch((err: unknown) => {
      if (!(err instanceof Error && err.message === 'rollback')) throw err;
    });
  if ((await read()) !== probeBefore + 1) throw new Error('the PostgreSQL write watch did not see a rolled-back write');
  return read;
}

/**
 * Sends `numRuns` random invalid inputs for `method` over every transport. Per input, the count of rows
 * the core wrote (see `writeCounter`) must not move; per method, a full snapshot is compared. Throws
 * fast-check's report (seed, shrunk counterexample) on failure.
 */
export async function fuzzMethod(target: FuzzTarget, method: MethodName, { numRuns, seed }: { numRuns: number; seed: number }): Promise<FuzzFigures> {
  const { db } = target.core.database;
  const writes = await writeCounter(target.core);
  const session = target.core.session;
  const answers = new Map<string, number>();
  const before = await snapshotDatabase(db);
  const started = performance.now();

  await fc.assert(
    fc.asyncProperty(invalidInputs(method), async (input) => {
      const changesBefore = await writes();
      const seen: string[] = [];
      for (const { name, transport } of target.transports) {
        seen.push(refusalOf(await transport(method, input, session), `${method} over ${name}`));
      }
      if ((await writes()) !== changesBefore) throw new Error(`${method}: the database was written while refusing the input`);
      if (new Set(seen).size > 1) throw new Error(`${method}: the transports answer differently: ${seen.join(' / ')}`);
      answers.set(seen[0]!, (answers.get(seen[0]!) ?? 0) + 1);
    }),
    { numRuns, seed, includeErrorInReport: true },
  );

  const ms = performance.now() - started;
  if (!isDeepStrictEqual(await snapshotDatabase(db), before)) throw new Error(`${method}: the database content changed during fuzzing`);
  for (const { name, transport } of target.transports) {
    const alive = await transport('getManagementStatus', {}, session);
    if (!alive.ok) throw new Error(`${method}: ${name} stopped answering after fuzzing: ${JSON.stringify(alive)}`);
  }
  return { method, runs: numRuns, transports: target.transports.length, ms, answers };
}

export const formatFuzzFigures = (f: FuzzFigures) => {
  const top = [...f.answers]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([answer, n]) => `${answer} ×${n}`);
  return `${f.method.padEnd(24)} ${f.runs} inputs × ${f.transports} transports in ${(f.ms / 1000).toFixed(1)} s; ${f.answers.size} distinct answers (${top.join(', ')})`;
};
