import { randomBytes } from 'node:crypto';
import { ApiError } from '../api/errors';

/** After this many wrong PINs in a row, tries are refused for a while. */
export const FREE_ATTEMPTS = 5;
/** The first wait after the free attempts; it doubles with every further wrong PIN, up to the cap. */
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

export const LOCKED_MESSAGE = 'the management area is locked; unlock it with the PIN';

export interface ManagementGate {
  /** Throws `locked` unless the session is open and was used within the idle limit; a valid call keeps it open. */
  check(session: string | undefined): Promise<void>;
  isOpen(session: string | undefined): Promise<boolean>;
  open(): string;
  close(session: string | undefined): void;
  closeAll(): void;
  /** Throws `rate_limited` while wrong PINs have shut the door. */
  assertMayTry(): void;
  recordAttempt(ok: boolean): void;
  /** Seconds until another PIN may be tried; 0 when it may be tried now. */
  retryAfterSeconds(): number;
}

export interface GateOptions {
  now: () => number;
  /** Read on every check, so a changed setting applies to open sessions at once. */
  idleLimitMs: () => Promise<number>;
}

/**
 * Unlocked management sessions, held in memory only: a restart locks everything, and a token
 * opens only the tab (or window) that unlocked it. Wrong PINs are counted for the whole process,
 * not per caller, so a guesser on the network gains nothing by switching devices.
 */
export function createManagementGate({ now, idleLimitMs }: GateOptions): ManagementGate {
  const sessions = new Map<string, number>();
  let failures = 0;
  let blockedUntil = 0;

  const isOpen = async (session: string | undefined) => {
    if (session === undefined) return false;
    const lastUsed = sessions.get(session);
    if (lastUsed === undefined) return false;
    if (now() - lastUsed > (await idleLimitMs())) {
      sessions.delete(session);
      return false;
    }
    return true;
  };

  const retryAfterSeconds = () => Math.max(0, Math.ceil((blockedUntil - now()) / 1000));

  return {
    isOpen,
    async check(session) {
      if (!(await isOpen(session))) throw new ApiError('locked', LOCKED_MESSAGE);
      sessions.set(session!, now());
    },
    open() {
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, now());
      return token;
    },
    close(session) {
      if (session !== undefined) sessions.delete(session);
    },
    closeAll() {
      sessions.clear();
    },
    assertMayTry() {
      const wait = retryAfterSeconds();
      if (wait > 0) throw new ApiError('rate_limited', `too many wrong PINs; try again in ${wait} s`);
    },
    recordAttempt(ok) {
      if (ok) {
        failures = 0;
        blockedUntil = 0;
        return;
      }
      failures += 1;
      if (failures >= FREE_ATTEMPTS) {
        const wait = Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (failures - FREE_ATTEMPTS));
        blockedUntil = now() + wait;
      }
    },
    retryAfterSeconds,
  };
}
