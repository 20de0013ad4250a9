import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../core/demo/random';
import { projectRoot } from '../../scripts/paths';

/** What the crash test reports: the figure the issue asks for, and what went wrong if anything. */
export interface CrashFigures {
  trials: number;
  /** Contacts the child reported as saved, over all trials. */
  acknowledged: number;
  /** Acknowledged contacts missing (or changed) after a kill: must be 0. */
  lost: number;
  /** Contacts in the file that were written but killed before their acknowledgement reached the parent. */
  unacknowledgedPresent: number;
  /** Kills before the child logged its first contact (during start-up, migration, seeding). */
  earlyKills: number;
  /** Kills while contacts were streaming. */
  streamKills: number;
  /** One line per broken promise (integrity, lost contact, child failure); empty when all held. */
  failures: string[];
  seed: number;
  ms: number;
}

export interface CrashTrialOptions {
  trials: number;
  /** The SQLite file killed on again and again; a fresh temp file by default. */
  file?: string;
  seed?: number;
  /** Progress, one line per trial. */
  log?: (line: string) => void;
}

/**
 * Bundles the child once into a .cjs (tsx would add about a second to every start). better-sqlite3
 * stays external and is found through NODE_PATH, so the child runs the same native module as the tests.
 */
async function bundleChild(dir: string): Promise<string> {
  const outfile = join(dir, 'crash-child.cjs');
  await build({
    entryPoints: [join(projectRoot, 'test', 'durability', 'crash-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    absWorkingDir: projectRoot,
  });
  return outfile;
}

interface Trial {
  acks: Map<number, string>;
  /** How the child ended: `SIGKILL` when we killed it, anything else is a failure. */
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  sawReady: boolean;
}

/**
 * One child on `file`, killed with SIGKILL either `earlyMs` after spawning or `streamMs` after its
 * first acknowledgement. Resolves once the child is gone and every line it wrote has been read.
 */
function runTrial(bundle: string, file: string, kill: { earlyMs: number } | { streamMs: number }): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(projectRoot, 'node_modules') },
    });
    const trial: Trial = { acks: new Map(), signal: null, code: null, stderr: '', sawReady: false };
    const killNow = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined = 'earlyMs' in kill ? setTimeout(killNow, kill.earlyMs) : undefined;
    // Backstop: a child that never acknowledges (hung start-up) is killed too, and reported.
    const backstop = setTimeout(killNow, 30_000);
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') trial.sawReady = true;
        const [tag, id, requestId] = line.split(' ');
        if (tag !== 'ack' || !id || !requestId) continue;
        trial.acks.set(Number(id), requestId);
        if (timer === undefined && 'streamMs' in kill) timer = setTimeout(killNow, kill.streamMs);
      }
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

interface FileCheck {
  integrity: string;
  foreignKeyProblems: number;
  missing: number[];
  contactCount: number;
}

/** Reopens the file as the app would after the crash and looks for every acknowledged contact. */
function checkFile(file: string, acks: Map<number, string>): FileCheck {
  const sqlite = new Database(file);
  try {
    const integrity = String(sqlite.pragma('integrity_check', { simple: true }));
    const hasContacts = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'contacts'").get() !== undefined;
    if (!hasContacts) return { integrity, foreignKeyProblems: 0, missing: [...acks.keys()], contactCount: 0 };
    const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const find = sqlite.prepare('select request_id as requestId, void_reason as voidReason from contacts where id = ?');
    // Present, the same contact (its request id), and not taken back.
    const missing = [...acks].filter(([id, requestId]) => {
      const row = find.get(id) as { requestId: string | null; voidReason: string | null } | undefined;
      return row?.requestId !== requestId || row.voidReason !== null;
    });
    const contactCount = (sqlite.prepare('select count(*) as n from contacts').get() as { n: number }).n;
    return { integrity, foreignKeyProblems, missing: missing.map(([id]) => id), contactCount };
  } finally {
    sqlite.close();
  }
}

/**
 * The crash test: `trials` children in a row on one SQLite file, each SIGKILLed at a random moment
 * (about a quarter during start-up, the rest while contacts stream); after each kill the file must
 * pass integrity_check and hold every contact acknowledged so far, in this and all earlier trials.
 */
export async function runCrashTrials({ trials, file, seed = Date.now() % 2 ** 31, log = () => {} }: CrashTrialOptions): Promise<CrashFigures> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-crash-'));
  const target = file ?? join(dir, 'kontaktdesk.sqlite');
  const next = seededRandom(seed);
  const figures: CrashFigures = { trials: 0, acknowledged: 0, lost: 0, unacknowledgedPresent: 0, earlyKills: 0, streamKills: 0, failures: [], seed, ms: 0 };
  const allAcks = new Map<number, string>();
  try {
    const bundle = await bundleChild(dir);
    for (let i = 1; i <= trials; i++) {
      const early = next() < 0.25;
      // Early: anywhere in start-up (opening, migrating and seeding a new file take a few hundred ms).
      // Stream: 0–300 ms after the first acknowledgement, i.e. between any two commits.
      const kill = early ? { earlyMs: Math.floor(next() * 500) } : { streamMs: Math.floor(next() * 300) };
      const trial = await runTrial(bundle, target, kill);
      if (trial.signal !== 'SIGKILL') {
        figures.failures.push(`trial ${i}: the child ended by itself (code ${trial.code}): ${trial.stderr.trim().slice(0, 500)}`);
      }
      if (trial.acks.size === 0) figures.earlyKills++;
      else figures.streamKills++;
      for (const [id, requestId] of trial.acks) allAcks.set(id, requestId);
      figures.acknowledged += trial.acks.size;
      figures.trials = i;

      const check = checkFile(target, allAcks);
      if (check.integrity !== 'ok') figures.failures.push(`trial ${i}: integrity_check says ${check.integrity}`);
      if (check.foreignKeyProblems > 0) figures.failures.push(`trial ${i}: ${check.foreignKeyProblems} foreign key problems`);
      if (check.missing.length > 0) figures.failures.push(`trial ${i}: acknowledged contacts missing: ${check.missing.slice(0, 20).join(', ')}`);
      figures.lost = check.missing.length;
      figures.unacknowledgedPresent = check.contactCount - (allAcks.size - check.missing.length);
      log(
        `trial ${String(i).padStart(3)}: killed ${'earlyMs' in kill ? `${kill.earlyMs} ms after start` : `${kill.streamMs} ms into the stream`}, ` +
          `${trial.acks.size} acknowledged, integrity ${check.integrity}, ${check.missing.length} lost`,
      );
    }
  } finally {
    figures.ms = Date.now() - started;
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export const formatCrashFigures = (f: CrashFigures) =>
  `crash test: ${f.trials} trials, ${f.acknowledged} acknowledged, ${f.lost} lost ` +
  `(${f.earlyKills} kills during start-up, ${f.streamKills} mid-stream; ${f.unacknowledgedPresent} written but not yet acknowledged; ` +
  `seed ${f.seed}; ${(f.ms / 1000).toFixed(1)} s)`;
