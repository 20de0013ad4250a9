/**
 * The counting contacts as columns of typed arrays, a few dozen bytes each (about 40 MB for a million):
 * what every filtered report and pivot scans. Rows are kept sorted by day, with `dayStart` pointing at
 * each day's first row, so a period is one slice of the arrays; contacts written since the last sort
 * sit in a short unsorted tail until the next `compact`. A row whose contact stopped counting (voided,
 * undone, moved to another day by an amend) is marked dead and dropped at the next `compact`.
 */

/** One contact as the store keeps it: a day number, an hour (NO_HOUR when unknown) and dictionary codes. */
export interface ContactFacts {
  id: number;
  day: number;
  hour: number;
  /** Topic codes in tap order (the first is the contact's topic), 1–3 of them. */
  topics: readonly number[];
  /** Organisation codes, 0–5. */
  referrals: readonly number[];
  language: number;
  channel: number;
  asker: number;
  desk: number;
  /** 0: no theme day. */
  theme: number;
  /** The contact's record key (core/publication/cell-key.ts), an unsigned 32-bit integer. */
  key: number;
}

export const REFERRAL_SLOTS = 5;
const INITIAL_CAPACITY = 1024;

export class ContactColumns {
  length = 0;
  id = new Int32Array(INITIAL_CAPACITY);
  day = new Uint16Array(INITIAL_CAPACITY);
  hour = new Uint8Array(INITIAL_CAPACITY);
  t0 = new Uint16Array(INITIAL_CAPACITY);
  t1 = new Uint16Array(INITIAL_CAPACITY);
  t2 = new Uint16Array(INITIAL_CAPACITY);
  /** Referral slots; a contact's referrals fill them from the first, the rest are 0. */
  ref: Uint16Array[] = Array.from({ length: REFERRAL_SLOTS }, () => new Uint16Array(INITIAL_CAPACITY));
  language = new Uint16Array(INITIAL_CAPACITY);
  channel = new Uint8Array(INITIAL_CAPACITY);
  asker = new Uint8Array(INITIAL_CAPACITY);
  desk = new Uint16Array(INITIAL_CAPACITY);
  theme = new Uint16Array(INITIAL_CAPACITY);
  /** Record keys: a tally adds them beside its counts (Uint32Array sums wrap modulo 2^32, as cell keys do). */
  key = new Uint32Array(INITIAL_CAPACITY);
  alive = new Uint8Array(INITIAL_CAPACITY);

  /** Rows [0, sortedLength) are sorted by day; `dayStart[d - firstDay]` is the first row of day d. */
  private sortedLength = 0;
  private firstDay = 0;
  private dayStart: Int32Array = new Int32Array(1);
  /** The sorted rows in id order, for finding a contact's row by binary search. */
  private idOrder: Int32Array = new Int32Array(0);
  /** Rows appended since the last compact, by contact id. */
  private tail = new Map<number, number>();
  private dead = 0;

  /** Rows appended since the last sort (and dead rows), which make scans slower until `compact`. */
  get untidy(): number {
    return this.length - this.sortedLength + this.dead;
  }

  /** Makes room for `min` rows in all. */
  grow(min: number) {
    let capacity = this.id.length;
    if (min <= capacity) return;
    while (capacity < min) capacity *= 2;
    const resize = <T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.id = resize(this.id);
    this.day = resize(this.day);
    this.hour = resize(this.hour);
    this.t0 = resize(this.t0);
    this.t1 = resize(this.t1);
    this.t2 = resize(this.t2);
    this.ref = this.ref.map(resize);
    this.language = resize(this.language);
    this.channel = resize(this.channel);
    this.asker = resize(this.asker);
    this.desk = resize(this.desk);
    this.theme = resize(this.theme);
    this.key = resize(this.key);
    this.alive = resize(this.alive);
  }

  private write(row: number, f: ContactFacts) {
    this.id[row] = f.id;
    this.day[row] = f.day;
    this.hour[row] = f.hour;
    this.t0[row] = f.topics[0] ?? 0;
    this.t1[row] = f.topics[1] ?? 0;
    this.t2[row] = f.topics[2] ?? 0;
    for (let s = 0; s < REFERRAL_SLOTS; s++) this.ref[s]![row] = f.referrals[s] ?? 0;
    this.language[row] = f.language;
    this.channel[row] = f.channel;
    this.asker[row] = f.asker;
    this.desk[row] = f.desk;
    this.theme[row] = f.theme;
    this.key[row] = f.key;
    this.alive[row] = 1;
  }

  /** Adds a contact at the end without looking for an earlier row: the initial load, in id order. */
  append(f: ContactFacts) {
    this.grow(this.length + 1);
    this.write(this.length, f);
    this.length += 1;
  }

  /** The contact's row, or -1. */
  rowOf(id: number): number {
    const tailRow = this.tail.get(id);
    if (tailRow !== undefined) return tailRow;
    let lo = 0;
    let hi = this.idOrder.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const row = this.idOrder[mid]!;
      const at = this.id[row]!;
      if (at === id) return row;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Puts a contact's current state in (null: it no longer counts). Returns the day numbers whose
   * counts changed (the old day and the new one), for the month tallies to forget.
   */
  upsert(id: number, f: ContactFacts | null): number[] {
    const row = this.rowOf(id);
    const touched: number[] = [];
    if (row >= 0 && this.alive[row]) touched.push(this.day[row]!);
    if (f === null) {
      if (row >= 0 && this.alive[row]) this.kill(row);
      return touched;
    }
    touched.push(f.day);
    // Same day: rewritten in place, it stays in its day's slice. Another day: the old row dies, a new one joins the tail.
    if (row >= 0 && this.day[row] === f.day) {
      if (!this.alive[row]) this.dead -= 1;
      this.write(row, f);
      return touched;
    }
    if (row >= 0 && this.alive[row]) this.kill(row);
    this.grow(this.length + 1);
    this.write(this.length, f);
    this.tail.set(id, this.length);
    this.length += 1;
    return touched;
  }

  private kill(row: number) {
    this.alive[row] = 0;
    this.dead += 1;
  }

  /** The first and last day of the sorted rows (the tail may add a few days at either end). */
  get sortedDays(): { first: number; last: number } {
    return { first: this.firstDay, last: this.firstDay + this.dayStart.length - 2 };
  }

  /** Takes the rows as sorted by day by someone else (the loading worker), with their indexes. */
  markSorted(firstDay: number, dayStart: Int32Array, idOrder: Int32Array) {
    this.sortedLength = this.length;
    this.firstDay = firstDay;
    this.dayStart = dayStart;
    this.idOrder = idOrder;
    this.tail = new Map();
    this.dead = 0;
  }

  /** The sorted slice of a period's days, and the tail rows in it (alive or not). */
  rowsIn(fromDay: number, toDay: number): { start: number; end: number; tail: number[] } {
    const slot = (day: number) => Math.min(Math.max(day - this.firstDay, 0), this.dayStart.length - 1);
    const start = this.dayStart[slot(fromDay)]!;
    const end = this.dayStart[slot(toDay + 1)]!;
    const tail: number[] = [];
    for (let row = this.sortedLength; row < this.length; row++) {
      const day = this.day[row]!;
      if (day >= fromDay && day <= toDay) tail.push(row);
    }
    return { start, end, tail };
  }

  /** Sorts every living row by day (stable in id order), drops dead rows and rebuilds the indexes. */
  compact() {
    const living: number[] = [];
    for (const row of this.idOrder) if (this.alive[row]) living.push(row);
    const tailRows: number[] = [];
    for (let row = this.sortedLength; row < this.length; row++) if (this.alive[row]) tailRows.push(row);
    // The initial load appends in id order: no sort needed then.
    if (tailRows.some((row, k) => k > 0 && this.id[row]! < this.id[tailRows[k - 1]!]!)) tailRows.sort((a, b) => this.id[a]! - this.id[b]!);
    const inIdOrder = mergeById(living, tailRows, this.id);

    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (const row of inIdOrder) {
      const day = this.day[row]!;
      if (day < firstDay) firstDay = day;
      if (day > lastDay) lastDay = day;
    }
    if (inIdOrder.length === 0) firstDay = lastDay = 0;
    const dayStart = new Int32Array(lastDay - firstDay + 2);
    for (const row of inIdOrder) dayStart[this.day[row]! - firstDay + 1]! += 1;
    for (let i = 1; i < dayStart.length; i++) dayStart[i]! += dayStart[i - 1]!;

    // Counting sort into fresh columns: each day's rows stay in id order.
    const next = new ContactColumns();
    next.grow(Math.max(inIdOrder.length, INITIAL_CAPACITY));
    const fill = dayStart.slice();
    const idOrder = new Int32Array(inIdOrder.length);
    inIdOrder.forEach((row, k) => {
      const to = fill[this.day[row]! - firstDay]!++;
      next.copyRow(this, row, to);
      idOrder[k] = to;
    });
    Object.assign(this, {
      id: next.id,
      day: next.day,
      hour: next.hour,
      t0: next.t0,
      t1: next.t1,
      t2: next.t2,
      ref: next.ref,
      language: next.language,
      channel: next.channel,
      asker: next.asker,
      desk: next.desk,
      theme: next.theme,
      key: next.key,
      alive: next.alive,
    });
    this.length = this.sortedLength = inIdOrder.length;
    this.firstDay = firstDay;
    this.dayStart = dayStart;
    this.idOrder = idOrder;
    this.tail = new Map();
    this.dead = 0;
  }

  private copyRow(from: ContactColumns, row: number, to: number) {
    this.id[to] = from.id[row]!;
    this.day[to] = from.day[row]!;
    this.hour[to] = from.hour[row]!;
    this.t0[to] = from.t0[row]!;
    this.t1[to] = from.t1[row]!;
    this.t2[to] = from.t2[row]!;
    for (let s = 0; s < REFERRAL_SLOTS; s++) this.ref[s]![to] = from.ref[s]![row]!;
    this.language[to] = from.language[row]!;
    this.channel[to] = from.channel[row]!;
    this.asker[to] = from.asker[row]!;
    this.desk[to] = from.desk[row]!;
    this.theme[to] = from.theme[row]!;
    this.key[to] = from.key[row]!;
    this.alive[to] = 1;
  }

  /** Bytes held by the columns (for the bench's memory line). */
  get bytes(): number {
    const arrays = [
      this.id,
      this.day,
      this.hour,
      this.t0,
      this.t1,
      this.t2,
      ...this.ref,
      this.language,
      this.channel,
      this.asker,
      this.desk,
      this.theme,
      this.key,
      this.alive,
    ];
    return arrays.reduce((s, a) => s + a.byteLength, 0) + this.dayStart.byteLength + this.idOrder.byteLength;
  }
}

/** Two row lists, each in ascending contact id, merged into one. */
function mergeById(a: number[], b: number[], id: Int32Array): number[] {
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && id[a[i]!]! < id[b[j]!]!)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
