import { useCallback, useEffect, useRef, useState } from 'react';
import type { Asker, Channel, VoidReason } from '../../core/api/enums';
import type { MethodInput } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactView } from '../../core/contacts/contact-types';
import { ClientError } from '../../core/api/client';
import { client } from '../api/client';
import { onConnectionChange } from '../api/connection';
import { isNetworkDevice } from '../device/device-token';
import { queuedTaps, useQueuedTaps } from '../device/queued-taps';
import { activeOnly } from './catalog-labels';
import { checkEarlier, DEFAULT_ENTRY, isDefaultEntry, type EntryOptions } from './entry-options';
import { newRequestId } from './request-id';

/** The chips' values for the next tap. */
export interface Draft {
  languageId: number;
  channel: Channel;
  asker: Asker;
  referralIds: number[];
}

export type Notice =
  /** `count`: contacts the tap stood for (a batch is saved and undone as a whole); `backdated`: sent with an earlier time. */
  | { kind: 'saved' | 'undone'; contact: ContactView; count: number; backdated: boolean }
  | { kind: 'amended' | 'voided'; contact: ContactView }
  | { kind: 'error'; error: unknown; retry?: () => void }
  /** Refused before sending: the chosen earlier time is in the future or incomplete. */
  | { kind: 'refused'; reason: 'incomplete' | 'future' | 'tooOld' }
  /** A paired device's tap got no answer: it waits in the queue, not saved yet. */
  | { kind: 'queued' }
  /** Queued taps the server has now acknowledged. */
  | { kind: 'sentQueued'; count: number };

export type Amendment = Omit<MethodInput<'amendContact'>, 'contactId'>;

/** How long the confirmation with Undo stays up. */
export const CONFIRMATION_MS = 10_000;
/** Refresh cadence of today's list: picks up midnight and contacts from other desks. */
const REFRESH_MS = 60_000;
/** "Saving …" shows only when a save is slow; a normal tap re-renders nothing extra for it. */
const SLOW_SAVE_MS = 400;
/** While taps wait, how often the queue is tried even without news from the connection watch. */
const QUEUE_RETRY_MS = 5_000;

export function defaultDraft(catalog: Catalog): Draft {
  const languages = activeOnly(catalog.languages);
  return {
    languageId: (languages.find((l) => l.code === 'de') ?? languages[0])?.id ?? 0,
    channel: 'in_person',
    asker: 'citizen',
    referralIds: [],
  };
}

/** State and actions of the desk screen; every write goes through the typed client. */
export function useDeskSession(catalog: Catalog) {
  const [draft, setDraft] = useState<Draft>(() => defaultDraft(catalog));
  const [contacts, setContacts] = useState<ContactView[]>([]);
  const [todayCount, setTodayCount] = useState<number | null>(null);
  /** The site's local day the list shows (from listDay): a count answered for another day must not replace it. */
  const today = useRef<string | null>(null);
  const [entry, setEntry] = useState<EntryOptions>(DEFAULT_ENTRY);
  const entryRef = useRef(entry);
  entryRef.current = entry;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [slowSave, setSlowSave] = useState(false);
  const inFlight = useRef(0);
  const slowTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const listSeq = useRef(0);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const waiting = useQueuedTaps();

  const refresh = useCallback(async () => {
    const seq = ++listSeq.current;
    const day = await client.listDay({});
    if (seq !== listSeq.current) return; // a newer refresh already answered
    today.current = day.day;
    setContacts(day.contacts);
    setTodayCount(day.count);
  }, []);

  useEffect(() => {
    void refresh().catch((error) => setNotice({ kind: 'error', error }));
    const timer = setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const show = useCallback((next: Notice | null, timeoutMs?: number) => {
    clearTimeout(noticeTimer.current);
    setNotice(next);
    if (timeoutMs) noticeTimer.current = setTimeout(() => setNotice(null), timeoutMs);
  }, []);

  const afterWrite = useCallback(() => void refresh().catch(() => undefined), [refresh]);

  /** Sends what waits in the queue; each tap keeps its request id, so a tap that did arrive before is stored once. */
  const sendQueued = useCallback(async () => {
    if (queuedTaps.list().length === 0) return;
    const outcome = await queuedTaps.flush((tap) => client.logContact(tap));
    if (outcome.sent.length > 0) {
      afterWrite();
      show({ kind: 'sentQueued', count: outcome.sent.reduce((n, logged) => n + (logged.count ?? 1), 0) }, CONFIRMATION_MS);
    }
    const refused = outcome.refused[0];
    if (refused) show({ kind: 'error', error: refused.error });
  }, [afterWrite, show]);

  useEffect(() => {
    void sendQueued();
    const stop = onConnectionChange((state) => {
      if (state === 'online') {
        void sendQueued();
        afterWrite();
      }
    });
    return stop;
  }, [sendQueued, afterWrite]);

  useEffect(() => {
    if (waiting.length === 0) return;
    const timer = setInterval(() => void sendQueued(), QUEUE_RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting.length, sendQueued]);

  /** Sends one tap; a retry reuses the request id, so the server stores it at most once. */
  const send = useCallback(
    async (input: MethodInput<'logContact'>, madeAt = Date.now()) => {
      if (inFlight.current++ === 0) slowTimer.current = setTimeout(() => setSlowSave(true), SLOW_SAVE_MS);
      try {
        const logged = await client.logContact(input);
        const count = logged.count ?? 1;
        if (logged.contact.localDay === today.current) {
          listSeq.current++; // an older list answer must not overwrite this count
          setTodayCount(logged.todayCount);
          setContacts((list) => [logged.contact, ...list.filter((c) => c.id !== logged.contact.id)]);
        }
        // A batch answers with its first contact only, and a back-dated one may belong to another day: ask the list.
        if (count > 1 || logged.contact.localDay !== today.current) afterWrite();
        show({ kind: 'saved', contact: logged.contact, count, backdated: input.occurredAt !== undefined }, CONFIRMATION_MS);
      } catch (error) {
        // A paired device keeps a tap that got no answer and sends it when the main PC is back; this machine says "not saved".
        if (isNetworkDevice() && !(error instanceof ClientError) && input.requestId !== undefined) {
          queuedTaps.add({ ...input, requestId: input.requestId }, madeAt);
          show({ kind: 'queued' });
          return;
        }
        show({ kind: 'error', error, retry: () => void send(input) });
      } finally {
        if (--inFlight.current === 0) {
          clearTimeout(slowTimer.current);
          setSlowSave(false);
        }
      }
    },
    [afterWrite, show],
  );

  // Stable across taps (reads the draft through a ref), so the topic grid and hotkeys never re-bind.
  const logTopic = useCallback(
    (topicId: number) => {
      const current = draftRef.current;
      const options = entryRef.current;
      let occurredAt: string | undefined;
      if (options.earlier) {
        const checked = checkEarlier(options.earlier, Date.now());
        if (!checked.ok) {
          show({ kind: 'refused', reason: checked.reason }); // nothing is sent; the choices stay for correcting
          return;
        }
        occurredAt = checked.at.toISOString();
      }
      const input: MethodInput<'logContact'> = {
        requestId: newRequestId(),
        topicIds: [topicId],
        ...current,
        ...(occurredAt ? { occurredAt } : {}),
        ...(options.count > 1 ? { count: options.count } : {}),
      };
      if (current.referralIds.length > 0) setDraft({ ...current, referralIds: [] }); // referrals are one-off choices
      if (!isDefaultEntry(options)) setEntry(DEFAULT_ENTRY); // so are back-dating and "+N"
      void send(input);
    },
    [send, show],
  );

  const run = useCallback(
    async (action: () => Promise<Notice>) => {
      try {
        show(await action(), CONFIRMATION_MS);
      } catch (error) {
        show({ kind: 'error', error });
      } finally {
        afterWrite();
      }
    },
    [afterWrite, show],
  );

  /** Undo of a batch takes back the whole batch (the core undoes every contact of it); run() then refreshes the list. */
  const undo = useCallback(
    (contact: ContactView, count = 1, backdated = false) =>
      run(async () => {
        const { todayCount: dayCount } = await client.undoContact({ contactId: contact.id });
        if (contact.localDay === today.current) {
          listSeq.current++;
          setTodayCount(dayCount);
          setContacts((list) => list.filter((c) => c.id !== contact.id));
        }
        return { kind: 'undone', contact, count, backdated };
      }),
    [run],
  );

  const amend = useCallback(
    (contact: ContactView, changes: Amendment) =>
      run(async () => ({ kind: 'amended', contact: await client.amendContact({ contactId: contact.id, ...changes }) })),
    [run],
  );

  const voidOne = useCallback(
    (contact: ContactView, reason: VoidReason) =>
      run(async () => ({ kind: 'voided', contact: await client.voidContact({ contactId: contact.id, reason }) })),
    [run],
  );

  return { waiting: waiting.length, draft, setDraft, entry, setEntry, contacts, todayCount, notice, dismiss: () => show(null), saving: slowSave, logTopic, undo, amend, voidOne };
}
