import { resolve } from 'node:path';
import { DATABASE_URL_ENV } from '../core/app/database-url';
import type { StartOptions } from './start-options';

/**
 * The command line and environment `npm start` starts the desktop app with. The PostgreSQL URL goes
 * into the environment, never onto the command line, which every user of the PC can list; the app
 * finds it there (core/app/database-url.ts). Without one, none is passed on.
 */
export function desktopLaunch(main: string, options: StartOptions, databaseUrl: string | undefined, env: NodeJS.ProcessEnv = process.env) {
  const args = [main, ...(options.demo ? ['--demo'] : []), ...(options.dataDir ? [`--data=${resolve(options.dataDir)}`] : []), `--lan-port=${options.lanPort}`];
  const childEnv: NodeJS.ProcessEnv = { ...env };
  if (databaseUrl === undefined) delete childEnv[DATABASE_URL_ENV];
  else childEnv[DATABASE_URL_ENV] = databaseUrl;
  return { args, env: childEnv };
}
