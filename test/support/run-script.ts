import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/paths';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run <script> -- …` as a user or a scheduled task runs it: its own process, its exit code,
 * its output. `script` is the file's path from the project folder (`scripts/report.ts`, `tools/load-test.ts`). npm starts scripts in the project folder and passes the user's folder as INIT_CWD.
 * `extraEnv` adds variables; a KONTAKTDESK_DATABASE_URL of the shell running the tests is never passed on.
 */
export function runScript(script: string, args: string[], initCwd?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  const env = { ...process.env };
  delete env.INIT_CWD;
  delete env.KONTAKTDESK_DATABASE_URL;
  if (initCwd) env.INIT_CWD = initCwd;
  Object.assign(env, extraEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, script), ...args], { cwd: projectRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
