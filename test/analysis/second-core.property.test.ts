import { afterAll, beforeAll, describe, it } from 'vitest';
import { seededRandom } from '../../core/demo/random';
import { HISTORY_NOW, HISTORY_WRITES, seedHistory } from '../support/recount-history';
import { checkPivots, checkReports, checkStoreKeys, PROPERTY_SEED, type Reader } from '../support/recount-properties';
import { openSecondCore, type SecondCore } from '../support/second-core';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Issue 16, two processes on one database: B writes (the whole history, then every kind of write),
 * A answers filtered reports and pivots. Whatever A keeps in memory to answer fast must follow B's
 * writes: a report never answers from stale data. A is given no hint beyond its next call.
 */
let a: TempCore;
let b: SecondCore;
let reader: Reader;
const random = seededRandom(PROPERTY_SEED + 2);

beforeAll(async () => {
  a = await openTempCore(HISTORY_NOW);
  b = await openSecondCore(a);
  // A answers once before the history exists, so whatever it builds at start is built on an empty database.
  await a.client.getReport({ from: '2026-03-01', to: '2026-03-31', filters: [{ dimension: 'channel', values: ['phone'], exclude: false }] });
  await seedHistory(b.client, { seed: PROPERTY_SEED + 2, taps: 500 });
  reader = { client: a.client, context: a.context, db: a.database.db };
}, 240_000);
afterAll(async () => {
  await b?.close();
  await a?.dispose();
});

describe("one core's reports and pivots follow another core's writes", () => {
  it('on the history the other core wrote', async () => {
    await checkReports(reader, { numRuns: 15 });
    await checkPivots(reader, { numRuns: 15 });
    await checkStoreKeys(reader, { numRuns: 10 });
  }, 240_000);

  for (const kind of HISTORY_WRITES) {
    it(`after ${kind.name} on the other core`, async () => {
      await kind.write(b.client, random, a.clock.now);
      await checkReports(reader, { numRuns: 8 });
      await checkPivots(reader, { numRuns: 8 });
      await checkStoreKeys(reader, { numRuns: 5 });
    }, 240_000);
  }

  it('a core opened on the database afterwards (built at its start) agrees too', async () => {
    const c = await openSecondCore(a);
    try {
      const fresh = { client: c.client, context: c.context, db: c.database.db };
      await checkReports(fresh, { numRuns: 15 });
      await checkPivots(fresh, { numRuns: 15 });
      await checkStoreKeys(fresh, { numRuns: 10 });
    } finally {
      await c.close();
    }
  }, 240_000);
});
