import { useEffect, useState } from 'react';
import { webStorage } from '../api/stored-value';
import { createTapQueue, localQueueStore, type QueuedTap } from '../desk/tap-queue';

/** The one queue of this browser: taps of a paired device that wait for the main PC. */
export const queuedTaps = createTapQueue(localQueueStore(webStorage(() => window.localStorage)));

/** The taps waiting now; re-renders when one is queued or acknowledged. */
export function useQueuedTaps(): QueuedTap[] {
  const [taps, setTaps] = useState(() => queuedTaps.list());
  useEffect(() => {
    setTaps(queuedTaps.list());
    return queuedTaps.subscribe(setTaps);
  }, []);
  return taps;
}
