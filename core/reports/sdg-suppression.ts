/**
 * Publication mode for "Beitrag zu den SDGs" (README, "Publication mode"). The goal rows and their
 * total form one line, suppressed like any breakdown, with two ties to the topic mentions:
 *
 * - a goal that only one topic with mentions carries counts exactly that topic's mentions (a contact
 *   names a topic at most once): the same count, so it is shown when that mentions row is shown
 *   (pinned) and hidden when it is hidden;
 * - a goal carried by several topics is at most their mentions added up and at least the largest: a
 *   shown goal next to a hidden mentions row would bound that row, so it is hidden too.
 * With topic groups a mentions row is a group: a goal is tied to the rows its topics are in, and
 * pinned only by a row that counts its one topic with mentions alone.
 *
 * The contacts with at least one goal are hidden when small; when the contacts without a goal (report
 * total minus them) are; when they equal a hidden report total; and when a single goal has contacts
 * and its row is hidden (they would be that row).
 */
import { figures, hide, isSmall, shown, type Role } from './bounds-check';
import type { Breakdown, SdgBreakdown } from './report-types';
import { known, protect } from './suppression-tables';

export function suppressSdg(
  b: SdgBreakdown,
  threshold: number,
  mentions: { original: Breakdown; published: Breakdown; byTopic?: Map<number, number> },
  reportTotal: { count: number; shown: boolean },
): SdgBreakdown {
  // A mentions row is a topic, or with topic groups a group of topics (then `byTopic` gives each topic's own mentions).
  const rowOf = new Map<number, Breakdown['rows'][number]>();
  for (const r of mentions.original.rows) for (const id of r.group?.topicIds ?? [r.key as number]) rowOf.set(id, r);
  const counted = mentions.byTopic ?? new Map(mentions.original.rows.map((r) => [r.key as number, known(r.n)]));
  const published = new Map(mentions.published.rows.map((r) => [r.key, r.n]));
  const hiddenRow = (id: number) => rowOf.has(id) && published.get(rowOf.get(id)!.key) === null;
  // The goal is exactly the topic's mentions, and those are shown, only when its row counts that topic alone.
  const rowIsTopic = (id: number) => rowOf.has(id) && known(rowOf.get(id)!.n) === (counted.get(id) ?? 0);
  const values = [...b.rows.map((r) => known(r.n)), known(b.total)];
  const totalAt = b.rows.length;
  const roles: Role[] = [...b.rows.map((): Role => 'count'), 'total'];
  const pinned: number[] = [];
  const hideFirst: number[] = [];
  b.rows.forEach((row, i) => {
    const withContacts = row.topicIds.filter((id) => (counted.get(id) ?? 0) > 0);
    if (withContacts.some(hiddenRow)) hideFirst.push(i);
    else if (withContacts.length === 1 && rowIsTopic(withContacts[0]!)) pinned.push(i);
  });
  const f = figures(values, [{ members: b.rows.map((_, i) => i), sum: totalAt }], { threshold, roles, pinned });
  hideFirst.forEach((i) => hide(f, i));
  protect(f);

  const contacts = known(b.contacts);
  const positive = b.rows.map((r, i) => ({ n: known(r.n), i })).filter((r) => r.n > 0);
  const hideContacts =
    isSmall(contacts, threshold) ||
    isSmall(reportTotal.count - contacts, threshold) ||
    (!reportTotal.shown && contacts === reportTotal.count) ||
    (positive.length === 1 && f.hidden[positive[0]!.i]!);
  return {
    rows: b.rows.map((r, i) => ({ ...r, n: shown(f, i) })),
    total: shown(f, totalAt),
    contacts: hideContacts ? null : contacts,
  };
}
