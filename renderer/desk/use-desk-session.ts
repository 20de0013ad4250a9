import { useCallback, useRef, useState } from 'react';
import type { Asker, Channel, VoidReason } from '../../core/base/enums';
import type { MethodInput } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactView } from '../../core/contacts/contact-types';
import { client } from '../api/client';
import { activeOnly } from './catalog-labels';
import { checkEarlier, DEFAULT_ENTRY, isDefaultEntry, type EntryOptions } from './entry-options';
import { newRequestId } from './request-id';
import { useDayList } from './use-day-list';
import { useTapSender } from './use-tap-sender';

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
  /** An Undo, a correction or loading the list failed (taps never end here: they wait in the queue). */
  | { kind: 'error'; error: unknown }
  /** Refused before sending: the chosen earlier time is in the future or incomplete. */
  | { kind: 'refused'; reason: 'incomplete' | 'future' | 'tooOld' }
  /** Taps that waited are stored now. */
  | { kind: 'sentQueued'; count: number };

export type Amendment = Omit<MethodInput<'amendContact'>, 'contactId'>;

/** How long the confirmation with Undo stays up. */
export const CONFIRMATION_MS = 10_000;

export function defaultDraft(catalog: Catalog): Draft {
  const languages = activeOnly(catalog.languages);
  return {
    languageId: (languages.find((l) => l.code === 'de') ?? languages[0])?.id ?? 0,
    channel: 'in_person',
    asker: 'citizen',
    referralIds: [],
  };
}

/**
 * State and actions of the desk screen; every write goes through the typed client. What stays after
 * a tap: language, channel and who asked (a run of phone calls, a group in one language). What goes
 * back to the default: referrals, "früher …" and the count after every tap; and after a back-dated
 * tap everything, since a missed contact entered later says nothing about the next one at the counter.
 */
export function useDeskSession(catalog: Catalog) {
  const [draft, setDraft] = useState<Draft>(() => defaultDraft(catalog));
  const [entry, setEntry] = useState<EntryOptions>(DEFAULT_ENTRY);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const entryRef = useRef(entry);
  entryRef.current = entry;
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Whether the tap with this request id was back-dated, for its confirmation. */
  const backdated = useRef(new Set<string>());

  const show = useCallback((next: Notice | null, timeoutMs?: number) => {
    clearTimeout(noticeTimer.current);
    setNotice(next);
    if (timeoutMs) noticeTimer.current = setTimeout(() => setNotice(null), timeoutMs);
  }, []);
  const showLoadError = useCallback((error: unknown) => show({ kind: 'error', error }), [show]);
  const day = useDayList(showLoadError);
  const { added, removed, refresh } = day;

  const sender = useTapSender({
    onSaved: ({ tap, logged }) => {
      added(logged);
      const wasBackdated = backdated.current.delete(tap.input.requestId);
      show({ kind: 'saved', contact: logged.contact, count: logged.count ?? 1, backdated: wasBackdated }, CONFIRMATION_MS);
    },
    onWaitingSent: (count, sent) => {
      sent.forEach((s) => backdated.current.delete(s.tap.input.requestId));
      refresh();
      show({ kind: 'sentQueued', count }, CONFIRMATION_MS);
    },
  });
  const { send } = sender;

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
      const requestId = newRequestId();
      if (occurredAt) backdated.current.add(requestId);
      send({
        requestId,
        topicIds: [topicId],
        ...current,
        ...(occurredAt ? { occurredAt } : {}),
        ...(options.count > 1 ? { count: options.count } : {}),
      });
      if (occurredAt) setDraft(defaultDraft(catalog));
      else if (current.referralIds.length > 0) setDraft({ ...current, referralIds: [] });
      if (!isDefaultEntry(options)) setEntry(DEFAULT_ENTRY);
    },
    [send, show, catalog],
  );

  const run = useCallback(
    async (action: () => Promise<Notice>) => {
      try {
        show(await action(), CONFIRMATION_MS);
      } catch (error) {
        show({ kind: 'error', error });
      } finally {
        refresh();
      }
    },
    [refresh, show],
  );

  /** Undo of a batch takes back the whole batch (the core undoes every contact of it); run() then refreshes the list. */
  const undo = useCallback(
    (contact: ContactView, count = 1, wasBackdated = false) =>
      run(async () => {
        const { todayCount } = await client.undoContact({ contactId: contact.id });
        removed(contact, todayCount);
        return { kind: 'undone', contact, count, backdated: wasBackdated };
      }),
    [run, removed],
  );

  const amend = useCallback(
    (contact: ContactView, changes: Amendment) =>
      run(async () => ({ kind: 'amended', contact: await client.amendContact({ contactId: contact.id, ...changes }) })),
    [run],
  );

  const voidOne = useCallback(
    (contact: ContactView, reason: VoidReason) => run(async () => ({ kind: 'voided', contact: await client.voidContact({ contactId: contact.id, reason }) })),
    [run],
  );

  const resetDraft = useCallback(() => setDraft(defaultDraft(catalog)), [catalog]);

  return {
    draft,
    setDraft,
    resetDraft,
    entry,
    setEntry,
    contacts: day.contacts,
    todayCount: day.todayCount,
    notice,
    dismiss: () => show(null),
    logTopic,
    undo,
    amend,
    voidOne,
    queue: sender,
  };
}
