import type { Handlers } from '../api/contract';
import type { Api } from '../api/dispatch';
import { methodNames } from '../base/method-names';
import type { ManagementGate } from '../management/management-gate';
import { ANY_DAY } from '../base/changes';
import { createChangeFeed } from '../live/change-feed';

/**
 * An Api whose handlers, gate and changes forward to whichever Api is current. The transports are
 * given this one object at start and keep it (open event streams stay subscribed); recovery from a
 * damaged database replaces what is behind it.
 */
export function createSwitchableApi(initial: Api): { api: Api; switchTo(next: Api): void } {
  let current = initial;
  const handlers = Object.fromEntries(
    methodNames.map((m) => [m, (input: unknown, call: unknown) => (current.handlers[m] as (i: unknown, c: unknown) => Promise<unknown>)(input, call)]),
  ) as unknown as Handlers;
  const gate: ManagementGate = {
    check: (s) => current.gate.check(s),
    isOpen: (s) => current.gate.isOpen(s),
    keepOpen: (s) => current.gate.keepOpen(s),
    open: () => current.gate.open(),
    close: (s) => current.gate.close(s),
    assertMayTry: () => current.gate.assertMayTry(),
    recordAttempt: (ok) => current.gate.recordAttempt(ok),
    retryAfterSeconds: () => current.gate.retryAfterSeconds(),
  };
  const changes = createChangeFeed();
  let unforward = current.changes.subscribe(changes.publish);
  return {
    api: { handlers, gate, changes: { subscribe: changes.subscribe } },
    switchTo: (next) => {
      current = next;
      unforward();
      unforward = next.changes.subscribe(changes.publish);
      // Behind the same api there is now another database: every open screen re-reads all of it.
      changes.publish({ kind: 'catalog' });
      changes.publish({ kind: 'contacts', days: ANY_DAY });
    },
  };
}
