import { randomInt, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../base/errors';

/** How long a pairing code can be used after it was made. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes allowed before tries are refused for a while; then the wait doubles with every wrong code. */
export const FREE_PAIRING_ATTEMPTS = 5;
export const FIRST_PAIRING_LOCKOUT_MS = 30_000;
export const MAX_PAIRING_LOCKOUT_MS = 15 * 60_000;

export const WRONG_CODE_MESSAGE = 'the pairing code is wrong, used or expired; ask management for a new one';

interface OpenCode {
  code: string;
  expiresAt: number;
  deskId: number | null;
}

export interface PairingDoor {
  /** Makes a new code; an earlier unused one stops working. */
  issue(deskId: number | null): OpenCode;
  /** The code waiting to be used, if it has not expired. */
  current(): OpenCode | null;
  /**
   * Checks a code: refuses while wrong codes have shut the door, counts a wrong one, and uses a
   * right one up (a second device needs a new code). Writes nothing anywhere.
   */
  redeem(code: string): { deskId: number | null };
  /** Sharing switched off: no code may pair any more. */
  clear(): void;
}

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The one-time pairing code and the wrong-code limit, in memory only: a restart ends every code.
 * Wrong codes are counted for the whole process, not per caller, as with the PIN: a guesser on the
 * network gains nothing by switching devices. Six digits at five free tries and a doubling wait
 * leave a guesser about one chance in 100,000 within a code's ten minutes.
 */
export function createPairingDoor(now: () => number): PairingDoor {
  let open: OpenCode | null = null;
  let failures = 0;
  let blockedUntil = 0;

  const current = () => (open && open.expiresAt > now() ? open : null);

  return {
    issue(deskId) {
      open = { code: String(randomInt(0, 1_000_000)).padStart(6, '0'), expiresAt: now() + PAIRING_CODE_TTL_MS, deskId };
      return open;
    },
    current,
    redeem(code) {
      const wait = Math.max(0, Math.ceil((blockedUntil - now()) / 1000));
      if (wait > 0) throw new ApiError('rate_limited', `too many wrong pairing codes; try again in ${wait} s`);
      const waiting = current();
      if (!waiting || !sameCode(waiting.code, code)) {
        failures += 1;
        if (failures >= FREE_PAIRING_ATTEMPTS) {
          blockedUntil = now() + Math.min(MAX_PAIRING_LOCKOUT_MS, FIRST_PAIRING_LOCKOUT_MS * 2 ** (failures - FREE_PAIRING_ATTEMPTS));
        }
        throw new ApiError('forbidden', WRONG_CODE_MESSAGE, 'code');
      }
      open = null;
      failures = 0;
      blockedUntil = 0;
      return { deskId: waiting.deskId };
    },
    clear() {
      open = null;
    },
  };
}
