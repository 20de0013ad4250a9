import type { TFunction } from 'i18next';
import { ClientError } from '../../core/api/client';
import type { CatalogLabels } from './catalog-labels';
import { errorMessage } from '../ui/error-message';
import type { QueuedTap } from './tap-queue';

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (at: number) => {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Contacts the taps stand for (a batch "+3" is three). */
export const contactsIn = (taps: readonly QueuedTap[]) => taps.reduce((n, t) => n + (t.input.count ?? 1), 0);

/** One waiting tap for people: "Gesundheit 10:31", "Bildung ×3 10:32", "Arbeit (nachgetragen 05.12. 09:00)". */
export function describeTap(t: TFunction, labels: CatalogLabels, tap: QueuedTap): string {
  const topic = tap.input.topicIds.map(labels.topic).join(' + ');
  const { occurredAt, count = 1 } = tap.input;
  if (occurredAt !== undefined) {
    const at = new Date(occurredAt);
    const when = `${pad(at.getDate())}.${pad(at.getMonth() + 1)}. ${clock(at.getTime())}`;
    return t('queue.backdatedTap', { topic: count > 1 ? `${topic} ×${count}` : topic, when });
  }
  return count > 1 ? t('queue.batchTap', { topic, times: count, time: clock(tap.madeAt) }) : t('queue.tap', { topic, time: clock(tap.madeAt) });
}

/** Why the server refused a tap for good, in words that say what to do. */
export function refusalText(t: TFunction, tap: QueuedTap): string {
  const refused = tap.refused!;
  const field = refused.field?.split('.')[0];
  if (field === 'topicIds' || field === 'referralIds' || field === 'languageId' || field === 'deskId' || field === 'occurredAt') {
    return t(`queue.refusedReason.${field}`, { message: refused.message });
  }
  return errorMessage(
    t,
    new ClientError({ code: refused.code as ClientError['body']['code'], message: refused.message, ...(refused.field ? { field: refused.field } : {}) }),
  );
}
