import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, PREBUILT_ENV } from './build-renderer';
import { chromiumPath } from './chromium';
import { projectRoot } from './paths';
import { postgresBinDir } from './postgres-server';

const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(command, args, { stdio: 'inherit', cwd: projectRoot, env }).status === 0;

/** Debian packages the tests drive for real: Chromium for the UI, poppler's pdftotext for the printed report, PostgreSQL for the second database. */
const SYSTEM_TOOLS = [
  { present: () => existsSync(chromiumPath()), pkg: 'chromium', why: 'the browser tests' },
  { present: () => existsSync('/usr/bin/pdftotext'), pkg: 'poppler-utils', why: 'reading the PDF report back' },
  { present: () => postgresBinDir() !== null, pkg: 'postgresql', why: 'running the core and contract suites on PostgreSQL' },
];

/** Installs what is missing through apt where we may (root), otherwise says exactly how. */
function ensureSystemTools(): boolean {
  const missing = SYSTEM_TOOLS.filter((t) => !t.present());
  if (missing.length === 0) return true;
  const pkgs = missing.map((t) => t.pkg);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing ${pkgs.join(', ')} with apt-get (about a minute) …`);
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', ...pkgs]) && missing.every((t) => t.present())) return true;
  }
  for (const t of missing) console.error(`${t.pkg} is needed for ${t.why} and is not installed.`);
  console.error(`Run:\n  sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}\nthen npm test again.`);
  return false;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
  testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
}

/**
 * Files that failed without a failing test (a crash in beforeAll, an import error): their tests
 * show as skipped, so each such file counts as one failure in the closing line.
 */
const brokenFiles = (summary: VitestJson) =>
  summary.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'));

async function main() {
  if (!ensureSystemTools()) process.exit(1);

  console.log('\n== Type check (tsc) ==');
  const typesOk = run(process.execPath, [join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']);
  console.log(typesOk ? 'types ok' : 'type check FAILED');

  console.log('\n== Build renderer ==');
  await buildRenderer({ quiet: true });

  console.log('\n== Tests (vitest) ==');
  const outDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-vitest-'));
  const report = join(outDir, 'report.json');
  const vitestOk = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { ...process.env, [PREBUILT_ENV]: '1' });
  const summary: VitestJson | null = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null;
  rmSync(outDir, { recursive: true, force: true });

  const passed = (summary?.numPassedTests ?? 0) + (typesOk ? 1 : 0);
  const broken = summary ? brokenFiles(summary) : [];
  for (const file of broken) console.error(`FAILED without a failing test (setup or import error): ${file.name}`);
  const failed = (summary?.numFailedTests ?? 0) + broken.length + (typesOk ? 0 : 1) + (summary ? 0 : 1);
  const skipped = (summary?.numPendingTests ?? 0) + (summary?.numTodoTests ?? 0);
  const ok = typesOk && vitestOk && summary !== null && failed === 0;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(ok ? 0 : 1);
}

void main();
