import { useTranslation } from 'react-i18next';
import type { MailDelivery } from '../../../core/mail/mail-types';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { formatter, reportLanguage } from '../../ui/format';
import { mailTime } from './mail-words';

/** Every send of a schedule's period, newest first: when, which, the period, how many recipients, the result in words, attempts and the next try. */
export function DeliveryLog({ deliveries, timeZone }: { deliveries: MailDelivery[]; timeZone: string }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const lang = reportLanguage(i18n.language);
  const f = formatter(lang);
  return (
    <section className="panel mail-log" aria-labelledby="mail-log-heading" data-testid="mail-log">
      <h3 id="mail-log-heading">{t('mail.log.heading')}</h3>
      {deliveries.length === 0 ? (
        <p className="note" data-testid="mail-log-empty">
          {t('mail.log.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="report-table mail-table">
            <caption className="visually-hidden">{t('mail.log.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mail.log.col.time')}</th>
                <th scope="col">{t('mail.log.col.schedule')}</th>
                <th scope="col">{t('mail.log.col.period')}</th>
                <th scope="col">{t('mail.log.col.recipients')}</th>
                <th scope="col">{t('mail.log.col.result')}</th>
                <th scope="col">{t('mail.log.col.attempts')}</th>
                <th scope="col">{t('mail.log.col.next')}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-testid="mail-delivery" data-state={d.state}>
                  <td data-label={t('mail.log.col.time')}>{mailTime(d.finishedAt ?? d.startedAt, lang, timeZone)}</td>
                  <th scope="row">{d.scheduleName}</th>
                  <td data-label={t('mail.log.col.period')}>{f.range(d.period.from, d.period.to)}</td>
                  <td className="num" data-label={t('mail.log.col.recipients')}>
                    {f.count(d.recipients)}
                  </td>
                  <td data-label={t('mail.log.col.result')} data-testid="mail-delivery-result" className={d.state === 'failed' ? 'mail-failed' : undefined}>
                    <strong>{t(`mail.log.states.${d.state}`)}</strong>
                    {d.state === 'failed' && d.outcome && <span className="sub"> · {d.outcome.message[lang]}</span>}
                  </td>
                  <td className="num" data-label={t('mail.log.col.attempts')}>
                    {f.count(d.attempts)}
                  </td>
                  <td data-label={t('mail.log.col.next')}>
                    {d.state === 'failed' && d.nextAttemptAt ? mailTime(d.nextAttemptAt, lang, timeZone) : t('mail.log.nextNone')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
