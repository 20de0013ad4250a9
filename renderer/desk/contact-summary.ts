import type { TFunction } from 'i18next';
import type { ContactView } from '../../core/contacts/contact-types';
import type { CatalogLabels } from './catalog-labels';

/** One line describing a contact, for the confirmation; `withTime: false` when the title already names the time. */
export function contactSummary(t: TFunction, labels: CatalogLabels, c: ContactView, { withTime = true } = {}): string {
  const parts = [
    ...(withTime ? [c.localTime] : []),
    c.topicIds.map(labels.topic).join(' + '),
    labels.language(c.languageId),
    t(`channel.${c.channel}`),
    t(`asker.${c.asker}`),
    ...c.referralIds.map((id) => `→ ${labels.organisation(id)}`),
  ];
  return parts.join(' · ');
}
