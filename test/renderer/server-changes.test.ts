import { describe, expect, it, vi } from 'vitest';
import type { ChangesBridge } from '../../core/api/changes-bridge';
import { ipcChanges } from '../../renderer/api/server-changes';
import type { ServerChange } from '../../renderer/api/server-change-schema';
import { sharedChanges, type ServerChangeListener } from '../../renderer/api/shared-changes';

/** A connection the test drives: how often it was opened and closed, and a way to push changes through it. */
function fakeConnection() {
  const state = { opened: 0, closed: 0, deliver: undefined as ServerChangeListener | undefined };
  const subscribe = sharedChanges((deliver) => {
    state.opened++;
    state.deliver = deliver;
    return () => void state.closed++;
  });
  return { state, subscribe };
}

const CATALOG: ServerChange = { kind: 'catalog' };

describe('one change connection per page', () => {
  it('the first subscriber opens it, every subscriber hears each change, the last unsubscribe closes it', () => {
    const { state, subscribe } = fakeConnection();
    const a: ServerChange[] = [];
    const b: ServerChange[] = [];
    const stopA = subscribe((c) => a.push(c));
    const stopB = subscribe((c) => b.push(c));
    expect(state.opened).toBe(1);
    state.deliver!(CATALOG);
    expect([a, b]).toEqual([[CATALOG], [CATALOG]]);
    stopA();
    stopA(); // twice is harmless
    expect(state.closed).toBe(0);
    state.deliver!({ kind: 'resync' });
    expect([a, b]).toEqual([[CATALOG], [CATALOG, { kind: 'resync' }]]);
    stopB();
    expect(state.closed).toBe(1);
    subscribe(() => undefined);
    expect(state.opened).toBe(2);
  });

  it('a listener that throws is reported and the others still hear', () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { state, subscribe } = fakeConnection();
    const heard: ServerChange[] = [];
    subscribe(() => {
      throw new Error('unmounted screen');
    });
    subscribe((c) => heard.push(c));
    state.deliver!(CATALOG);
    expect(heard).toEqual([CATALOG]);
    expect(reported).toHaveBeenCalledTimes(1);
    reported.mockRestore();
  });
});

describe('changes over IPC (the desktop app)', () => {
  it('parses what the main process sends, answers anything unreadable with resync, and unsubscribes from the bridge', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let send: ((raw: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    const bridge: ChangesBridge = {
      subscribe: (listener) => {
        send = listener;
        return unsubscribe;
      },
    };
    const heard: ServerChange[] = [];
    const close = ipcChanges(bridge)((c) => heard.push(c));
    send!({ kind: 'contacts', days: ['2026-03-10'] });
    send!({ kind: 'contacts', days: 'any' });
    send!({ kind: 'devices' });
    send!({ kind: 'views' });
    send!({ kind: 'contacts', days: ['<script>'] });
    send!({ kind: 'shutdown' });
    send!('catalog');
    expect(heard).toEqual([
      { kind: 'contacts', days: ['2026-03-10'] },
      { kind: 'contacts', days: 'any' },
      { kind: 'devices' },
      { kind: 'views' },
      { kind: 'resync' },
      { kind: 'resync' },
      { kind: 'resync' },
    ]);
    expect(warn).toHaveBeenCalledTimes(3);
    close();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
