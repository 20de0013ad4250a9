import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../scripts/paths';

/**
 * Electronegativity (Doyensec's static checker for Electron apps) over the desktop shell and the
 * renderer: `npm run electronegativity`; test/electron/electronegativity.test.ts runs it in CI.
 * High findings fail; medium ones fail unless reviewed in electron/electronegativity-reviewed.json.
 */

export interface Finding {
  id: string;
  severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  confidence: string;
  file: string;
  line: number;
  manualReview: boolean;
  description: string;
}

export interface ReviewedFinding {
  id: string;
  file: string;
  reason: string;
}

export const REVIEWED_FILE = join(projectRoot, 'electron', 'electronegativity-reviewed.json');

/**
 * Checks left out, and why: AvailableSecurityFixesGlobalCheck downloads Electron's release list
 * (and rewrites a file inside node_modules); keeping Electron current is the job of dependency updates.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const requireHere = createRequire(import.meta.url);
const toolRoot = dirname(requireHere.resolve('@doyensec/electronegativity/package.json'));

/**
 * Two fixes to how the installed tool loads, confined to requests from its own files:
 * - its parser, @typescript-eslint/typescript-estree, is hoisted next to our TypeScript 7 (which
 *   has no JavaScript API) and must get the TypeScript 4.2 Electronegativity ships with;
 * - `got` (translation updates, the release list) is answered "offline", so a scan never waits
 *   for the network and runs the same on a disconnected machine.
 */
function loadToolOffline<T>(load: () => T): T {
  const loader = Module as unknown as { _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown };
  const original = loader._load;
  const bundledTypescript = join(toolRoot, 'node_modules', 'typescript');
  const offline = Object.assign(() => Promise.reject(new Error('offline')), { head: () => Promise.reject(new Error('offline')) });
  loader._load = function (request, parent, isMain) {
    const from = parent?.filename ?? '';
    if (request === 'typescript' && /[\\/]@typescript-eslint[\\/]/.test(from)) return original.call(this, bundledTypescript, parent, isMain);
    if (request === 'got' && from.startsWith(toolRoot)) return offline;
    return original.call(this, request, parent, isMain);
  };
  try {
    return load();
  } finally {
    loader._load = original;
  }
}

interface ToolIssue {
  id: string;
  severity: { name: Finding['severity'] };
  confidence: { name: string };
  file: string;
  location: { line: number };
  manualReview: boolean;
  description: string;
}
type Runner = (options: object, forCli: boolean) => Promise<{ issues: ToolIssue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

/**
 * Scans `root`'s electron/ and renderer/ together (its global checks, such as "navigation is
 * limited", look across files), from a copy so the report names files as `electron/main.ts`.
 */
export async function scanShell(root = projectRoot): Promise<Finding[]> {
  const run = loadToolOffline(() => requireHere(join(toolRoot, 'dist', 'runner.js')) as Runner);
  const electronVersion = (JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const input = mkdtempSync(join(tmpdir(), 'kontaktdesk-electronegativity-'));
  const lang = process.env.LANG;
  try {
    for (const folder of ['electron', 'renderer']) cpSync(join(root, folder), join(input, folder), { recursive: true });
    process.env.LANG = 'en-US'; // its message catalogue is picked by LANG
    const result = await loadToolOffline(() =>
      run({ input, customScan: [], excludeFromScan: EXCLUDED_CHECKS, isRelative: true, electronVersionOverride: electronVersion, parserPlugins: [] }, false),
    );
    const broken = result.errors.filter((e) => !e.tolerable);
    if (broken.length > 0) throw new Error(`Electronegativity could not parse ${broken.map((e) => `${e.file}: ${e.message}`).join('; ')}`);
    return result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file.split('\\').join('/'),
      line: issue.location.line,
      manualReview: issue.manualReview,
      description: issue.description,
    }));
  } finally {
    if (lang === undefined) delete process.env.LANG;
    else process.env.LANG = lang;
    rmSync(input, { recursive: true, force: true });
  }
}

/** What fails the build: any high finding, medium findings nobody reviewed, and reviews of findings that are gone. */
export function judgeFindings(findings: Finding[], reviewed: ReviewedFinding[]) {
  const isReviewed = (f: Finding) => reviewed.some((r) => r.id === f.id && r.file === f.file);
  return {
    high: findings.filter((f) => f.severity === 'HIGH'),
    unreviewedMedium: findings.filter((f) => f.severity === 'MEDIUM' && !isReviewed(f)),
    staleReviews: reviewed.filter((r) => !findings.some((f) => f.id === r.id && f.file === r.file)),
  };
}

export const readReviewed = (file = REVIEWED_FILE) => JSON.parse(readFileSync(file, 'utf8')) as ReviewedFinding[];

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const findings = await scanShell();
  for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line}${f.manualReview ? ' (manual review)' : ''}`);
  const verdict = judgeFindings(findings, readReviewed());
  for (const f of verdict.high) console.error(`HIGH: ${f.id} in ${f.file}:${f.line} — fix it`);
  for (const f of verdict.unreviewedMedium) console.error(`MEDIUM not reviewed: ${f.id} in ${f.file}:${f.line} — fix it or explain it in ${REVIEWED_FILE}`);
  for (const r of verdict.staleReviews) console.error(`Reviewed finding no longer reported, remove it: ${r.id} in ${r.file}`);
  const failed = verdict.high.length + verdict.unreviewedMedium.length + verdict.staleReviews.length;
  console.log(failed ? `${failed} problem(s)` : `${findings.length} finding(s), none unreviewed above low`);
  process.exit(failed ? 1 : 0);
}
