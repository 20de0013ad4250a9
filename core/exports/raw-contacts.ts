/**
 * The raw anonymous export: every contact of a period, one row each, readable without the database
 * (labels instead of ids). Voided contacts (and taps taken back by Undo) are left out, as in every
 * report: the export lists exactly the contacts the report counts, and under a filter exactly those the
 * filtered report counts (imported monthly counts aside: they are no rows). Rows come in id (= entry) order.
 * Publication mode does not apply: row-level data is for the operating organisation, never for print.
 */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Catalog } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import { DAY_ONLY_ENTRY } from '../base/enums';
import { readByIds } from '../db/id-chunks';
import type { FilterClause } from '../analysis/filter-inputs';
import { sdgTopicIds, whereFilters, type SdgTopicIds } from '../analysis/filter-sql';
import { ASKER_LABELS, CHANNEL_LABELS } from '../reports/report-labels';
import { localParts } from '../time/local-parts';
import { BOM, csvLine, textField } from './csv-text';
import { dayAsDate, dayDe, weekdayDe } from './german-format';
import { put, yieldToIo } from './sinks';
import { FastRowWriter, type FastColumn } from './xlsx-fast-rows';
import { a4PageSetup, BOLD_FONT } from './xlsx-workbook';

export interface RawPeriod {
  from: string;
  to: string;
  /** Only the contacts these clauses match, as the filtered report counts them; none or empty: every contact. */
  filters?: readonly FilterClause[];
}

export interface RawExportOptions {
  /** Called after each batch with contacts written so far and the period's total. */
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

export interface RawContact {
  day: string; // YYYY-MM-DD
  /** Minutes since local midnight; null for a contact imported without a time (its day only). */
  minutes: number | null;
  time: string; // HH:MM, empty when the time is not known
  weekday: string;
  topics: string;
  firstTopic: string;
  referrals: string;
  language: string;
  languageCode: string;
  channel: string;
  asker: string;
  desk: string;
  themeDay: string;
  entry: string;
}

export const RAW_HEADER = [
  'Datum',
  'Uhrzeit',
  'Wochentag',
  'Themen',
  'Erstes Thema',
  'Weitervermittlung',
  'Sprache',
  'Sprachcode',
  'Kanal',
  'Wer fragt',
  'Schalter',
  'Thementag',
  'Erfassung',
] as const;

// An import without times stores its contacts at noon; they export with an empty time (so a re-import
// keeps them by day only) and this label says the time is not known.
const ENTRY_LABELS: Record<string, string> = {
  live: 'live',
  backdated: 'nachgetragen',
  batch: 'Sammelerfassung',
  imported: 'importiert',
  imported_day: 'importiert (ohne Uhrzeit)',
};
const BATCH_SIZE = 5_000;
const HOUR_MS = 3_600_000;

/**
 * Local wall-clock minutes of an instant. Offsets only change on whole UTC hours (in every zone in
 * use), so one Intl lookup per UTC hour serves all contacts in it: 100,000 rows of a month need ~720.
 */
function localMinutesOf(timeZone: string): (instant: number) => number {
  const offsets = new Map<number, number>();
  return (instant) => {
    const hour = Math.floor(instant / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const start = hour * HOUR_MS;
      const p = localParts(start, timeZone);
      offset = Date.UTC(Number(p.day.slice(0, 4)), Number(p.day.slice(5, 7)) - 1, Number(p.day.slice(8, 10)), p.hour, p.minute) - start;
      offsets.set(hour, offset);
    }
    const wall = new Date(instant + offset);
    return wall.getUTCHours() * 60 + wall.getUTCMinutes();
  };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function labelsOf(catalog: Catalog) {
  return {
    topics: new Map(catalog.topics.map((t) => [t.id, t.labelDe])),
    organisations: new Map(catalog.organisations.map((o) => [o.id, o.name])),
    languages: new Map(catalog.languages.map((l) => [l.id, l])),
    desks: new Map(catalog.desks.map((d) => [d.id, d.name])),
    themeDays: new Map(catalog.themeDays.map((t) => [t.id, t.title])),
  };
}

const inPeriod = (ctx: CoreContext, p: RawPeriod, sdg: SdgTopicIds) =>
  whereFilters(ctx.db.selectFrom('contacts').where('local_day', '>=', p.from).where('local_day', '<=', p.to).where('voided_at', 'is', null), p.filters, sdg);

/** How many contacts the raw export of a period holds, and the id range they lie in. */
export async function rawContactRange(ctx: CoreContext, p: RawPeriod, sdg: SdgTopicIds): Promise<{ total: number; minId: number; maxId: number }> {
  const row = await inPeriod(ctx, p, sdg)
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.min('id').as('minId'), eb.fn.max('id').as('maxId')])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), minId: Number(row.minId ?? 0), maxId: Number(row.maxId ?? 0) };
}

/**
 * The period's contacts in batches, read by keyset pagination on id, so a large export holds one
 * batch at a time. The id bounds from the count let SQLite walk the primary key from the first
 * contact of the period instead of from the start of the table.
 */
export async function* rawContactBatches(ctx: CoreContext, p: RawPeriod, options: RawExportOptions = {}): AsyncGenerator<RawContact[]> {
  const { onProgress, batchSize = BATCH_SIZE } = options;
  const catalog = await ctx.catalog.catalog();
  const labels = labelsOf(catalog);
  const minutesOf = localMinutesOf(catalog.settings.timeZone);
  const sdg = sdgTopicIds(catalog);
  const { total, minId, maxId } = await rawContactRange(ctx, p, sdg);
  onProgress?.(0, total);
  let after = minId - 1;
  let done = 0;
  while (done < total) {
    const rows = await inPeriod(ctx, p, sdg)
      .select(['id', 'occurred_at', 'local_day', 'local_weekday', 'channel', 'asker', 'language_id', 'desk_id', 'entry_kind', 'theme_day_id'])
      .where('id', '>', after)
      .where('id', '<=', maxId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.id);
    const [topicLinks, referralLinks] = await linksOf(ctx, ids);
    const topicsOf = groupLabels(topicLinks, (l) => l.topic_id, labels.topics);
    const referralsOf = groupLabels(referralLinks, (l) => l.organisation_id, labels.organisations);
    const batch = rows.map((r): RawContact => {
      const topics = topicsOf.get(r.id) ?? [];
      const language = labels.languages.get(r.language_id);
      const minutes = r.entry_kind === DAY_ONLY_ENTRY ? null : minutesOf(Number(r.occurred_at));
      return {
        day: r.local_day,
        minutes,
        time: minutes === null ? '' : hhmm(minutes),
        weekday: weekdayDe(r.local_weekday),
        topics: topics.join(', '),
        firstTopic: topics[0] ?? '',
        referrals: (referralsOf.get(r.id) ?? []).join(', '),
        language: language?.labelDe ?? '',
        languageCode: language?.code ?? '',
        channel: CHANNEL_LABELS[r.channel]?.de ?? r.channel,
        asker: ASKER_LABELS[r.asker]?.de ?? r.asker,
        desk: labels.desks.get(r.desk_id) ?? '',
        themeDay: r.theme_day_id === null ? '' : (labels.themeDays.get(r.theme_day_id) ?? ''),
        entry: ENTRY_LABELS[r.entry_kind] ?? r.entry_kind,
      };
    });
    after = ids[ids.length - 1]!;
    done += batch.length;
    yield batch;
    onProgress?.(done, total);
  }
}

/**
 * Topic and referral links of a batch. Ids of a period mostly run together, so an id range (one
 * small query shape) reads them; a batch spread wide (contacts back-dated long after) is read by
 * its ids instead (in chunks, whatever the batch size), so a range never drags in another year's
 * links. Links outside the batch are ignored by the grouping.
 */
async function linksOf(ctx: CoreContext, ids: number[]) {
  const first = ids[0]!;
  const last = ids[ids.length - 1]!;
  const dense = last - first < 4 * ids.length;
  const topics = ctx.db.selectFrom('contact_topics').select(['contact_id', 'topic_id', 'ordinal']);
  const referrals = ctx.db.selectFrom('contact_referrals').select(['contact_id', 'organisation_id']);
  const [topicLinks, referralLinks] = await Promise.all(
    dense
      ? [
          topics.where('contact_id', '>=', first).where('contact_id', '<=', last).execute(),
          referrals.where('contact_id', '>=', first).where('contact_id', '<=', last).execute(),
        ]
      : [
          readByIds(ids, (chunk) => topics.where('contact_id', 'in', chunk).execute()),
          readByIds(ids, (chunk) => referrals.where('contact_id', 'in', chunk).execute()),
        ],
  );
  // Sorted here rather than in SQL: the index gives contact order, not the topics' ordinal order.
  topicLinks.sort((a, b) => a.contact_id - b.contact_id || a.ordinal - b.ordinal);
  referralLinks.sort((a, b) => a.contact_id - b.contact_id || a.organisation_id - b.organisation_id);
  return [topicLinks, referralLinks] as const;
}

function groupLabels<L extends { contact_id: number }>(links: L[], idOf: (l: L) => number, labels: Map<number, string>) {
  const grouped = new Map<number, string[]>();
  for (const l of links) {
    const label = labels.get(idOf(l)) ?? '';
    const list = grouped.get(l.contact_id);
    if (list) list.push(label);
    else grouped.set(l.contact_id, [label]);
  }
  return grouped;
}

const csvRow = (c: RawContact) =>
  csvLine([
    dayDe(c.day),
    c.time,
    c.weekday,
    textField(c.topics),
    textField(c.firstTopic),
    textField(c.referrals),
    textField(c.language),
    textField(c.languageCode),
    c.channel,
    c.asker,
    textField(c.desk),
    textField(c.themeDay),
    c.entry,
  ]);

/** The raw export as German-Excel CSV, streamed to `out` (not ended). Returns the number of contacts. */
export async function writeRawContactsCsv(ctx: CoreContext, p: RawPeriod, out: Writable, options: RawExportOptions = {}): Promise<number> {
  await put(out, BOM + csvLine([...RAW_HEADER]));
  let rows = 0;
  for await (const batch of rawContactBatches(ctx, p, options)) {
    await put(out, batch.map(csvRow).join(''));
    rows += batch.length;
  }
  return rows;
}

/** Column widths in characters, in RAW_HEADER order. */
// Never 9: exceljs leaves out a column of exceljs' default width, which spreadsheets then draw narrower.
const RAW_WIDTHS = [12, 10, 12, 40, 26, 34, 22, 12, 12, 14, 16, 28, 14];

const RAW_KINDS: FastColumn[] = RAW_HEADER.map((_, i) => (i === 0 ? 'date' : i === 1 ? 'time' : 'text'));
const RAW_STYLES: Partial<ExcelJS.Style>[] = RAW_KINDS.map((kind) => (kind === 'date' ? { numFmt: 'dd.mm.yyyy' } : kind === 'time' ? { numFmt: 'hh:mm' } : {}));

/**
 * Adds the raw contacts as a sheet to a streaming workbook: header through exceljs, rows through
 * FastRowWriter (100,000 rows in well under the 3 s the issue allows). Returns the number of contacts.
 */
export async function addRawContactsSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  ctx: CoreContext,
  p: RawPeriod,
  options: RawExportOptions = {},
): Promise<number> {
  const sheet = workbook.addWorksheet('Rohdaten', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: a4PageSetup(RAW_WIDTHS.reduce((a, b) => a + b, 0)),
  });
  sheet.columns = RAW_WIDTHS.map((width) => ({ width }));
  const header = sheet.addRow([...RAW_HEADER]);
  header.font = BOLD_FONT;
  header.commit();
  const rows = new FastRowWriter(workbook, sheet, RAW_KINDS, RAW_STYLES);
  let count = 0;
  for await (const batch of rawContactBatches(ctx, p, options)) {
    for (const c of batch) {
      rows.add([
        dayAsDate(c.day),
        c.minutes,
        c.weekday,
        c.topics,
        c.firstTopic,
        c.referrals,
        c.language,
        c.languageCode,
        c.channel,
        c.asker,
        c.desk,
        c.themeDay,
        c.entry,
      ]);
    }
    rows.flush();
    count += batch.length;
    await yieldToIo();
  }
  sheet.commit();
  return count;
}
