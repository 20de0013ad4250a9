import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientError } from '../../core/api/client';
import type { ContactView } from '../../core/contacts/contact-types';
import type { CatalogLabels } from './catalog-labels';
import { contactSummary } from './contact-summary';
import { formatDay } from './entry-options';
import { errorMessage } from '../ui/error-message';
import { contactsIn, describeTap, refusalText } from './queued-tap-text';
import type { TapSender } from './use-tap-sender';
import type { Notice } from './use-desk-session';

type Tone = 'saved' | 'neutral' | 'warning' | 'error';

/**
 * One banner of fixed size: a title line and a detail line (each cut with "…" rather than wrapped,
 * the full text in its tooltip) and its buttons. Whatever it shows, its box never changes, so
 * nothing on the desk moves under a finger when a confirmation comes or goes.
 */
function Banner({
  tone,
  title,
  detail,
  actions,
  testId,
  alert = false,
  countdown = false,
}: {
  tone: Tone;
  title: string;
  detail?: string;
  actions?: ReactNode;
  testId?: string;
  alert?: boolean;
  countdown?: boolean;
}) {
  return (
    <div className={`banner ${tone}`} role={alert ? 'alert' : undefined} data-testid={testId}>
      <div className="banner-text">
        <strong className="banner-title" title={title}>
          {title}
        </strong>
        {detail && (
          <span className="banner-detail" title={detail}>
            {detail}
          </span>
        )}
      </div>
      {actions && <div className="banner-actions">{actions}</div>}
      {countdown && <span className="countdown" aria-hidden="true" />}
    </div>
  );
}

/** How long a just-shown "discard" button ignores taps. */
const ARM_AFTER_MS = 1_000;

/**
 * Discarding a refused tap cannot be taken back, and its button appears where "Nochmals senden" was a
 * moment ago: a tap meant for that one must not land on this one. So it takes taps only after a second.
 */
function AcknowledgeButton({ label, ariaLabel, onAcknowledge }: { label: string; ariaLabel: string; onAcknowledge(): void }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), ARM_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <button type="button" onClick={() => armed && onAcknowledge()} aria-label={ariaLabel} data-armed={armed} data-testid="acknowledge-refused">
      {label}
    </button>
  );
}

/**
 * The desk's status line, between the counter and the topics. In order of precedence: the answer to
 * what was just done when it failed, taps the server refused for good (shown until someone has seen
 * them), taps that wait (how many, which, and "Nochmals senden"), a slow save, then the latest confirmation.
 */
export function StatusSlot({
  notice,
  queue,
  labels,
  onUndo,
  onAmend,
  onDismiss,
}: {
  notice: Notice | null;
  queue: TapSender;
  labels: CatalogLabels;
  onUndo(c: ContactView, count: number, backdated: boolean): void;
  onAmend(c: ContactView): void;
  onDismiss(): void;
}) {
  const { t, i18n } = useTranslation();
  const dismiss = (
    <button type="button" onClick={onDismiss}>
      {t('confirm.dismiss')}
    </button>
  );

  const banner = (() => {
    if (notice?.kind === 'error') return <Banner tone="error" alert title={t('confirm.notSaved')} detail={errorMessage(t, notice.error)} actions={dismiss} />;
    if (notice?.kind === 'refused')
      return <Banner tone="error" alert title={t('confirm.notSaved')} detail={t(`entry.errors.${notice.reason}`)} actions={dismiss} />;
    const [refused] = queue.refused;
    if (refused) {
      const tap = describeTap(t, labels, refused);
      return (
        <Banner
          key={`refused-${refused.input.requestId}`}
          tone="error"
          alert
          testId="refused-taps"
          title={t('queue.refused', { count: queue.refused.length, tap })}
          detail={refusalText(t, refused)}
          actions={
            <AcknowledgeButton
              label={t('queue.acknowledge')}
              ariaLabel={t('queue.acknowledgeLabel', { tap })}
              onAcknowledge={() => queue.acknowledge(refused.input.requestId)}
            />
          }
        />
      );
    }
    if (queue.waiting.length > 0) {
      const count = contactsIn(queue.waiting);
      const problem = queue.lastProblem instanceof ClientError ? errorMessage(t, queue.lastProblem) : null;
      return (
        <Banner
          key="waiting"
          tone="warning"
          testId="queued-taps"
          title={problem ? t('queue.waitingServer', { count, problem }) : t('queue.waiting', { count })}
          detail={queue.waiting.map((tap) => describeTap(t, labels, tap)).join(' · ')}
          actions={
            <button type="button" onClick={queue.sendWaiting} data-testid="send-waiting">
              {t('queue.sendNow')}
            </button>
          }
        />
      );
    }
    // A slow save says so in place of the previous confirmation, which must not pass for this tap's.
    if (queue.saving) return <Banner tone="neutral" testId="saving" title={t('desk.saving')} />;
    if (!notice) return null;
    if (notice.kind === 'sentQueued')
      return <Banner tone="saved" testId="queued-sent" title={t('confirm.queuedSent', { count: notice.count })} actions={dismiss} />;
    if (notice.kind !== 'saved' && notice.kind !== 'undone') {
      return <Banner tone="neutral" title={t(`confirm.${notice.kind}`)} detail={contactSummary(t, labels, notice.contact)} />;
    }
    const { contact, count, backdated } = notice;
    const when = `${formatDay(contact.localDay, i18n.language, true)} ${contact.localTime}`;
    // A back-dated confirmation names its time in the title; the detail then leaves it out.
    const detail = contactSummary(t, labels, contact, { withTime: !backdated });
    if (notice.kind === 'undone')
      return <Banner tone="neutral" title={count > 1 ? t('confirm.undoneBatch', { count }) : t('confirm.undone')} detail={detail} />;
    const title = backdated
      ? count > 1
        ? t('confirm.savedBatchBackdated', { count, when })
        : t('confirm.savedBackdated', { when })
      : count > 1
        ? t('confirm.savedBatch', { count })
        : t('confirm.saved');
    return (
      <Banner
        key={`saved-${contact.id}`} // a new confirmation restarts its countdown
        tone="saved"
        title={title}
        detail={detail}
        countdown
        actions={
          <>
            <button type="button" onClick={() => onUndo(contact, count, backdated)} data-testid="undo">
              {t('confirm.undo')}
            </button>
            {count === 1 && (
              <button type="button" onClick={() => onAmend(contact)} data-testid="amend">
                {t('confirm.amend')}
              </button>
            )}
          </>
        }
      />
    );
  })();

  return (
    <div className="status-slot" role="status" aria-live="polite" data-testid="confirmation">
      {banner}
    </div>
  );
}
