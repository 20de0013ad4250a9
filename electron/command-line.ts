import { parseArgs } from 'node:util';
import { SHELL_OPTIONS, shellOptions, type ShellOptions } from '../core/app/shell-options';

/**
 * The desktop app's switches: the ones `npm start` takes too (core/app/shell-options.ts, checked the
 * same way), plus `--reset-pin`. Chromium's form `--name=value` (a value after a space would be a
 * separate argument); `npm start -- --data DIR` passes them on so.
 */
export interface ShellSwitches extends ShellOptions {
  /** `--reset-pin`: remove a forgotten management PIN, say so and quit, without opening a window. */
  resetPin: boolean;
}

const DESKTOP_OPTIONS = { ...SHELL_OPTIONS, 'reset-pin': { type: 'boolean', default: false } } as const;

/**
 * Only our own switches, each matched whole in Chromium's form: `--name=value` for a value, a bare
 * `--name` for an on/off switch. The executable, the main script and Chromium's own switches are left
 * out, as is `--reset-pins` or `--reset-pin=1`, so none of them can be taken for ours.
 */
function ownSwitches(argv: readonly string[]): string[] {
  return argv.filter((arg) =>
    Object.entries(DESKTOP_OPTIONS).some(([name, { type }]) => (type === 'string' ? arg.startsWith(`--${name}=`) : arg === `--${name}`)),
  );
}

/** Throws, naming the switch, on a value that cannot be used (`--lan-port=x`, `--database=` a file path). */
export function shellSwitches(argv: readonly string[]): ShellSwitches {
  const { values } = parseArgs({ args: ownSwitches(argv), options: DESKTOP_OPTIONS, strict: true });
  return { ...shellOptions(values), resetPin: values['reset-pin'] };
}
