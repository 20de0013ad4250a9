import * as z from 'zod/mini';
import { ANY_DAY, type Change } from '../../core/base/changes';

// Set before any schema is built: the page's CSP forbids eval, and zod's probe for it (new Function)
// would be reported as a violation on every start although zod catches it.
z.config({ jitless: true });

/**
 * What a subscriber hears: a change made anywhere, or `resync` after the stream (re)connected,
 * when changes may have been missed: re-read whatever is shown.
 */
export type ServerChange = Change | { kind: 'resync' };

export const RESYNC: ServerChange = { kind: 'resync' };

/** More days than this in one event are sent as "any day" by the server. */
const MAX_DAYS = 366;

const daySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD'));

/** One change as the server sends it (core/base/changes.ts); zod/mini keeps the desk's bundle small. */
const changeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contacts'), days: z.union([z.literal(ANY_DAY), z.array(daySchema).check(z.maxLength(MAX_DAYS))]) }),
  z.strictObject({ kind: z.literal('catalog') }),
  z.strictObject({ kind: z.literal('devices') }),
  z.strictObject({ kind: z.literal('views') }),
  z.strictObject({ kind: z.literal('mail') }),
]);

/**
 * A change that crossed a process boundary (an event's JSON, or an IPC message), checked. What does
 * not parse is reported and answered with `resync`: something changed that this page cannot name
 * (e.g. a newer server after an update), so re-reading everything is the safe answer.
 */
export function readServerChange(raw: unknown): ServerChange {
  const parsed = changeSchema.safeParse(raw);
  if (parsed.success) return parsed.data as Change;
  console.warn('unreadable change from the server, re-reading instead:', parsed.error.issues[0]?.message);
  return RESYNC;
}
