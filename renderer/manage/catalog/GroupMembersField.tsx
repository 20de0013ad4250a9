import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { entryName, groupHolding, memberChoices, type Draft } from './catalog-helpers';

/**
 * A topic group's topics: one checkbox per topic, in catalog order. A topic another active group
 * holds says so beside its name; ticking it anyway is refused on saving, naming both.
 */
export function GroupMembersField({
  draft,
  catalog,
  invalid,
  onChange,
}: {
  draft: Draft;
  catalog: Catalog;
  invalid: boolean;
  onChange(topicIds: number[]): void;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  return (
    <fieldset className="sdg-field member-field" data-testid="catalog-field-topics" aria-describedby={`${id}-hint`} aria-invalid={invalid}>
      <legend>{t('catalog.fields.topicIds')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t('catalog.fields.topicIdsHint')}
      </p>
      <div className="sdg-grid">
        {memberChoices(catalog, draft).map((topic) => {
          const holder = groupHolding(catalog, topic.id, draft.id);
          const notes = [
            topic.retired ? t('catalog.fields.topicRetired') : null,
            holder ? t('catalog.fields.topicInGroup', { group: entryName(holder, i18n.language) }) : null,
          ];
          const note = notes.filter(Boolean).join(', ');
          return (
            <label key={topic.id} className="sdg-option">
              <input
                type="checkbox"
                checked={draft.topicIds.includes(topic.id)}
                onChange={(e) => onChange(e.target.checked ? [...draft.topicIds, topic.id] : draft.topicIds.filter((x) => x !== topic.id))}
                data-testid={`catalog-member-${topic.id}`}
              />
              <span className="swatch" style={{ background: topic.color }} aria-hidden="true" />
              <span>
                {entryName(topic, i18n.language)}
                {note && <span className="sub"> ({note})</span>}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
