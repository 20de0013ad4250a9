/**
 * An import reads, checks and prepares up to 100,000 rows on the app's one thread. Run in one go
 * that took 1–2 s, and every tap (and every other request) waited for it. Long loops therefore hand
 * the thread back every millisecond: `if (slice.due()) await slice.pause();` per row. So short,
 * because a tap on PostgreSQL makes about ten round trips while holding the write lock, and each may
 * wait for the slice that is running: with 10 ms slices, taps queued up behind each other for seconds.
 */
export const SLICE_MS = 1;

export interface TimeSlice {
  /** True once the loop has had the thread for a slice. */
  due(): boolean;
  /** Lets waiting work run (I/O, timers, other requests), then starts a new slice. */
  pause(): Promise<void>;
}

export function timeSlice(sliceMs = SLICE_MS): TimeSlice {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= sliceMs,
    async pause() {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    },
  };
}
