import type { Catalog } from '../../core/catalog/catalog-types';
import { openTempCore, type TempCore } from '../support/temp-core';

/** "Now" for the export tests: mid-April 2026, so every March contact is back-dated. */
export const NOW = Date.parse('2026-04-15T08:00:00Z');

/** Catalog entries a spreadsheet would read as formulas if an export let them through. */
export const FORMULA_TOPIC = '=HYPERLINK("x")';
export const FORMULA_ORGS = ['+49 123', '@SUM(A1)'] as const;

export interface ExportData {
  core: TempCore;
  catalog: Catalog;
  /** Contacts of March 2026 that count, in entry order, as the raw export should list them. */
  march: { id: number; day: string; time: string }[];
}

/**
 * A temp database with a few contacts around the edges of March 2026 (Vienna: CET until the
 * switch to CEST on Sunday 29 March at 01:00 UTC), one voided, one on a theme day, one with
 * formula-looking topic and organisations, and one live contact in April.
 */
export async function openExportData(): Promise<ExportData> {
  const core = await openTempCore(NOW);
  const { db } = core.context;
  const topic = await db
    .insertInto('topics')
    .values({ label_de: FORMULA_TOPIC, label_en: FORMULA_TOPIC, color: '#444444', hotkey: null, position: 99, retired_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const orgs = [];
  for (const [i, name] of FORMULA_ORGS.entries()) {
    orgs.push(
      (
        await db
          .insertInto('organisations')
          .values({ name, position: 90 + i, retired_at: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  }
  core.context.catalog.invalidate();
  let catalog = await core.handlers.getCatalog({});
  const topicId = (de: string) => catalog.topics.find((t) => t.labelDe === de)!.id;
  const languageId = (code: string) => catalog.languages.find((l) => l.code === code)!.id;
  const zebra = catalog.organisations.find((o) => o.name === 'ZEBRA')!.id;
  await core.handlers.saveThemeDay({
    themeDay: { title: 'Flucht und Migration', organisationId: zebra, kind: 'single', day: '2026-03-12', startHour: 9, endHour: 13 },
    dryRun: false,
  });
  catalog = await core.handlers.getCatalog({});

  const log = async (occurredAt: string, extra: Partial<Parameters<TempCore['handlers']['logContact']>[0]> = {}) =>
    (
      await core.handlers.logContact({
        count: 1,
        topicIds: [topicId('Arbeit')],
        referralIds: [],
        languageId: languageId('de'),
        channel: 'in_person',
        asker: 'citizen',
        occurredAt,
        ...extra,
      })
    ).contact;

  await log('2026-02-28T22:30:00Z'); // 23:30 on 28 February: not March
  const first = await log('2026-02-28T23:30:00Z'); // 00:30 on 1 March
  const themeDay = await log('2026-03-12T09:15:00Z', {
    topicIds: [topic.id, topicId('Wohnen')],
    referralIds: orgs,
    languageId: languageId('en'),
    channel: 'phone',
    asker: 'organisation',
  });
  const afterSwitch = await log('2026-03-29T01:30:00Z'); // 03:30 summer time
  const voided = await log('2026-03-20T10:00:00Z');
  await core.handlers.voidContact({ contactId: voided.id, reason: 'wrong_entry' });
  const last = await log('2026-03-31T21:45:00Z'); // 23:45 on 31 March
  await log('2026-03-31T22:15:00Z'); // 00:15 on 1 April: not March
  await log(new Date(NOW).toISOString()); // live, in April
  const march = [first, themeDay, afterSwitch, last].map((c) => ({ id: c.id, day: c.localDay, time: c.localTime }));
  return { core, catalog, march };
}
