import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOID_REASONS, type VoidReason } from '../../core/api/enums';
import type { ContactView } from '../../core/contacts/contact-types';
import { ChipGroup } from './ChipGroup';
import { Dialog } from './Dialog';

/** Voiding asks for a reason code; the contact stays listed, struck through. */
export function VoidDialog({ contact, onVoid, onClose }: { contact: ContactView; onVoid(reason: VoidReason): void; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<VoidReason>('wrong_entry');
  return (
    <Dialog
      testId="void-dialog"
      title={t('void.title', { time: contact.localTime })}
      onClose={onClose}
      onSubmit={() => {
        onVoid(reason);
        onClose();
      }}
    >
      <p>{t('void.explain')}</p>
      <ChipGroup<VoidReason>
        testId="void-reasons"
        label={t('void.reason')}
        options={VOID_REASONS.map((r) => ({ value: r, label: t(`voidReason.${r}`) }))}
        selected={[reason]}
        onToggle={setReason}
      />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('void.cancel')}
        </button>
        <button type="submit" className="danger" data-testid="void-confirm">
          {t('void.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
