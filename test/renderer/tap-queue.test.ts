import { describe, expect, it } from 'vitest';
import { ClientError } from '../../core/api/client';
import type { LoggedContact } from '../../core/contacts/contact-types';
import { isNetworkDevice } from '../../renderer/device/device-token';
import { createTapQueue, localQueueStore, QUEUE_STORAGE_KEY, type QueuedTap } from '../../renderer/desk/tap-queue';
import { retryDelayMs } from '../../renderer/api/connection';

/** A Storage in memory, as localStorage behaves. */
function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

const tap = (requestId: string) => ({ requestId, topicIds: [1], languageId: 1, channel: 'in_person' as const, asker: 'citizen' as const });
const logged = (tapped: QueuedTap) => ({ contact: { id: 1 }, todayCount: 1, count: tapped.count ?? 1, duplicate: false }) as unknown as LoggedContact;
const noAnswer = () => Promise.reject(new TypeError('Failed to fetch'));
const MADE_AT = Date.parse('2026-03-10T09:30:00Z');

describe('the tap queue of a paired device', () => {
  it('keeps a tap with its request id and the time it was made, in localStorage', () => {
    const storage = memoryStorage();
    createTapQueue(localQueueStore(storage)).add(tap('a'), MADE_AT);
    const reread = createTapQueue(localQueueStore(storage)); // a reload of the page
    expect(reread.list()).toEqual([{ ...tap('a'), occurredAt: '2026-03-10T09:30:00.000Z' }]);
  });

  it('queues the same request id once, and keeps a back-dated time as chosen', () => {
    const queue = createTapQueue(localQueueStore(memoryStorage()));
    queue.add({ ...tap('a'), occurredAt: '2026-03-09T08:00:00.000Z' }, MADE_AT);
    queue.add(tap('a'), MADE_AT);
    expect(queue.list()).toEqual([{ ...tap('a'), occurredAt: '2026-03-09T08:00:00.000Z' }]);
  });

  it('sends oldest first, removes each only once acknowledged, and stops at the first that gets no answer', async () => {
    const storage = memoryStorage();
    const queue = createTapQueue(localQueueStore(storage));
    for (const id of ['a', 'b', 'c']) queue.add(tap(id), MADE_AT);
    const sent: string[] = [];
    const outcome = await queue.flush((t) => (t.requestId === 'b' ? noAnswer() : (sent.push(t.requestId), Promise.resolve(logged(t)))));
    expect(sent).toEqual(['a']);
    expect(outcome).toMatchObject({ left: 2, refused: [] });
    expect(queue.list().map((t) => t.requestId)).toEqual(['b', 'c']);

    await queue.flush((t) => (sent.push(t.requestId), Promise.resolve(logged(t))));
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(queue.list()).toEqual([]);
    expect(storage.map.has(QUEUE_STORAGE_KEY)).toBe(false);
  });

  it('drops a tap the server refuses for good, and keeps one it refuses for now', async () => {
    const queue = createTapQueue(localQueueStore(memoryStorage()));
    queue.add(tap('retired-topic'), MADE_AT);
    queue.add(tap('db-locked'), MADE_AT);
    const outcome = await queue.flush((t) =>
      Promise.reject(
        new ClientError(t.requestId === 'retired-topic' ? { code: 'invalid_input', message: '1 is not an active catalog entry', field: 'topicIds.0' } : { code: 'unavailable', message: 'locked' }),
      ),
    );
    expect(outcome.refused.map((r) => r.tap.requestId)).toEqual(['retired-topic']);
    expect(queue.list().map((t) => t.requestId)).toEqual(['db-locked']);
  });

  it('runs one flush at a time, so no tap is sent twice at once', async () => {
    const queue = createTapQueue(localQueueStore(memoryStorage()));
    queue.add(tap('a'), MADE_AT);
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send = async (t: QueuedTap) => {
      calls++;
      await gate;
      return logged(t);
    };
    const first = queue.flush(send);
    const second = queue.flush(send);
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
  });
});

describe('connection and device detection', () => {
  it('retries with a doubling pause, at most 15 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });

  it('a page from a LAN address is a network device; this machine and the desktop window are not', () => {
    expect(isNetworkDevice({ protocol: 'http:', hostname: '192.168.1.20' }, false)).toBe(true);
    expect(isNetworkDevice({ protocol: 'http:', hostname: '127.0.0.1' }, false)).toBe(false);
    expect(isNetworkDevice({ protocol: 'http:', hostname: 'localhost' }, false)).toBe(false);
    expect(isNetworkDevice({ protocol: 'http:', hostname: '192.168.1.20' }, true)).toBe(false);
    expect(isNetworkDevice({ protocol: 'app:', hostname: 'kontaktdesk' }, false)).toBe(false);
  });
});
