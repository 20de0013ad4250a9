import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOID_REASONS, type VoidReason } from '../../core/base/enums';
import type { ContactView } from '../../core/contacts/contact-types';
import { ChipGroup } from './ChipGroup';
import { Dialog } from '../ui/Dialog';

/**
 * Voiding asks for a reason code; the contact stays listed, struck through. No reason is chosen in
 * advance: the person voiding says why, and confirming without one only asks for it.
 */
export function VoidDialog({ contact, onVoid, onClose }: { contact: ContactView; onVoid(reason: VoidReason): void; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<VoidReason | null>(null);
  const [asked, setAsked] = useState(false);
  const hintId = useId();
  return (
    <Dialog
      testId="void-dialog"
      title={t('void.title', { time: contact.localTime })}
      onClose={onClose}
      onSubmit={() => {
        if (reason === null) return setAsked(true);
        onVoid(reason);
        onClose();
      }}
    >
      <p>{t('void.explain')}</p>
      <ChipGroup<VoidReason>
        testId="void-reasons"
        label={t('void.reason')}
        options={VOID_REASONS.map((r) => ({ value: r, label: t(`voidReason.${r}`) }))}
        selected={reason === null ? [] : [reason]}
        onToggle={setReason}
      />
      {asked && reason === null && (
        <p className="field-error" id={hintId} role="alert" data-testid="void-choose-reason">
          {t('void.chooseReason')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('void.cancel')}
        </button>
        <button
          type="submit"
          className="danger"
          aria-disabled={reason === null}
          aria-describedby={asked && reason === null ? hintId : undefined}
          data-testid="void-confirm"
        >
          {t('void.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
