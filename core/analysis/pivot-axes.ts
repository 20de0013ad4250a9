import { ASKERS, CHANNELS } from '../base/enums';
import type { Catalog } from '../catalog/catalog-types';
import { ASKER_LABELS, CHANNEL_LABELS } from '../reports/report-labels';
import type { Label } from '../reports/report-types';
import { isoWeekOf } from '../reports/report-series';
import type { StoreSnapshot } from './analysis-store';
import type { ContactColumns } from './contact-columns';
import { dayString, NO_HOUR } from './day-numbers';
import { NONE_VALUE } from './filter-inputs';
import type { PivotDimension } from './pivot-inputs';
import type { PivotHeader } from './pivot-types';

/**
 * One side of a pivot: how many codes it has, which codes a contact (row of the store) has on it,
 * and each code's header. Codes are the store's dictionary codes for catalog dimensions (0 = none),
 * the enum index for channel and who asked, and positions in the period for months and weeks.
 */
export interface PivotAxis {
  size: number;
  /** Writes the row's codes into `out` and returns how many (several for topics and referrals). */
  codesOf(cols: ContactColumns, row: number, out: Int32Array): number;
  /** Single-valued axes: every selected row's code at once, in one tight loop (`out[k]` for `rows[k]`). */
  codesOfRows?(cols: ContactColumns, rows: Int32Array, out: Int32Array): void;
  /** Several-valued axes (topics, referrals): the slot columns; a row's codes are its slots up to the first 0 (a first slot of 0 is the code 0, "none"). */
  slots?(cols: ContactColumns): Uint16Array[];
  /** The codes in display order, each with its header. */
  headers(): { code: number; header: PivotHeader }[];
}

const WEEKDAYS: Label[] = [
  { de: 'Montag', en: 'Monday' },
  { de: 'Dienstag', en: 'Tuesday' },
  { de: 'Mittwoch', en: 'Wednesday' },
  { de: 'Donnerstag', en: 'Thursday' },
  { de: 'Freitag', en: 'Friday' },
  { de: 'Samstag', en: 'Saturday' },
  { de: 'Sonntag', en: 'Sunday' },
];
const MONTHS_DE = ['Jänner', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NO_REFERRAL: Label = { de: 'keine Weitervermittlung', en: 'no referral' };
const NO_THEME_DAY: Label = { de: 'kein Thementag', en: 'no theme day' };
const NO_TIME: Label = { de: 'ohne Uhrzeit', en: 'no time' };

type CatalogEntry = { id: number; label: Label; retired: boolean; key?: number | string };

/** A dimension over catalog entries coded by a dictionary: headers in catalog order, "none" last. */
function catalogAxis(
  entries: CatalogEntry[],
  find: (id: number) => number,
  size: number,
  none: Label | null,
  codesOf: PivotAxis['codesOf'],
  codesOfRows?: PivotAxis['codesOfRows'],
): PivotAxis {
  return {
    size,
    codesOf,
    ...(codesOfRows && { codesOfRows }),
    headers: () => [
      ...entries
        .map((e) => ({ code: find(e.id), header: { key: e.key ?? e.id, label: e.label, ...(e.retired && { retired: true }) } }))
        .filter((h) => h.code > 0),
      ...(none ? [{ code: 0, header: { key: NONE_VALUE, label: none } }] : []),
    ],
  };
}

/** Day-bound axes (month, week) over a period: one code per distinct value, in time order. */
function periodAxis(fromDay: number, toDay: number, keyOf: (day: string) => string, labelOf: (key: string) => Label): PivotAxis {
  const codeOfDay = new Int32Array(toDay - fromDay + 1);
  const keys: string[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const key = keyOf(dayString(d));
    if (keys.at(-1) !== key) keys.push(key);
    codeOfDay[d - fromDay] = keys.length - 1;
  }
  return {
    size: keys.length,
    codesOf: (cols, row, out) => {
      out[0] = codeOfDay[cols.day[row]! - fromDay]!;
      return 1;
    },
    codesOfRows: (cols, rows, out) => {
      for (let k = 0; k < rows.length; k++) out[k] = codeOfDay[cols.day[rows[k]!]! - fromDay]!;
    },
    headers: () => keys.map((key, code) => ({ code, header: { key, label: labelOf(key) } })),
  };
}

type SingleColumn = 't0' | 'language' | 'channel' | 'asker' | 'desk' | 'theme';

const single =
  (column: SingleColumn): PivotAxis['codesOf'] =>
  (cols, row, out) => {
    out[0] = cols[column][row]!;
    return 1;
  };

/** The codes of a column for a list of rows. */
const columnCodes =
  (column: SingleColumn): NonNullable<PivotAxis['codesOfRows']> =>
  (cols, rows, out) => {
    const values = cols[column];
    for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
  };

const withSlots = (slots: NonNullable<PivotAxis['slots']>, axis: PivotAxis): PivotAxis => ({ ...axis, slots });

export function pivotAxis(dimension: PivotDimension, snapshot: StoreSnapshot, catalog: Catalog, fromDay: number, toDay: number): PivotAxis {
  const { dicts } = snapshot;
  const topics = catalog.topics.map((t) => ({ id: t.id, label: { de: t.labelDe, en: t.labelEn }, retired: t.retired }));
  switch (dimension) {
    case 'topic':
      return withSlots(
        (cols) => [cols.t0, cols.t1, cols.t2],
        catalogAxis(
          topics,
          (id) => dicts.topics.find(id),
          dicts.topics.size,
          null,
          (cols, row, out) => {
            let n = 0;
            for (const slot of [cols.t0, cols.t1, cols.t2]) if (slot[row] !== 0) out[n++] = slot[row]!;
            return n;
          },
        ),
      );
    case 'firstTopic':
      return catalogAxis(topics, (id) => dicts.topics.find(id), dicts.topics.size, null, single('t0'), columnCodes('t0'));
    case 'referral':
      return withSlots(
        (cols) => cols.ref,
        catalogAxis(
          catalog.organisations.map((o) => ({ id: o.id, label: { de: o.name, en: o.name }, retired: o.retired })),
          (id) => dicts.organisations.find(id),
          dicts.organisations.size,
          NO_REFERRAL,
          (cols, row, out) => {
            let n = 0;
            for (const slot of cols.ref) if (slot[row] !== 0) out[n++] = slot[row]!;
            if (n === 0) out[n++] = 0;
            return n;
          },
        ),
      );
    case 'language':
      return catalogAxis(
        catalog.languages.map((l) => ({ id: l.id, key: l.code, label: { de: l.labelDe, en: l.labelEn }, retired: l.retired })),
        (id) => dicts.languages.find(id),
        dicts.languages.size,
        null,
        single('language'),
        columnCodes('language'),
      );
    case 'desk':
      return catalogAxis(
        catalog.desks.map((d) => ({ id: d.id, label: { de: d.name, en: d.name }, retired: d.retired })),
        (id) => dicts.desks.find(id),
        dicts.desks.size,
        null,
        single('desk'),
        columnCodes('desk'),
      );
    case 'themeDay':
      return catalogAxis(
        catalog.themeDays.map((t) => ({ id: t.id, label: { de: t.title, en: t.title }, retired: t.retired })),
        (id) => dicts.themeDays.find(id),
        dicts.themeDays.size,
        NO_THEME_DAY,
        single('theme'),
        columnCodes('theme'),
      );
    case 'channel':
      return {
        size: CHANNELS.length,
        codesOf: single('channel'),
        codesOfRows: columnCodes('channel'),
        headers: () => CHANNELS.map((c, code) => ({ code, header: { key: c, label: CHANNEL_LABELS[c] } })),
      };
    case 'asker':
      return {
        size: ASKERS.length,
        codesOf: single('asker'),
        codesOfRows: columnCodes('asker'),
        headers: () => ASKERS.map((a, code) => ({ code, header: { key: a, label: ASKER_LABELS[a] } })),
      };
    case 'weekday':
      return {
        size: 8,
        codesOf: (cols, row, out) => {
          out[0] = ((cols.day[row]! + 3) % 7) + 1;
          return 1;
        },
        codesOfRows: (cols, rows, out) => {
          for (let k = 0; k < rows.length; k++) out[k] = ((cols.day[rows[k]!]! + 3) % 7) + 1;
        },
        headers: () => WEEKDAYS.map((label, i) => ({ code: i + 1, header: { key: i + 1, label } })),
      };
    case 'hour':
      return {
        size: 25,
        codesOf: (cols, row, out) => {
          const h = cols.hour[row]!;
          out[0] = h === NO_HOUR ? 24 : h;
          return 1;
        },
        codesOfRows: (cols, rows, out) => {
          for (let k = 0; k < rows.length; k++) {
            const h = cols.hour[rows[k]!]!;
            out[k] = h === NO_HOUR ? 24 : h;
          }
        },
        headers: () => [
          ...Array.from({ length: 24 }, (_, h) => ({ code: h, header: { key: h, label: { de: `${h}–${h + 1} Uhr`, en: `${h}–${h + 1}` } } })),
          { code: 24, header: { key: NONE_VALUE, label: NO_TIME } },
        ],
      };
    case 'month':
      return periodAxis(
        fromDay,
        toDay,
        (day) => day.slice(0, 7),
        (key) => {
          const m = Number(key.slice(5, 7)) - 1;
          return { de: `${MONTHS_DE[m]} ${key.slice(0, 4)}`, en: `${MONTHS_EN[m]} ${key.slice(0, 4)}` };
        },
      );
    case 'week':
      return periodAxis(fromDay, toDay, isoWeekOf, (key) => {
        const [year, week] = key.split('-W') as [string, string];
        return { de: `KW ${Number(week)}/${year}`, en: `Week ${Number(week)}, ${year}` };
      });
  }
}
