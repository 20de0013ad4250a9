import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client';
import { currentSession, onSessionChange } from '../api/management-session';
import { subscribeServerChanges } from '../api/server-changes';
import { routeHash } from '../app/route';
import { failedSchedules } from '../manage/mail/delivery-state';

/** Checked again this often while management stays unlocked (the timer may fail a send meanwhile). */
const RECHECK_MS = 5 * 60_000;

/**
 * A small line for management when a report e-mail failed: only while management is unlocked in this
 * tab (the delivery log is management's), a link to the Berichtsversand tab. Desk staff never see it,
 * and it takes only the header's spare room (desk.css), so nothing on the desk moves when it appears.
 */
export function MailFailureNotice() {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(0);
  const check = useCallback(() => {
    if (currentSession() === undefined) return setFailed(0);
    client.listMailDeliveries({ limit: 100 }).then(
      (deliveries) => setFailed(failedSchedules(deliveries)),
      // Locked meanwhile, or an older server without the method: no notice rather than an error on the desk.
      () => setFailed(0),
    );
  }, []);
  useEffect(() => {
    check();
    const timer = window.setInterval(check, RECHECK_MS);
    const offSession = onSessionChange(check);
    const offChanges = subscribeServerChanges((change) => (change.kind === 'mail' || change.kind === 'resync') && check());
    return () => {
      window.clearInterval(timer);
      offSession();
      offChanges();
    };
  }, [check]);
  if (failed === 0) return null;
  return (
    <a
      className="mail-notice"
      href={routeHash({ screen: 'reports', tab: 'mail', period: { publication: false } })}
      title={t('mailNotice.failed', { count: failed })}
      data-testid="mail-failure-notice"
    >
      ✉ {t('mailNotice.failed', { count: failed })}
    </a>
  );
}
