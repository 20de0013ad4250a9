import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../core/contacts/contact-types';
import { errorMessage } from './error-message';
import type { CatalogLabels } from './catalog-labels';
import { contactSummary } from './contact-summary';
import type { Notice } from './use-desk-session';

/** Visible confirmation of the last action, with Undo and Amend for a fresh tap; errors stay until dismissed. */
export function ConfirmationBar({
  notice,
  labels,
  onUndo,
  onAmend,
  onDismiss,
}: {
  notice: Notice | null;
  labels: CatalogLabels;
  onUndo(c: ContactView): void;
  onAmend(c: ContactView): void;
  onDismiss(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="confirmation-slot" role="status" aria-live="polite" data-testid="confirmation">
      {notice?.kind === 'error' && (
        <div className="confirmation error" role="alert">
          <strong>{t('confirm.notSaved')}</strong> <span>{errorMessage(t, notice.error)}</span>
          {notice.retry && (
            <button type="button" onClick={notice.retry}>
              {t('confirm.tryAgain')}
            </button>
          )}
          <button type="button" onClick={onDismiss}>
            {t('confirm.dismiss')}
          </button>
        </div>
      )}
      {notice && notice.kind !== 'error' && (
        <div key={`${notice.kind}-${notice.contact.id}`} className={`confirmation ${notice.kind}`}>
          <strong>{t(`confirm.${notice.kind}`)}</strong> <span>{contactSummary(t, labels, notice.contact)}</span>
          {notice.kind === 'saved' && (
            <>
              <button type="button" onClick={() => onUndo(notice.contact)} data-testid="undo">
                {t('confirm.undo')}
              </button>
              <button type="button" onClick={() => onAmend(notice.contact)} data-testid="amend">
                {t('confirm.amend')}
              </button>
              <span className="countdown" aria-hidden="true" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
