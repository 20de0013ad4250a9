import { expect, it } from 'vitest';
import { formatCrashFigures, runCrashTrials } from './crash-trials';

/** 20 kills keep CI at about ten seconds; `npm run crash-test` runs the full 100 (or `--trials N`). */
const TRIALS = 20;
/** Fixed, so a failure in CI repeats with `npm run crash-test -- --seed 20261125`. */
const SEED = 20_261_125;

it('a contact acknowledged as saved survives the app being killed at any moment, and the file stays intact', async () => {
  const figures = await runCrashTrials({ trials: TRIALS, seed: SEED });
  console.log(formatCrashFigures(figures));

  expect(figures.failures).toEqual([]);
  expect(figures).toMatchObject({ trials: TRIALS, lost: 0 });
  // The kills must really land in both places: during start-up and between commits.
  expect(figures.earlyKills).toBeGreaterThan(0);
  expect(figures.streamKills).toBeGreaterThan(TRIALS / 2);
  expect(figures.acknowledged).toBeGreaterThan(TRIALS * 10);
}, 120_000);
