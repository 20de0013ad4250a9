import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/paths';

export interface AppProcess {
  /** The server's own PID (no npm or shell in between). */
  pid: number;
  url: string;
  port: number;
  dataFile: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real app the way `npm start -- --browser` does, as its own Node process (the PID
 * is the server's), and waits for the address line it prints.
 */
export function startAppProcess(args: { dataDir: string; port?: number; extra?: string[]; env?: NodeJS.ProcessEnv }): Promise<AppProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'scripts', 'start.ts'),
      '--browser',
      '--no-open',
      '--port',
      String(args.port ?? 0),
      '--data',
      args.dataDir,
      ...(args.extra ?? []),
    ],
    // A KONTAKTDESK_DATABASE_URL of the shell running the tests would send the app elsewhere: only `env` sets it.
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: args.env ?? { ...process.env, KONTAKTDESK_DATABASE_URL: undefined } },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not print its address within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const url = out.match(/^(http:\/\/127\.0\.0\.1:(\d+)\/)$/m);
      const file = out.match(/^(?:Data file|Database): (.+)$/m);
      if (url && file) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve({
          pid: child.pid!,
          url: url[1]!,
          port: Number(url[2]),
          dataFile: file[1]!,
          output: () => out,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before it was ready:\n${out}`));
    });
  });
}
