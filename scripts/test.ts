import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer } from './build-renderer';
import { chromiumPath, INSTALL_CHROMIUM } from './chromium';
import { projectRoot } from './paths';

const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);
const run = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'inherit', cwd: projectRoot }).status === 0;

/** The browser tests need Chromium: install it through apt where we may, otherwise say exactly how. */
function ensureChromium(): boolean {
  if (existsSync(chromiumPath())) return true;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing; installing it with apt-get (about a minute) …');
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium']) && existsSync(chromiumPath())) return true;
  }
  console.error(`Chromium is needed for the browser tests and is not installed. Run:\n  ${INSTALL_CHROMIUM}\nthen npm test again.`);
  return false;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

async function main() {
  if (!ensureChromium()) process.exit(1);

  console.log('\n== Type check (tsc) ==');
  const typesOk = run(process.execPath, [join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']);
  console.log(typesOk ? 'types ok' : 'type check FAILED');

  console.log('\n== Build renderer ==');
  await buildRenderer({ quiet: true });

  console.log('\n== Tests (vitest) ==');
  const outDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-vitest-'));
  const report = join(outDir, 'report.json');
  const vitestOk = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
  const summary: VitestJson | null = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null;
  rmSync(outDir, { recursive: true, force: true });

  const passed = (summary?.numPassedTests ?? 0) + (typesOk ? 1 : 0);
  const failed = (summary?.numFailedTests ?? 0) + (typesOk ? 0 : 1) + (summary ? 0 : 1);
  const skipped = (summary?.numPendingTests ?? 0) + (summary?.numTodoTests ?? 0);
  const ok = typesOk && vitestOk && summary !== null && failed === 0;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(ok ? 0 : 1);
}

void main();
