import { useCallback, useState } from 'react';

export interface Action {
  /** True while a run is under way: buttons that start another write are disabled meanwhile. */
  busy: boolean;
  /** The last run's refusal (or a load failure set by hand); null when there is none. */
  error: unknown;
  setError(err: unknown): void;
  /**
   * Runs one write: clears the last error, marks busy, keeps what it throws as `error` instead of
   * letting it escape. Resolves true when the work finished without a throw.
   */
  run(work: () => unknown): Promise<boolean>;
}

/** Busy and error state of a panel or dialog that sends writes, so each one does not hand-roll it. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => unknown) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
