import type { ClosedDay } from '../../core/closures/closure-types';
import type { Formatter } from '../ui/format';

const hourFormats = new Map<string, Intl.NumberFormat>();

/** Open hours as counted: whole hours without decimals, a slot in progress with up to two (7,5 and 7,83), as in the exports. */
export function hoursText(f: Formatter, hours: number): string {
  let format = hourFormats.get(f.lang);
  if (!format) hourFormats.set(f.lang, (format = new Intl.NumberFormat(f.lang, { maximumFractionDigits: 2 })));
  return format.format(hours);
}

export interface ClosedRun {
  from: string;
  to: string;
  name: string;
  days: number;
}

/**
 * Closed days as the report lists them: days next to each other in the list with the same reason
 * and name become one run ("Weihnachtspause 22.12. – 05.01., 7 days"), since the list holds only
 * days with opening hours, a closure's weekends never break it.
 */
export function closedRuns(closed: readonly ClosedDay[], lang: 'de' | 'en'): ClosedRun[] {
  const runs: (ClosedRun & { reason: ClosedDay['reason'] })[] = [];
  for (const c of closed) {
    const name = c.name[lang];
    const last = runs.at(-1);
    if (last && last.reason === c.reason && last.name === name) {
      last.to = c.day;
      last.days += 1;
    } else {
      runs.push({ from: c.day, to: c.day, name, days: 1, reason: c.reason });
    }
  }
  return runs.map(({ reason: _reason, ...run }) => run);
}
