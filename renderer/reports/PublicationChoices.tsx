import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { PUBLICATION_METHODS, type PublicationMethod } from '../../core/publication/publication-inputs';
import { RadioGroup } from '../ui/RadioGroup';
import './publication.css';

/**
 * Beside the publication switch: in publication mode the method (the cell-key method first and the
 * default; suppression for one table published once), with a sentence on what it means; and, where the
 * report has topics, "Themencluster statt Themen" (in any mode). Both live in the address like the period.
 */
export function PublicationChoices({
  publication,
  method,
  onMethod,
  topicGroups,
  onTopicGroups,
}: {
  publication: boolean;
  method: PublicationMethod;
  onMethod(method: PublicationMethod): void;
  topicGroups?: boolean;
  /** Left out where there are no topic rows to group (the pivot tab). */
  onTopicGroups?(on: boolean): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  if (!publication && !onTopicGroups) return null;
  return (
    <div className="publication-choices" data-testid="publication-choices">
      {publication && (
        <div className="publication-method" data-testid="publication-method">
          <RadioGroup
            legend={t('publication.method')}
            choices={PUBLICATION_METHODS}
            value={method}
            label={(m) => t(`publication.methods.${m}`)}
            onChange={onMethod}
            testIdPrefix="publication-method"
            className="publication-method-choices"
          />
          <p className="switch-hint publication-method-hint" id={`${id}-method-hint`} data-testid="publication-method-hint">
            {t(`publication.methodHints.${method}`)}
          </p>
        </div>
      )}
      {onTopicGroups && (
        <label className="switch" data-testid="topic-groups-switch">
          <input
            type="checkbox"
            role="switch"
            checked={!!topicGroups}
            onChange={(e) => onTopicGroups(e.target.checked)}
            aria-describedby={`${id}-groups-hint`}
          />
          <span className="switch-track" aria-hidden="true" />
          <span>
            <span className="switch-label">{t('publication.topicGroups')}</span>
            <span id={`${id}-groups-hint`} className="switch-hint">
              {t('publication.topicGroupsHint')}
            </span>
          </span>
        </label>
      )}
    </div>
  );
}

/** The one sentence a published report carries under its period, on screen and on paper (the same words as its exports). */
export function PublicationNote({ method }: { method: PublicationMethod }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  return (
    <p className="publication-note" data-testid="publication-note">
      {t(`publication.note.${method}`)}
    </p>
  );
}
