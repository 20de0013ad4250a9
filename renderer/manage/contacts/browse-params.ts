import { ENTRY_KINDS, type EntryKind } from '../../../core/base/enums';
import { shiftDay } from '../audit/audit-format';
import { isDay, type Period } from '../../reports/period';

/**
 * The contact browser's filters as they live in the address (`#/reports/contacts?from=…&to=…&topic=3
 * &desk=1&kind=backdated&voided=hide`), so a reload or a bookmark shows the same list. The range
 * uses the reports' `from`/`to`; the rest is parsed here, pure, so it can be tested.
 */
export interface ContactFilters {
  topicId?: number;
  deskId?: number;
  entryKind?: EntryKind;
  hideVoided: boolean;
}

export const NO_FILTERS: ContactFilters = { hideVoided: false };

/** The quick ranges of the browser: the last two days are where a mistake noticed the next morning lies. */
export const QUICK_RANGES = ['today', 'yesterday', 'twoDays', 'lastSevenDays'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

export function quickRange(kind: QuickRange, today: string): Period {
  switch (kind) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: shiftDay(today, -1), to: shiftDay(today, -1) };
    case 'twoDays':
      return { from: shiftDay(today, -1), to: today };
    case 'lastSevenDays':
      return { from: shiftDay(today, -6), to: today };
  }
}

/** What the browser opens with when the address names no range: yesterday and today. */
export const DEFAULT_RANGE: QuickRange = 'twoDays';

/** The range to list: the address's own, or yesterday and today. */
export function browseRange(period: { from?: string; to?: string }, today: string): Period {
  return period.from && period.to ? { from: period.from, to: period.to } : quickRange(DEFAULT_RANGE, today);
}

export const matchingQuickRange = (range: Period, today: string): QuickRange | null =>
  QUICK_RANGES.find((k) => {
    const q = quickRange(k, today);
    return q.from === range.from && q.to === range.to;
  }) ?? null;

const positiveId = (value: string | null): number | undefined => (value !== null && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined);

/** Anything unknown in the address is dropped, never sent: the list then shows more, not an error. */
export function contactFilterParams(q: URLSearchParams): ContactFilters {
  const topicId = positiveId(q.get('topic'));
  const deskId = positiveId(q.get('desk'));
  const kind = q.get('kind');
  return {
    ...(topicId !== undefined && { topicId }),
    ...(deskId !== undefined && { deskId }),
    ...((ENTRY_KINDS as readonly string[]).includes(kind ?? '') && { entryKind: kind as EntryKind }),
    hideVoided: q.get('voided') === 'hide',
  };
}

export function writeContactFilters(filters: ContactFilters, q: URLSearchParams): void {
  if (filters.topicId !== undefined) q.set('topic', String(filters.topicId));
  if (filters.deskId !== undefined) q.set('desk', String(filters.deskId));
  if (filters.entryKind !== undefined) q.set('kind', filters.entryKind);
  if (filters.hideVoided) q.set('voided', 'hide');
}

/** A range typed into the two date fields, or null while it is incomplete or backwards. */
export const typedRange = (from: string, to: string): Period | null => (isDay(from) && isDay(to) && from <= to ? { from, to } : null);
