import { describe, expect, it } from 'vitest';
import { ClientError } from '../../core/api/client';
import type { LoggedContact } from '../../core/contacts/contact-types';
import { isNetworkDevice } from '../../renderer/device/device-token';
import {
  callFor,
  createTapQueue,
  localQueueStore,
  ORPHANED_AFTER_MS,
  QUEUE_STORAGE_KEY,
  SEND_WITH_TIME_AFTER_MS,
  type QueuedTap,
  type TapInput,
} from '../../renderer/desk/tap-queue';
import { retryDelayMs } from '../../renderer/api/connection';

/** A Storage in memory, as localStorage behaves. */
function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

const tap = (requestId: string, extra: Partial<TapInput> = {}): TapInput => ({
  requestId,
  topicIds: [1],
  languageId: 1,
  channel: 'in_person',
  asker: 'citizen',
  ...extra,
});
const logged = (input: TapInput) => ({ contact: { id: 1 }, todayCount: 1, count: input.count ?? 1, duplicate: false }) as unknown as LoggedContact;
const noAnswer = () => Promise.reject(new TypeError('Failed to fetch'));
const MADE_AT = Date.parse('2026-03-10T09:30:00Z');

/** A queue of one page with a clock the test moves. */
function pageQueue(storage = memoryStorage(), page = 'page-a') {
  const clock = { now: MADE_AT };
  const queue = createTapQueue(localQueueStore(storage), { page, now: () => clock.now });
  return { queue, clock, storage };
}
const keys = (taps: QueuedTap[]) => taps.map((t) => t.input.requestId);

describe('the tap queue (every client, every tap)', () => {
  it('keeps a tap with its request id and the time it was made in localStorage, so a reload still has it', () => {
    const { queue, storage } = pageQueue();
    queue.add(tap('a'), MADE_AT);
    const afterReload = createTapQueue(localQueueStore(storage), { page: 'page-b' });
    expect(afterReload.list()).toEqual([{ input: tap('a'), madeAt: MADE_AT, page: 'page-a' }]);
  });

  it('queues the same request id once', () => {
    const { queue } = pageQueue();
    queue.add(tap('a', { occurredAt: '2026-03-09T08:00:00.000Z' }), MADE_AT);
    queue.add(tap('a'), MADE_AT + 1000);
    expect(queue.list()).toEqual([{ input: tap('a', { occurredAt: '2026-03-09T08:00:00.000Z' }), madeAt: MADE_AT, page: 'page-a' }]);
  });

  it('sends oldest first, removes each only once acknowledged, stops at the first that gets no answer and marks it as waiting', async () => {
    const { queue, storage } = pageQueue();
    for (const id of ['a', 'b', 'c']) queue.add(tap(id), MADE_AT);
    const sent: string[] = [];
    const outcome = await queue.flush((input) => (input.requestId === 'b' ? noAnswer() : (sent.push(input.requestId), Promise.resolve(logged(input)))));
    expect(sent).toEqual(['a']);
    expect(outcome.stoppedBy).toBeInstanceOf(TypeError);
    expect(keys(queue.list())).toEqual(['b', 'c']);
    expect(queue.list().map((t) => t.waited ?? false)).toEqual([true, true]); // c waits behind b

    await queue.flush((input) => (sent.push(input.requestId), Promise.resolve(logged(input))));
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(queue.list()).toEqual([]);
    expect(storage.map.has(QUEUE_STORAGE_KEY)).toBe(false);
  });

  it('two failed taps in a row both wait, and both are sent once the server answers', async () => {
    const { queue } = pageQueue();
    queue.add(tap('gesundheit', { topicIds: [4] }), MADE_AT);
    await queue.flush(noAnswer);
    queue.add(tap('bildung', { topicIds: [10] }), MADE_AT + 60_000);
    await queue.flush(noAnswer);
    expect(keys(queue.list())).toEqual(['gesundheit', 'bildung']);
    const sent: TapInput[] = [];
    await queue.flush((input) => (sent.push(input), Promise.resolve(logged(input))));
    expect(sent.map((i) => i.topicIds)).toEqual([[4], [10]]);
  });

  it('keeps a tap the server refuses for good as refused (never sent again, never dropped) until someone acknowledges it; a "not now" keeps it waiting', async () => {
    const { queue } = pageQueue();
    queue.add(tap('retired-topic'), MADE_AT);
    queue.add(tap('fine'), MADE_AT);
    queue.add(tap('db-locked'), MADE_AT);
    const tried: string[] = [];
    const outcome = await queue.flush((input) => {
      tried.push(input.requestId);
      if (input.requestId === 'fine') return Promise.resolve(logged(input));
      return Promise.reject(
        new ClientError(
          input.requestId === 'retired-topic'
            ? { code: 'invalid_input', message: '1 is not an active catalog entry', field: 'topicIds.0' }
            : { code: 'unavailable', message: 'locked' },
        ),
      );
    });
    expect(tried).toEqual(['retired-topic', 'fine', 'db-locked']);
    expect(keys(outcome.refused)).toEqual(['retired-topic']);
    expect(queue.list().map((t) => [t.input.requestId, t.refused?.field ?? null, t.waited ?? false])).toEqual([
      ['retired-topic', 'topicIds.0', false],
      ['db-locked', null, true],
    ]);
    tried.length = 0;
    await queue.flush((input) => (tried.push(input.requestId), Promise.resolve(logged(input))));
    expect(tried).toEqual(['db-locked']); // the refused one is not sent again
    expect(keys(queue.list())).toEqual(['retired-topic']);
    queue.acknowledge('retired-topic');
    expect(queue.list()).toEqual([]);
  });

  it('runs one flush at a time, so no tap is sent twice at once, and a tap made during a flush goes out in it, after the earlier ones', async () => {
    const { queue } = pageQueue();
    queue.add(tap('a'), MADE_AT);
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send = async (input: TapInput) => {
      sent.push(input.requestId);
      await gate;
      return logged(input);
    };
    const first = queue.flush(send);
    queue.add(tap('b'), MADE_AT + 100);
    const second = queue.flush(send);
    release();
    await Promise.all([first, second]);
    expect(sent).toEqual(['a', 'b']);
    expect(queue.list()).toEqual([]);
  });

  it('sends a fresh tap without a time (the server’s clock decides), a tap that waited with the time it was made, a back-dated one with its chosen time', () => {
    const fresh = { input: tap('a'), madeAt: MADE_AT, page: 'p' };
    expect(callFor(fresh, MADE_AT + 100)).toEqual(tap('a'));
    expect(callFor(fresh, MADE_AT + SEND_WITH_TIME_AFTER_MS)).toEqual({ ...tap('a'), occurredAt: '2026-03-10T09:30:00.000Z' });
    const backdated = { input: tap('b', { occurredAt: '2026-03-09T08:00:00.000Z' }), madeAt: MADE_AT, page: 'p' };
    expect(callFor(backdated, MADE_AT + 3_600_000).occurredAt).toBe('2026-03-09T08:00:00.000Z');
  });

  it('leaves another open tab’s fresh tap to that tab, and sends it once it is orphaned (its tab reloaded or closed)', async () => {
    const storage = memoryStorage();
    const tabA = pageQueue(storage, 'tab-a');
    const tabB = pageQueue(storage, 'tab-b');
    tabA.queue.add(tap('from-a'), MADE_AT);
    const sent: string[] = [];
    const send = (input: TapInput) => (sent.push(input.requestId), Promise.resolve(logged(input)));
    tabB.clock.now = MADE_AT + 1000;
    await tabB.queue.flush(send);
    expect(sent).toEqual([]);
    tabB.clock.now = MADE_AT + ORPHANED_AFTER_MS;
    await tabB.queue.flush(send);
    expect(sent).toEqual(['from-a']);
  });

  it('takes over taps stored by the previous version (flat, with occurredAt) and ignores unreadable entries', () => {
    const storage = memoryStorage();
    storage.setItem(QUEUE_STORAGE_KEY, JSON.stringify([{ ...tap('old'), occurredAt: '2026-03-10T09:00:00.000Z' }, { nonsense: true }, 42]));
    const { queue } = pageQueue(storage);
    expect(queue.list()).toEqual([
      { input: { ...tap('old'), occurredAt: '2026-03-10T09:00:00.000Z' }, madeAt: Date.parse('2026-03-10T09:00:00.000Z'), page: '', waited: true },
    ]);
    storage.setItem(QUEUE_STORAGE_KEY, '{not json');
    expect(queue.list()).toEqual([]);
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
