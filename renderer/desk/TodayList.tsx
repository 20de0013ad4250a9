import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../core/contacts/contact-types';
import type { CatalogLabels } from './catalog-labels';

interface RowProps {
  contact: ContactView;
  labels: CatalogLabels;
  onEdit(c: ContactView): void;
  onVoid(c: ContactView): void;
}

/** Memoised: a tap adds one row, and the day's other rows (often 100+) must not re-render for it. */
const ContactRow = memo(function ContactRow({ contact: c, labels, onEdit, onVoid }: RowProps) {
  const { t } = useTranslation();
  return (
    <tr className={c.voided ? 'voided' : undefined} data-testid={`contact-${c.id}`}>
      <td className="time-cell">
        {c.localTime}
        {c.entryKind === 'backdated' && (
          <span className="badge" data-testid="badge-backdated">
            {t('today.backdated')}
          </span>
        )}
        {c.entryKind === 'batch' && (
          <span className="badge batch" data-testid="badge-batch">
            {t('today.batch')}
          </span>
        )}
      </td>
      <td className="struck topics-cell">{c.topicIds.map(labels.topic).join(', ')}</td>
      <td className={c.referralIds.length > 0 ? 'struck referrals-cell' : 'struck referrals-cell none'}>
        {c.referralIds.map(labels.organisation).join(', ') || '–'}
      </td>
      <td className="struck details-cell">{[labels.language(c.languageId), t(`channel.${c.channel}`), t(`asker.${c.asker}`)].join(' · ')}</td>
      <td className="actions-cell">
        {c.voided ? (
          <span className="void-note">{t('today.voidedBecause', { reason: t(`voidReason.${c.voidReason}`) })}</span>
        ) : (
          <span className="row-actions">
            <button type="button" onClick={() => onEdit(c)} data-testid={`edit-${c.id}`}>
              {t('today.edit')}
            </button>
            <button type="button" onClick={() => onVoid(c)} data-testid={`void-${c.id}`}>
              {t('today.void')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
});

/**
 * How many of the newest contacts the list shows until asked for all: corrections concern the last
 * few, and a tap then costs the same at 9 in the morning as after a rush of 200.
 */
export const RECENT_ROWS = 50;

/**
 * Every contact of the day, newest first by the time it happened; voided ones stay, struck through,
 * with their reason. Fits its card without sideways scrolling; on narrow cards each row becomes a block.
 */
export const TodayList = memo(function TodayList({
  contacts,
  labels,
  onEdit,
  onVoid,
}: {
  contacts: ContactView[];
  labels: CatalogLabels;
  onEdit(c: ContactView): void;
  onVoid(c: ContactView): void;
}) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? contacts : contacts.slice(0, RECENT_ROWS);
  return (
    <section className="today" aria-labelledby="today-heading">
      <h2 id="today-heading" className="section-heading">
        {t('today.heading')}
      </h2>
      {contacts.length === 0 ? (
        <p className="empty">{t('today.empty')}</p>
      ) : (
        <table className="today-table" data-testid="today-list">
          <thead>
            <tr>
              <th scope="col">{t('today.time')}</th>
              <th scope="col">{t('today.topics')}</th>
              <th scope="col">{t('today.referrals')}</th>
              <th scope="col">{t('today.details')}</th>
              <th scope="col">{t('today.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <ContactRow key={c.id} contact={c} labels={labels} onEdit={onEdit} onVoid={onVoid} />
            ))}
          </tbody>
        </table>
      )}
      {shown.length < contacts.length && (
        <button type="button" className="show-all" onClick={() => setShowAll(true)} data-testid="today-show-all">
          {t('today.showAll', { count: contacts.length })}
        </button>
      )}
    </section>
  );
});
