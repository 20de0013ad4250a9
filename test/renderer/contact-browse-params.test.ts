import { describe, expect, it } from 'vitest';
import { parseHash, routeHash } from '../../renderer/app/route';
import { browseRange, contactFilterParams, matchingQuickRange, quickRange, typedRange } from '../../renderer/manage/contacts/browse-params';

const TODAY = '2026-03-01';

describe('the contact browser in the address', () => {
  it('opens on yesterday and today when the address names no range, and keeps a range it names', () => {
    expect(browseRange({}, TODAY)).toEqual({ from: '2026-02-28', to: '2026-03-01' });
    expect(matchingQuickRange(browseRange({}, TODAY), TODAY)).toBe('twoDays');
    expect(browseRange({ from: '2025-12-01', to: '2025-12-31' }, TODAY)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('the quick ranges count back over a month end', () => {
    expect(quickRange('yesterday', TODAY)).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(quickRange('lastSevenDays', TODAY)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(quickRange('today', TODAY)).toEqual({ from: TODAY, to: TODAY });
  });

  it('range and filters survive a reload: written into the hash and read back the same', () => {
    const route = {
      screen: 'reports',
      tab: 'contacts',
      period: { from: '2026-02-02', to: '2026-02-27', publication: false },
      contacts: { topicId: 3, deskId: 12, entryKind: 'imported_day', hideVoided: true },
    } as const;
    const hash = routeHash(route);
    expect(hash).toBe('#/reports/contacts?from=2026-02-02&to=2026-02-27&topic=3&desk=12&kind=imported_day&voided=hide');
    expect(parseHash(hash)).toEqual(route);
    expect(parseHash('#/reports/contacts')).toEqual({ screen: 'reports', tab: 'contacts', period: { publication: false }, contacts: { hideVoided: false } });
  });

  it('anything odd in the address is dropped rather than sent: the list then shows more, not an error', () => {
    const q = new URLSearchParams('topic=0&desk=abc&kind=manual&voided=yes');
    expect(contactFilterParams(q)).toEqual({ hideVoided: false });
    expect(contactFilterParams(new URLSearchParams('topic=-4&desk=1.5'))).toEqual({ hideVoided: false });
    // The reports' tabs carry no contact filters.
    expect(parseHash('#/reports/audit?topic=3')).toEqual({ screen: 'reports', tab: 'audit', period: { publication: false } });
  });

  it('two typed dates form a range only when both are days and the first is not after the second', () => {
    expect(typedRange('2026-02-01', '2026-02-28')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(typedRange('2026-02-28', '2026-02-01')).toBeNull();
    expect(typedRange('2026-02-30', '2026-03-01')).toBeNull();
    expect(typedRange('', '2026-03-01')).toBeNull();
  });
});
