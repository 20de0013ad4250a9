/**
 * `npm run crash-test`: the full crash test of issues 5 and 12. A child process starts the app and
 * logs contacts through the real core, runs daily backups or restores between them; it is SIGKILLed
 * at a random moment (in turn: during start-up, while contacts stream, during the daily backup,
 * during a restore), 100 times in a row on the same SQLite file; after each kill the file and every
 * listed backup must pass integrity_check and every acknowledged contact must be there (or, replaced
 * by a finished restore, in its safety copy). (CI runs the same with 20 trials in test/durability/crash.test.ts.)
 *
 * Options: `--trials N` (default 100), `--seed S` to repeat a run, `--file PATH` to use a given file
 * named kontaktdesk.sqlite (it and its `backups/` are kept), `--quiet` for the figure only. Exit code 0
 * when nothing was lost and the file and backups stayed intact.
 */
import { formatCrashFigures, runCrashTrials } from '../test/durability/crash-trials';
import { runCli, userPath } from '../scripts/cli-support';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

runCli('crash-test', async (argv) => {
  const trials = Number(option(argv, '--trials') ?? 100);
  const seed = option(argv, '--seed') === undefined ? undefined : Number(option(argv, '--seed'));
  if (!Number.isInteger(trials) || trials < 1 || (seed !== undefined && !Number.isInteger(seed))) {
    console.error('usage: npm run crash-test -- [--trials N] [--seed S] [--file PATH] [--quiet]');
    return 2;
  }
  const file = option(argv, '--file');
  const figures = await runCrashTrials({
    trials,
    seed,
    file: file === undefined ? undefined : userPath(file),
    log: argv.includes('--quiet') ? undefined : (line) => console.log(line),
  });
  for (const failure of figures.failures) console.error(`FAILED ${failure}`);
  console.log(formatCrashFigures(figures));
  return figures.failures.length === 0 && figures.lost === 0 ? 0 : 1;
});
