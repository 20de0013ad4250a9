import { useCallback, useEffect, useState } from 'react';
import type { ManagementStatus } from '../../core/management/management-access';
import { client } from '../api/client';
import { currentSession, onSessionChange } from '../api/management-session';

export interface ManagementState {
  status: ManagementStatus | null;
  error: unknown;
  /** Asks the server again, e.g. after a wrong PIN to learn the wait. */
  refresh(): Promise<void>;
}

/** The server's view of this tab's unlock; asked again whenever the tab's session opens or closes. */
export function useManagementStatus(): ManagementState {
  const [status, setStatus] = useState<ManagementStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = useCallback(async () => {
    try {
      setStatus(await client.getManagementStatus({}));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void refresh();
    return onSessionChange(() => void refresh());
  }, [refresh]);
  // A stale "unlocked" from before the session was dropped must not show the area.
  const unlocked = status?.unlocked === true && currentSession() !== undefined;
  return { status: status && { ...status, unlocked }, error, refresh };
}
