/**
 * What every open screen must hear when another window, tab or tablet wrote: a write's kind and,
 * for contacts, the local days it touched. Nothing else travels, so an event says nothing about a
 * contact beyond "this day changed". Zod-free, so the preload, the renderer and both transports
 * share these types; the renderer parses what arrives with its own schema.
 */

/** Stands for "every day": an import, a restore, a merge or a new time zone may touch any of them. */
export const ANY_DAY = 'any';

/** Local days (YYYY-MM-DD in the site's time zone) whose contacts changed, or ANY_DAY. */
export type ChangedDays = readonly string[] | typeof ANY_DAY;

export type Change =
  /** Contacts of these days were added, undone, amended or voided: a list or count of such a day is stale. */
  | { kind: 'contacts'; days: ChangedDays }
  /** Catalog entries, theme days or settings changed: reload the catalog (a retired topic goes, a new one comes). */
  | { kind: 'catalog' }
  /** A device was paired or revoked: the devices list is stale, and a revoked device's stream ends. */
  | { kind: 'devices' }
  /** A saved report view was created, changed or deleted: the list of views is stale. */
  | { kind: 'views' }
  /** A mail schedule was saved or deleted, or a report mail was sent or failed (core/mail): the Berichtsversand tab and the desk's notice are stale. */
  | { kind: 'mail' };

/**
 * Where a change was made: `local` by this core's own handlers; `remote` for a change another
 * process made to the same database (e.g. a second PC on a shared PostgreSQL server), published
 * into the feed by whatever listens for those. A bridge to other processes forwards only `local` ones.
 */
export type ChangeOrigin = 'local' | 'remote';

export type ChangeListener = (change: Change, origin: ChangeOrigin) => void;

/** What the transports subscribe to; the returned function unsubscribes. */
export interface ChangeSource {
  subscribe(listener: ChangeListener): () => void;
}

/** Kind and days, nothing more, whatever else a change object may carry: what crosses to a page. */
export const minimalChange = (change: Change): Change => (change.kind === 'contacts' ? { kind: change.kind, days: change.days } : { kind: change.kind });

/** Whether a contacts change touches `day`. */
export const touchesDay = (days: ChangedDays, day: string): boolean => days === ANY_DAY || days.includes(day);
