import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../core/catalog/catalog-types';
import { readableTextColor } from '../ui/text-contrast';
import { catalogLabels } from './catalog-labels';
import type { Catalog } from '../../core/catalog/catalog-types';

/** Lets "Grundsicherung/Sozialhilfe" wrap at the slash instead of mid-word. */
const withBreakAfterSlash = (label: string) =>
  label.split('/').map((part, i, all) => (
    <Fragment key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </Fragment>
  ));

/**
 * The big buttons: one tap (or the hotkey shown on the button) logs a contact. While the next tap is
 * back-dated (`pendingWhen`) or stands for several contacts (`pendingCount` > 1), badges beside the
 * heading and a marked grid say so, so nobody logs a batch by accident.
 */
export const TopicGrid = memo(function TopicGrid({
  catalog,
  topics,
  onTopic,
  pendingWhen,
  pendingCount = 1,
  onResetPending,
}: {
  catalog: Catalog;
  topics: Topic[];
  onTopic(id: number): void;
  pendingWhen?: string;
  pendingCount?: number;
  onResetPending?(): void;
}) {
  const { t, i18n } = useTranslation();
  const labels = catalogLabels(catalog, i18n.language);
  const pending = pendingWhen !== undefined || pendingCount > 1;
  return (
    <section className={pending ? 'topics pending' : 'topics'} aria-labelledby="topics-heading" id="topics">
      <div className="topics-head">
        <h2 id="topics-heading" className="section-heading">
          {t('desk.topicsHeading')}
        </h2>
        {pending && (
          <p className="pending-entry" role="status" data-testid="pending-entry">
            {pendingWhen !== undefined && (
              <span className="pending-badge" data-testid="pending-backdate">
                {t('entry.pendingBackdate', { when: pendingWhen })}
              </span>
            )}
            {pendingCount > 1 && (
              <span className="pending-badge" data-testid="pending-batch" title={t('entry.pendingBatchLabel', { count: pendingCount })}>
                <span aria-hidden="true">{t('entry.pendingBatch', { times: pendingCount })}</span>
                <span className="visually-hidden">{t('entry.pendingBatchLabel', { count: pendingCount })}</span>
              </span>
            )}
            {onResetPending && (
              <button type="button" className="pending-reset" onClick={onResetPending} data-testid="pending-reset">
                {t('entry.reset')}
              </button>
            )}
          </p>
        )}
      </div>
      <div className="topic-grid">
        {topics.map((topic) => (
          <button
            key={topic.id}
            type="button"
            className="topic-button"
            style={{ backgroundColor: topic.color, color: readableTextColor(topic.color) }}
            onClick={() => onTopic(topic.id)}
            aria-keyshortcuts={topic.hotkey ?? undefined}
            data-testid={`topic-${topic.id}`}
          >
            <span className="topic-label">{withBreakAfterSlash(labels.topic(topic.id))}</span>
            {topic.hotkey && (
              <kbd className="hotkey" title={t('desk.hotkeyHint', { key: topic.hotkey.toUpperCase() })}>
                {topic.hotkey.toUpperCase()}
              </kbd>
            )}
          </button>
        ))}
      </div>
    </section>
  );
});
