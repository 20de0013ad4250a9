/**
 * The desktop app's own switches, read from its command line. Chromium's form `--name=value` (a
 * value after a space would be a separate argument); `npm start -- --data DIR` passes them on so.
 */
export interface ShellSwitches {
  /** `--data=DIR`: the folder of the database instead of the user-data folder. */
  dataDir: string | undefined;
  /** `--database=postgres://…`: a shared PostgreSQL database instead of the file. Still accepted, with a warning (the process list shows it); see core/app/database-url.ts. */
  database: string | undefined;
  /** `--lan-port=N`: the port on the local network while sharing is on. */
  lanPort: number | undefined;
  /** `--demo`: the separate demo database. */
  demo: boolean;
  /** `--reset-pin`: remove a forgotten management PIN, say so and quit, without opening a window. */
  resetPin: boolean;
}

const valueOf = (argv: readonly string[], name: string) => {
  const prefix = `--${name}=`;
  const value = argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
  return value === '' ? undefined : value;
};

export function shellSwitches(argv: readonly string[]): ShellSwitches {
  const lanPort = valueOf(argv, 'lan-port');
  return {
    dataDir: valueOf(argv, 'data'),
    database: valueOf(argv, 'database'),
    lanPort: lanPort === undefined ? undefined : Number(lanPort),
    demo: argv.includes('--demo'),
    resetPin: argv.includes('--reset-pin'),
  };
}
