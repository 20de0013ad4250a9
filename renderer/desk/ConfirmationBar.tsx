import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../core/contacts/contact-types';
import { errorMessage } from './error-message';
import type { CatalogLabels } from './catalog-labels';
import { contactSummary } from './contact-summary';
import { formatDay } from './entry-options';
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
  onUndo(c: ContactView, count: number, backdated: boolean): void;
  onAmend(c: ContactView): void;
  onDismiss(): void;
}) {
  const { t, i18n } = useTranslation();
  /** "Gespeichert", "5 Kontakte gespeichert", "Nachgetragen: 24.11.2026 15:30", "5 Kontakte rückgängig gemacht" … */
  const headline = (n: Exclude<Notice, { kind: 'error' | 'refused' | 'queued' | 'sentQueued' }>) => {
    if (n.kind !== 'saved' && n.kind !== 'undone') return t(`confirm.${n.kind}`);
    const count = n.count;
    if (n.kind === 'undone') return count > 1 ? t('confirm.undoneBatch', { n: count }) : t('confirm.undone');
    const when = `${formatDay(n.contact.localDay, i18n.language, true)} ${n.contact.localTime}`;
    if (n.backdated) return count > 1 ? t('confirm.savedBatchBackdated', { n: count, when }) : t('confirm.savedBackdated', { when });
    return count > 1 ? t('confirm.savedBatch', { n: count }) : t('confirm.saved');
  };
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
      {notice?.kind === 'refused' && (
        <div className="confirmation error" role="alert">
          <strong>{t('confirm.notSaved')}</strong> <span>{t(`entry.errors.${notice.reason}`)}</span>
          <button type="button" onClick={onDismiss}>
            {t('confirm.dismiss')}
          </button>
        </div>
      )}
      {notice?.kind === 'queued' && (
        <div className="confirmation queued" data-testid="tap-queued">
          <strong>{t('confirm.queued')}</strong> <span>{t('confirm.queuedDetail')}</span>
        </div>
      )}
      {notice?.kind === 'sentQueued' && (
        <div className="confirmation saved" data-testid="queued-sent">
          <strong>{notice.count === 1 ? t('confirm.queuedSentOne') : t('confirm.queuedSent', { count: notice.count })}</strong>
          <button type="button" onClick={onDismiss}>
            {t('confirm.dismiss')}
          </button>
        </div>
      )}
      {notice && notice.kind !== 'error' && notice.kind !== 'refused' && notice.kind !== 'queued' && notice.kind !== 'sentQueued' && (
        <div key={`${notice.kind}-${notice.contact.id}`} className={`confirmation ${notice.kind}`}>
          <strong>{headline(notice)}</strong> <span>{contactSummary(t, labels, notice.contact)}</span>
          {notice.kind === 'saved' && (
            <>
              <button type="button" onClick={() => onUndo(notice.contact, notice.count, notice.backdated)} data-testid="undo">
                {t('confirm.undo')}
              </button>
              {notice.count === 1 && (
                <button type="button" onClick={() => onAmend(notice.contact)} data-testid="amend">
                  {t('confirm.amend')}
                </button>
              )}
              <span className="countdown" aria-hidden="true" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
