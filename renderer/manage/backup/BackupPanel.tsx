import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { BackupInfo, BackupList } from '../../../core/backup/backup-types';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { client } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useAction } from '../../ui/use-action';
import { backupSize, backupTime } from './backup-format';
import { keepCountsValid } from './keep-counts';
import { DeleteBackupDialog } from './DeleteBackupDialog';

/** A step of the panel that says what it did. */
interface Work {
  (): Promise<string>;
}

/**
 * Backups in the management area: where they go and how many are kept, the list (newest first,
 * each verified when written, and the space they take), a backup now (to the folder or to a chosen
 * one, e.g. a USB stick), restoring one, which first backs up the current state, and deleting one
 * after a confirmation (the app itself only ever deletes automatic ones, by rotation).
 */
export function BackupPanel({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const settings = catalog.settings;
  const [list, setList] = useState<BackupList | null>(null);
  const { busy, error, setError, run: runAction } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [toDelete, setToDelete] = useState<BackupInfo | null>(null);
  const [folder, setFolder] = useState(settings.backupFolder);
  const [keep, setKeep] = useState({
    daily: String(settings.backupKeepDaily),
    weekly: String(settings.backupKeepWeekly),
    monthly: String(settings.backupKeepMonthly),
  });
  const time = (at: number) => backupTime(at, i18n.language, settings.timeZone);

  const load = useCallback(async () => {
    try {
      setList(await client.listBackups({}));
    } catch (err) {
      setError(err);
    }
  }, [setError]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = (work: Work) => {
    setDone(null);
    return runAction(async () => {
      setDone(await work());
      await load();
    });
  };

  const backupNow = (to?: string) =>
    run(async () => {
      const backup = await client.backupNow(to ? { folder: to } : {});
      return to ? t('backup.doneTo', { time: time(backup.at), folder: to }) : t('backup.done', { time: time(backup.at) });
    });

  const restore = (backup: BackupInfo) =>
    run(async () => {
      setConfirm(null);
      const result = await client.restoreBackup({ file: backup.name });
      await reloadCatalog();
      return t('backup.restored', { time: time(result.restored.at), count: result.contactsAfter, safety: result.safetyBackup?.name ?? '' });
    });

  const deleteBackup = (backup: BackupInfo) =>
    run(async () => {
      setToDelete(null);
      await client.deleteBackup({ file: backup.name });
      return t('backup.deleted', { time: time(backup.at), kind: t(`backup.kinds.${backup.kind}`) });
    });

  const saveSettings = () =>
    run(async () => {
      await client.updateSettings({
        backupFolder: folder.trim(),
        backupKeepDaily: Number(keep.daily),
        backupKeepWeekly: Number(keep.weekly),
        backupKeepMonthly: Number(keep.monthly),
      });
      await reloadCatalog();
      return t('backup.settingsSaved');
    });

  if (list?.databaseServer) {
    return (
      <section className="panel backup" aria-labelledby={`${id}-heading`} data-testid="backup-panel">
        <h2 id={`${id}-heading`}>{t('backup.heading')}</h2>
        <p className="note" data-testid="backup-on-server">
          {t('backup.onServer', { server: list.databaseServer })}
        </p>
      </section>
    );
  }

  return (
    <section className="panel backup" aria-labelledby={`${id}-heading`} data-testid="backup-panel">
      <h2 id={`${id}-heading`}>{t('backup.heading')}</h2>
      <p className="note">{t('backup.intro')}</p>
      <dl className="backup-facts">
        <dt>{t('backup.folder')}</dt>
        <dd>
          <code data-testid="backup-folder">{list?.folder ?? '…'}</code>
        </dd>
        <dt>{t('backup.rotation')}</dt>
        <dd data-testid="backup-rotation">
          {t('backup.rotationValue', { daily: settings.backupKeepDaily, weekly: settings.backupKeepWeekly, monthly: settings.backupKeepMonthly })}
        </dd>
        <dt>{t('backup.totalSize')}</dt>
        <dd data-testid="backup-total">
          {list ? t('backup.totalValue', { count: list.backups.length, size: backupSize(list.totalSize, i18n.language) }) : '…'}
        </dd>
      </dl>
      <p className="note">{t('backup.keptNote')}</p>

      <div className="backup-actions">
        <button type="button" className="tool-button primary" disabled={busy} onClick={() => void backupNow()} data-testid="backup-now">
          {t('backup.now')}
        </button>
        <label className="backup-target">
          <span>{t('backup.target')}</span>
          <input
            type="text"
            value={target}
            placeholder={t('backup.targetPlaceholder')}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="backup-target"
          />
        </label>
        <button
          type="button"
          className="tool-button"
          disabled={busy || target.trim() === ''}
          onClick={() => void backupNow(target.trim())}
          data-testid="backup-now-to"
        >
          {t('backup.nowTo')}
        </button>
      </div>

      <div aria-live="polite">
        {done && (
          <p className="form-ok" role="status" data-testid="backup-done">
            {done}
          </p>
        )}
        <ErrorText error={error} testId="backup-error" />
      </div>

      <table className="report-table backup-list" data-testid="backup-list">
        <caption>{t('backup.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('backup.time')}</th>
            <th scope="col">{t('backup.kind')}</th>
            <th scope="col" className="num">
              {t('backup.size')}
            </th>
            <th scope="col">{t('backup.verified')}</th>
            <th scope="col">{t('backup.kept')}</th>
            <th scope="col">{t('today.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list?.backups.length === 0 && (
            <tr>
              <td colSpan={6}>{t('backup.none')}</td>
            </tr>
          )}
          {list?.backups.map((b) => (
            <tr key={b.name} data-testid="backup-row" data-name={b.name}>
              <td title={b.name}>{time(b.at)}</td>
              <td>{t(`backup.kinds.${b.kind}`)}</td>
              <td className="num">{backupSize(b.size, i18n.language)}</td>
              <td>{b.verified ? <span className="verified">✓ {t('backup.verifiedYes')}</span> : '–'}</td>
              <td data-testid="backup-kept">{b.automatic ? t('backup.keptByRotation') : t('backup.keptUntilDeleted')}</td>
              <td>
                <span className="row-actions">
                  <button type="button" className="tool-button" disabled={busy} onClick={() => setConfirm(b)} data-testid="backup-restore">
                    {t('backup.restore')}
                  </button>
                  <button type="button" className="tool-button" disabled={busy} onClick={() => setToDelete(b)} data-testid="backup-delete">
                    {t('backup.delete')}
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form
        className="backup-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void saveSettings();
        }}
      >
        <fieldset>
          <legend>{t('backup.settings')}</legend>
          <div className="backup-settings-grid">
            <label className="backup-folder-setting">
              <span>{t('backup.folderSetting')}</span>
              <input
                type="text"
                value={folder}
                placeholder={t('backup.folderDefault')}
                onChange={(e) => setFolder(e.target.value)}
                data-testid="backup-folder-setting"
              />
              <span className="hint">{t('backup.folderNote')}</span>
            </label>
            {(['daily', 'weekly', 'monthly'] as const).map((k) => (
              <label key={k}>
                <span>{t(`backup.keep.${k}`)}</span>
                <input
                  type="number"
                  min={k === 'daily' ? 1 : 0}
                  step={1}
                  value={keep[k]}
                  onChange={(e) => setKeep((all) => ({ ...all, [k]: e.target.value }))}
                  data-testid={`backup-keep-${k}`}
                />
              </label>
            ))}
          </div>
          <div className="form-actions">
            <button type="submit" className="tool-button" disabled={busy || !keepCountsValid(keep)} data-testid="backup-settings-save">
              {t('backup.saveSettings')}
            </button>
          </div>
        </fieldset>
      </form>

      {confirm && (
        <Dialog
          testId="restore-confirm"
          title={t('backup.confirmTitle', { time: time(confirm.at) })}
          onClose={() => setConfirm(null)}
          onSubmit={() => void restore(confirm)}
        >
          <p>{t('backup.confirmText', { time: time(confirm.at) })}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirm(null)}>
              {t('edit.cancel')}
            </button>
            <button type="submit" className="primary" data-testid="restore-confirm-ok">
              {t('backup.confirmOk')}
            </button>
          </div>
        </Dialog>
      )}
      {toDelete && (
        <DeleteBackupDialog backup={toDelete} time={time(toDelete.at)} onCancel={() => setToDelete(null)} onConfirm={() => void deleteBackup(toDelete)} />
      )}
    </section>
  );
}
