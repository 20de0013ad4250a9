import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { Catalog } from '../../../core/catalog/catalog-types';
import type { ContactView } from '../../../core/contacts/contact-types';
import { catalogLabels, type CatalogLabels } from '../../desk/catalog-labels';
import { formatter, type Formatter } from '../../ui/format';
import { whenText } from './contact-when';

interface RowProps {
  contact: ContactView;
  labels: CatalogLabels;
  deskName(id: number): string;
  f: Formatter;
  onEdit(c: ContactView): void;
  onVoid(c: ContactView): void;
}

/**
 * One contact. Every cell carries its column's name in `data-label`: on a narrow screen the table
 * becomes one card per contact, and the stylesheet shows the names in front of the values. A voided
 * contact's values are struck through in a span of their own, so the names stay readable.
 */
const ContactRow = memo(function ContactRow({ contact: c, labels, deskName, f, onEdit, onVoid }: RowProps) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const when = whenText(c, t, f);
  return (
    <tr className={c.voided ? 'voided' : undefined} data-testid={`browse-contact-${c.id}`}>
      <td className="browse-date" data-label={t('contactBrowser.col.date')}>
        {f.day(c.localDay)}
      </td>
      <td className="browse-time" data-label={t('contactBrowser.col.time')}>
        {c.entryKind === 'imported_day' ? <span className="muted">{t('contactBrowser.noTime')}</span> : c.localTime}
      </td>
      <td data-label={t('contactBrowser.col.topics')}>
        <span className="struck">{c.topicIds.map(labels.topic).join(', ')}</span>
      </td>
      <td data-label={t('contactBrowser.col.referrals')}>
        <span className="struck">
          {c.referralIds.length > 0 ? c.referralIds.map(labels.organisation).join(', ') : <span className="muted">{t('contactBrowser.none')}</span>}
        </span>
      </td>
      <td data-label={t('contactBrowser.col.language')}>
        <span className="struck">{labels.language(c.languageId)}</span>
      </td>
      <td data-label={t('contactBrowser.col.channel')}>
        <span className="struck">{t(`channel.${c.channel}`)}</span>
      </td>
      <td data-label={t('contactBrowser.col.asker')}>
        <span className="struck">{t(`asker.${c.asker}`)}</span>
      </td>
      <td data-label={t('contactBrowser.col.desk')}>
        <span className="struck">{deskName(c.deskId)}</span>
      </td>
      <td data-label={t('contactBrowser.col.kind')}>
        <span className={`badge kind-${c.entryKind}`} data-testid="browse-kind">
          {t(`contactBrowser.kinds.${c.entryKind}`)}
        </span>
      </td>
      <td className="browse-actions" data-label={t('contactBrowser.col.actions')}>
        {c.voided ? (
          <span className="void-note" data-testid="browse-void-note">
            {t('contactBrowser.voidedBecause', { reason: t(`voidReason.${c.voidReason}`) })}
          </span>
        ) : (
          <span className="row-actions">
            <button type="button" onClick={() => onEdit(c)} aria-label={t('contactBrowser.editLabel', { when })} data-testid={`browse-edit-${c.id}`}>
              {t('contactBrowser.edit')}
            </button>
            <button type="button" onClick={() => onVoid(c)} aria-label={t('contactBrowser.voidLabel', { when })} data-testid={`browse-void-${c.id}`}>
              {t('contactBrowser.void')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
});

/** One page of contacts, newest first; voided ones struck through with their reason instead of actions. */
export function ContactTable({
  catalog,
  contacts,
  caption,
  onEdit,
  onVoid,
}: {
  catalog: Catalog;
  contacts: ContactView[];
  caption: string;
  onEdit(c: ContactView): void;
  onVoid(c: ContactView): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  // Stable between renders, so a reload that changes one row redraws that row only.
  const labels = useMemo(() => catalogLabels(catalog, i18n.language), [catalog, i18n.language]);
  const deskName = useMemo(() => {
    const desks = new Map(catalog.desks.map((d) => [d.id, d.name]));
    return (id: number) => desks.get(id) ?? `#${id}`;
  }, [catalog]);
  const columns = ['date', 'time', 'topics', 'referrals', 'language', 'channel', 'asker', 'desk', 'kind', 'actions'] as const;
  return (
    <table className="contact-table" data-testid="browse-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {t(`contactBrowser.col.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {contacts.map((c) => (
          <ContactRow key={c.id} contact={c} labels={labels} deskName={deskName} f={f} onEdit={onEdit} onVoid={onVoid} />
        ))}
      </tbody>
    </table>
  );
}
