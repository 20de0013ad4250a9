import { describe, expect, it, vi } from 'vitest';
import type { Change } from '../../core/base/changes';
import { CHANGES_CHANNEL } from '../../core/api/changes-bridge';
import { createChangeFeed } from '../../core/live/change-feed';
import { forwardChangesToWindows, type ForwardTarget } from '../../electron/change-forwarding';

/** A window as forwarding sees it: the URL its main frame shows, whether it is gone, what was sent to it. */
function fakeWindow(url: string, { destroyed = false, failing = false } = {}) {
  const send = vi.fn((..._args: unknown[]) => {
    if (failing) throw new Error('Render frame was disposed');
  });
  const target = { webContents: { isDestroyed: () => destroyed, mainFrame: { url, send } } } as unknown as ForwardTarget;
  return { target, send };
}

const TAP: Change = { kind: 'contacts', days: ['2026-03-10'] };

describe('forwarding changes to the windows (desktop shell)', () => {
  it('sends each change, kind and day only, to the main frame of every window that shows our renderer', () => {
    const feed = createChangeFeed();
    const ours = fakeWindow('app://kontaktdesk/index.html#/reports');
    const second = fakeWindow('app://kontaktdesk/index.html');
    const foreign = fakeWindow('https://evil.example/');
    const lookalike = fakeWindow('app://kontaktdesk.evil/index.html');
    forwardChangesToWindows(feed, () => [ours.target, second.target, foreign.target, lookalike.target]);
    feed.publish({ ...TAP, extra: 'never sent' } as Change);
    feed.publish({ kind: 'catalog' });
    for (const win of [ours, second]) {
      expect(win.send.mock.calls).toEqual([
        [CHANGES_CHANNEL, TAP],
        [CHANGES_CHANNEL, { kind: 'catalog' }],
      ]);
    }
    expect(foreign.send).not.toHaveBeenCalled();
    expect(lookalike.send).not.toHaveBeenCalled();
  });

  it('skips a closed window, keeps going past one that fails, and stops when unsubscribed', () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const feed = createChangeFeed();
    const closed = fakeWindow('app://kontaktdesk/index.html', { destroyed: true });
    const failing = fakeWindow('app://kontaktdesk/index.html', { failing: true });
    const fine = fakeWindow('app://kontaktdesk/index.html');
    const stop = forwardChangesToWindows(feed, () => [closed.target, failing.target, fine.target]);
    feed.publish(TAP);
    expect(closed.send).not.toHaveBeenCalled();
    expect(fine.send).toHaveBeenCalledWith(CHANGES_CHANNEL, TAP);
    expect(reported).toHaveBeenCalledTimes(1);
    stop();
    feed.publish(TAP);
    expect(fine.send).toHaveBeenCalledTimes(1);
    reported.mockRestore();
  });
});
