import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../../core/catalog/catalog-types';
import type { SaveMailScheduleInput } from '../../../core/mail/mail-inputs';
import type { MailDelivery, MailSchedule, MailServer } from '../../../core/mail/mail-types';
import type { SavedView } from '../../../core/views/view-types';
import { client } from '../../api/client';
import { subscribeServerChanges } from '../../api/server-changes';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { formatter, reportLanguage } from '../../ui/format';
import { useAction } from '../../ui/use-action';
import { DeliveryLog } from './DeliveryLog';
import { MailServerForm } from './MailServerForm';
import { ScheduleEditor } from './ScheduleEditor';
import { ScheduleList } from './ScheduleList';
import { mailTime } from './mail-words';
import './mail.css';

/** The log shows what the timer sent meanwhile: read again this often while the tab is open. */
const REFRESH_MS = 60_000;

interface Loaded {
  server: MailServer | null;
  schedules: MailSchedule[];
  deliveries: MailDelivery[];
  views: SavedView[];
}

/**
 * Verwaltung → Berichtsversand: the mail server (with a test message), the schedules (with their editor,
 * delete and "Jetzt senden") and the delivery log.
 */
export function MailTab({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  /** The schedule in the editor: null a new one, undefined none open. */
  const [editing, setEditing] = useState<MailSchedule | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<MailSchedule | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  // PDF needs the desktop shell to print it; in a browser it is not offered.
  const pdfAvailable = window.kontaktdeskShell !== undefined;

  const load = useCallback(async () => {
    try {
      const [server, schedules, deliveries, views] = await Promise.all([
        client.getMailServer({}),
        client.listMailSchedules({}),
        client.listMailDeliveries({ limit: 100 }),
        client.listSavedViews({}),
      ]);
      setLoaded({ server, schedules, deliveries, views });
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    const unsubscribe = subscribeServerChanges((change) => (change.kind === 'mail' || change.kind === 'views' || change.kind === 'resync') && void load());
    return () => {
      window.clearInterval(timer);
      unsubscribe();
    };
  }, [load]);

  const save = (input: SaveMailScheduleInput) =>
    action.run(async () => {
      const saved = await client.saveMailSchedule(input);
      setEditing(undefined);
      setNotice(t('mail.schedules.saved', { name: saved.name }));
      await load();
    });
  const remove = (schedule: MailSchedule) =>
    action.run(async () => {
      await client.deleteMailSchedule({ id: schedule.id });
      setDeleting(null);
      setNotice(t('mail.schedules.deleted', { name: schedule.name }));
      await load();
    });
  const sendNow = (schedule: MailSchedule) =>
    action.run(async () => {
      setNotice(null);
      const delivery = await client.sendMailScheduleNow({ id: schedule.id });
      const lang = reportLanguage(i18n.language);
      if (delivery.alreadySent) {
        // Nothing went out: say so, with when it did, rather than a bare "gesendet" that reads like a second mail.
        const when = mailTime(delivery.finishedAt ?? delivery.startedAt, lang, catalog.settings.timeZone);
        setNotice(t('mail.schedules.alreadySent', { name: schedule.name, range: formatter(lang).range(delivery.period.from, delivery.period.to), when }));
      } else {
        const result = delivery.outcome?.message[lang] ?? t(`mail.log.states.${delivery.state}`);
        setNotice(t('mail.schedules.sentNow', { name: schedule.name, result }));
      }
      await load();
    });

  return (
    <section className="mail-tab" aria-labelledby="mail-heading" data-testid="mail-tab">
      <h2 id="mail-heading">{t('mail.heading')}</h2>
      <p className="note">{t('mail.intro')}</p>
      {loadError !== null && (
        <div className="form-error" role="alert" data-testid="mail-load-error">
          <ErrorText error={loadError} />
          <button type="button" className="tool-button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {loaded && (
        <>
          <MailServerForm server={loaded.server} timeZone={catalog.settings.timeZone} onSaved={load} />
          <ScheduleList
            schedules={loaded.schedules}
            deliveries={loaded.deliveries}
            timeZone={catalog.settings.timeZone}
            busy={action.busy}
            notice={notice}
            error={editing === undefined && deleting === null ? action.error : null}
            onAdd={() => {
              action.setError(null);
              setEditing(null);
            }}
            onEdit={(s) => {
              action.setError(null);
              setEditing(s);
            }}
            onDelete={setDeleting}
            onSendNow={(s) => void sendNow(s)}
          />
          <DeliveryLog deliveries={loaded.deliveries} timeZone={catalog.settings.timeZone} />
          {editing !== undefined && (
            <ScheduleEditor
              key={editing?.id ?? 'new'}
              schedule={editing}
              views={loaded.views}
              pdfAvailable={pdfAvailable}
              busy={action.busy}
              error={action.error}
              onSave={(input) => void save(input)}
              onClose={() => setEditing(undefined)}
            />
          )}
          {deleting && (
            <Dialog testId="schedule-delete-dialog" title={t('mail.schedules.delete')} onClose={() => setDeleting(null)} onSubmit={() => void remove(deleting)}>
              <p>{t('mail.schedules.deleteConfirm', { name: deleting.name })}</p>
              <ErrorText error={action.error} />
              <div className="dialog-actions">
                <button type="button" onClick={() => setDeleting(null)}>
                  {t('mail.editor.cancel')}
                </button>
                <button type="submit" className="danger" disabled={action.busy} data-testid="schedule-delete-confirm">
                  {t('mail.schedules.delete')}
                </button>
              </div>
            </Dialog>
          )}
        </>
      )}
    </section>
  );
}
