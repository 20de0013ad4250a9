import { useTranslation } from 'react-i18next';
import type { MailDelivery, MailSchedule } from '../../../core/mail/mail-types';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { ErrorText } from '../../ui/ErrorText';
import { formatter, reportLanguage } from '../../ui/format';
import { latestBySchedule } from './delivery-state';
import { mailTime } from './mail-words';

/** The schedules: name, rule in words, how many recipients, the next period and its due day, active, the last delivery; edit, delete, send now. */
export function ScheduleList({
  schedules,
  deliveries,
  timeZone,
  busy,
  notice,
  error,
  onAdd,
  onEdit,
  onDelete,
  onSendNow,
}: {
  schedules: MailSchedule[];
  deliveries: MailDelivery[];
  timeZone: string;
  busy: boolean;
  notice: string | null;
  error: unknown;
  onAdd(): void;
  onEdit(schedule: MailSchedule): void;
  onDelete(schedule: MailSchedule): void;
  onSendNow(schedule: MailSchedule): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const lang = reportLanguage(i18n.language);
  const f = formatter(lang);
  const latest = latestBySchedule(deliveries);
  return (
    <section className="panel mail-schedules" aria-labelledby="mail-schedules-heading" data-testid="mail-schedules">
      <div className="panel-head">
        <h3 id="mail-schedules-heading">{t('mail.schedules.heading')}</h3>
        <button type="button" className="tool-button primary" onClick={onAdd} data-testid="schedule-add">
          {t('mail.schedules.add')}
        </button>
      </div>
      <p className="saved-notice" role="status" data-testid="mail-schedules-notice">
        {notice}
      </p>
      <ErrorText error={error} testId="mail-schedules-error" />
      {schedules.length === 0 ? (
        <p className="note" data-testid="mail-schedules-empty">
          {t('mail.schedules.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="report-table mail-table">
            <caption className="visually-hidden">{t('mail.schedules.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mail.schedules.col.name')}</th>
                <th scope="col">{t('mail.schedules.col.rule')}</th>
                <th scope="col">{t('mail.schedules.col.recipients')}</th>
                <th scope="col">{t('mail.schedules.col.next')}</th>
                <th scope="col">{t('mail.schedules.col.enabled')}</th>
                <th scope="col">{t('mail.schedules.col.last')}</th>
                <th scope="col">{t('mail.schedules.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((s) => {
                const last = latest.get(s.id);
                return (
                  <tr key={s.id} data-testid={`schedule-${s.id}`} className={s.enabled ? undefined : 'paused'}>
                    <th scope="row" data-testid="schedule-row-name">
                      {s.name}
                    </th>
                    <td data-label={t('mail.schedules.col.rule')} data-testid="schedule-row-rule">
                      {t(`mail.rules.${s.rule}`)}
                    </td>
                    <td data-label={t('mail.schedules.col.recipients')} data-testid="schedule-row-recipients" title={s.recipients.join(', ')}>
                      {t('mail.schedules.recipients', { count: s.recipients.length })}
                    </td>
                    <td data-label={t('mail.schedules.col.next')} data-testid="schedule-row-next">
                      {t('mail.schedules.nextValue', { range: f.range(s.next.from, s.next.to), day: f.day(s.next.dueDay) })}
                    </td>
                    <td data-label={t('mail.schedules.col.enabled')} data-testid="schedule-row-enabled">
                      {s.enabled ? t('mail.schedules.enabledYes') : t('mail.schedules.enabledNo')}
                    </td>
                    <td
                      data-label={t('mail.schedules.col.last')}
                      data-testid="schedule-row-last"
                      className={last?.state === 'failed' ? 'mail-failed' : undefined}
                    >
                      {last ? (
                        <>
                          {t(`mail.log.states.${last.state}`)}
                          <span className="sub"> · {mailTime(last.finishedAt ?? last.startedAt, lang, timeZone)}</span>
                        </>
                      ) : (
                        t('mail.schedules.lastNone')
                      )}
                    </td>
                    <td>
                      <div className="mail-row-actions">
                        <button type="button" className="tool-button" disabled={busy} onClick={() => onSendNow(s)} data-testid="schedule-send-now">
                          {t('mail.schedules.sendNow')}
                        </button>
                        <button type="button" className="tool-button" onClick={() => onEdit(s)} data-testid="schedule-edit">
                          {t('mail.schedules.edit')}
                        </button>
                        <button type="button" className="tool-button" onClick={() => onDelete(s)} data-testid="schedule-delete">
                          {t('mail.schedules.delete')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
