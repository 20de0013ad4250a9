import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactView } from '../../core/contacts/contact-types';
import { catalogLabels } from './catalog-labels';
import { ChipGroup } from './ChipGroup';
import { ContactFields, type ContactFieldValues } from './ContactFields';
import { Dialog } from '../ui/Dialog';
import type { Amendment } from './use-desk-session';

const MAX_TOPICS = 3;
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Changes topics, referrals, language, channel or who asked; sends only what changed. */
export function EditContactDialog({
  catalog,
  contact,
  onSave,
  onClose,
}: {
  catalog: Catalog;
  contact: ContactView;
  onSave(changes: Amendment): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const labels = catalogLabels(catalog, i18n.language);
  const [topicIds, setTopicIds] = useState(contact.topicIds);
  const [fields, setFields] = useState<ContactFieldValues>({
    languageId: contact.languageId,
    channel: contact.channel,
    asker: contact.asker,
    referralIds: contact.referralIds,
  });
  const keep = [...contact.topicIds, ...contact.referralIds, contact.languageId];

  const save = () => {
    if (topicIds.length === 0) return;
    const changes: Amendment = {
      ...(!same(topicIds, contact.topicIds) && { topicIds }),
      ...(!same(
        [...fields.referralIds].sort((a, b) => a - b),
        contact.referralIds,
      ) && { referralIds: fields.referralIds }),
      ...(fields.languageId !== contact.languageId && { languageId: fields.languageId }),
      ...(fields.channel !== contact.channel && { channel: fields.channel }),
      ...(fields.asker !== contact.asker && { asker: fields.asker }),
    };
    if (Object.keys(changes).length > 0) onSave(changes);
    onClose();
  };

  return (
    <Dialog testId="edit-dialog" title={t('edit.title', { time: contact.localTime })} onClose={onClose} onSubmit={save}>
      <ChipGroup
        testId="edit-topics"
        label={t('edit.topics')}
        options={catalog.topics.filter((tp) => !tp.retired || keep.includes(tp.id)).map((tp) => ({ value: tp.id, label: labels.topic(tp.id) }))}
        selected={topicIds}
        onToggle={(id) => setTopicIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-MAX_TOPICS)))}
      />
      {topicIds.length === 0 && <p className="field-error">{t('edit.needTopic')}</p>}
      <ContactFields catalog={catalog} value={fields} onChange={setFields} keep={keep} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('edit.cancel')}
        </button>
        <button type="submit" className="primary" disabled={topicIds.length === 0} data-testid="edit-save">
          {t('edit.save')}
        </button>
      </div>
    </Dialog>
  );
}
