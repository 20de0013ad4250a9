import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { snapshotDatabase } from '../support/db-snapshot';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { openTempCore, type TempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';

/**
 * Monthly tallies for a month that already holds recorded contacts would be added on top of them:
 * the preview lists such months with both figures, and the import refuses them unless told to add.
 */
let core: TempCore;
let catalog: Catalog;
const topicId = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;

beforeEach(async () => {
  // 10 March 2026, 10:30 in Vienna.
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
  const contact = (occurredAt: string) => ({
    topicIds: [topicId('Wohnen')],
    languageId: catalog.languages[0]!.id,
    channel: 'in_person' as const,
    asker: 'citizen' as const,
    occurredAt,
  });
  // Two recorded contacts in February, one in December; one more in January voided (it does not count).
  await core.client.logContact(contact('2026-02-03T09:15:00Z'));
  await core.client.logContact(contact('2026-02-27T13:00:00Z'));
  await core.client.logContact(contact('2025-12-01T08:30:00Z'));
  const voided = await core.client.logContact(contact('2026-01-20T10:00:00Z'));
  await core.client.voidContact({ contactId: voided.contact.id, reason: 'wrong_entry' });
});
afterEach(() => core.dispose());

const tallies = csvBytes([
  MONTHLY_HEADER,
  ['2025-11', 'Arbeit', '10'],
  ['2025-12', 'Arbeit', '40'],
  ['2025-12', 'Wohnen', '5'],
  ['2026-01', 'Arbeit', '30'],
  ['2026-02', 'Arbeit', '7'],
]);

describe('import: monthly counts for months that already hold recorded contacts', () => {
  it('the preview lists those months with both figures and is not ready; the commit refuses, naming them, and writes nothing', async () => {
    const before = await snapshotDatabase(core.database.db);
    const preview = await core.client.previewImport(importInput('monatswerte.csv', tallies));
    expect(preview.recordedMonths).toEqual([
      { month: '2025-12', recorded: 1, imported: 45 },
      { month: '2026-02', recorded: 2, imported: 7 },
    ]);
    expect(preview).toMatchObject({ errorCount: 0, total: 92, ready: false });
    const err = await refusal(core.client.commitImport(importInput('monatswerte.csv', tallies)));
    expect(err.body).toMatchObject({ code: 'conflict', field: 'addToRecordedMonths' });
    expect(err.body.message).toContain('2025-12 (1 recorded, 45 in the file), 2026-02 (2 recorded, 7 in the file)');
    expect(err.body.message).toContain('Nothing was imported');
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
    const report = await core.client.getReport({ from: '2025-11-01', to: '2026-02-28' });
    expect(report).toMatchObject({ total: 3 });
    expect(report.imported).toBeUndefined();
  });

  it('with addToRecordedMonths the preview is ready and the counts are added on top of the recorded contacts', async () => {
    const input = { ...importInput('monatswerte.csv', tallies), addToRecordedMonths: true };
    const preview = await core.client.previewImport(input);
    expect(preview).toMatchObject({
      ready: true,
      recordedMonths: [
        { month: '2025-12', recorded: 1, imported: 45 },
        { month: '2026-02', recorded: 2, imported: 7 },
      ],
    });
    await core.client.commitImport(input);
    const report = await core.client.getReport({ from: '2025-11-01', to: '2026-02-28' });
    expect(report.total).toBe(3 + 92);
    expect(report.monthly.map((m) => [m.month, m.n, m.imported])).toEqual([
      ['2025-11', 10, 10],
      ['2025-12', 46, 45],
      ['2026-01', 30, 30],
      ['2026-02', 9, 7],
    ]);
  });

  it('months without recorded contacts import without the choice, and a contact recorded after the preview is still caught', async () => {
    const quiet = csvBytes([MONTHLY_HEADER, ['2025-11', 'Arbeit', '10'], ['2026-01', 'Arbeit', '30']]);
    const preview = await core.client.previewImport(importInput('ruhig.csv', quiet));
    expect(preview).toMatchObject({ recordedMonths: [], ready: true });
    await core.client.commitImport(importInput('ruhig.csv', quiet));
    expect((await core.client.getReport({ from: '2025-11-01', to: '2026-01-31' })).imported).toBe(40);

    const later = csvBytes([MONTHLY_HEADER, ['2025-10', 'Arbeit', '3']]);
    expect(await core.client.previewImport(importInput('spaeter.csv', later))).toMatchObject({ recordedMonths: [], ready: true });
    await core.client.logContact({
      topicIds: [topicId('Arbeit')],
      languageId: catalog.languages[0]!.id,
      channel: 'phone',
      asker: 'citizen',
      occurredAt: '2025-10-15T09:00:00Z',
    });
    const err = await refusal(core.client.commitImport(importInput('spaeter.csv', later)));
    expect(err.body.message).toContain('2025-10 (1 recorded, 3 in the file)');
  });
});
