import { afterAll, beforeAll, describe, it } from 'vitest';
import { seededRandom } from '../../core/demo/random';
import { HISTORY_NOW, HISTORY_WRITES, seedHistory } from '../support/recount-history';
import { checkReports, checkStoreKeys, PROPERTY_SEED, type Reader } from '../support/recount-properties';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Issue 16: for random periods and filters, every figure of a filtered report equals a plain recount
 * over the contacts table (test/support/recount.ts), on the seeded history and again after each kind
 * of write, done through the handlers. Runs on SQLite and PostgreSQL.
 * Issue 17: beside every count the store gives (what a filtered report counts from), the key sum of
 * exactly the contacts it counts equals the recount's: the cell keys publication mode publishes from.
 */
let core: TempCore;
let reader: Reader;
const random = seededRandom(PROPERTY_SEED + 1);

beforeAll(async () => {
  core = await openTempCore(HISTORY_NOW);
  await seedHistory(core.client, { seed: PROPERTY_SEED });
  reader = { client: core.client, context: core.context, db: core.database.db };
}, 240_000);
afterAll(() => core?.dispose());

describe('filtered reports equal a recount over the contacts table', () => {
  // The recount agrees with the reports as they were before filters: evidence the oracle itself is right.
  it('unfiltered, on the seeded history', () => checkReports(reader, { numRuns: 25, unfiltered: true }), 240_000);
  it('on the seeded history', () => checkReports(reader, { numRuns: 40 }), 240_000);
  it('key sums, on the seeded history', () => checkStoreKeys(reader, { numRuns: 30 }), 240_000);

  for (const kind of HISTORY_WRITES) {
    it(`after ${kind.name}: unfiltered`, async () => {
      await kind.write(core.client, random, core.clock.now);
      await checkReports(reader, { numRuns: 5, unfiltered: true });
    }, 240_000);
    it(`after ${kind.name}: filtered`, () => checkReports(reader, { numRuns: 30 }), 240_000);
    it(`after ${kind.name}: key sums`, () => checkStoreKeys(reader, { numRuns: 15 }), 240_000);
  }
});
