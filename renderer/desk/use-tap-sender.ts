import { useCallback, useEffect, useRef, useState } from 'react';
import { client } from '../api/client';
import { onConnectionChange } from '../api/connection';
import { queuedTaps, useQueuedTaps } from './queued-taps';
import type { FlushOutcome, QueuedTap, SentTap, TapInput } from './tap-queue';

/** "Saving …" shows only when a save is slow; a normal tap re-renders nothing extra for it. */
const SLOW_SAVE_MS = 400;
/** While taps wait, how often the queue is tried even without news from the connection watch. */
const QUEUE_RETRY_MS = 5_000;

export interface TapSenderEvents {
  /** A tap stored at its first try: the desk confirms it (with Undo). */
  onSaved(sent: SentTap): void;
  /** Taps that had been waiting are stored now (`contacts`: how many contacts they stood for). */
  onWaitingSent(contacts: number, sent: SentTap[]): void;
}

export interface TapSender {
  /** Queues a tap (persisted before it is sent) and sends what waits. */
  send(input: TapInput): void;
  /** "Nochmals senden": try the waiting taps now. */
  sendWaiting(): void;
  acknowledge(requestId: string): void;
  /** Waiting taps (after a failed try, or left by a reload) and refused ones; in-flight first tries are not listed. */
  waiting: QueuedTap[];
  refused: QueuedTap[];
  /** Why the last try stopped (no answer, disk full …); null once a try got through. */
  lastProblem: unknown;
  saving: boolean;
}

/**
 * Every tap goes through the persistent queue (renderer/desk/tap-queue.ts), on every client: this
 * PC's window as much as a paired tablet. Sent in the order made, each stored once by its request id.
 */
export function useTapSender(events: TapSenderEvents): TapSender {
  const queue = useQueuedTaps();
  const [lastProblem, setLastProblem] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const eventsRef = useRef(events);
  eventsRef.current = events;

  const flush = useCallback(async () => {
    const slow = setTimeout(() => setSaving(true), SLOW_SAVE_MS);
    let outcome: FlushOutcome;
    try {
      outcome = await queuedTaps.flush(
        (input) => client.logContact(input),
        (sent) => {
          if (!sent.tap.waited) eventsRef.current.onSaved(sent);
        },
      );
    } finally {
      clearTimeout(slow);
      setSaving(false);
    }
    setLastProblem(outcome.stoppedBy);
    const waited = outcome.sent.filter((s) => s.tap.waited);
    if (waited.length > 0)
      eventsRef.current.onWaitingSent(
        waited.reduce((n, s) => n + (s.logged.count ?? 1), 0),
        waited,
      );
  }, []);

  const flushQuietly = useCallback(() => void flush(), [flush]);

  useEffect(() => {
    flushQuietly(); // what a reload left behind
    return onConnectionChange((state) => state === 'online' && flushQuietly());
  }, [flushQuietly]);

  const waiting = queue.filter((t) => !t.refused && (t.waited || t.madeAt < Date.now() - QUEUE_RETRY_MS));
  const pending = queue.some((t) => !t.refused);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(flushQuietly, QUEUE_RETRY_MS);
    return () => clearInterval(timer);
  }, [pending, flushQuietly]);

  const send = useCallback(
    (input: TapInput) => {
      queuedTaps.add(input, Date.now());
      flushQuietly();
    },
    [flushQuietly],
  );

  return {
    send,
    sendWaiting: flushQuietly,
    acknowledge: queuedTaps.acknowledge,
    waiting,
    refused: queue.filter((t) => t.refused),
    lastProblem,
    saving,
  };
}
