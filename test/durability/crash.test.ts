import { expect, it } from 'vitest';
import { formatCrashFigures, runCrashTrials } from './crash-trials';

/** 20 kills keep CI well under a minute; `npm run crash-test` runs the full 100 (or `--trials N`). */
const TRIALS = 20;
/** Fixed, so a failure in CI repeats with `npm run crash-test -- --seed 20261125 --trials 20`. */
const SEED = 20_261_125;

it('a contact acknowledged as saved survives the app being killed at any moment (also mid-backup and mid-restore), and the file and every backup stay intact', async () => {
  const figures = await runCrashTrials({ trials: TRIALS, seed: SEED });
  console.log(formatCrashFigures(figures));

  expect(figures.failures).toEqual([]);
  expect(figures).toMatchObject({ trials: TRIALS, lost: 0 });
  // The kills must really land everywhere: during start-up, between commits, in the daily backup and in a restore.
  expect(figures.earlyKills).toBeGreaterThan(0);
  expect(figures.streamKills).toBeGreaterThan(TRIALS / 2);
  expect(figures.backupKills).toBeGreaterThan(0);
  expect(figures.restoreKills).toBeGreaterThan(0);
  expect(figures.restores).toBeGreaterThan(0);
  expect(figures.backupsChecked).toBeGreaterThan(0);
  expect(figures.acknowledged).toBeGreaterThan(TRIALS * 10);
}, 120_000);
