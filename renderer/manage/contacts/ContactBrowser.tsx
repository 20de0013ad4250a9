import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { VoidReason } from '../../../core/base/enums';
import type { Catalog } from '../../../core/catalog/catalog-types';
import type { ContactView } from '../../../core/contacts/contact-types';
import { client } from '../../api/client';
import type { PeriodParams } from '../../app/route';
import { EditContactDialog } from '../../desk/EditContactDialog';
import { errorMessage } from '../../ui/error-message';
import type { Amendment } from '../../desk/use-desk-session';
import { VoidDialog } from '../../desk/VoidDialog';
import { formatter } from '../../ui/format';
import { todayIn, type Period } from '../../reports/period';
import { browseRange, NO_FILTERS, type ContactFilters } from './browse-params';
import { ContactFilterBar } from './ContactFilterBar';
import { ContactTable } from './ContactTable';
import { whenText, withDayInTitle } from './contact-when';
import { useContactPages } from './use-contact-pages';
import './contact-browser.css';

type Open = { kind: 'edit' | 'void'; contact: ContactView } | null;
type Notice = { ok: boolean; text: string } | null;

interface Correction {
  contact: ContactView;
  write(): Promise<unknown>;
  /** The text key that says it was done. */
  done: string;
}

/**
 * The management area's contact browser: any day or range, filtered, newest first, a page at a
 * time, with the desk's own edit and void dialogs. Here earlier days are corrected; the desk itself
 * may change only today's work. The range and filters live in the address (renderer/app/route.ts).
 */
export function ContactBrowser({
  catalog,
  period,
  filters = NO_FILTERS,
  onChange,
}: {
  catalog: Catalog;
  period: PeriodParams;
  filters?: ContactFilters;
  onChange(range: Period, filters: ContactFilters): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const f = formatter(i18n.language);
  const id = useId();
  const today = todayIn(catalog.settings.timeZone);
  const range = useMemo(() => browseRange(period, today), [period, today]);
  const pages = useContactPages(range, filters);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const { page } = pages;
  const rangeText = f.range(range.from, range.to);
  const filtered = filters.topicId !== undefined || filters.deskId !== undefined || filters.entryKind !== undefined || filters.hideVoided;

  /** One correction: say what happened, and show the page again as the server now has it. */
  const correct = async ({ contact, write, done }: Correction) => {
    setNotice(null);
    try {
      await write();
      setNotice({ ok: true, text: t(done, { when: whenText(contact, t, f) }) });
    } catch (err) {
      setNotice({ ok: false, text: t('contactBrowser.failed', { error: errorMessage(t, err) }) });
    }
    pages.reload();
  };
  const amend = (contact: ContactView, changes: Amendment) =>
    void correct({ contact, write: () => client.amendContact({ contactId: contact.id, ...changes }), done: 'contactBrowser.amended' });
  const voidOne = (contact: ContactView, reason: VoidReason) =>
    void correct({ contact, write: () => client.voidContact({ contactId: contact.id, reason }), done: 'contactBrowser.voided' });

  return (
    <section className="panel contact-browser" aria-labelledby={`${id}-heading`} data-testid="contact-browser">
      <h2 id={`${id}-heading`}>{t('contactBrowser.heading')}</h2>
      <p className="note">{t('contactBrowser.explain')}</p>
      <ContactFilterBar
        catalog={catalog}
        today={today}
        range={range}
        filters={filters}
        onRange={(next) => onChange(next, filters)}
        onFilters={(next) => onChange(range, next)}
      />

      <div className="browse-status">
        <p className="browse-summary" aria-live="polite" data-testid="browse-summary">
          {page && t('contactBrowser.summary', { count: page.total, range: rangeText })}
          {page && page.counting < page.total && <> · {t('contactBrowser.voidedPart', { count: page.total - page.counting })}</>}
          {!page && pages.loading && t('app.loading')}
        </p>
        {notice && (
          <p className={notice.ok ? 'form-ok' : 'form-error'} role={notice.ok ? 'status' : 'alert'} data-testid="browse-notice">
            {notice.text}
          </p>
        )}
      </div>

      {pages.error !== null && (
        <div className="form-error" role="alert" data-testid="browse-error">
          <p>{errorMessage(t, pages.error)}</p>
          <button type="button" className="tool-button" onClick={pages.reload}>
            {t('app.retry')}
          </button>
        </div>
      )}

      {page && page.contacts.length === 0 && (
        <p className="empty" data-testid="browse-empty">
          {t(filtered ? 'contactBrowser.emptyFiltered' : 'contactBrowser.empty')}
        </p>
      )}
      {page && page.contacts.length > 0 && (
        <div className={pages.loading ? 'stale' : undefined} aria-busy={pages.loading}>
          <ContactTable
            catalog={catalog}
            contacts={page.contacts}
            caption={t('contactBrowser.caption', { range: rangeText })}
            onEdit={(contact) => setOpen({ kind: 'edit', contact })}
            onVoid={(contact) => setOpen({ kind: 'void', contact })}
          />
        </div>
      )}

      {page && (pages.hasNewer || page.nextBefore !== null) && (
        <nav className="browse-pages" aria-label={t('contactBrowser.pages')}>
          <button type="button" className="tool-button" onClick={pages.newer} disabled={!pages.hasNewer || pages.loading} data-testid="browse-newer">
            {t('contactBrowser.newer')}
          </button>
          <span className="browse-position" data-testid="browse-position">
            {t('contactBrowser.position', { first: f.count(pages.offset + 1), last: f.count(pages.offset + page.contacts.length) })}
          </span>
          <button type="button" className="tool-button" onClick={pages.older} disabled={page.nextBefore === null || pages.loading} data-testid="browse-older">
            {t('contactBrowser.older')}
          </button>
        </nav>
      )}

      {open?.kind === 'edit' && (
        <EditContactDialog
          catalog={catalog}
          contact={withDayInTitle(open.contact, t, f)}
          onSave={(changes) => amend(open.contact, changes)}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'void' && (
        <VoidDialog contact={withDayInTitle(open.contact, t, f)} onVoid={(reason) => voidOne(open.contact, reason)} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}
