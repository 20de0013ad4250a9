import { useEffect, useState } from 'react';
import { webStorage } from '../api/stored-value';
import { newRequestId } from './request-id';
import { createTapQueue, localQueueStore, QUEUE_STORAGE_KEY, type QueuedTap } from './tap-queue';

/** This page's one queue (shared through localStorage with the browser's other tabs of the desk). */
export const queuedTaps = createTapQueue(localQueueStore(webStorage(() => window.localStorage)), { page: newRequestId() });

// Another tab queued, sent or acknowledged a tap: show the same list here.
window.addEventListener('storage', (event) => {
  if (event.key === QUEUE_STORAGE_KEY || event.key === null) queuedTaps.reread();
});

/** The taps not yet acknowledged (waiting or refused); re-renders when that changes. */
export function useQueuedTaps(): QueuedTap[] {
  const [taps, setTaps] = useState(() => queuedTaps.list());
  useEffect(() => {
    setTaps(queuedTaps.list());
    return queuedTaps.subscribe(setTaps);
  }, []);
  return taps;
}
