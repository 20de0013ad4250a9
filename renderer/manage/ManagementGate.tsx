import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client';
import { currentSession, setSession } from '../api/management-session';
import { errorMessage } from '../ui/error-message';
import { ChangePinForm } from './ChangePinForm';
import { PinForm } from './PinForm';
import { useIdleLock } from './use-idle-lock';
import { useManagementStatus } from './use-management-status';

/**
 * Everything but the desk sits behind this: the PIN screen (or, on first use, setting the PIN)
 * until this tab holds an open session, then the area with a lock button. The server checks the
 * session on every management call; this only decides what the screen shows.
 */
export function ManagementGate({ autoLockMinutes, children }: { autoLockMinutes: number; children: ReactNode }) {
  const { t } = useTranslation();
  const { status, error, refresh } = useManagementStatus();
  const [autoLocked, setAutoLocked] = useState(false);

  const lock = useCallback(async (byTimer: boolean) => {
    // The call takes the session with it before the screen forgets it, so the server closes it too.
    const closing = currentSession() === undefined ? Promise.resolve() : client.lockManagement({});
    setSession(undefined);
    setAutoLocked(byTimer);
    await closing.catch(() => undefined);
  }, []);
  const onIdle = useCallback(() => void lock(true), [lock]);
  // From the live catalog, so a changed setting applies without a reload.
  useIdleLock(status?.unlocked === true, autoLockMinutes, onIdle);

  // While wrong PINs have shut the door, ask again every second so the wait counts down.
  const wait = status?.retryAfterSeconds ?? 0;
  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = window.setTimeout(() => void refresh(), 1000);
    return () => window.clearTimeout(timer);
  }, [wait, refresh]);

  if (!status) {
    return (
      <main className="management-gate" role={error ? 'alert' : undefined}>
        <p>{error ? errorMessage(t, error) : t('app.loading')}</p>
      </main>
    );
  }

  if (!status.unlocked) {
    const mode = status.pinSet ? 'unlock' : 'set';
    const submit = async (pin: string) => {
      const opened = mode === 'set' ? await client.setManagementPin({ pin }) : await client.unlockManagement({ pin });
      setAutoLocked(false);
      setSession(opened.session);
    };
    return (
      <main className="management-gate" data-testid="management-locked">
        <section className="panel pin-panel" aria-labelledby="management-gate-heading">
          <h2 id="management-gate-heading">{t('management.heading')}</h2>
          {autoLocked && (
            <p className="note" role="status" data-testid="auto-locked">
              {t('management.autoLocked', { count: autoLockMinutes })}
            </p>
          )}
          <p>{mode === 'set' ? t('management.setIntro') : t('management.lockedIntro')}</p>
          <PinForm mode={mode} submit={submit} retryAfterSeconds={status.retryAfterSeconds} onRefused={() => void refresh()} />
          {mode === 'unlock' && <p className="hint">{t('management.forgot')}</p>}
        </section>
      </main>
    );
  }

  return (
    <>
      <div className="management-bar no-print" data-testid="management-unlocked">
        <span className="hint">{t('management.autoLock', { count: autoLockMinutes })}</span>
        <ChangePinForm />
        <button type="button" className="tool-button" onClick={() => void lock(false)} data-testid="management-lock">
          {t('management.lock')}
        </button>
      </div>
      {children}
    </>
  );
}
