import { useCallback, useEffect, useState } from 'react';
import type { ContactPage } from '../../../core/contacts/contact-types';
import type { Period } from '../../reports/period';
import { client } from '../../api/client';
import type { ContactFilters } from './browse-params';

export const PAGE_SIZE = 50;

interface Shown {
  /** The request the page answers, so an answer to an older request is never shown for a newer one. */
  key: string;
  page: ContactPage;
  /** How many contacts the newer pages before this one held: the page's first row is number offset + 1. */
  offset: number;
}

/**
 * Pages of the contact browser for one range and filter. "Older" follows the page's cursor; "newer"
 * goes back along the cursors already walked, so both directions show exactly the pages seen before
 * (keyset pages do not shift when contacts are logged meanwhile). A new range or filter starts over
 * at the newest page; `reload` fetches the current page again after a change.
 */
export function useContactPages(range: Period, filters: ContactFilters) {
  const key = JSON.stringify({ range, filters });
  /** The `before` of each page walked so far; the last is the page shown (undefined: the newest). */
  const [trail, setTrail] = useState<{ key: string; cursors: (number | undefined)[]; offsets: number[] }>({ key, cursors: [undefined], offsets: [0] });
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const current = trail.key === key ? trail : { key, cursors: [undefined], offsets: [0] };
  const before = current.cursors[current.cursors.length - 1];
  const offset = current.offsets[current.offsets.length - 1]!;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for range and filters; `generation` asks for the same page again.
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    const { topicId, deskId, entryKind, hideVoided } = filters;
    client
      .listContacts({
        ...range,
        limit: PAGE_SIZE,
        hideVoided,
        ...(topicId !== undefined && { topicId }),
        ...(deskId !== undefined && { deskId }),
        ...(entryKind !== undefined && { entryKind }),
        ...(before !== undefined && { before }),
      })
      .then(
        (page) => live && setShown({ key, page, offset }),
        (err: unknown) => live && setError(err),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, before, offset, generation]);

  const page = shown?.key === key ? shown : null;
  const older = useCallback(() => {
    if (!page?.page.nextBefore) return;
    const next = page.page.nextBefore;
    setTrail({ key, cursors: [...current.cursors, next], offsets: [...current.offsets, page.offset + page.page.contacts.length] });
  }, [page, key, current]);
  const newer = useCallback(() => {
    if (current.cursors.length <= 1) return;
    setTrail({ key, cursors: current.cursors.slice(0, -1), offsets: current.offsets.slice(0, -1) });
  }, [key, current]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { page: page?.page ?? null, offset: page?.offset ?? 0, hasNewer: current.cursors.length > 1, loading, error, older, newer, reload };
}
