import type { Handlers } from '../api/contract';
import type { Api } from '../api/dispatch';
import { methodNames } from '../api/method-names';
import type { ManagementGate } from '../management/management-gate';

/**
 * An Api whose handlers and gate forward to whichever Api is current. The transports are given this
 * one object at start and keep it; recovery from a damaged database replaces what is behind it.
 */
export function createSwitchableApi(initial: Api): { api: Api; switchTo(next: Api): void } {
  let current = initial;
  const handlers = Object.fromEntries(
    methodNames.map((m) => [m, (input: unknown, call: unknown) => (current.handlers[m] as (i: unknown, c: unknown) => Promise<unknown>)(input, call)]),
  ) as unknown as Handlers;
  const gate: ManagementGate = {
    check: (s) => current.gate.check(s),
    isOpen: (s) => current.gate.isOpen(s),
    open: () => current.gate.open(),
    close: (s) => current.gate.close(s),
    closeAll: () => current.gate.closeAll(),
    assertMayTry: () => current.gate.assertMayTry(),
    recordAttempt: (ok) => current.gate.recordAttempt(ok),
    retryAfterSeconds: () => current.gate.retryAfterSeconds(),
  };
  return {
    api: { handlers, gate },
    switchTo: (next) => {
      current = next;
    },
  };
}
