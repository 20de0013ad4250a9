import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSmall } from '../../core/reports/suppression';
import type { Report } from '../../core/reports/report-types';
import { openTempCore, type TempCore } from '../support/temp-core';
import { heatmapSystem, kindOf, numbersOf, pinnedByBounds, pinnedInReport, truthOf } from './recoverability';

/**
 * Publication mode through the contract: the report JSON a reader gets from `getReport`, checked
 * against the same report without publication mode. Opening hours are the default ones (Monday
 * 9–12 is a slot). Europe/Vienna: 09:00 local in winter is 08:00Z.
 */
const NOW = Date.parse('2026-04-15T10:00:00Z');

describe('publication mode in the report JSON', () => {
  let core: TempCore;

  beforeAll(async () => {
    core = await openTempCore(NOW);
    const catalog = await core.client.getCatalog({});
    const contact = (occurredAt: string) =>
      core.client.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen', occurredAt });
    // March: Monday 9:00 ×10, 10:00 ×1, 11:00 ×1; Tuesday 9:00 ×5. Monday's row is [10, 1, 1] and Tuesday's 5.
    for (let i = 0; i < 10; i++) await contact(`2026-03-02T08:${String(i).padStart(2, '0')}:00Z`);
    await contact('2026-03-02T09:15:00Z');
    await contact('2026-03-02T10:15:00Z');
    for (let i = 0; i < 5; i++) await contact(`2026-03-03T08:${String(i).padStart(2, '0')}:00Z`);
    // February: two contacts on a Monday morning.
    await contact('2026-02-02T08:10:00Z');
    await contact('2026-02-02T09:10:00Z');
  }, 60_000);

  afterAll(() => core.dispose());

  const both = async (from: string, to: string): Promise<{ original: Report; published: Report }> => ({
    original: await core.client.getReport({ from, to, publication: false }),
    published: await core.client.getReport({ from, to, publication: true, publicationMethod: 'suppression' }),
  });

  it('a heat-map row [10, 1, 1] next to a fully shown row and the published total: its hidden hours keep more than one possible value', async () => {
    const { original, published } = await both('2026-03-01', '2026-03-31');
    expect(original.heatmap[0]!.slice(9, 12)).toEqual([10, 1, 1]);
    expect(original.heatmap[1]![9]).toBe(5);
    // Monday's two 1s are hidden; were nothing else, Monday = 17 − 5 = 12 and the two would be 1 and 1.
    expect(published.heatmap[0]!.slice(10, 12)).toEqual([null, null]);
    const heat = heatmapSystem(published.heatmap, 'total', published.openHours.contacts);
    expect(pinnedByBounds(heat, truthOf(heatmapSystem(original.heatmap, 'total', original.openHours.contacts)), 3)).toEqual([]);
    // And across every table of the report at once.
    expect(pinnedInReport(published, original)).toEqual([]);
  });

  it('a month with 2 timed contacts publishes neither the 2 nor 0,04 contacts per open hour, nor the slot they were in', async () => {
    const { original, published } = await both('2026-02-01', '2026-02-28');
    expect([original.openHours.contacts, original.total]).toEqual([2, 2]);
    expect(original.openHours.perOpenHour).toBeGreaterThan(0);
    expect(published.openHours).toMatchObject({ contacts: null, perOpenHour: null, hours: original.openHours.hours });
    expect(published.total).toBeNull();
    const monday = published.openHours.bySlot.find((s) => s.weekday === 1)!;
    expect(monday).toMatchObject({ contacts: null, perOpenHour: null });
    expect(pinnedInReport(published, original)).toEqual([]);
  });

  it.each([
    ['March', '2026-03-01', '2026-03-31'],
    ['February', '2026-02-01', '2026-02-28'],
    ['the first quarter', '2026-01-01', '2026-03-31'],
  ])('%s: every number in the JSON is classified; shown counts are true and not small; a rate is hidden with its count', async (_name, from, to) => {
    const { original, published } = await both(from, to);
    const truth = new Map(numbersOf(original).map((x) => [x.at, x.value]));
    for (const x of numbersOf(published)) {
      const kind = kindOf(x.path); // throws for a number publication mode does not know
      if (kind !== 'other') expect(x.value, x.at).toBe(truth.get(x.at));
      if (kind === 'count') expect(isSmall(x.value, published.publication.threshold), `${x.at} = ${x.value}`).toBe(false);
    }
    if (published.openHours.contacts === null) expect(published.openHours.perOpenHour).toBeNull();
    for (const s of published.openHours.bySlot) if (s.contacts === null) expect(s.perOpenHour).toBeNull();
  });
});
