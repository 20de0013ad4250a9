import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { unavailableError } from '../core/api/dispatch';
import { databaseFile, defaultDataDir } from '../core/app/data-location';
import { openCore, type Core, type OpenCoreOptions } from '../core/open-core';

/** `npm run` starts scripts in the project folder; relative paths mean the folder the user typed them in. */
export const userPath = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

/**
 * Opens the database a command-line tool works on. Opening would create an empty database, so a
 * mistyped folder fails loudly instead: the answer is then the exit code (2 no database, 1 cannot
 * open), and the reason has been printed.
 */
export async function openExistingCore(
  tool: string,
  dataDir: string | undefined,
  demo = false,
  options: Pick<OpenCoreOptions, 'busyTimeoutMs'> = {},
): Promise<{ core: Core; file: string } | number> {
  const file = databaseFile(userPath(dataDir ?? defaultDataDir()), demo);
  if (!existsSync(file)) {
    console.error(`${tool}: no database at ${file}; give the folder Kontaktdesk keeps its data in with --data DIR`);
    return 2;
  }
  try {
    return { core: await openCore({ file, ...options }), file };
  } catch (err) {
    console.error(`${tool}: cannot open ${file}: ${(err as Error).message}`);
    return 1;
  }
}

/**
 * Runs a tool's main with the process arguments and turns its answer (or a crash) into the exit code.
 * A database that is busy, read-only or out of disk space is a condition to report in one line; only
 * what nobody expected gets its stack trace.
 */
export function runCli(tool: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      const expected = unavailableError(err);
      console.error(`${tool}: ${expected ? expected.message : (err.stack ?? err.message)}`);
      process.exitCode = 1;
    },
  );
}
