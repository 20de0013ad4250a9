/**
 * Which report sections the screen shows (`sections=` in the address, from a saved view): the report tab
 * provides the list, ReportView's parts ask `usePartShown`. No list means the whole report.
 */
import { createContext, useContext, useEffect } from 'react';
import { REPORT_SECTIONS, type ReportSection } from '../../core/views/view-types';

export type { ReportSection };

const isSection = (s: string): s is ReportSection => (REPORT_SECTIONS as readonly string[]).includes(s);

/** `sections=headline,topics` → the known sections in the report's order; nothing known (or no parameter) → undefined, i.e. all. */
export function sectionsParam(q: URLSearchParams): ReportSection[] | undefined {
  const listed = new Set((q.get('sections') ?? '').split(',').filter(isSection));
  const shown = REPORT_SECTIONS.filter((s) => listed.has(s));
  return shown.length > 0 ? shown : undefined;
}

export function writeSectionsParam(sections: readonly ReportSection[], q: URLSearchParams): void {
  // All sections is the report as it is: no parameter, so the address stays short.
  if (sections.length > 0 && sections.length < REPORT_SECTIONS.length) q.set('sections', REPORT_SECTIONS.filter((s) => sections.includes(s)).join(','));
}

/**
 * Which saved-view sections each part of the report screen (ReportView's section ids) stands for: the
 * series chart is the monthly chart or the daily/weekly series, the askers' section also holds the desks.
 */
const SCREEN_PARTS: Record<string, readonly ReportSection[]> = {
  headline: ['headline'],
  comparisons: ['comparisons'],
  monthly: ['monthly', 'series'],
  topics: ['topics'],
  sdgs: ['sdg'],
  languages: ['languages'],
  referrals: ['referrals'],
  channels: ['channels'],
  askers: ['askers', 'desks'],
  'open-hours': ['openHours'],
  heatmap: ['heatmap'],
  'theme-days': ['themeDays'],
  cross: ['crossTable'],
};

/** Whether a part of the report screen is shown when only `sections` are asked for (undefined: everything). */
export function isPartShown(part: string, sections: readonly ReportSection[] | undefined): boolean {
  if (!sections) return true;
  const covers = SCREEN_PARTS[part];
  // A part no saved view can name (added later) stays visible rather than vanish unasked.
  return !covers || covers.some((s) => sections.includes(s));
}

/** The sections the report on screen shows; provided by the report tab from the address. */
export const ShownSections = createContext<readonly ReportSection[] | undefined>(undefined);

/** For ReportView's parts: true when the part is among the shown sections. */
export const usePartShown = (part: string): boolean => isPartShown(part, useContext(ShownSections));

/**
 * How many of these chart parts are shown: ReportView waits for that many charts before the print view
 * prints. With none shown (a view of the headline alone) there is nothing to wait for: `onNoneShown` at once.
 */
export function useShownParts(parts: readonly string[], onNoneShown?: () => void): number {
  const sections = useContext(ShownSections);
  const shown = parts.filter((part) => isPartShown(part, sections)).length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a notification only; a new callback must not fire it again.
  useEffect(() => {
    if (shown === 0) onNoneShown?.();
  }, [shown]);
  return shown;
}
