/** Local days as small integers (days since 1970-01-01), the column store's day column; fits a Uint16 until 2149. */
export { dayNumberOf as dayNumber, dayOfNumber as dayString } from '../reports/calendar-days';

/** The hour column's value for a contact known by day only (no hour). */
export const NO_HOUR = 255;
