import type { TFunction } from 'i18next';
import type { ContactView } from '../../core/contacts/contact-types';
import type { CatalogLabels } from './catalog-labels';

/** One line describing a contact, for the confirmation bar. */
export function contactSummary(t: TFunction, labels: CatalogLabels, c: ContactView): string {
  const parts = [
    c.topicIds.map(labels.topic).join(' + '),
    labels.language(c.languageId),
    t(`channel.${c.channel}`),
    t(`asker.${c.asker}`),
    ...c.referralIds.map((id) => `→ ${labels.organisation(id)}`),
  ];
  return `${c.localTime} · ${parts.join(' · ')}`;
}
