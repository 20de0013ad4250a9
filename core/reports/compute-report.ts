import { ASKERS, CHANNELS } from '../base/enums';
import type { Catalog } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import { readSiteCalendar } from '../closures/closed-days';
import { addCells, EMPTY_CELL, type Cell } from '../publication/cell-key';
import type { Dimension } from '../rollups/rollup-keys';
import { daysBetween } from './calendar-days';
import { comparisonOf, comparisonSpans, isCounted, splitsImportedMonth, type ComparisonSpan } from './comparison-periods';
import { headlineSinceOpening, pendingSetupHeadline } from './headline';
import { importedIn, importedMatching, readImportedCounts, type ImportedInPeriod } from './imported-counts';
import { ordinaryDaysOf, perHour, themeDayComparisons } from './theme-day-comparison';
import { openHoursIn, openSlotFigures, slotHours } from './open-hours';
import { ASKER_LABELS, CHANNEL_LABELS } from './report-labels';
import type { Label, Report, ReportPeriod } from './report-types';
import type { ReportPeriodInput } from './report-inputs';
import type { CountSource, PeriodCounts } from './count-source';
import { rollupSource } from './rollup-counts';
import { storeSource } from '../analysis/store-source';
import { resolveFilters } from '../analysis/check-filters';
import { applyPublicationMode } from './suppression';
import { reportSeries } from './report-series';
import { sdgBreakdown } from './sdg-breakdown';
import { cellKeyCount, dimensionCells, sumOfCells, trueCount, type Publish } from './publish-cells';
import { activeTopicGroups, catalogEntries, publishBreakdown, publishCrossTable, topicBreakdown } from './report-breakdowns';
import { monthlyPoints, timeCellsOf } from './time-figures';

const period = (from: string, to: string): ReportPeriod => ({ from, to, days: daysBetween(from, to) });

/**
 * Where the counts come from: the analysis store once it has loaded (any filter, fastest), the rollups
 * while it is still loading and no filter is asked for (a report right after start does not wait).
 */
async function countSourceFor(ctx: CoreContext, catalog: Catalog, filters: ReturnType<typeof resolveFilters>, countsFrom: ReportCounts): Promise<CountSource> {
  if (countsFrom === 'rollups' && filters.length > 0) throw new Error('computeReport: the rollups hold no filtered counts');
  if (countsFrom === 'rollups' || (countsFrom === 'any' && filters.length === 0 && !ctx.analysis.ready)) return rollupSource(ctx, catalog.topics);
  return storeSource(ctx.analysis, catalog, filters);
}

/** Where a report's counts must come from: `any` (the store, or the rollups while it loads), or one of them (the move to PostgreSQL checks each). */
export type ReportCounts = 'any' | 'rollups' | 'analysis';

/**
 * What `computeReport` needs: the report input, where `publicationMethod` and `topicGroups` may be left
 * out (the schema's defaults: the cell-key method, single topics), as callers inside the core do.
 */
export type ReportRequest = Omit<ReportPeriodInput, 'publicationMethod' | 'topicGroups'> &
  Partial<Pick<ReportPeriodInput, 'publicationMethod' | 'topicGroups'>>;

/**
 * The report for one period and filter, from the analysis store (or, unfiltered while it loads, the
 * rollups) — never from the contacts one by one: counts by every dimension, time patterns,
 * comparisons, theme days, the cross-table and the headline. Voided contacts never count.
 *
 * Every count is built as a cell (its true count and its contacts' key sum) and shown through one
 * `Publish` rule: the plain report shows true counts (and small-cell suppression then works on it, as
 * it always has); with the cell-key method each cell is published by itself — a total from its own
 * count and key, never as a sum of published rows — and whatever is shown, hidden or sorted is
 * decided on the published values.
 */
export async function computeReport(ctx: CoreContext, input: ReportRequest, countsFrom: ReportCounts = 'any'): Promise<Report> {
  const catalog = await ctx.catalog.catalog();
  const { settings } = catalog;
  const filters = resolveFilters(catalog, input.filters);
  const source = await countSourceFor(ctx, catalog, filters, countsFrom);
  const { from, to } = input;
  const method = input.publicationMethod ?? 'cellKey';
  const cellKey = input.publication && method === 'cellKey';
  // One rule turns every cell into the number shown: the plain report (which suppression starts from) shows true counts.
  const publish: Publish = cellKey ? cellKeyCount : trueCount;
  // The site's clock and closures: what has happened by now, and which days had no opening hours.
  const calendar = await readSiteCalendar(ctx.db, settings, ctx.now());
  const today = calendar.now.day;
  const spans = comparisonSpans(from, to, today, settings.openingDate);
  const compared = [spans.previousPeriod, spans.yearBefore];

  // Ordinary days of the theme days come from the calendar alone; only those days are read beyond the period.
  const last = to > today ? today : to;
  const ordinaryDays = new Map(catalog.themeDays.map((t) => [t.id, ordinaryDaysOf(t, catalog, last, calendar)]));
  const baselineDays = [...new Set([...ordinaryDays.values()].flat())].filter((day) => day < from);
  const firstMonth = [...compared.map((s) => s.compared.from), from, settings.openingDate].sort()[0]!.slice(0, 7);
  const [counted, baseline, allImported, comparedLive, sinceOpeningLive] = await Promise.all([
    source.period(from, to),
    source.hourly(baselineDays),
    readImportedCounts(ctx, firstMonth, to.slice(0, 7)),
    Promise.all(compared.map((s) => (isCounted(s) ? source.total(s.compared.from, s.compared.to) : null))),
    source.total(settings.openingDate, to),
  ]);
  // Imported monthly counts know a topic and a month only: a filter on anything else leaves them out.
  const { kept: importedCounts, leftOut } = importedMatching(allImported, filters, catalog.topics);
  const importedNotIncluded = publish(importedIn(leftOut, from, to, settings.openingDate).total);
  // Monthly counts imported from earlier tallies count in totals, the monthly series, topics, comparisons and the headline; never by hour or day.
  const importedOf = (a: string, b: string) => importedIn(importedCounts, a, b, settings.openingDate);
  const imported = importedOf(from, to);
  const importedShown = publish(imported.total);
  // Months holding imported counts (a comparison must not split one). Published, only those a reader could see: a month whose
  // imported contacts publish as 0 must not give itself away by making a comparison "not comparable".
  const importedMonths = [...importedCounts].filter(([, topics]) => !cellKey || publish(sumOfCells(topics.values())) > 0).map(([month]) => month);
  const time = timeCellsOf(counted, imported);
  const total = publish(time.total);
  // A compared period's total is a cell of its own (its contacts and imported counts); the change is taken between published totals.
  const compare = (s: ComparisonSpan, live: Cell | null) =>
    comparisonOf(
      s,
      total,
      live === null ? null : publish(addCells(live, importedOf(s.compared.from, s.compared.to).total)),
      [s.current, s.compared].some((p) => splitsImportedMonth(p, importedMonths, settings.openingDate)),
    );
  const sinceOpening = publish(addCells(sinceOpeningLive, importedOf(settings.openingDate, to).total));
  const monthly = monthlyPoints(from, to, time.daily, imported, publish);
  const timed = publish(time.timed);

  const cells = (dimension: Dimension) => dimensionCells(counted, dimension);
  const groups = input.topicGroups ? activeTopicGroups(catalog) : null;
  // Topic rows show their imported part only in the plain report (suppression strips it later): in publication mode it is a count of its own.
  const topicOptions = { groups, showImported: !cellKey };
  const themeCells = cells('theme');
  const open = openHoursIn(from, to, settings.openingHours, calendar);
  const entries = <T>(
    items: readonly T[],
    describe: (item: T) => { key: number | string; countKey: number; label: Label; retired?: boolean },
    dimension: Dimension,
  ) => publishBreakdown(catalogEntries(items, describe, cells(dimension)), publish);
  const report: Report = {
    generatedAt: new Date(ctx.now()).toISOString(),
    site: { name: settings.siteName, timeZone: settings.timeZone, openingDate: settings.openingDate, setupPending: settings.setupConfirmedAt === '' },
    period: period(from, to),
    publication: { enabled: cellKey, threshold: settings.smallCellThreshold, method },
    ...(groups && { topicGroups: true }),
    filters,
    ...(importedNotIncluded > 0 && { importedNotIncluded }),
    total,
    ...(importedShown > 0 && { imported: importedShown }),
    monthly,
    series: reportSeries(from, to, time.daily, monthly, importedShown, publish),
    byTopic: {
      contacts: topicBreakdown(catalog, cells('topic'), imported.byTopic, publish, topicOptions),
      // An imported monthly count names one topic per contact: one mention each.
      mentions: topicBreakdown(catalog, cells('mention'), imported.byTopic, publish, topicOptions),
    },
    byReferral: entries(catalog.organisations, (o) => ({ key: o.id, countKey: o.id, label: { de: o.name, en: o.name }, retired: o.retired }), 'referral'),
    contactsWithReferral: publish(cells('referred').get(0) ?? EMPTY_CELL),
    byLanguage: entries(catalog.languages, (l) => ({ key: l.code, countKey: l.id, label: { de: l.labelDe, en: l.labelEn }, retired: l.retired }), 'language'),
    byChannel: entries(CHANNELS, (c) => ({ key: c, countKey: CHANNELS.indexOf(c), label: CHANNEL_LABELS[c] }), 'channel'),
    byAsker: entries(ASKERS, (a) => ({ key: a, countKey: ASKERS.indexOf(a), label: ASKER_LABELS[a] }), 'asker'),
    byDesk: entries(catalog.desks, (d) => ({ key: d.id, countKey: d.id, label: { de: d.name, en: d.name }, retired: d.retired }), 'desk'),
    byThemeDay: entries(catalog.themeDays, (t) => ({ key: t.id, countKey: t.id, label: { de: t.title, en: t.title }, retired: t.retired }), 'theme'),
    bySdg: sdgBreakdown(catalog.topics, counted.goals, counted.keys.goals, imported.byTopic, publish),
    heatmap: time.heatmap.map((row) => row.map(publish)),
    openHours: {
      hours: open.hours,
      contacts: timed,
      perOpenHour: perHour(timed, open.hours),
      bySlot: [],
      closedDays: open.closed.length,
      closed: open.closed,
      openDays: open.openDays,
    },
    comparisons: { previousPeriod: compare(spans.previousPeriod, comparedLive[0] ?? null), yearBefore: compare(spans.yearBefore, comparedLive[1] ?? null) },
    themeDays: themeDayComparisons(
      catalog,
      { first: from < settings.openingDate ? settings.openingDate : from, last },
      ordinaryDays,
      { counts: new Map([...baseline.counts, ...counted.hourly]), keys: new Map([...baseline.keys, ...counted.keys.hourly]) },
      themeCells,
      calendar,
      publish,
    ),
    topicReferrals: publishCrossTable(catalog, cells('cross'), publish, groups),
    headline: headlineSinceOpening(settings.openingDate, to, sinceOpening),
  };
  const suppressed = input.publication && method === 'suppression';
  const final = suppressed
    ? applyPublicationMode(report, { daily: counted.daily, ...(groups && { topicMentions: topicMentionsOf(counted, imported) }) })
    : report;
  if (final.site.setupPending) final.headline = pendingSetupHeadline(final.headline);
  // Per slot from the final heat map, so publication mode hides a slot whose cells are hidden (or sums its published cells).
  final.openHours.bySlot = openSlotFigures(final.heatmap, settings.openingHours, (slot) => slotHours(open, slot));
  return final;
}

/** Each topic's true mentions, imported monthly counts included: what suppression ties the SDG goals to when the topic table shows groups. */
function topicMentionsOf(counted: PeriodCounts, imported: ImportedInPeriod): Map<number, number> {
  const mentions = new Map(counted.counts.get('mention'));
  for (const [id, cell] of imported.byTopic) mentions.set(id, (mentions.get(id) ?? 0) + cell.n);
  return mentions;
}
