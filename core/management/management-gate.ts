import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ApiError } from '../base/errors';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';

/** After this many wrong PINs in a row, tries are refused for a while. */
export const FREE_ATTEMPTS = 5;
/** The first wait after the free attempts; it doubles with every further wrong PIN, up to the cap. */
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

/**
 * A session's last use is written at most this often. A management screen makes many calls (a report
 * reads several things, the audit trail pages); each must not become a write that queues behind the
 * desk's taps. The idle limit is whole minutes (1–240), so a last use up to 15 s old locks a session
 * at most 15 s early.
 */
export const REFRESH_EVERY_MS = 15_000;

/**
 * Rows of sessions unused this long are removed when a session opens; far beyond the longest idle
 * limit (240 min) on purpose. Each PC writes its own sessions' times by its own clock, so removing by
 * the idle limit would let a PC whose clock runs ahead end another PC's live sessions.
 */
const FORGOTTEN_AFTER_MS = 24 * 60 * 60_000;

/** Longer than any token `open` hands out: treated as no session, without hashing a stranger's megabyte. */
const MAX_TOKEN_LENGTH = 200;

export const LOCKED_MESSAGE = 'the management area is locked; unlock it with the PIN';

export interface ManagementGate {
  /** Throws `locked` unless the session is open: its row exists and it was used within the idle limit. */
  check(session: string | undefined): Promise<void>;
  isOpen(session: string | undefined): Promise<boolean>;
  /** After a management call went through: counts as use of its session (written at most every REFRESH_EVERY_MS). */
  keepOpen(session: string | undefined): Promise<void>;
  open(): Promise<string>;
  close(session: string | undefined): Promise<void>;
  /** Throws `rate_limited` while wrong PINs have shut the door. */
  assertMayTry(): Promise<void>;
  recordAttempt(ok: boolean): Promise<void>;
  /** Seconds until another PIN may be tried; 0 when it may be tried now. */
  retryAfterSeconds(): Promise<number>;
}

export interface GateOptions {
  db: Kysely<Schema>;
  now: () => number;
  /** Read on every check, so a changed setting applies to open sessions at once. */
  idleLimitMs: () => Promise<number>;
}

/** What the database keeps of a session token: enough to recognise it, useless to present. */
export const hashSessionToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const hashOf = (session: string | undefined) => (session === undefined || session.length > MAX_TOKEN_LENGTH ? undefined : hashSessionToken(session));

/** A new session, returned as its token; inside the caller's transaction (a PIN change opens the changer's in the same step). */
export async function startSession(db: Kysely<Schema>, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .deleteFrom('management_sessions')
    .where('last_used_at', '<', now - FORGOTTEN_AFTER_MS)
    .execute();
  await db
    .insertInto('management_sessions')
    .values({ token_hash: hashSessionToken(token), opened_at: now, last_used_at: now })
    .execute();
  return token;
}

/** Locks every window on every process at its next call; called inside the transaction that changes or clears the PIN. */
export async function endAllSessions(db: Kysely<Schema>): Promise<void> {
  await db.deleteFrom('management_sessions').execute();
}

/** Wrong PINs count from nothing again (a right PIN, a PIN reset). Writes only when there is something to clear. */
export async function clearWrongPins(db: Kysely<Schema>): Promise<void> {
  await db
    .updateTable('wrong_pin_backoff')
    .set({ failures: 0, blocked_until: 0 })
    .where('id', '=', 1)
    .where((eb) => eb.or([eb('failures', '<>', 0), eb('blocked_until', '<>', 0)]))
    .execute();
}

async function readBackoff(db: Kysely<Schema>): Promise<{ failures: number; blockedUntil: number }> {
  const row = await db.selectFrom('wrong_pin_backoff').select(['failures', 'blocked_until']).where('id', '=', 1).executeTakeFirst();
  return { failures: Number(row?.failures ?? 0), blockedUntil: Number(row?.blocked_until ?? 0) };
}

/**
 * Unlocked management sessions and the wrong-PIN back-off, both in the database, so every process on
 * it agrees: a PIN change or reset locks every window on every PC, a restart keeps sessions until
 * their idle limit, and wrong PINs count together wherever they are tried (a guesser gains nothing by
 * switching PCs or devices). A token opens only the tab or window that holds it (it is kept in that
 * window's memory); the table holds its SHA-256 only.
 */
export function createManagementGate({ db, now, idleLimitMs }: GateOptions): ManagementGate {
  const isOpen = async (session: string | undefined) => {
    const hash = hashOf(session);
    if (hash === undefined) return false;
    const row = await db.selectFrom('management_sessions').select('last_used_at').where('token_hash', '=', hash).executeTakeFirst();
    if (!row) return false;
    const lastUsed = Number(row.last_used_at);
    if (now() - lastUsed <= (await idleLimitMs())) return true;
    // The lock takes effect: the row goes, so a longer idle limit set later cannot bring the session back.
    // Only if unused meanwhile: another process may just have counted a call on it.
    await db.deleteFrom('management_sessions').where('token_hash', '=', hash).where('last_used_at', '=', lastUsed).execute();
    return false;
  };

  const retryAfterSeconds = async () => Math.max(0, Math.ceil(((await readBackoff(db)).blockedUntil - now()) / 1000));

  return {
    isOpen,
    async check(session) {
      if (!(await isOpen(session))) throw new ApiError('locked', LOCKED_MESSAGE);
    },
    async keepOpen(session) {
      const hash = hashOf(session);
      if (hash === undefined) return;
      const at = now();
      // Read first: a call within REFRESH_EVERY_MS of the last write takes no write lock at all.
      const row = await db.selectFrom('management_sessions').select('last_used_at').where('token_hash', '=', hash).executeTakeFirst();
      if (!row || at - Number(row.last_used_at) < REFRESH_EVERY_MS) return;
      await db.updateTable('management_sessions').set({ last_used_at: at }).where('token_hash', '=', hash).where('last_used_at', '<', at).execute();
    },
    open: () => writeTransaction(db, (trx) => startSession(trx, now())),
    async close(session) {
      const hash = hashOf(session);
      if (hash !== undefined) await db.deleteFrom('management_sessions').where('token_hash', '=', hash).execute();
    },
    async assertMayTry() {
      const wait = await retryAfterSeconds();
      if (wait > 0) throw new ApiError('rate_limited', `too many wrong PINs; try again in ${wait} s`);
    },
    async recordAttempt(ok) {
      if (ok) {
        const { failures, blockedUntil } = await readBackoff(db);
        if (failures !== 0 || blockedUntil !== 0) await clearWrongPins(db);
        return;
      }
      // Read and raised in one write transaction: two processes counting at once both count.
      await writeTransaction(db, async (trx) => {
        const failures = (await readBackoff(trx)).failures + 1;
        const blockedUntil = failures >= FREE_ATTEMPTS ? now() + Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (failures - FREE_ATTEMPTS)) : 0;
        await trx
          .insertInto('wrong_pin_backoff')
          .values({ id: 1, failures, blocked_until: blockedUntil })
          .onConflict((oc) => oc.column('id').doUpdateSet({ failures, blocked_until: blockedUntil }))
          .execute();
      });
    },
    retryAfterSeconds,
  };
}

/**
 * Sessions and the back-off belong to the running site, not to its data: a restored backup brings
 * back contacts and settings, while the windows open now stay open (and closed ones closed), and
 * wrong PINs stay counted. `before` reads them just before the backup's pages are copied in; any
 * write after that stops the restore (core/backup/backup-service.ts), so nothing is missed. `after`
 * puts them back once the restored database is migrated.
 */
export function keepGateAcrossRestore(db: Kysely<Schema>): { before(): Promise<void>; after(): Promise<void> } {
  let kept: { sessions: { token_hash: string; opened_at: number; last_used_at: number }[]; backoff: { failures: number; blockedUntil: number } } | undefined;
  return {
    async before() {
      kept = { sessions: await db.selectFrom('management_sessions').selectAll().execute(), backoff: await readBackoff(db) };
    },
    async after() {
      if (kept === undefined) return;
      const { sessions, backoff } = kept;
      kept = undefined;
      await writeTransaction(db, async (trx) => {
        await endAllSessions(trx);
        if (sessions.length > 0) await trx.insertInto('management_sessions').values(sessions).execute();
        const row = { failures: backoff.failures, blocked_until: backoff.blockedUntil };
        await trx
          .insertInto('wrong_pin_backoff')
          .values({ id: 1, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
      });
    },
  };
}
