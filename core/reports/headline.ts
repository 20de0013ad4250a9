import { monthsSpanned } from './calendar-days';
import { formatCount, longDate } from './report-labels';
import type { Report } from './report-types';

/** "Seit der Eröffnung am 1. Juni 2021: 6.143 Kontakte in 8 Monaten" — ready for a press release. */
export function headlineSinceOpening(openingDate: string, to: string, total: number): Report['headline'] {
  const months = monthsSpanned(openingDate, to);
  const date = longDate(openingDate);
  const n = formatCount(total);
  return {
    de: `Seit der Eröffnung am ${date.de}: ${n.de} ${total === 1 ? 'Kontakt' : 'Kontakte'} in ${months} ${months === 1 ? 'Monat' : 'Monaten'}`,
    en: `Since opening on ${date.en}: ${n.en} ${total === 1 ? 'contact' : 'contacts'} in ${months} ${months === 1 ? 'month' : 'months'}`,
    sinceOpening: { from: openingDate, total, months },
  };
}
