import { useEffect, useState } from 'react';
import type { Report } from '../../core/reports/report-types';
import { client } from '../api/client';
import { writeFilterParam } from './filter-params';
import { filtersRefused, type ReportRequest } from './period';

export interface ReportState {
  report: Report | null;
  loading: boolean;
  error: unknown;
  reload(): void;
}

/**
 * The `getReport` input for a request: the publication method only in publication mode, topic groups
 * only when asked for, the filter only when there is one (and never with suppression, which refuses it).
 */
export function reportInput(request: ReportRequest) {
  const filters = filtersRefused(request) ? undefined : request.filters;
  return {
    from: request.from,
    to: request.to,
    publication: request.publication,
    ...(request.publication && { publicationMethod: request.publicationMethod ?? ('cellKey' as const) }),
    ...(request.topicGroups && { topicGroups: true }),
    ...(filters && filters.length > 0 ? { filters } : {}),
  };
}

/** Fetches the report for a period and filter; an answer for a request no longer asked for is dropped. */
export function useReport(request: ReportRequest | null): ReportState {
  const [state, setState] = useState<{ report: Report | null; loading: boolean; error: unknown }>({ report: null, loading: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const input = request && reportInput(request);
  const key = input ? `${input.from}|${input.to}|${input.publication}|${input.publicationMethod}|${input.topicGroups}|${writeFilterParam(input.filters)}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the request's fields.
  useEffect(() => {
    if (!request) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    client.getReport(reportInput(request)).then(
      (report) => current && setState({ report, loading: false, error: null }),
      (error: unknown) => current && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);
  return { ...state, reload: () => setAttempt((a) => a + 1) };
}
