// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAction } from '../../../renderer/ui/use-action';

/** A promise the test settles by hand, so "while it runs" is a state the test holds, not a race. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAction', () => {
  it('is busy exactly while the work runs, and reports success', async () => {
    const { result } = renderHook(() => useAction());
    expect(result.current.busy).toBe(false);
    const work = deferred();
    let finished!: Promise<boolean>;
    act(() => {
      finished = result.current.run(() => work.promise);
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      work.resolve();
      expect(await finished).toBe(true);
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('keeps a refusal as the error instead of throwing, and the next run clears it', async () => {
    const { result } = renderHook(() => useAction());
    const refusal = new Error('refused');
    await act(async () => {
      expect(await result.current.run(() => Promise.reject(refusal))).toBe(false);
    });
    expect(result.current.error).toBe(refusal);
    expect(result.current.busy).toBe(false);

    const work = deferred();
    let finished!: Promise<boolean>;
    act(() => {
      finished = result.current.run(() => work.promise);
    });
    // Cleared as the new run starts, not only when it succeeds: an old refusal never stands beside a new try.
    expect(result.current.error).toBeNull();
    await act(async () => {
      work.resolve();
      await finished;
    });
    expect(result.current.error).toBeNull();
  });

  it('catches a synchronous throw too, and lets a load failure be set by hand', async () => {
    const { result } = renderHook(() => useAction());
    await act(async () => {
      expect(
        await result.current.run(() => {
          throw new Error('at once');
        }),
      ).toBe(false);
    });
    expect((result.current.error as Error).message).toBe('at once');
    act(() => result.current.setError('load failed'));
    expect(result.current.error).toBe('load failed');
  });
});
