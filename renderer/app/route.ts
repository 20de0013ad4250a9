import { useCallback, useEffect, useState } from 'react';
import { isDay, QUICK_PERIODS, type QuickPeriod } from '../reports/period';
import { contactFilterParams, writeContactFilters, type ContactFilters } from '../manage/contacts/browse-params';
import { FILTER_PARAM, parseFilterParam, writeFilterParam } from '../reports/filter-params';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { PublicationMethod } from '../../core/publication/publication-inputs';
import { pivotParams, writePivotParams, type PivotParams } from '../pivot/pivot-params';
import { sectionsParam, writeSectionsParam, type ReportSection } from '../views/sections';

/**
 * The screen lives in the URL hash, so a reload (or a bookmark) keeps it:
 *   #/                                   desk (the default)
 *   #/reports[?period=lastMonth|from=…&to=…][&pub=1[&pm=suppression]][&groups=1][&f=topic:3,5;!referral:none]   reports (`f`: the report filter,
 *                                        renderer/reports/filter-params.ts; `pm`: the publication method, absent: the cell-key method; `groups`: topic groups)
 *   #/reports/theme-days, #/reports/closures, #/reports/catalog, #/reports/settings, #/reports/audit, #/reports/import, #/reports/backup, #/reports/mail, #/reports/devices   the reports area's other tabs
 *   #/reports/contacts[?from=…&to=…][&topic=…&desk=…&kind=…&voided=hide]   the contact browser (renderer/contacts/browse-params.ts)
 *   #/reports/pivot?from=…&to=…&rows=topic&cols=language   the pivot tab;  #/reports/views   the saved views
 *   #/reports?…&sections=headline,topics   only these report sections (opened from a saved view)
 *   #/print?from=…&to=…[&pub=1[&pm=suppression]][&groups=1][&f=…]    the print layout of one report
 */
export type ReportsTab =
  | 'report'
  | 'pivot'
  | 'views'
  | 'contacts'
  | 'themeDays'
  | 'closures'
  | 'catalog'
  | 'settings'
  | 'audit'
  | 'import'
  | 'backup'
  | 'mail'
  | 'devices';

export interface PeriodParams {
  quick?: QuickPeriod;
  from?: string;
  to?: string;
  publication: boolean;
  /** With `publication`: `pm=suppression`; absent: the cell-key method. */
  publicationMethod?: PublicationMethod;
  /** `groups=1`: topics shown as topic groups. */
  topicGroups?: boolean;
  /** The report filter (`f=`); absent when none. The period's companion across the report tabs. */
  filters?: ReportFilters;
}

export type Route =
  | { screen: 'desk' }
  | {
      screen: 'reports';
      tab: ReportsTab;
      period: PeriodParams;
      contacts?: ContactFilters;
      /** The pivot tab's two dimensions (renderer/pivot/pivot-params.ts). */
      pivot?: PivotParams;
      /** The report sections to show (`sections=a,b`, from a saved view); absent: all (renderer/views/sections.ts). */
      sections?: ReportSection[];
    }
  | {
      screen: 'print';
      from: string;
      to: string;
      publication: boolean;
      publicationMethod?: PublicationMethod;
      topicGroups?: boolean;
      filters?: ReportFilters;
      sections?: ReportSection[];
    };

const TAB_PATHS: Record<ReportsTab, string> = {
  report: '/reports',
  pivot: '/reports/pivot',
  views: '/reports/views',
  contacts: '/reports/contacts',
  themeDays: '/reports/theme-days',
  closures: '/reports/closures',
  catalog: '/reports/catalog',
  settings: '/reports/settings',
  audit: '/reports/audit',
  import: '/reports/import',
  backup: '/reports/backup',
  mail: '/reports/mail',
  devices: '/reports/devices',
};

function periodParams(q: URLSearchParams): PeriodParams {
  const quick = q.get('period');
  const from = q.get('from');
  const to = q.get('to');
  const filters = parseFilterParam(q.get(FILTER_PARAM));
  return {
    ...((QUICK_PERIODS as readonly string[]).includes(quick ?? '') ? { quick: quick as QuickPeriod } : {}),
    ...(isDay(from) && isDay(to) && from <= to ? { from, to } : {}),
    publication: q.get('pub') === '1',
    ...(q.get('pub') === '1' && q.get('pm') === 'suppression' && { publicationMethod: 'suppression' as const }),
    ...(q.get('groups') === '1' && { topicGroups: true }),
    ...(filters.length > 0 && { filters }),
  };
}

/** `pub=1`, `pm=suppression` (the cell-key method is the default and left out) and `groups=1`. */
function writeReportChoices(p: { publication: boolean; publicationMethod?: PublicationMethod; topicGroups?: boolean }, q: URLSearchParams): void {
  if (p.publication) q.set('pub', '1');
  if (p.publication && p.publicationMethod === 'suppression') q.set('pm', 'suppression');
  if (p.topicGroups) q.set('groups', '1');
}

/** The report choices a period carries besides its days: kept when the period changes. */
export function reportChoices(p: PeriodParams): Omit<PeriodParams, 'quick' | 'from' | 'to'> {
  const { quick: _quick, from: _from, to: _to, ...choices } = p;
  return choices;
}

/** The query with the filter appended as written (`f=topic:3,5`), readable rather than percent-encoded. */
function withFilters(query: string, filters: ReportFilters | undefined): string {
  const f = writeFilterParam(filters);
  return f ? `${query}${query ? '&' : ''}${FILTER_PARAM}=${f}` : query;
}

/** The report a print route shows (period, publication choices, filter), without its sections: as a report request or the period to go back to. */
export function printRequest(route: Extract<Route, { screen: 'print' }>) {
  const { screen: _screen, sections: _sections, ...request } = route;
  return request;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const q = new URLSearchParams(query);
  const tab = (Object.entries(TAB_PATHS) as [ReportsTab, string][]).find(([, p]) => p === path.replace(/\/$/, ''))?.[0];
  if (tab)
    return {
      screen: 'reports',
      tab,
      period: periodParams(q),
      ...(tab === 'contacts' && { contacts: contactFilterParams(q) }),
      ...(tab === 'pivot' && { pivot: pivotParams(q) }),
      ...(tab === 'report' && sectionsParam(q) && { sections: sectionsParam(q) }),
    };
  if (path === '/print') {
    const p = periodParams(q);
    const sections = sectionsParam(q);
    if (p.from && p.to) return { screen: 'print', ...reportChoices(p), from: p.from, to: p.to, ...(sections && { sections }) };
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
      writeReportChoices(p, q);
      if (route.contacts) writeContactFilters(route.contacts, q);
      if (route.pivot) writePivotParams(route.pivot, q);
      if (route.sections) writeSectionsParam(route.sections, q);
      const s = withFilters(q.toString(), p.filters);
      return `#${TAB_PATHS[route.tab]}${s ? `?${s}` : ''}`;
    }
    case 'print': {
      const q = new URLSearchParams({ from: route.from, to: route.to });
      writeReportChoices(route, q);
      if (route.sections) writeSectionsParam(route.sections, q);
      return `#/print?${withFilters(q.toString(), route.filters)}`;
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
