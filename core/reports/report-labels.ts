import type { Asker, Channel } from '../base/enums';
import type { Label } from './report-types';

/** Labels of the closed value sets, for reports and exports (the UI has its own copy in i18n). */
export const CHANNEL_LABELS: Record<Channel, Label> = {
  in_person: { de: 'persönlich', en: 'in person' },
  phone: { de: 'Telefon', en: 'phone' },
  email: { de: 'E-Mail', en: 'e-mail' },
};

export const ASKER_LABELS: Record<Asker, Label> = {
  citizen: { de: 'Bürger*in', en: 'citizen' },
  organisation: { de: 'Organisation', en: 'organisation' },
};

const MONTHS_DE = ['Jänner', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1. Juni 2021" (Austrian German: Jänner) / "1 June 2021". */
export function longDate(day: string): Label {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { de: `${d}. ${MONTHS_DE[m - 1]} ${y}`, en: `${d} ${MONTHS_EN[m - 1]} ${y}` };
}

/** "6.143": de-AT would group with a narrow space, while Austrian press releases use the dot. */
export const formatCount = (n: number): Label => ({ de: n.toLocaleString('de-DE'), en: n.toLocaleString('en-GB') });
