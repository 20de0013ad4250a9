import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, PREBUILT_ENV } from './build-renderer';
import { projectRoot } from './paths';
import { AIOSMTPD, CHROMIUM, installMissingPackages, OPENSSL, POSTGRESQL, type SystemPackage } from './system-packages';

const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(command, args, { stdio: 'inherit', cwd: projectRoot, env }).status === 0;

/** Runs a check, shows its output, and reads how many problems it found from its closing line (each counts as a failure). */
function runCounted(command: string, args: string[], countLine: RegExp): { ok: boolean; failures: number } {
  const result = spawnSync(command, args, { cwd: projectRoot, encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status === 0) return { ok: true, failures: 0 };
  return { ok: false, failures: Math.max(1, Number(countLine.exec(`${result.stdout}\n${result.stderr}`)?.[1] ?? 1)) };
}

/**
 * Debian packages the tests drive for real: Chromium for the UI, poppler's pdftotext for the printed report, PostgreSQL for
 * the second database, aiosmtpd as the mail server the e-mail tests send to, openssl for that server's certificate.
 */
const TEST_PACKAGES: SystemPackage[] = [
  { ...CHROMIUM, why: 'the browser tests' },
  { pkg: 'poppler-utils', why: 'reading the PDF report back', present: () => existsSync('/usr/bin/pdftotext') },
  { ...POSTGRESQL, why: 'running the core and contract suites on PostgreSQL' },
  { ...AIOSMTPD, why: 'the real SMTP server the e-mail tests send to' },
  { ...OPENSSL, why: "the test SMTP server's certificate" },
];

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
  // The README's promise: installs what the tests need where it can, or stops with the exact command.
  if (!installMissingPackages(TEST_PACKAGES)) {
    console.error('then npm test again.');
    process.exit(1);
  }

  console.log('\n== Type check (tsc) ==');
  const typesOk = run(process.execPath, [join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']);
  console.log(typesOk ? 'types ok' : 'type check FAILED');

  console.log('\n== Lint and format (biome check) ==');
  const lint = runCounted(bin('biome'), ['check', '--max-diagnostics=none', '.'], /Found (\d+) errors?\./);
  console.log(lint.ok ? 'lint ok' : 'lint FAILED');

  console.log('\n== Import boundaries (tools/check-boundaries.ts) ==');
  const boundaries = runCounted(process.execPath, ['--import', 'tsx', join(projectRoot, 'tools', 'check-boundaries.ts')], /boundaries: (\d+) violations?/);
  const checksPassed = (lint.ok ? 1 : 0) + (boundaries.ok ? 1 : 0);
  const checksFailed = lint.failures + boundaries.failures;

  console.log('\n== Build renderer ==');
  // Vite's build sets NODE_ENV=production in this process; the tests must not inherit it (React's
  // production build has no `act`, which the component tests need).
  const nodeEnv = process.env.NODE_ENV;
  await buildRenderer({ quiet: true });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;

  console.log('\n== Tests (vitest) ==');
  const outDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-vitest-'));
  const report = join(outDir, 'report.json');
  const vitestOk = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
    ...process.env,
    [PREBUILT_ENV]: '1',
  });
  const summary: VitestJson | null = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null;
  rmSync(outDir, { recursive: true, force: true });

  const passed = (summary?.numPassedTests ?? 0) + (typesOk ? 1 : 0) + checksPassed;
  const broken = summary ? brokenFiles(summary) : [];
  for (const file of broken) console.error(`FAILED without a failing test (setup or import error): ${file.name}`);
  const failed = (summary?.numFailedTests ?? 0) + broken.length + (typesOk ? 0 : 1) + (summary ? 0 : 1) + checksFailed;
  const skipped = (summary?.numPendingTests ?? 0) + (summary?.numTodoTests ?? 0);
  const ok = typesOk && vitestOk && summary !== null && failed === 0;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(ok ? 0 : 1);
}

void main();
