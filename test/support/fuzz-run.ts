import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { Transport } from '../../core/api/client';
import type { ApiErrorCode, Envelope } from '../../core/api/errors';
import type { MethodName } from '../../core/api/method-names';
import { TRANSPORTS } from '../contract/transports';
import { snapshotDatabase } from './db-snapshot';
import { invalidInputs } from './fuzz-inputs';
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
    await core.handlers.logContact({ topicIds: [topic.id], referralIds: [], languageId: languages[0]!.id, channel: 'in_person', asker: 'citizen', count: i + 1, requestId: `00000000-0000-4000-8000-00000000000${i}` });
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
 * Sends `numRuns` random invalid inputs for `method` over every transport. Per input, total_changes()
 * of the core's own connection (every write the core makes goes through it) must not move; per method,
 * a full snapshot is compared. Throws fast-check's report (seed, shrunk counterexample) on failure.
 */
export async function fuzzMethod(target: FuzzTarget, method: MethodName, { numRuns, seed }: { numRuns: number; seed: number }): Promise<FuzzFigures> {
  const { sqlite } = target.core.database;
  const totalChanges = sqlite.prepare('select total_changes()').pluck();
  const session = target.core.session;
  const answers = new Map<string, number>();
  const before = snapshotDatabase(sqlite);
  const started = performance.now();

  await fc.assert(
    fc.asyncProperty(invalidInputs(method), async (input) => {
      const changesBefore = totalChanges.get();
      const seen: string[] = [];
      for (const { name, transport } of target.transports) {
        seen.push(refusalOf(await transport(method, input, session), `${method} over ${name}`));
      }
      if (totalChanges.get() !== changesBefore) throw new Error(`${method}: the database was written while refusing the input`);
      if (new Set(seen).size > 1) throw new Error(`${method}: the transports answer differently: ${seen.join(' / ')}`);
      answers.set(seen[0]!, (answers.get(seen[0]!) ?? 0) + 1);
    }),
    { numRuns, seed, includeErrorInReport: true },
  );

  const ms = performance.now() - started;
  if (!isDeepStrictEqual(snapshotDatabase(sqlite), before)) throw new Error(`${method}: the database content changed during fuzzing`);
  for (const { name, transport } of target.transports) {
    const alive = await transport('getManagementStatus', {}, session);
    if (!alive.ok) throw new Error(`${method}: ${name} stopped answering after fuzzing: ${JSON.stringify(alive)}`);
  }
  return { method, runs: numRuns, transports: target.transports.length, ms, answers };
}

export const formatFuzzFigures = (f: FuzzFigures) => {
  const top = [...f.answers].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([answer, n]) => `${answer} ×${n}`);
  return `${f.method.padEnd(24)} ${f.runs} inputs × ${f.transports} transports in ${(f.ms / 1000).toFixed(1)} s; ${f.answers.size} distinct answers (${top.join(', ')})`;
};
