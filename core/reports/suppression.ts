/**
 * Publication mode for a whole report: every number published is hidden (`null`, shown as "·") when
 * it is, or would let a reader work out, a count below the threshold. The tables are suppressed in
 * `suppression-tables.ts` and `monthly-suppression.ts` over the model of `bounds-check.ts`; this file
 * ties them together where they publish the same count:
 *
 * - the report total: the monthly series ends in it, the topic table (contacts) sums to it;
 * - the recorded contacts (total − imported): the language, channel, asker and desk tables sum to
 *   them, and so does the heat map (plus the contacts known by day only, which have no hour), and
 *   the contacts with a referral are part of them;
 * - the heat map's total is `openHours.contacts`; `perOpenHour` = that / open hours (hours are
 *   shown, so a rate gives its count away and goes with it); each opening slot sums heat-map cells;
 * - a theme day's contacts are its row in `byThemeDay`;
 * - a comparison's change is this period's total minus the compared one;
 * - the headline's contacts since opening differ from the report total by the contacts before it.
 *
 * - the daily or weekly series and the SDG table: see `series-suppression.ts`, `sdg-suppression.ts`.
 *
 * A count shared by several tables is either shown in all of them or hidden in all of them (see
 * `SharedRules`). The field-by-field list is in README, "Publication mode".
 */
import { isSmall } from './bounds-check';
import { suppressComparisons } from './comparison-suppression';
import { hiddenSinceOpening } from './headline';
import { suppressMonthly } from './monthly-suppression';
import type { Breakdown, OpenSlotFigures, Report, ThemeDayComparison } from './report-types';
import { known, suppressBreakdownWithBound, suppressCrossTable, suppressHeatmapWithTotal, type TotalRule } from './suppression-tables';
import { suppressContactsWithReferral } from './referral-suppression';
import { suppressSdg } from './sdg-suppression';
import { suppressReportSeries } from './series-suppression';

/**
 * What the report object does not carry but publication mode needs: the recorded contacts per day (for
 * a weekly series); with topic groups, each topic's own mentions (the goals are tied to them).
 */
export interface PublicationDetail {
  daily?: Map<string, number>;
  topicMentions?: Map<number, number>;
}

export { isSmall } from './bounds-check';
export { suppressSeries } from './monthly-suppression';
export { suppressBreakdown, suppressCrossTable, suppressHeatmap } from './suppression-tables';

/**
 * A theme day's comparison row. Its contacts are the same count as its row in `byThemeDay`, so they
 * are hidden exactly when that row is (small, or hidden as a partner there); per-hour and ratio are
 * hidden with them (contacts = per hour × hours, which are shown). The same for the ordinary days'
 * contacts when those are small.
 */
function suppressThemeDay(d: ThemeDayComparison, threshold: number, hiddenInBreakdown: boolean): ThemeDayComparison {
  const hideDay = hiddenInBreakdown || isSmall(known(d.contacts), threshold);
  const hideOrdinary = isSmall(known(d.ordinaryContacts), threshold);
  return {
    ...d,
    contacts: hideDay ? null : d.contacts,
    perOpenHour: hideDay ? null : d.perOpenHour,
    ordinaryContacts: hideOrdinary ? null : d.ordinaryContacts,
    ordinaryPerOpenHour: hideOrdinary ? null : d.ordinaryPerOpenHour,
    ratio: hideDay || hideOrdinary ? null : d.ratio,
  };
}

/**
 * Each opening slot sums the heat-map cells of its hours (a line of the heat map's system, hidden
 * with any of its hours). Also hidden when it is small itself, or when it differs from the sum of
 * those cells by a small count (should it ever count otherwise). Its rate goes with it.
 */
function suppressSlot(slot: OpenSlotFigures, hiddenInHeatmap: boolean, heatmap: number[][], threshold: number): OpenSlotFigures {
  const inCells = (heatmap[slot.weekday - 1] ?? []).slice(slot.startHour, slot.endHour).reduce((s, n) => s + n, 0);
  const contacts = known(slot.contacts);
  const hidden = hiddenInHeatmap || isSmall(contacts, threshold) || isSmall(Math.abs(inCells - contacts), threshold);
  return hidden ? { ...slot, contacts: null, perOpenHour: null } : slot;
}

/**
 * How the two counts several tables share are published: the report total, and (with imported monthly
 * counts) the recorded contacts. `public`: shown everywhere; `risesOnly`: hidden everywhere, and the
 * tables are protected as if a reader could only learn that it might be larger (each has a hidden row
 * that can take one more, while the monthly system lets it rise); `hiddenElsewhere`: hidden, with the
 * tables protected as if it were shown (see `hideTotalToo`).
 */
interface SharedRules {
  total: 'public' | 'risesOnly';
  recorded: 'public' | 'risesOnly' | 'hiddenElsewhere';
}

/**
 * The report as published: every table suppressed with the report's threshold. Pure: a new object;
 * parts without counts to hide are shared with the input. Already applied → returned as it is (the
 * hidden values are gone; suppressing again needs them).
 *
 * The shared counts are shown unless small. When that leaves a hidden count pinned that no table can
 * protect by itself (e.g. a month of 3 contacts in three languages: "·, ·, ·" of 3 can only be 1, 1, 1;
 * or a small imported total next to the shown recorded contacts), they are hidden: first the
 * recorded contacts alone, then both.
 */
export function applyPublicationMode(report: Report, detail: PublicationDetail = {}): Report {
  if (report.publication.enabled) return report;
  const imported = report.imported ?? 0;
  const total = known(report.total);
  const small = (n: number) => isSmall(n, report.publication.threshold);
  const recorded = small(total) || small(total - imported) ? 'risesOnly' : 'public';
  const first = publish(report, { total: small(total) ? 'risesOnly' : 'public', recorded }, detail);
  if (first.stuck === 0 || (small(total) && recorded === 'risesOnly')) return first.report;
  if (imported > 0 && recorded === 'public' && !small(total)) {
    const second = publish(report, { total: 'public', recorded: 'hiddenElsewhere' }, detail);
    if (second.stuck === 0) return second.report;
  }
  return publish(report, { total: 'risesOnly', recorded: 'risesOnly' }, detail).report;
}

function publish(report: Report, rules: SharedRules, detail: PublicationDetail): { report: Report; stuck: number } {
  const { threshold } = report.publication;
  const total = known(report.total);
  const imported = report.imported ?? 0;
  const recorded = total - imported;
  const totalIsPublic = rules.total === 'public';
  const recordedRule: TotalRule = imported === 0 ? rules.total : rules.recorded;

  // The tables of recorded contacts: with no imports their total is the report total.
  const recordedTables = {
    byLanguage: suppressBreakdownWithBound(report.byLanguage, threshold, recordedRule),
    byChannel: suppressBreakdownWithBound(report.byChannel, threshold, recordedRule),
    byAsker: suppressBreakdownWithBound(report.byAsker, threshold, recordedRule),
    byDesk: suppressBreakdownWithBound(report.byDesk, threshold, recordedRule),
  };
  const topicContacts = suppressBreakdownWithBound(report.byTopic.contacts, threshold, rules.total);
  const dayOnly = recorded - known(report.openHours.contacts);
  // Without contacts known by day only, the heat map's total is the recorded contacts. With them, the
  // difference is a count of its own, pinned by the two totals while the recorded contacts are shown
  // (and treated as shown when hidden elsewhere: the day-only contacts then absorb a change of them).
  const heat = suppressHeatmapWithTotal(
    report.heatmap,
    threshold,
    dayOnly === 0 ? { rule: recordedRule } : recordedRule === 'risesOnly' ? { rule: 'own' } : { rule: 'own', dayOnly: { count: dayOnly, recorded } },
    report.openHours.bySlot,
  );
  // The other tables count other things (mentions, referrals, theme-day contacts): their totals are their own.
  const breakdown = (b: Breakdown) => suppressBreakdownWithBound(b, threshold, 'own').breakdown;
  const byReferral = breakdown(report.byReferral);
  // The contacts with a referral are part of the recorded contacts: the rest (without one) is a count too.
  const referred = suppressContactsWithReferral(
    known(report.contactsWithReferral),
    { count: known(report.byReferral.total), shown: byReferral.total !== null },
    threshold,
  );
  const contactsWithReferral = referred !== null && recordedRule === 'public' && isSmall(recorded - referred, threshold) ? null : referred;
  const recordedAtLeast = Math.max(0, heat.totalAtLeast, contactsWithReferral ?? 0, ...Object.values(recordedTables).map((t) => t.totalAtLeast));
  const series = suppressMonthly(
    report.monthly,
    threshold,
    { count: total, isPublic: totalIsPublic, atLeast: total },
    imported > 0 ? { count: recorded, isPublic: rules.recorded === 'public', atLeast: rules.recorded === 'risesOnly' ? recorded : recordedAtLeast } : undefined,
  );
  const stuck = series.stuck + heat.stuck + topicContacts.stuck + Object.values(recordedTables).reduce((n, t) => n + t.stuck, 0);

  const byThemeDay = breakdown(report.byThemeDay);
  const hiddenThemeDays = new Set(byThemeDay.rows.filter((r) => r.n === null).map((r) => r.key));
  const shownTotal = totalIsPublic ? total : null;
  const withoutImported = (b: Breakdown): Breakdown => ({ ...b, rows: b.rows.map(({ imported: _imported, ...row }) => row) });
  const comparisons = suppressComparisons(report.comparisons, threshold);
  const mentions = breakdown(report.byTopic.mentions);
  const published: Report = {
    ...report,
    publication: { ...report.publication, enabled: true },
    total: shownTotal,
    monthly: series.monthly,
    // The daily or weekly series against the months, the weekdays of the heat map and the recorded contacts (series-suppression.ts).
    series: suppressReportSeries(report.series, {
      threshold,
      monthly: { original: report.monthly, published: series.monthly },
      importedPublished: imported > 0 ? series.imported : undefined,
      recorded: { count: recorded, isPublic: recordedRule === 'public', atLeast: recordedRule === 'risesOnly' ? recorded : recordedAtLeast },
      heatmap: heat.heatmap,
      dayOnly,
      daily: detail.daily,
    }),
    // Topic rows never show their imported part in publication mode: it is a count of its own.
    byTopic: { contacts: withoutImported(topicContacts.breakdown), mentions: withoutImported(mentions) },
    byReferral,
    contactsWithReferral,
    // Goals tied to the topic mentions they come from (sdg-suppression.ts).
    bySdg: suppressSdg(
      report.bySdg,
      threshold,
      { original: report.byTopic.mentions, published: mentions, byTopic: detail.topicMentions },
      { count: total, shown: totalIsPublic },
    ),
    byLanguage: recordedTables.byLanguage.breakdown,
    byChannel: recordedTables.byChannel.breakdown,
    byAsker: recordedTables.byAsker.breakdown,
    byDesk: recordedTables.byDesk.breakdown,
    byThemeDay,
    heatmap: heat.heatmap,
    openHours: {
      ...report.openHours,
      contacts: heat.total,
      perOpenHour: heat.total === null ? null : report.openHours.perOpenHour,
      bySlot: report.openHours.bySlot.map((s, i) => suppressSlot(s, heat.slotHidden[i]!, report.heatmap as number[][], threshold)),
    },
    // A change is this period's total minus the compared one: hidden with a hidden total.
    comparisons:
      shownTotal === null
        ? {
            previousPeriod: { ...comparisons.previousPeriod, delta: null, deltaPct: null },
            yearBefore: { ...comparisons.yearBefore, delta: null, deltaPct: null },
          }
        : comparisons,
    themeDays: report.themeDays.map((d) => suppressThemeDay(d, threshold, hiddenThemeDays.has(d.themeDayId))),
    topicReferrals: suppressCrossTable(report.topicReferrals, threshold),
    headline: suppressHeadline(report, shownTotal, threshold),
  };
  if (imported > 0) published.imported = series.imported;
  return { report: published, stuck };
}

/**
 * The contacts since opening = the report total + the contacts before the period (from the opening
 * date). Hidden when small; when they exceed a shown report total by a small count; and when the
 * report total is hidden and nothing came before it (they would be it).
 */
function suppressHeadline(report: Report, shownTotal: number | null, threshold: number): Report['headline'] {
  const sinceOpening = known(report.headline.sinceOpening.total);
  const before = sinceOpening - known(report.total);
  const hide = isSmall(sinceOpening, threshold) || (shownTotal === null ? before === 0 : isSmall(before, threshold));
  return hide ? hiddenSinceOpening(report.headline) : report.headline;
}
