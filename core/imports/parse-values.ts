import type { Asker, Channel } from '../base/enums';
import type { SheetCell } from './sheet';

/** A cell's value, or why it cannot be read (the reason is English; the code tells the UI). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Text a spreadsheet would run as a formula (CSV injection): never evaluated, refused. A lone "-"
 * is the usual "none" of a hand-kept list, not a formula.
 */
export const looksLikeFormula = (cell: SheetCell) => cell.formula === true || (/^[=+\-@]/.test(cell.text.trim()) && cell.text.trim().length > 1);

const validDay = (y: number, m: number, d: number) => {
  const day = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return m >= 1 && m <= 12 && d >= 1 && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day) ? day : null;
};

/** A day: 31.12.2020, 1.3.2021, 2021-03-01, or an Excel date cell. */
export function parseDay(cell: SheetCell): Parsed<string> {
  if (cell.date) {
    const d = cell.date;
    if (d.getUTCFullYear() <= 1900) return fail('holds a time, not a date');
    return ok(validDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())!);
  }
  const text = cell.text.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = german
    ? validDay(Number(german[3]), Number(german[2]), Number(german[1]))
    : iso
      ? validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))
      : null;
  if (day) return ok(day);
  return fail(german || iso ? 'is not a day of the calendar' : 'is not a date; write DD.MM.YYYY or YYYY-MM-DD');
}

/** A time of day: 9:05, 09:05, 09:05:30, or an Excel time cell (or a fraction of a day). */
export function parseTime(cell: SheetCell): Parsed<{ hour: number; minute: number }> {
  if (cell.date) return ok({ hour: cell.date.getUTCHours(), minute: cell.date.getUTCMinutes() });
  if (cell.number !== undefined && cell.number >= 0 && cell.number < 1) {
    const minutes = Math.round(cell.number * 24 * 60) % (24 * 60);
    return ok({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  }
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(cell.text.trim());
  if (m && Number(m[1]) <= 23 && Number(m[2]) <= 59) return ok({ hour: Number(m[1]), minute: Number(m[2]) });
  return fail('is not a time of day; write HH:MM, e.g. 09:30');
}

/** Month names, German (Austrian "Jänner" included) and English, each with its usual abbreviations. */
const MONTH_NAMES: Record<string, number> = {};
[
  ['jänner', 'januar', 'jän', 'jan', 'january', 'jaenner'],
  ['februar', 'feber', 'feb', 'february'],
  ['märz', 'mär', 'mrz', 'maerz', 'mar', 'march'],
  ['april', 'apr'],
  ['mai', 'may'],
  ['juni', 'jun', 'june'],
  ['juli', 'jul', 'july'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['oktober', 'okt', 'october', 'oct'],
  ['november', 'nov'],
  ['dezember', 'dez', 'december', 'dec'],
].forEach((names, i) => names.forEach((n) => (MONTH_NAMES[n] = i + 1)));

/**
 * A month: 2020-01 (the documented form), 01.2020, 1/2020, "Jän 2020", "Jänner 2020", "Jan. 2020",
 * "January 2020", the first of a month as a date (01.01.2020), or an Excel date cell (Excel turns
 * "Jän 2020" into 1 January 2020).
 */
export function parseMonth(cell: SheetCell): Parsed<string> {
  const month = (y: number, m: number) => (m >= 1 && m <= 12 && y >= 1000 ? `${y}-${pad(m)}` : null);
  if (cell.date) return ok(month(cell.date.getUTCFullYear(), cell.date.getUTCMonth() + 1) ?? '');
  const text = cell.text.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  const numeric = /^(\d{1,2})[./](\d{4})$/.exec(text);
  const firstDay = /^0?1\.(\d{1,2})\.(\d{4})$/.exec(text);
  const named = /^([a-zäöü]+)\.?\s*(\d{4})$/.exec(text);
  const found = iso
    ? month(Number(iso[1]), Number(iso[2]))
    : numeric
      ? month(Number(numeric[2]), Number(numeric[1]))
      : firstDay
        ? month(Number(firstDay[2]), Number(firstDay[1]))
        : named && MONTH_NAMES[named[1]!]
          ? month(Number(named[2]), MONTH_NAMES[named[1]!]!)
          : null;
  return found ? ok(found) : fail('is not a month; write YYYY-MM, e.g. 2020-01 (also 01.2020 or "Jän 2020")');
}

export const MAX_MONTHLY_COUNT = 1_000_000;

/** A count of contacts: a whole number from 0, German thousands dots allowed (1.234). */
export function parseCount(cell: SheetCell): Parsed<number> {
  if (cell.number !== undefined) {
    return Number.isInteger(cell.number) && cell.number >= 0 && cell.number <= MAX_MONTHLY_COUNT
      ? ok(cell.number)
      : fail(`must be a whole number from 0 to ${MAX_MONTHLY_COUNT.toLocaleString('en')}`);
  }
  const text = cell.text.trim().replace(/[\s\u202f]/g, '');
  const n = /^\d+$/.test(text) ? Number(text) : /^\d{1,3}(\.\d{3})+$/.test(text) ? Number(text.replaceAll('.', '')) : NaN;
  return Number.isInteger(n) && n <= MAX_MONTHLY_COUNT ? ok(n) : fail(`must be a whole number from 0 to ${MAX_MONTHLY_COUNT.toLocaleString('en')}`);
}

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

const CHANNEL_NAMES: Record<string, Channel> = {
  persönlich: 'in_person',
  persoenlich: 'in_person',
  'vor ort': 'in_person',
  'in person': 'in_person',
  in_person: 'in_person',
  telefon: 'phone',
  telefonisch: 'phone',
  phone: 'phone',
  'e-mail': 'email',
  email: 'email',
  mail: 'email',
};

const ASKER_NAMES: Record<string, Asker> = {
  'bürger*in': 'citizen',
  'bürger:in': 'citizen',
  'bürger/in': 'citizen',
  bürger_in: 'citizen',
  bürgerin: 'citizen',
  bürger: 'citizen',
  'bürger*innen': 'citizen',
  privat: 'citizen',
  privatperson: 'citizen',
  citizen: 'citizen',
  organisation: 'organisation',
  organization: 'organisation',
  einrichtung: 'organisation',
  institution: 'organisation',
};

/** The channel; an empty cell means in person (the desk's default). */
export function parseChannel(cell: SheetCell): Parsed<Channel> {
  if (cell.text.trim() === '') return ok('in_person');
  const channel = CHANNEL_NAMES[key(cell.text)];
  return channel ? ok(channel) : fail('is not a channel; write persönlich, Telefon or E-Mail');
}

export function parseAsker(cell: SheetCell): Parsed<Asker> {
  const asker = ASKER_NAMES[key(cell.text)];
  return asker ? ok(asker) : fail('is not who asked; write Bürger*in or Organisation');
}

/** Words that mean "no referral" in a hand-kept list. */
export const NONE_WORDS = new Set(['', '-', '–', '—', 'keine', 'kein', 'nein', 'none', 'no']);
