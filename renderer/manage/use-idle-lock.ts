import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once after `minutes` without a key, click, touch or scroll in this window,
 * so an unlocked area left open at the counter does not stay open. The server keeps its own
 * limit as well; this one only makes the screen follow without waiting for the next call.
 */
export function useIdleLock(active: boolean, minutes: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return undefined;
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    ACTIVITY.forEach((type) => window.addEventListener(type, reset, { passive: true, capture: true }));
    return () => {
      window.clearTimeout(timer);
      ACTIVITY.forEach((type) => window.removeEventListener(type, reset, { capture: true }));
    };
  }, [active, minutes, onIdle]);
}
