/**
 * `npm run fuzz`: the fuzz property of issue 5 with more inputs than CI runs (test/contract/fuzz.test.ts
 * sends 1,000 per method). For every contract method, random invalid inputs go over HTTP (the real
 * server) and IPC (the stand-in) to a real core holding an unlocked session; each must be refused
 * with a known code naming its field, and the database must not change.
 *
 * Options: `--runs N` per method (default 10000), `--seed S` (default random, printed; method i uses
 * S + i), `--method NAME[,NAME…]` for some methods only. Prints one line per method and the total;
 * on a failure, fast-check's report with the seed and the shrunk counterexample. Exit code 1 on any failure.
 */
import { isMethodName, methodNames, type MethodName } from '../core/base/method-names';
import { formatFuzzFigures, fuzzMethod, openFuzzTarget } from '../test/support/fuzz-run';
import { runCli } from '../scripts/cli-support';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

runCli('fuzz', async (argv) => {
  const runs = Number(option(argv, '--runs') ?? 10_000);
  const seed = Number(option(argv, '--seed') ?? Date.now() % 2 ** 31);
  const only = option(argv, '--method')?.split(',');
  const unknown = only?.filter((m) => !isMethodName(m)) ?? [];
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || unknown.length > 0) {
    if (unknown.length > 0) console.error(`unknown method(s): ${unknown.join(', ')}`);
    console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--method NAME[,NAME…]]');
    return 2;
  }
  const methods: MethodName[] = methodNames.filter((m) => !only || only.includes(m));
  const target = await openFuzzTarget();
  console.log(`fuzz: ${runs} invalid inputs per method over ${target.transports.map((t) => t.name).join(' and ')}, seed ${seed} (method i uses ${seed} + i)`);
  const started = performance.now();
  const failed: MethodName[] = [];
  try {
    for (const method of methods) {
      const i = methodNames.indexOf(method);
      try {
        console.log(formatFuzzFigures(await fuzzMethod(target, method, { numRuns: runs, seed: seed + i })));
      } catch (err) {
        failed.push(method);
        console.error(`FAILED ${method} (seed ${seed + i}):\n${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    await target.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const sent = runs * (methods.length - failed.length) * target.transports.length;
  console.log(
    `fuzz: ${methods.length - failed.length}/${methods.length} methods held over ${runs} inputs each per transport ` +
      `(${sent} refused calls) in ${seconds.toFixed(1)} s${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`,
  );
  return failed.length === 0 ? 0 : 1;
});
