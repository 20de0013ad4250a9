import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { CatalogKind } from '../../../core/catalog/catalog-references';
import type { Topic } from '../../../core/catalog/catalog-types';
import { Dialog } from '../../ui/Dialog';
import { entryName, type Entry } from './catalog-helpers';

/**
 * Asks before an entry leaves the desk: retiring takes a button away from the counter and, for a
 * topic, its hotkey for good, which one stray click should not do. Says what stays (past contacts
 * in the reports) so nobody hesitates for fear of losing history.
 */
export function RetireDialog({ kind, entry, onClose, onConfirm }: { kind: CatalogKind; entry: Entry; onClose(): void; onConfirm(): void }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const name = entryName(entry, i18n.language);
  const hotkey = kind === 'topic' ? (entry as Topic).hotkey : null;
  return (
    <Dialog testId="catalog-retire-dialog" title={t('catalog.retireTitle', { name })} onClose={onClose} onSubmit={onConfirm}>
      <p>{t(`catalog.retireOffer.${kind}`)}</p>
      <p>{t(kind === 'topicGroup' ? 'catalog.retireGroupHistory' : 'catalog.retireHistory')}</p>
      {hotkey && <p data-testid="catalog-retire-hotkey">{t('catalog.retireHotkey', { key: hotkey.toUpperCase(), name })}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-testid="catalog-retire-cancel">
          {t('edit.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="catalog-retire-confirm">
          {t('catalog.retire')}
        </button>
      </div>
    </Dialog>
  );
}
