import { useEffect, useState } from 'react';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { PivotDimension } from '../../core/analysis/pivot-inputs';
import type { Pivot } from '../../core/analysis/pivot-types';
import { client } from '../api/client';

export interface PivotRequest {
  from: string;
  to: string;
  rows: PivotDimension;
  columns: PivotDimension;
  filters: ReportFilters;
  /** Publication mode: every cell published by the cell-key method. */
  publication: boolean;
}

export interface PivotState {
  pivot: Pivot | null;
  loading: boolean;
  error: unknown;
  reload(): void;
}

/** Fetches the pivot for a request (null: none wanted, e.g. in publication by suppression); an answer for a request no longer current is dropped. */
export function usePivot(request: PivotRequest | null): PivotState {
  const [state, setState] = useState<{ pivot: Pivot | null; loading: boolean; error: unknown }>({ pivot: null, loading: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const key = request ? JSON.stringify(request) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the request's fields.
  useEffect(() => {
    if (!request) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    client.getPivot(request).then(
      (pivot) => current && setState({ pivot, loading: false, error: null }),
      (error: unknown) => current && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);
  return { ...state, reload: () => setAttempt((a) => a + 1) };
}
