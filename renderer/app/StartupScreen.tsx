import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recovery, StartupState } from '../../core/app/startup-state';
import { client } from '../api/client';
import { errorMessage } from '../ui/error-message';
import { useAction } from '../ui/use-action';
import { backupTime } from '../manage/backup/backup-format';

/**
 * Shown instead of the desk when the database could not be used at start. A damaged database is
 * offered its newest good backup; a locked or read-only one can only be fixed outside the app.
 */
export function StartupScreen({ state, onRecovered }: { state: StartupState; onRecovered(): void }) {
  const { t, i18n } = useTranslation();
  const { busy, error, run } = useAction();
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  // The site's time zone is inside the damaged file; the browser's own is the best guess here.
  const time = (at: number) => backupTime(at, i18n.language, Intl.DateTimeFormat().resolvedOptions().timeZone, true);
  const good = state.newestGoodBackup;

  const recover = () => run(async () => setRecovery(await client.recoverFromBackup({})));

  const kind = state.state === 'damaged' ? 'damaged' : state.state === 'locked' ? 'locked' : 'readonly';
  return (
    <main className="startup-problem" role="alert" data-testid="startup-problem" data-state={state.state}>
      <h2>{t(`startup.${kind}Title`)}</h2>
      {kind === 'damaged' ? (
        <>
          <p>{t('startup.damagedText')}</p>
          {recovery ? (
            <>
              <p className="form-ok" data-testid="startup-restored">
                {t('startup.restored', { time: time(recovery.restored.at) })}
              </p>
              <button type="button" className="tool-button primary" onClick={onRecovered} data-testid="startup-continue">
                {t('startup.continue')}
              </button>
            </>
          ) : good ? (
            <>
              <p>{t('startup.offer', { time: time(good.at) })}</p>
              <button type="button" className="tool-button primary" disabled={busy} onClick={() => void recover()} data-testid="startup-restore">
                {t('startup.restore', { time: time(good.at) })}
              </button>
            </>
          ) : (
            <p>{t('startup.noBackup')}</p>
          )}
        </>
      ) : (
        <p>{t(`startup.${kind}Text`)}</p>
      )}
      {error !== null && (
        <p className="form-error" data-testid="startup-error">
          {errorMessage(t, error)}
        </p>
      )}
      {state.detail && <p className="note startup-detail">{t('startup.detail', { detail: state.detail })}</p>}
    </main>
  );
}
