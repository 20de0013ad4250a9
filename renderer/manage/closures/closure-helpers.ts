import type { MethodInput } from '../../../core/api/contract';
import { CLOSURE_NOTE_MAX, LATEST_CLOSURE_DAY, MAX_CLOSURE_DAYS, type Closure, type ClosureKind } from '../../../core/closures/closure-types';
import { EARLIEST_DAY } from '../../../core/base/limits';
import { daysBetween } from '../../../core/reports/calendar-days';
import { isDay } from '../../reports/period';

/** Pure helpers of the closure calendar panel (tested without a browser); the checks mirror the contract's. */

export interface ClosureDraft {
  id?: number;
  from: string;
  to: string;
  note: string;
  kind: ClosureKind;
}

export const emptyClosure = (today: string): ClosureDraft => ({ from: today, to: today, note: '', kind: 'closed' });

export const draftOfClosure = (c: Closure): ClosureDraft => ({ id: c.id, from: c.from, to: c.to, note: c.note, kind: c.kind });

export type ClosureProblem = 'from' | 'to' | 'order' | 'length' | 'note';

const inRange = (day: string) => isDay(day) && day >= EARLIEST_DAY && day <= LATEST_CLOSURE_DAY;

/** What is wrong with a draft, in the order the form shows it; empty when it may be sent. */
export function closureProblems(d: ClosureDraft): ClosureProblem[] {
  const out: ClosureProblem[] = [];
  if (!inRange(d.from)) out.push('from');
  if (!inRange(d.to)) out.push('to');
  if (out.length === 0 && d.from > d.to) out.push('order');
  if (out.length === 0 && daysBetween(d.from, d.to) > MAX_CLOSURE_DAYS) out.push('length');
  const note = d.note.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the check looks for.
  if (note.length === 0 || note.length > CLOSURE_NOTE_MAX || /[\u0000-\u001f\u007f]/.test(note)) out.push('note');
  return out;
}

/** The contract's input from a draft. */
export const closureInput = (d: ClosureDraft): MethodInput<'saveClosure'> => ({
  ...(d.id ? { id: d.id } : {}),
  from: d.from,
  to: d.to,
  note: d.note.trim(),
  kind: d.kind,
});

/** Days an entry covers, both ends included. */
export const closureLength = (c: Pick<Closure, 'from' | 'to'>) => daysBetween(c.from, c.to);

/** A save or delete of the panel: answers the entry written or deleted. */
export type ClosureWrite = () => Promise<Closure>;
