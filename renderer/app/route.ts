import { useCallback, useEffect, useState } from 'react';
import { isDay, QUICK_PERIODS, type QuickPeriod } from '../reports/period';
import { contactFilterParams, writeContactFilters, type ContactFilters } from '../manage/contacts/browse-params';

/**
 * The screen lives in the URL hash, so a reload (or a bookmark) keeps it:
 *   #/                                   desk (the default)
 *   #/reports[?period=lastMonth|from=…&to=…][&pub=1]   reports
 *   #/reports/theme-days, #/reports/closures, #/reports/catalog, #/reports/settings, #/reports/audit, #/reports/import, #/reports/backup, #/reports/devices   the reports area's other tabs
 *   #/reports/contacts[?from=…&to=…][&topic=…&desk=…&kind=…&voided=hide]   the contact browser (renderer/contacts/browse-params.ts)
 *   #/print?from=…&to=…[&pub=1]          the print layout of one report
 */
export type ReportsTab = 'report' | 'contacts' | 'themeDays' | 'closures' | 'catalog' | 'settings' | 'audit' | 'import' | 'backup' | 'devices';

export interface PeriodParams {
  quick?: QuickPeriod;
  from?: string;
  to?: string;
  publication: boolean;
}

export type Route =
  | { screen: 'desk' }
  | { screen: 'reports'; tab: ReportsTab; period: PeriodParams; contacts?: ContactFilters }
  | { screen: 'print'; from: string; to: string; publication: boolean };

const TAB_PATHS: Record<ReportsTab, string> = {
  report: '/reports',
  contacts: '/reports/contacts',
  themeDays: '/reports/theme-days',
  closures: '/reports/closures',
  catalog: '/reports/catalog',
  settings: '/reports/settings',
  audit: '/reports/audit',
  import: '/reports/import',
  backup: '/reports/backup',
  devices: '/reports/devices',
};

function periodParams(q: URLSearchParams): PeriodParams {
  const quick = q.get('period');
  const from = q.get('from');
  const to = q.get('to');
  return {
    ...((QUICK_PERIODS as readonly string[]).includes(quick ?? '') ? { quick: quick as QuickPeriod } : {}),
    ...(isDay(from) && isDay(to) && from <= to ? { from, to } : {}),
    publication: q.get('pub') === '1',
  };
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const q = new URLSearchParams(query);
  const tab = (Object.entries(TAB_PATHS) as [ReportsTab, string][]).find(([, p]) => p === path.replace(/\/$/, ''))?.[0];
  if (tab) return { screen: 'reports', tab, period: periodParams(q), ...(tab === 'contacts' && { contacts: contactFilterParams(q) }) };
  if (path === '/print') {
    const p = periodParams(q);
    if (p.from && p.to) return { screen: 'print', from: p.from, to: p.to, publication: p.publication };
  }
  return { screen: 'desk' };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'desk':
      return '#/';
    case 'reports': {
      const q = new URLSearchParams();
      const p = route.period;
      if (p.quick) q.set('period', p.quick);
      else if (p.from && p.to) {
        q.set('from', p.from);
        q.set('to', p.to);
      }
      if (p.publication) q.set('pub', '1');
      if (route.contacts) writeContactFilters(route.contacts, q);
      const s = q.toString();
      return `#${TAB_PATHS[route.tab]}${s ? `?${s}` : ''}`;
    }
    case 'print': {
      const q = new URLSearchParams({ from: route.from, to: route.to });
      if (route.publication) q.set('pub', '1');
      return `#/print?${q}`;
    }
  }
}

/** The current route and a way to go elsewhere; `replace` changes the address without a new history entry. */
export function useHashRoute(): [Route, (route: Route, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route, options?: { replace?: boolean }) => {
    const hash = routeHash(next);
    if (options?.replace) {
      history.replaceState(history.state, '', hash);
      setRoute(parseHash(hash));
    } else if (window.location.hash !== hash) {
      window.location.hash = hash;
    }
  }, []);
  return [route, navigate];
}
