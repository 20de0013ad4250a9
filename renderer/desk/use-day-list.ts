import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactView, LoggedContact } from '../../core/contacts/contact-types';
import { touchesDay } from '../../core/base/changes';
import { client } from '../api/client';
import { subscribeServerChanges } from '../api/server-changes';

/** Refresh cadence of today's list without any news: picks up midnight even when nothing happens. */
const REFRESH_MS = 60_000;
/** Changes arriving together (a batch, an import, several desks at once) cause one re-read. */
const COALESCE_MS = 50;

/** Newest first by the time it happened, then by id: the order `listDay` answers, kept when a contact is added. */
export function insertByTime(list: readonly ContactView[], contact: ContactView): ContactView[] {
  const rest = list.filter((c) => c.id !== contact.id);
  const newer = (a: ContactView, b: ContactView) => a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id);
  const at = rest.findIndex((c) => newer(contact, c));
  return at === -1 ? [...rest, contact] : [...rest.slice(0, at), contact, ...rest.slice(at)];
}

/**
 * Today's list and count as the server has them. A write's own answer updates them at once; a
 * list answer that was overtaken by a newer write is dropped, so the counter never steps back.
 */
export function useDayList(onLoadError: (error: unknown) => void) {
  const [contacts, setContacts] = useState<ContactView[]>([]);
  const [todayCount, setTodayCount] = useState<number | null>(null);
  /** The site's local day the list shows (from listDay): a count answered for another day must not replace it. */
  const today = useRef<string | null>(null);
  const listSeq = useRef(0);

  const refresh = useCallback(async () => {
    const seq = ++listSeq.current;
    const day = await client.listDay({});
    if (seq !== listSeq.current) return; // a newer refresh or write already answered
    today.current = day.day;
    setContacts(day.contacts);
    setTodayCount(day.count);
  }, []);

  const refreshQuietly = useCallback(() => void refresh().catch(() => undefined), [refresh]);

  useEffect(() => {
    void refresh().catch(onLoadError);
    const timer = setInterval(refreshQuietly, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, refreshQuietly, onLoadError]);

  // Another window, tab or tablet changed today's contacts: read the list again (once for a burst).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeServerChanges((change) => {
      const stale = change.kind === 'resync' || (change.kind === 'contacts' && (today.current === null || touchesDay(change.days, today.current)));
      if (!stale || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        refreshQuietly();
      }, COALESCE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [refreshQuietly]);

  /** A stored tap: shown at once when it belongs to today; a batch or another day asks the list. */
  const added = useCallback(
    (logged: LoggedContact) => {
      if (logged.contact.localDay === today.current) {
        listSeq.current++;
        setTodayCount(logged.todayCount);
        setContacts((list) => insertByTime(list, logged.contact));
      }
      if ((logged.count ?? 1) > 1 || logged.contact.localDay !== today.current) refreshQuietly();
    },
    [refreshQuietly],
  );

  /** An undone contact of today leaves the list and the count at once. */
  const removed = useCallback((contact: ContactView, dayCount: number) => {
    if (contact.localDay !== today.current) return;
    listSeq.current++;
    setTodayCount(dayCount);
    setContacts((list) => list.filter((c) => c.id !== contact.id));
  }, []);

  return { contacts, todayCount, refresh: refreshQuietly, added, removed };
}
