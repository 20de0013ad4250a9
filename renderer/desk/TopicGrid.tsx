import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../core/catalog/catalog-types';
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

/** The big buttons: one tap (or the hotkey shown on the button) logs a contact. */
export const TopicGrid = memo(function TopicGrid({ catalog, topics, onTopic }: { catalog: Catalog; topics: Topic[]; onTopic(id: number): void }) {
  const { t, i18n } = useTranslation();
  const labels = catalogLabels(catalog, i18n.language);
  return (
    <section className="topics" aria-labelledby="topics-heading">
      <h2 id="topics-heading" className="section-heading">
        {t('desk.topicsHeading')}
      </h2>
      <div className="topic-grid">
        {topics.map((topic) => (
          <button
            key={topic.id}
            type="button"
            className="topic-button"
            style={{ backgroundColor: topic.color }}
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
