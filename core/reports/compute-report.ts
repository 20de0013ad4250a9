import { ASKERS, CHANNELS } from '../base/enums';
import type { Catalog } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import { readSiteCalendar } from '../closures/closed-days';
import { daysBetween, monthsOf, weekdayOf } from './calendar-days';
import { comparisonOf, comparisonSpans, isCounted, splitsImportedMonth, type ComparisonSpan } from './comparison-periods';
import { headlineSinceOpening, pendingSetupHeadline } from './headline';
import { importedIn, importedMatching, readImportedCounts, type ImportedInPeriod } from './imported-counts';
import { ordinaryDaysOf, perHour, themeDayComparisons } from './theme-day-comparison';
import { openHoursIn, openSlotFigures, slotHours } from './open-hours';
import { ASKER_LABELS, CHANNEL_LABELS } from './report-labels';
import type { Breakdown, CrossTable, Label, MonthPoint, Report, ReportPeriod } from './report-types';
import type { ReportPeriodInput } from './report-inputs';
import { splitCrossKey } from '../rollups/rollup-keys';
import type { CountSource, HourCounts } from './count-source';
import { rollupSource } from './rollup-counts';
import { storeSource } from '../analysis/store-source';
import { resolveFilters } from '../analysis/check-filters';
import { applyPublicationMode } from './suppression';
import { reportSeries } from './report-series';
import { sdgBreakdown } from './sdg-breakdown';

const period = (from: string, to: string): ReportPeriod => ({ from, to, days: daysBetween(from, to) });

/** Topic counts with the imported monthly counts added, and each row marked with its imported part. */
function topicsWithImported(entries: Parameters<typeof breakdown>[0], counts: Map<number, number> | undefined, imported: ImportedInPeriod): Breakdown {
  if (imported.total === 0) return breakdown(entries, counts);
  const merged = new Map(counts);
  for (const [id, n] of imported.byTopic) merged.set(id, (merged.get(id) ?? 0) + n);
  const b = breakdown(entries, merged);
  return { ...b, rows: b.rows.map((r) => (imported.byTopic.get(r.key as number) ? { ...r, imported: imported.byTopic.get(r.key as number)! } : r)) };
}

/** A breakdown over catalog entries: every active entry, plus retired ones that still have counts; largest first. */
function breakdown(entries: { key: number | string; label: Label; retired?: boolean; countKey: number }[], counts: Map<number, number> | undefined): Breakdown {
  const rows = entries
    .map((e) => ({ key: e.key, label: e.label, n: counts?.get(e.countKey) ?? 0, ...(e.retired && { retired: true }) }))
    .filter((r) => !r.retired || r.n > 0)
    .sort((a, b) => b.n - a.n);
  return { rows, total: rows.reduce((s, r) => s + r.n, 0) };
}

function crossTable(catalog: Catalog, cross: Map<number, number> | undefined): CrossTable {
  const cells = new Map<string, number>();
  const topicIds = new Set<number>();
  const orgIds = new Set<number>();
  for (const [key, n] of cross ?? []) {
    const { topicId, organisationId } = splitCrossKey(key);
    cells.set(`${topicId}:${organisationId}`, n);
    topicIds.add(topicId);
    orgIds.add(organisationId);
  }
  const rows = catalog.topics.filter((t) => topicIds.has(t.id)).map((t) => ({ key: t.id, label: { de: t.labelDe, en: t.labelEn } }));
  const columns = catalog.organisations.filter((o) => orgIds.has(o.id)).map((o) => ({ key: o.id, label: { de: o.name, en: o.name } }));
  const matrix = rows.map((r) => columns.map((c) => cells.get(`${r.key}:${c.key}`) ?? 0));
  const rowTotals = matrix.map((row) => row.reduce((s, n) => s + n, 0));
  const columnTotals = columns.map((_, j) => matrix.reduce((s, row) => s + row[j]!, 0));
  return { rows, columns, cells: matrix, rowTotals, columnTotals, total: rowTotals.reduce((s, n) => s + n, 0) };
}

/**
 * Where the counts come from: the analysis store once it has loaded (any filter, fastest), the rollups
 * while it is still loading and no filter is asked for (a report right after start does not wait).
 */
async function countSourceFor(ctx: CoreContext, catalog: Catalog, filters: ReturnType<typeof resolveFilters>, countsFrom: ReportCounts): Promise<CountSource> {
  if (countsFrom === 'rollups' && filters.length > 0) throw new Error('computeReport: the rollups hold no filtered counts');
  if (countsFrom === 'rollups' || (countsFrom === 'any' && filters.length === 0 && !ctx.analysis.ready)) return rollupSource(ctx, catalog.topics);
  return storeSource(ctx.analysis, catalog, filters);
}

/**
 * The report for one period and filter, from the analysis store (or, unfiltered while it loads, the
 * rollups) — never from the contacts one by one: counts by every dimension, time patterns,
 * comparisons, theme days, the cross-table and the headline. Voided contacts never count.
 */
/** Where a report's counts must come from: `any` (the store, or the rollups while it loads), or one of them (the move to PostgreSQL checks each). */
export type ReportCounts = 'any' | 'rollups' | 'analysis';

export async function computeReport(ctx: CoreContext, input: ReportPeriodInput, countsFrom: ReportCounts = 'any'): Promise<Report> {
  const catalog = await ctx.catalog.catalog();
  const { settings } = catalog;
  const filters = resolveFilters(catalog, input.filters);
  const source = await countSourceFor(ctx, catalog, filters, countsFrom);
  const { from, to } = input;
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
  const [{ counts, goals, hourly, daily }, baseline, allImported, comparedLive, sinceOpeningLive] = await Promise.all([
    source.period(from, to),
    source.hourly(baselineDays),
    readImportedCounts(ctx, firstMonth, to.slice(0, 7)),
    Promise.all(compared.map((s) => (isCounted(s) ? source.total(s.compared.from, s.compared.to) : null))),
    source.total(settings.openingDate, to),
  ]);
  // Imported monthly counts know a topic and a month only: a filter on anything else leaves them out.
  const { kept: importedCounts, leftOut } = importedMatching(allImported, filters, catalog.topics);
  const importedNotIncluded = importedIn(leftOut, from, to, settings.openingDate).total;
  // Monthly counts imported from earlier tallies count in totals, the monthly series, topics, comparisons and the headline; never by hour or day.
  const importedOf = (a: string, b: string) => importedIn(importedCounts, a, b, settings.openingDate);
  const imported = importedOf(from, to);
  const importedMonths = [...importedCounts.keys()];
  // Called once `total` below is known.
  const compare = (s: ComparisonSpan, live: number | null) =>
    comparisonOf(
      s,
      total,
      live === null ? null : live + importedOf(s.compared.from, s.compared.to).total,
      [s.current, s.compared].some((p) => splitsImportedMonth(p, importedMonths, settings.openingDate)),
    );
  const sinceOpening = sinceOpeningLive + importedOf(settings.openingDate, to).total;

  const withBaseline: HourCounts = new Map([...baseline, ...hourly]);
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  // Contacts with an hour; those known by day only (imported without times) are in `daily` but not here.
  let timed = 0;
  for (const [day, hours] of hourly) {
    timed += hours.reduce((s, n) => s + n, 0);
    const row = heatmap[weekdayOf(day) - 1]!; // once per day: weekdayOf parses a date
    hours.forEach((n, h) => (row[h]! += n));
  }
  const perMonth = new Map<string, number>();
  let total = imported.total;
  for (const [day, n] of daily) {
    total += n;
    perMonth.set(day.slice(0, 7), (perMonth.get(day.slice(0, 7)) ?? 0) + n);
  }
  let running = 0;
  const monthly = monthsOf(from, to).map((month): MonthPoint => {
    const importedPart = imported.byMonth.get(month) ?? 0;
    const n = (perMonth.get(month) ?? 0) + importedPart;
    running += n;
    return importedPart > 0 ? { month, n, cumulative: running, imported: importedPart } : { month, n, cumulative: running };
  });

  const topicEntries = catalog.topics.map((t) => ({ key: t.id, countKey: t.id, label: { de: t.labelDe, en: t.labelEn }, retired: t.retired }));
  const open = openHoursIn(from, to, settings.openingHours, calendar);
  const report: Report = {
    generatedAt: new Date(ctx.now()).toISOString(),
    site: { name: settings.siteName, timeZone: settings.timeZone, openingDate: settings.openingDate, setupPending: settings.setupConfirmedAt === '' },
    period: period(from, to),
    publication: { enabled: false, threshold: settings.smallCellThreshold },
    filters,
    ...(importedNotIncluded > 0 && { importedNotIncluded }),
    total,
    ...(imported.total > 0 && { imported: imported.total }),
    monthly,
    series: reportSeries(from, to, daily, monthly, imported.total),
    byTopic: {
      contacts: topicsWithImported(topicEntries, counts.get('topic'), imported),
      // An imported monthly count names one topic per contact: one mention each.
      mentions: topicsWithImported(topicEntries, counts.get('mention'), imported),
    },
    byReferral: breakdown(
      catalog.organisations.map((o) => ({ key: o.id, countKey: o.id, label: { de: o.name, en: o.name }, retired: o.retired })),
      counts.get('referral'),
    ),
    contactsWithReferral: counts.get('referred')?.get(0) ?? 0,
    byLanguage: breakdown(
      catalog.languages.map((l) => ({ key: l.code, countKey: l.id, label: { de: l.labelDe, en: l.labelEn }, retired: l.retired })),
      counts.get('language'),
    ),
    byChannel: breakdown(
      CHANNELS.map((c, i) => ({ key: c, countKey: i, label: CHANNEL_LABELS[c] })),
      counts.get('channel'),
    ),
    byAsker: breakdown(
      ASKERS.map((a, i) => ({ key: a, countKey: i, label: ASKER_LABELS[a] })),
      counts.get('asker'),
    ),
    byDesk: breakdown(
      catalog.desks.map((d) => ({ key: d.id, countKey: d.id, label: { de: d.name, en: d.name }, retired: d.retired })),
      counts.get('desk'),
    ),
    byThemeDay: breakdown(
      catalog.themeDays.map((t) => ({ key: t.id, countKey: t.id, label: { de: t.title, en: t.title }, retired: t.retired })),
      counts.get('theme'),
    ),
    bySdg: sdgBreakdown(catalog.topics, goals, imported.byTopic),
    heatmap,
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
      withBaseline,
      counts.get('theme'),
      calendar,
    ),
    topicReferrals: crossTable(catalog, counts.get('cross')),
    headline: headlineSinceOpening(settings.openingDate, to, sinceOpening),
  };
  const final = input.publication ? applyPublicationMode(report, { daily }) : report;
  if (final.site.setupPending) final.headline = pendingSetupHeadline(final.headline);
  // Per slot from the final heat map, so publication mode hides a slot whose cells are hidden.
  final.openHours.bySlot = openSlotFigures(final.heatmap, settings.openingHours, (slot) => slotHours(open, slot));
  return final;
}
