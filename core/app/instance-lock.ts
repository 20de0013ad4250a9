import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { processStartOf } from '../base/process-start';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * One app process per database file. Two processes on one SQLite file would each keep their own
 * catalog cache and management sessions in memory and disagree, so a start first claims a lock file
 * beside the database (`kontaktdesk.sqlite.lock`; the demo database has its own). The file names its
 * owner, so a second start can say where the running one is, and a lock left by a crashed process
 * (kill -9, power cut) can be told apart and taken over.
 */

const lockOwnerSchema = z.object({
  pid: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  host: z.string().min(1),
  startedAt: z.string(),
  /** When the owner process began, as the OS tells it; a live PID with another start time was reused. */
  processStart: z.string().nullable(),
  /** Where the owner can be reached: browser mode's URL once it listens, or "desktop window". */
  address: z.string().nullable(),
  /** Tells this lock apart from any earlier one of the same process, so release never removes another's. */
  lockId: z.string().min(1),
});
export type LockOwner = z.infer<typeof lockOwnerSchema>;

export const lockFileOf = (databaseFile: string) => `${databaseFile}.lock`;

/** A start refused because another Kontaktdesk holds (or may hold) the database. */
export class AlreadyRunningError extends Error {
  constructor(
    message: string,
    readonly lockFile: string,
    readonly owner: LockOwner,
  ) {
    super(message);
    this.name = 'AlreadyRunningError';
  }
}

export interface InstanceLock {
  readonly file: string;
  /** Records where this instance can be reached, for the message a second start gives. */
  announce(address: string): void;
  /** Removes the lock file, only if it is still this instance's. */
  release(): void;
}

export interface LockOptions {
  /** Where this instance can be reached, if known at start. */
  address?: string | null;
  /** Where the one line about a taken-over stale lock goes. */
  report?: (line: string) => void;
}

/**
 * Claims the lock of `databaseFile` before anything reads or writes the database. Throws
 * AlreadyRunningError, having written nothing, while a live process on this computer holds it, or
 * when a process on another computer (a data folder on a network share) does: that one cannot be
 * checked from here. A lock whose process has ended, whose PID now belongs to another program, or
 * that names no owner (cut off while being written) is taken over with one line to `report`.
 *
 * Where the folder cannot be written at all the app runs without a lock: the startup check then
 * reports the database as read-only, and a read-only database cannot be changed by two processes.
 */
export function acquireInstanceLock(databaseFile: string, { address = null, report = console.error }: LockOptions = {}): InstanceLock {
  const file = lockFileOf(databaseFile);
  const mine = JSON.stringify(ownerRecord(address)) + '\n';
  // Each round either ends, or another start changed the file meanwhile; a handful of rounds settles any race.
  for (let round = 0; round < 20; round++) {
    const found = readLockFile(file);
    // Our own lock, put back by a start that had moved it aside to judge it (see removeLockIfUnchanged).
    if (found.text === mine) return heldLock(file, mine);
    if (found.text === null) {
      const outcome = publish(file, mine);
      if (outcome === 'created') return heldLock(file, mine);
      if (outcome === 'unwritable') return { file, announce: () => undefined, release: () => undefined };
      continue;
    }
    const verdict = found.owner ? judge(found.owner) : 'unreadable';
    if (verdict === 'live') throw new AlreadyRunningError(runningHereMessage(file, found.owner!), file, found.owner!);
    if (verdict === 'other-host') throw new AlreadyRunningError(otherHostMessage(file, found.owner!), file, found.owner!);
    if (removeLockIfUnchanged(file, found.text)) report(takeOverLine(file, verdict, found.owner));
  }
  throw new Error(`Cannot take the lock file ${file}: other starts kept changing it. Start Kontaktdesk again.`);
}

function ownerRecord(address: string | null): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStartOf(process.pid),
    address,
    lockId: randomBytes(8).toString('hex'),
  };
}

function heldLock(file: string, content: string): InstanceLock {
  let mine = content;
  let released = false;
  return {
    file,
    announce(address) {
      if (released || readLockFile(file).text !== mine) return;
      const next = JSON.stringify({ ...(JSON.parse(mine) as LockOwner), address }) + '\n';
      const temp = writeTempBeside(file, next);
      try {
        renameSync(temp, file);
        mine = next;
      } catch {
        // Still the old record: a second start then names no address, nothing worse.
        rmSync(temp, { force: true });
      }
    },
    release() {
      if (released) return;
      released = true;
      if (readLockFile(file).text === mine) rmSync(file, { force: true });
    },
  };
}

type Found = { text: null; owner?: undefined } | { text: string; owner: LockOwner | null };

function readLockFile(file: string): Found {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return { text: null };
    throw new Error(`Cannot read the lock file ${file}: ${messageOf(err)}`);
  }
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(text));
    return { text, owner: parsed.success ? parsed.data : null };
  } catch {
    return { text, owner: null };
  }
}

type Verdict = 'live' | 'other-host' | 'ended' | 'pid-reused';

function judge(owner: LockOwner): Verdict {
  if (owner.host.toLowerCase() !== hostname().toLowerCase()) return 'other-host';
  if (!isRunning(owner.pid)) return 'ended';
  const now = processStartOf(owner.pid);
  if (owner.processStart !== null && now !== null && now !== owner.processStart) return 'pid-reused';
  return 'live';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return codeOf(err) === 'EPERM';
  }
}

/**
 * Writes the lock so that it appears whole and only if there is none: the content goes to a temp
 * file first, which is then hard-linked to the lock's name (atomic, and fails if the name exists).
 * File systems without hard links (FAT on a USB stick, some network shares) get an exclusive `wx`
 * create instead; a start killed mid-write there leaves a file naming no owner, which is taken over.
 */
function publish(file: string, content: string): 'created' | 'taken' | 'unwritable' {
  let temp: string | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    temp = writeTempBeside(file, content);
    try {
      linkSync(temp, file);
    } catch (err) {
      if (!NO_HARD_LINKS.has(codeOf(err))) throw err;
      writeExclusive(file, content);
    }
    // A start that judged our half-written `wx` file as ownerless may have moved it aside meanwhile.
    return readLockFile(file).text === content ? 'created' : 'taken';
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return 'taken';
    if (UNWRITABLE.has(codeOf(err))) return 'unwritable';
    throw new Error(`Cannot write the lock file ${file}: ${messageOf(err)}`);
  } finally {
    if (temp) rmSync(temp, { force: true });
  }
}

/**
 * Removes a lock judged stale, unless another start replaced it since it was read: the file is
 * renamed aside (only one start can do that) and compared with what was judged. If it differs, it is
 * someone's fresh lock, and goes back where it was. Exported for its test: the race it guards against
 * is too narrow to hit on purpose from outside.
 */
export function removeLockIfUnchanged(file: string, judged: string): boolean {
  const aside = tempNameBeside(file, 'stale');
  try {
    renameSync(file, aside);
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return false;
    throw new Error(`Cannot take over the lock file ${file}: ${messageOf(err)}`);
  }
  try {
    if (readFileSync(aside, 'utf8') === judged) return true;
    try {
      linkSync(aside, file);
    } catch (err) {
      // EEXIST: a third start got in meanwhile; the next round judges that one.
      if (NO_HARD_LINKS.has(codeOf(err))) renameSync(aside, file);
    }
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}

function writeTempBeside(file: string, content: string): string {
  const temp = tempNameBeside(file, 'tmp');
  writeExclusive(temp, content);
  return temp;
}

function writeExclusive(path: string, content: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const tempNameBeside = (file: string, kind: string) => join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.${kind}`);

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EINVAL', 'EISDIR']);
const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

const codeOf = (err: unknown) => String((err as { code?: unknown })?.code ?? '');
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function runningHereMessage(file: string, owner: LockOwner): string {
  const where = owner.address ?? 'still starting, no address yet';
  // Without a process start time a PID reused by another program looks like Kontaktdesk.
  const unsure = owner.processStart === null ? ` If PID ${owner.pid} is not Kontaktdesk, delete ${file} and start again.` : '';
  return `Kontaktdesk is already running with this database (PID ${owner.pid}): ${where} – continue there, or close that one first.${unsure}`;
}

function otherHostMessage(file: string, owner: LockOwner): string {
  const where = owner.address ? `, ${owner.address}` : '';
  return (
    `Kontaktdesk on the computer "${owner.host}" holds this database (PID ${owner.pid} there, since ${owner.startedAt}${where}). ` +
    `Whether it still runs cannot be checked from here: if Kontaktdesk is not running on "${owner.host}", delete the lock file ${file} and start again.`
  );
}

function takeOverLine(file: string, verdict: Verdict | 'unreadable', owner: LockOwner | null): string {
  if (!owner || verdict === 'unreadable') return `Took over an unreadable lock file (left by a start that was cut off): ${file}`;
  const why = verdict === 'pid-reused' ? 'that PID now belongs to another program' : 'that Kontaktdesk is no longer running';
  return `Took over a stale lock from PID ${owner.pid} (started ${owner.startedAt}; ${why}): ${file}`;
}
