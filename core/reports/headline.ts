import { monthsSpanned } from './calendar-days';
import { formatCount, longDate } from './report-labels';
import type { Report } from './report-types';

/** "Seit der Eröffnung am 1. Juni 2021: 6.143 Kontakte in 8 Monaten" — ready for a press release. */
export function headlineSinceOpening(openingDate: string, to: string, total: number): Report['headline'] {
  return headlineText(openingDate, total, monthsSpanned(openingDate, to));
}

/**
 * Until management confirms the first-visit setup, the opening date is only a preset (a new database
 * starts with the first site's): the headline then quotes no figure "since opening" and says why.
 * `sinceOpening.total` is null; `from` and `months` still name the preset.
 */
export const pendingSetupHeadline = (h: Report['headline']): Report['headline'] => ({
  de: 'Eröffnungsdatum noch nicht bestätigt: Die Zahl „seit der Eröffnung“ erscheint, sobald die Verwaltung bei der Ersteinrichtung das Eröffnungsdatum bestätigt hat.',
  en: 'Opening date not confirmed yet: the figure “since opening” appears once management has confirmed the opening date in the first-visit setup.',
  sinceOpening: { ...h.sinceOpening, total: null },
  pending: true,
});

/** The headline in publication mode when its count must be hidden: "Seit der Eröffnung am …: · Kontakte in …". */
export const hiddenSinceOpening = (h: Report['headline']): Report['headline'] => headlineText(h.sinceOpening.from, null, h.sinceOpening.months);

function headlineText(openingDate: string, total: number | null, months: number): Report['headline'] {
  const date = longDate(openingDate);
  const n = total === null ? { de: '·', en: '·' } : formatCount(total);
  return {
    de: `Seit der Eröffnung am ${date.de}: ${n.de} ${total === 1 ? 'Kontakt' : 'Kontakte'} in ${months} ${months === 1 ? 'Monat' : 'Monaten'}`,
    en: `Since opening on ${date.en}: ${n.en} ${total === 1 ? 'contact' : 'contacts'} in ${months} ${months === 1 ? 'month' : 'months'}`,
    sinceOpening: { from: openingDate, total, months },
  };
}
