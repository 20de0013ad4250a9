import type { z } from 'zod';
import type { CallInfo } from '../base/call';
import { contract, isManagementMethod, payloadLimit, type Handlers } from './contract';
import type { ManagementGate } from '../management/management-gate';
import { ApiError, type Envelope } from '../base/errors';
import { isMethodName } from '../base/method-names';
import { unavailableError } from '../db/storage-errors';
import type { ChangeSource } from '../base/changes';

/** The dotted path of the first zod issue, so every refusal names its field. */
export function describeIssue(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  if (issue?.code === 'unrecognized_keys') {
    // A key may be the empty string (found by fuzzing): quoted, the refusal still names it.
    const names = issue.keys.map((key) => (key === '' ? '""' : key));
    return new ApiError('invalid_input', `unknown field(s): ${names.join(', ')}`, path ? `${path}.${names[0]}` : names[0]);
  }
  return new ApiError('invalid_input', issue?.message ?? 'invalid input', path || '(input)');
}

/**
 * How deep an input may nest (an object or array is one level). Every contract input is a few levels
 * deep; far more is refused before anything walks it recursively (measuring it as JSON and checking
 * its shape would overflow the stack).
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * Whether the input nests deeper than MAX_INPUT_DEPTH, or contains itself (IPC's structured clone
 * carries cycles; JSON cannot). Recursive, but never more than MAX_INPUT_DEPTH + 1 calls deep.
 */
function nestingProblem(value: unknown, ancestors: object[] = []): 'too_deep' | 'cycle' | null {
  if (typeof value !== 'object' || value === null) return null;
  if (ancestors.includes(value)) return 'cycle';
  if (ancestors.length === MAX_INPUT_DEPTH) return 'too_deep';
  ancestors.push(value);
  for (const child of Object.values(value)) {
    const problem = nestingProblem(child, ancestors);
    if (problem) return problem;
  }
  ancestors.pop();
  return null;
}

/**
 * The input's size as JSON. IPC's structured clone also carries BigInts and cycles, which
 * JSON.stringify throws on: a BigInt is measured as digits and left for the schema to refuse
 * with its field named; a cycle gives null.
 */
function payloadBytes(rawInput: unknown): number | null {
  try {
    const json = JSON.stringify(rawInput ?? null, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    return Buffer.byteLength(json ?? '', 'utf8');
  } catch {
    return null;
  }
}

/** What the transports serve: the handlers, the gate in front of the management methods, and the committed changes to push to open screens. */
export interface Api {
  handlers: Handlers;
  gate: ManagementGate;
  changes: ChangeSource;
}

/**
 * The one entry point both transports call: checks the method name, the management unlock,
 * the size and the shape of the input, then runs the handler. Never throws; every outcome is
 * an envelope. The unlock comes first, so a locked caller learns nothing from validation.
 */
export async function dispatch(
  { handlers, gate }: Api,
  method: string,
  rawInput: unknown,
  call: CallInfo = {},
  onInternalError: (err: unknown) => void = (err) => console.error(err),
): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(method)) throw new ApiError('unknown_method', `unknown method "${method}"`);
    if (isManagementMethod(method)) await gate.check(call.session);
    const nesting = nestingProblem(rawInput);
    if (nesting === 'too_deep') throw new ApiError('invalid_input', `the input is nested deeper than ${MAX_INPUT_DEPTH} levels`, '(input)');
    const size = nesting === 'cycle' ? null : payloadBytes(rawInput);
    if (size === null) throw new ApiError('invalid_input', 'the input must be plain data without cycles', '(input)');
    const limit = payloadLimit(method);
    if (size > limit) {
      throw new ApiError('payload_too_large', `request of ${size} bytes exceeds the limit of ${limit} bytes for ${method}`);
    }
    const parsed = contract[method].input.safeParse(rawInput);
    if (!parsed.success) throw describeIssue(parsed.error);
    const handler = handlers[method] as (input: unknown, call: CallInfo) => Promise<unknown>;
    const value = await handler(parsed.data, call);
    // Only a call that went through counts as use, so a refused one writes nothing. The answer stands
    // even if the use cannot be written: the session then merely locks a little sooner.
    if (isManagementMethod(method)) {
      await gate.keepOpen(call.session).catch((err: unknown) => {
        if (!unavailableError(err)) onInternalError(err);
      });
    }
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toBody() };
    const unavailable = unavailableError(err);
    if (unavailable) return { ok: false, error: unavailable.toBody() };
    onInternalError(err);
    return { ok: false, error: { code: 'internal', message: 'internal error; nothing was saved' } };
  }
}
