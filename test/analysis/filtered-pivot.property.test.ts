import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotDimension } from '../../core/analysis/pivot-inputs';
import { seededRandom } from '../../core/demo/random';
import { recountPivot, readRecountData } from '../support/recount';
import { asCounts } from '../support/recount-compare';
import { HISTORY_NOW, HISTORY_OPENING, HISTORY_WRITES, seedHistory } from '../support/recount-history';
import { checkPivots, PROPERTY_SEED, type Reader } from '../support/recount-properties';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Issue 16: for random periods and filters, every cell and total of a pivot of two dimensions equals a plain recount
 * over the contacts table (test/support/recount.ts), on the seeded history and again after each kind
 * of write, done through the handlers. Runs on SQLite and PostgreSQL.
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

const withoutZeros = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

describe('pivots equal a recount over the contacts table', () => {
  // Where a pivot's row totals and an unfiltered report count the same contacts, the pivot recount matches the report.
  it('the pivot recount agrees with the unfiltered report', async () => {
    const data = await readRecountData(core.database.db);
    for (const period of [
      { from: '2024-01-01', to: '2024-12-31' },
      { from: '2025-03-01', to: '2025-03-31' },
      { from: HISTORY_OPENING, to: '2026-03-10' },
    ]) {
      const r = await core.client.getReport(period);
      const recorded = r.total! - (r.imported ?? 0);
      const totals = (rows: PivotDimension) =>
        recountPivot(data, { ...period, rows, columns: rows === 'channel' ? 'asker' : 'channel', filters: [] }).rowTotals;
      const lessImported = (rows: typeof r.byTopic.contacts.rows) =>
        withoutZeros(Object.fromEntries(rows.map((row) => [String(row.key), row.n! - (row.imported ?? 0)])));
      expect(recountPivot(data, { ...period, rows: 'channel', columns: 'asker', filters: [] }).total).toBe(recorded);
      expect(totals('topic')).toEqual(lessImported(r.byTopic.mentions.rows));
      expect(totals('firstTopic')).toEqual(lessImported(r.byTopic.contacts.rows));
      expect(totals('referral')).toEqual(withoutZeros({ ...asCounts(r.byReferral), none: recorded - r.contactsWithReferral! }));
      expect(totals('language')).toEqual(asCounts(r.byLanguage));
      expect(totals('channel')).toEqual(asCounts(r.byChannel));
      expect(totals('asker')).toEqual(asCounts(r.byAsker));
      expect(totals('desk')).toEqual(asCounts(r.byDesk));
      expect(totals('themeDay')).toEqual(withoutZeros({ ...asCounts(r.byThemeDay), none: recorded - r.byThemeDay.total! }));
      expect(totals('month')).toEqual(withoutZeros(Object.fromEntries(r.monthly.map((m) => [m.month, m.n! - (m.imported ?? 0)]))));
      const hours = Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), r.heatmap.reduce((s, row) => s + row[h]!, 0)]));
      expect(totals('hour')).toEqual(withoutZeros({ ...hours, none: recorded - r.openHours.contacts! }));
    }
  }, 240_000);

  it('on the seeded history', () => checkPivots(reader, { numRuns: 40 }), 240_000);

  for (const kind of HISTORY_WRITES) {
    it(`after ${kind.name}`, async () => {
      await kind.write(core.client, random, core.clock.now);
      await checkPivots(reader, { numRuns: 30 });
    }, 240_000);
  }
});
