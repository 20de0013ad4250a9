import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { seededRandom } from '../../core/demo/random';
import { MAIN_BUNDLE_OPTIONS } from '../../scripts/build-electron';
import { projectRoot } from '../../scripts/paths';
import { backupChecker, leftoverBackups, listedBackups, readState } from './crash-checks';

/** What the crash test reports: the figure the issue asks for, and what went wrong if anything. */
export interface CrashFigures {
  trials: number;
  /** Contacts the child reported as saved, over all trials. */
  acknowledged: number;
  /** Acknowledged contacts found neither in the database nor, when a restore replaced them, in its safety copy: must be 0. */
  lost: number;
  /** Contacts in the file that were written but killed before their acknowledgement reached the parent. */
  unacknowledgedPresent: number;
  /** Kills before the child logged its first contact (during start-up, migration, seeding, the start backup). */
  earlyKills: number;
  /** Kills after the first contact: between commits, or during one of the two below. */
  streamKills: number;
  /** Kills while the daily (automatic) backup was being written, verified or rotated. */
  backupKills: number;
  /** Kills while a restore was under way: checking the backup, taking the safety copy, copying back, rebuilding. */
  restoreKills: number;
  /** Restores that completed (before a kill, or found done after one mid-restore). */
  restores: number;
  /** Kills mid-restore after which the restored state was found (the rest found the state before). */
  restoredWhenKilled: number;
  /** Listed backups read with integrity_check (each file once for as long as it is unchanged). */
  backupsChecked: number;
  /** One line per broken promise (integrity, lost contact, child failure); empty when all held. */
  failures: string[];
  seed: number;
  ms: number;
}

export interface CrashTrialOptions {
  trials: number;
  /** The SQLite file killed on again and again, named kontaktdesk.sqlite; a fresh temp file by default. Its backups go to `backups/` beside it. */
  file?: string;
  seed?: number;
  /** Progress, one line per trial. */
  log?: (line: string) => void;
}

/**
 * Bundles the child once into a .cjs, as the desktop main is bundled (tsx would add about a second to
 * every start). better-sqlite3 stays external and is found through NODE_PATH, so the child runs the
 * same native module as the tests, in its worker threads too (the backup checks).
 */
async function bundleChild(dir: string): Promise<string> {
  const outfile = join(dir, 'crash-child.cjs');
  await build({ ...MAIN_BUNDLE_OPTIONS, entryPoints: [join(projectRoot, 'test', 'durability', 'crash-child.ts')], outfile });
  return outfile;
}

/** Trials go round these: a kill during start-up, while contacts stream, during the daily backup, during a restore. */
const TRIAL_KINDS = ['early', 'stream', 'daily', 'restore'] as const;
type TrialKind = (typeof TRIAL_KINDS)[number];

/** When to kill: `earlyMs` after spawning, `streamMs` after the first contact, or `fraction` of the way into the second backup or restore (the first one's length is the measure). */
type Kill = { earlyMs: number } | { streamMs: number } | { phase: 'backup-start' | 'restoring'; fraction: number };

interface Trial {
  /** Every line the child wrote, in order. */
  lines: string[];
  /** How the child ended: `SIGKILL` when we killed it, anything else is a failure. */
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  sawReady: boolean;
}

const PHASE_END = { 'backup-start': 'backup-done', restoring: 'restored' } as const;

/** One child on `file`, killed as `kill` says. Resolves once the child is gone and every line it wrote has been read. */
function runTrial(bundle: string, file: string, kind: TrialKind, kill: Kill): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const mode = kind === 'early' ? 'stream' : kind;
    const child = spawn(process.execPath, [bundle, file, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(projectRoot, 'node_modules') },
    });
    const trial: Trial = { lines: [], signal: null, code: null, stderr: '', sawReady: false };
    const killNow = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined = 'earlyMs' in kill ? setTimeout(killNow, kill.earlyMs) : undefined;
    // Backstop: a child that never gets there (hung start-up) is killed too, and reported.
    const backstop = setTimeout(killNow, 30_000);
    let phaseStarted = 0;
    let phaseMs: number | null = null;
    let pending = '';
    const onLine = (line: string) => {
      trial.lines.push(line);
      if (line === 'ready') trial.sawReady = true;
      if (timer !== undefined) return;
      if ('streamMs' in kill && line.startsWith('ack ')) timer = setTimeout(killNow, kill.streamMs);
      if (!('phase' in kill)) return;
      if (line.startsWith(kill.phase)) {
        // The first one is measured; the second is killed in, at the drawn fraction of the first one's length.
        if (phaseMs === null) phaseStarted = performance.now();
        else timer = setTimeout(killNow, Math.floor(kill.fraction * phaseMs));
      } else if (line.startsWith(PHASE_END[kill.phase]) && phaseMs === null) {
        phaseMs = performance.now() - phaseStarted;
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (trial.stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(backstop);
      resolve({ ...trial, code, signal });
    });
  });
}

const missingFrom = (expected: Set<string>, found: Set<string>) => [...expected].filter((id) => !found.has(id));
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && missingFrom(a, b).length === 0;

/**
 * The crash test: `trials` children in a row on one SQLite file, each SIGKILLed at a random moment:
 * during start-up, while contacts stream, during the daily backup, during a restore (in turn). After
 * each kill the file must pass integrity_check and hold every contact acknowledged so far, except
 * those a completed restore replaced, which its safety copy must hold; after a kill mid-restore the
 * file holds either the state before or the restored one. Every listed backup must pass
 * integrity_check, and leftovers of killed backups never pile up (a start clears them).
 */
export async function runCrashTrials({ trials, file, seed = Date.now() % 2 ** 31, log = () => {} }: CrashTrialOptions): Promise<CrashFigures> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-crash-'));
  const target = file ?? join(dir, 'kontaktdesk.sqlite');
  const backupsDir = join(dirname(target), 'backups');
  const backupFile = (name: string) => join(backupsDir, name);
  const next = seededRandom(seed);
  const figures: CrashFigures = {
    trials: 0,
    acknowledged: 0,
    lost: 0,
    unacknowledgedPresent: 0,
    earlyKills: 0,
    streamKills: 0,
    backupKills: 0,
    restoreKills: 0,
    restores: 0,
    restoredWhenKilled: 0,
    backupsChecked: 0,
    failures: [],
    seed,
    ms: 0,
  };
  const backups = backupChecker(backupsDir);
  /** Request ids the database must hold: every one acknowledged, until a restore replaces them by its backup's. */
  let expected = new Set<string>();
  const lost = new Set<string>();
  try {
    const bundle = await bundleChild(dir);
    for (let i = 1; i <= trials; i++) {
      const fail = (line: string) => figures.failures.push(`trial ${i}: ${line}`);
      const kind = TRIAL_KINDS[(i - 1) % TRIAL_KINDS.length]!;
      // Early: anywhere in start-up (opening, migrating and seeding a new file, the start backup).
      // Stream: 0–300 ms after the first acknowledgement, i.e. between any two commits.
      const kill: Kill =
        kind === 'early'
          ? { earlyMs: Math.floor(next() * 800) }
          : kind === 'stream'
            ? { streamMs: Math.floor(next() * 300) }
            : { phase: kind === 'daily' ? 'backup-start' : 'restoring', fraction: next() };
      const trial = await runTrial(bundle, target, kind, kill);
      if (trial.signal !== 'SIGKILL') fail(`the child ended by itself (code ${trial.code}): ${trial.stderr.trim().slice(0, 500)}`);

      /** A safety copy (or any listed backup of that kind) holding every contact the database held before a restore. */
      const safetyHolds = (before: Set<string>, name?: string) => {
        const candidates = name
          ? [name]
          : listedBackups(backupsDir)
              .filter((b) => b.kind === 'prerestore')
              .map((b) => b.name);
        return candidates.some((n) => missingFrom(before, readState(backupFile(n), { readonly: true }).requestIds).length === 0);
      };
      let acks = 0;
      let inBackup = false;
      let restoring: { backup: string; before: Set<string> } | null = null;
      for (const line of trial.lines) {
        const [tag, a, b] = line.split(' ');
        if (tag === 'ack' && a && b) {
          expected.add(b);
          acks++;
        } else if (tag === 'backup-start') inBackup = true;
        else if (tag === 'backup-done') inBackup = false;
        else if (tag === 'restoring' && a) restoring = { backup: a, before: new Set(expected) };
        else if (tag === 'restored' && a && b && restoring) {
          if (!safetyHolds(restoring.before, b)) fail(`the safety copy ${b} lacks contacts the restore replaced`);
          expected = readState(backupFile(a), { readonly: true }).requestIds;
          figures.restores++;
          restoring = null;
        }
      }
      if (acks === 0) figures.earlyKills++;
      else figures.streamKills++;
      if (inBackup) figures.backupKills++;
      if (restoring) figures.restoreKills++;
      figures.acknowledged += acks;
      figures.trials = i;

      const state = readState(target);
      if (state.integrity !== 'ok') fail(`integrity_check says ${state.integrity}`);
      if (state.foreignKeyProblems > 0) fail(`${state.foreignKeyProblems} foreign key problems`);
      if (restoring && missingFrom(expected, state.requestIds).length > 0) {
        // Killed mid-restore and not the state before: it must be the restored one, and the safety copy must hold the state before.
        if (!sameSet(state.requestIds, readState(backupFile(restoring.backup), { readonly: true }).requestIds)) {
          fail(`after a kill mid-restore the database is neither the state before nor the restored backup ${restoring.backup}`);
        } else if (!safetyHolds(restoring.before)) {
          fail(`restored before the kill, but no safety copy holds the state before`);
        } else {
          expected = state.requestIds;
          figures.restores++;
          figures.restoredWhenKilled++;
        }
      }
      const missing = missingFrom(expected, state.requestIds);
      if (missing.length > 0) fail(`acknowledged contacts missing: ${missing.slice(0, 10).join(', ')}`);
      missing.forEach((id) => lost.add(id));
      figures.lost = lost.size;
      figures.unacknowledgedPresent = state.contactCount - (expected.size - missing.length);

      backups.check().forEach(fail);
      figures.backupsChecked = backups.count;
      // Leftovers of a killed backup are cleared by the next start: once a child got going, at most this kill's remain.
      const leftovers = leftoverBackups(backupsDir);
      if (trial.sawReady && leftovers.length > 1) fail(`leftovers of ${leftovers.length} killed backups: ${leftovers.join(', ')}`);
      log(
        `trial ${String(i).padStart(3)} (${kind.padEnd(7)}): killed ${describeKill(kill, trial)}, ` +
          `${acks} acknowledged, integrity ${state.integrity}, ${missing.length} lost`,
      );
    }
  } finally {
    figures.ms = Date.now() - started;
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

function describeKill(kill: Kill, trial: Trial): string {
  if ('earlyMs' in kill) return `${kill.earlyMs} ms after start`;
  if ('streamMs' in kill) return `${kill.streamMs} ms into the stream`;
  const last =
    [...trial.lines]
      .reverse()
      .find((l) => !l.startsWith('ack '))
      ?.split(' ')[0] ?? 'nothing';
  return `${Math.round(kill.fraction * 100)} % into a ${kill.phase === 'restoring' ? 'restore' : 'daily backup'} (last mark: ${last})`;
}

export const formatCrashFigures = (f: CrashFigures) =>
  `crash test: ${f.trials} trials, ${f.acknowledged} acknowledged, ${f.lost} lost ` +
  `(${f.earlyKills} kills during start-up, ${f.streamKills} after the first contact, of them ${f.backupKills} during the daily backup and ${f.restoreKills} during a restore, ${f.restoredWhenKilled} of which had already restored; ` +
  `${f.restores} restores completed; ${f.backupsChecked} backups read with integrity_check; ` +
  `${f.unacknowledgedPresent} written but not yet acknowledged; seed ${f.seed}; ${(f.ms / 1000).toFixed(1)} s)`;
