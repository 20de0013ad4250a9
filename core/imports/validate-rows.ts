import type { Asker, Channel } from '../base/enums';
import { EARLIEST_DAY } from '../base/limits';
import type { Catalog } from '../catalog/catalog-types';
import { COLUMN_TITLES, type ColumnRole, type Layout } from './detect-layout';
import type { ImportErrorCode, ImportRowError, NameKind } from './import-types';
import { looksLikeFormula, NONE_WORDS, parseAsker, parseChannel, parseCount, parseDay, parseMonth, parseTime, type Parsed } from './parse-values';
import { nameKey, type NameResolver } from './resolve-names';
import type { SheetCell, SheetRow } from './sheet';
import type { TimeSlice } from './time-slice';

/** One contact from a row of the contacts layout. `hour` is null when the file gives no time. */
export interface ContactRecord {
  line: number;
  day: string;
  hour: number | null;
  minute: number;
  topicIds: number[];
  referralIds: number[];
  languageId: number;
  channel: Channel;
  asker: Asker;
  deskId: number;
}

export interface MonthlyRecord {
  line: number;
  month: string;
  topicId: number;
  count: number;
}

/** A name not in the catalog, and where the file uses it. */
export interface NameUse {
  kind: NameKind;
  name: string;
  rows: number;
  firstLine: number;
}

export interface ValidatedRows<R> {
  /** Rows without errors whose names all resolve. */
  records: R[];
  errors: ImportRowError[];
  /** Names the catalog does not know, mapped or not. */
  unknown: NameUse[];
  /** Rows that wait for an unknown name to be mapped. */
  unresolvedRows: number;
  /** Rows with at least one error. */
  badRows: number;
}

/** What "now" means for the file: the site's local day, month and minute of the day. */
export interface ImportClock {
  today: string;
  nowMinutes: number;
}

const MAX_TOPICS = 3;
const MAX_REFERRALS = 5;
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
const EARLIEST_MONTH = EARLIEST_DAY.slice(0, 7);

/** Collects the errors and unknown names of one row. */
class RowCheck {
  errors: ImportRowError[] = [];
  unresolved = false;

  readonly line: number;

  constructor(
    private readonly row: SheetRow,
    private readonly layout: Layout,
    private readonly names: NameTracker,
  ) {
    this.line = row.line;
  }

  fieldOf = (role: ColumnRole) => this.layout.title[role] ?? COLUMN_TITLES[role];

  cell(role: ColumnRole): SheetCell | null {
    const at = this.layout.index[role];
    return at === undefined ? null : (this.row.cells[at] ?? { text: '' });
  }

  fail(role: ColumnRole, code: ImportErrorCode, reason: string, cell?: SheetCell | null) {
    const value = cell?.text.trim();
    this.errors.push({ line: this.row.line, field: this.fieldOf(role), code, reason, ...(value ? { value: short(value) } : {}) });
  }

  /** A cell that must hold a value and must not be a formula; null after recording why not. */
  text(role: ColumnRole, required: boolean): SheetCell | null {
    const cell = this.cell(role);
    if (!cell) return null;
    if (looksLikeFormula(cell)) {
      this.fail(
        role,
        'formula',
        cell.formula ? 'is a formula cell; formulas are not imported, enter the value itself' : 'starts like a formula (=, +, -, @); formulas are not imported',
        cell,
      );
      return null;
    }
    if (required && cell.text.trim() === '' && !cell.date && cell.number === undefined) {
      this.fail(role, 'missing', 'is empty');
      return null;
    }
    return cell;
  }

  value<T>(role: ColumnRole, code: ImportErrorCode, parse: (c: SheetCell) => Parsed<T>, required = true): T | null {
    const cell = this.text(role, required);
    if (!cell) return null;
    const parsed = parse(cell);
    if (parsed.ok) return parsed.value;
    this.fail(role, code, parsed.reason, cell);
    return null;
  }

  /** Catalog ids of the names in a cell; several names are separated by commas (as the raw export writes them). */
  ids(role: ColumnRole, kind: NameKind, max: number): number[] | null {
    const cell = this.text(role, role !== 'referrals');
    if (!cell) return role === 'referrals' && this.cell(role) === null ? [] : null;
    const whole = cell.text.trim();
    if (NONE_WORDS.has(whole.toLowerCase())) {
      if (role === 'referrals') return [];
      this.fail(role, 'missing', 'is empty', cell);
      return null;
    }
    // A name that itself holds a comma ("Caritas, Diözese Graz") is taken whole when the catalog or mapping knows it.
    const split = max > 1 && this.names.resolver.resolve(kind, whole) === null;
    const parts = split
      ? whole
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : [whole];
    if (parts.length > max) {
      this.fail(role, 'too_many', `names ${parts.length}; at most ${max} per contact`, cell);
      return null;
    }
    const ids: number[] = [];
    for (const part of parts) {
      if (/^[=+\-@]/.test(part)) {
        this.fail(role, 'formula', 'starts like a formula (=, +, -, @); formulas are not imported', cell);
        return null;
      }
      const id = this.names.use(kind, part, this.row.line);
      if (id === null) this.unresolved = true;
      else if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }
}

/** Counts the unknown names and the rows that use them. */
class NameTracker {
  private readonly uses = new Map<string, NameUse>();
  constructor(readonly resolver: NameResolver) {}

  use(kind: NameKind, name: string, line: number): number | null {
    if (!this.resolver.known(kind, name)) {
      const key = `${kind}:${nameKey(name)}`;
      const seen = this.uses.get(key);
      if (seen) seen.rows++;
      else this.uses.set(key, { kind, name, rows: 1, firstLine: line });
    }
    return this.resolver.resolve(kind, name);
  }

  all = () => [...this.uses.values()];
}

async function collect<R>(
  rows: SheetRow[],
  layout: Layout,
  resolver: NameResolver,
  slice: TimeSlice,
  check: (c: RowCheck) => R | null,
): Promise<ValidatedRows<R>> {
  const names = new NameTracker(resolver);
  const out: ValidatedRows<R> = { records: [], errors: [], unknown: [], unresolvedRows: 0, badRows: 0 };
  for (const row of rows) {
    const c = new RowCheck(row, layout, names);
    const record = check(c);
    if (c.errors.length > 0) {
      out.errors.push(...c.errors);
      out.badRows++;
    } else if (c.unresolved) out.unresolvedRows++;
    else if (record) out.records.push(record);
    if (slice.due()) await slice.pause();
  }
  out.unknown = names.all();
  return out;
}

/** The contacts layout: each row one contact, checked field by field against the catalog and the clock. */
export function validateContactRows(
  rows: SheetRow[],
  layout: Layout,
  resolver: NameResolver,
  catalog: Catalog,
  clock: ImportClock,
  slice: TimeSlice,
): Promise<ValidatedRows<ContactRecord>> {
  const desks = new Map(catalog.desks.map((d) => [nameKey(d.name), d.id]));
  const defaultDesk = catalog.desks.find((d) => !d.retired)?.id ?? catalog.desks[0]?.id ?? 0;
  const languageRole: ColumnRole = layout.index.languageCode !== undefined ? 'languageCode' : 'language';
  return collect(rows, layout, resolver, slice, (c) => {
    const day = c.value('date', 'bad_date', parseDay);
    const time = layout.index.time !== undefined && (c.cell('time')?.text.trim() ?? '') !== '' ? c.value('time', 'bad_time', parseTime) : null;
    if (day !== null && day < EARLIEST_DAY) c.fail('date', 'too_early', `lies before ${EARLIEST_DAY}`, c.cell('date'));
    const future = day !== null && (day > clock.today || (day === clock.today && time !== null && time.hour * 60 + time.minute > clock.nowMinutes));
    if (future) c.fail('date', 'future', 'lies in the future', c.cell('date'));
    const topicIds = c.ids('topics', 'topic', MAX_TOPICS);
    const referralIds = c.ids('referrals', 'organisation', MAX_REFERRALS);
    const languageIds = c.ids(languageRole, 'language', 1);
    const channel = layout.index.channel === undefined ? 'in_person' : c.value('channel', 'unknown_value', parseChannel, false);
    const asker = c.value('asker', 'unknown_value', parseAsker);
    let deskId = defaultDesk;
    const deskCell = c.text('desk', false);
    if (deskCell && deskCell.text.trim() !== '') {
      const found = desks.get(nameKey(deskCell.text));
      if (found === undefined) c.fail('desk', 'unknown_value', 'is not a desk of the catalog', deskCell);
      else deskId = found;
    }
    if (day === null || topicIds === null || referralIds === null || languageIds === null || channel === null || asker === null) return null;
    return {
      line: c.line,
      day,
      hour: time?.hour ?? null,
      minute: time?.minute ?? 0,
      topicIds,
      referralIds,
      languageId: languageIds[0]!,
      channel,
      asker,
      deskId,
    };
  });
}

/** The monthly layout: month, topic, count; a month and name given twice is refused (two names mapped to one topic add up). */
export function validateMonthlyRows(
  rows: SheetRow[],
  layout: Layout,
  resolver: NameResolver,
  clock: ImportClock,
  slice: TimeSlice,
): Promise<ValidatedRows<MonthlyRecord>> {
  const seen = new Map<string, number>();
  const currentMonth = clock.today.slice(0, 7);
  return collect(rows, layout, resolver, slice, (c) => {
    const month = c.value('month', 'bad_month', parseMonth);
    if (month !== null && month < EARLIEST_MONTH) c.fail('month', 'too_early', `lies before ${EARLIEST_MONTH}`, c.cell('month'));
    if (month !== null && month > currentMonth) c.fail('month', 'future', 'lies in the future', c.cell('month'));
    const topicCell = c.cell('topics');
    const topic = c.ids('topics', 'topic', 1);
    const count = c.value('count', 'bad_count', parseCount);
    if (month !== null && topicCell) {
      const key = `${month}|${nameKey(topicCell.text)}`;
      const first = seen.get(key);
      if (first !== undefined) c.fail('topics', 'duplicate_row', `month and topic already given in line ${first}`, topicCell);
      else seen.set(key, c.line);
    }
    if (month === null || topic === null || count === null) return null;
    return { line: c.line, month, topicId: topic[0]!, count };
  });
}
