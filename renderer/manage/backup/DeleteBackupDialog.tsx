import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { BackupInfo } from '../../../core/backup/backup-types';
import { Dialog } from '../../ui/Dialog';
import { backupSize } from './backup-format';

/**
 * Asks before a backup is deleted, naming it (time, kind, size, file). Says which ones the app would
 * delete by itself anyway (automatic ones, by rotation) and that every other kind stays until deleted here.
 */
export function DeleteBackupDialog({ backup, time, onCancel, onConfirm }: { backup: BackupInfo; time: string; onCancel(): void; onConfirm(): void }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  return (
    <Dialog testId="delete-backup-confirm" title={t('backup.deleteTitle', { time })} onClose={onCancel} onSubmit={onConfirm}>
      <dl className="backup-facts" data-testid="delete-backup-facts">
        <dt>{t('backup.kind')}</dt>
        <dd>{t(`backup.kinds.${backup.kind}`)}</dd>
        <dt>{t('backup.size')}</dt>
        <dd>{backupSize(backup.size, i18n.language)}</dd>
        <dt>{t('backup.file')}</dt>
        <dd>
          <code>{backup.name}</code>
        </dd>
      </dl>
      <p>{backup.automatic ? t('backup.deleteAutomatic') : t('backup.deleteKept')}</p>
      <p>{t('backup.deleteFinal')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('edit.cancel')}
        </button>
        <button type="submit" className="danger" data-testid="delete-backup-ok">
          {t('backup.deleteOk')}
        </button>
      </div>
    </Dialog>
  );
}
