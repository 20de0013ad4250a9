/**
 * The `sqlite3` command-line tool the report baseline runs on: found, fed a script, and its
 * output read back into timings per query and figures keyed like a report's.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { installCommand } from '../scripts/system-packages';

export interface CliInfo {
  available: boolean;
  version?: string;
  note?: string;
}

/**
 * The `sqlite3` command-line tool (Debian package sqlite3). Not installed from here: only `npm test`
 * installs packages (scripts/system-packages.ts); without the tool the bench says the exact command and
 * leaves the CLI baseline out.
 */
export function findSqliteCli(log: (s: string) => void): CliInfo {
  const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (probe.status === 0) return { available: true, version: probe.stdout.trim() };
  const note = `sqlite3 CLI not found, so the hand-written SQL baseline is left out; install it with: ${installCommand(['sqlite3'])}`;
  log(note);
  return { available: false, note };
}

/** A report's figures by name ('topic', 'heatmap', …): key → count, the key '' where the figure is one number. */
export type Figures = Record<string, Map<string, number>>;

export interface CliRun {
  /** Sum of the CLI's "Run Time: real" over all queries (excludes process start-up). */
  realMs: number;
  /** Wall time of the whole sqlite3 process, for information. */
  processMs: number;
  perQuery: Record<string, number>;
  figures: Figures;
}

export function runCli(file: string, queries: [string, string][]): CliRun {
  const script = ['.timer on', '.headers off', '.mode list', ...queries.flatMap(([name, q]) => [`.print @@${name}`, q])].join('\n') + '\n';
  const t0 = performance.now();
  const out = spawnSync('sqlite3', ['-batch', '-bail', file], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const processMs = performance.now() - t0;
  if (out.status !== 0) throw new Error(`sqlite3 failed (${out.status}): ${out.stderr}`);
  const perQuery: Record<string, number> = {};
  const figures: Figures = {};
  let current = '';
  for (const line of out.stdout.split('\n')) {
    if (line.startsWith('@@')) {
      current = line.slice(2);
      figures[current] = new Map();
      perQuery[current] = 0;
      continue;
    }
    const timer = /^Run Time: real ([\d.]+)/.exec(line);
    if (timer) {
      perQuery[current] = (perQuery[current] ?? 0) + Number(timer[1]) * 1000;
      continue;
    }
    if (line === '' || !current) continue;
    const cells = line.split('|');
    const key = cells.length === 1 ? '' : cells[0]!;
    figures[current]!.set(key, Number(cells[cells.length - 1]));
  }
  const realMs = Object.values(perQuery).reduce((s, v) => s + v, 0);
  return { realMs, processMs, perQuery, figures };
}
