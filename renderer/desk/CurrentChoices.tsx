import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogLabels } from './catalog-labels';
import type { Draft } from './use-desk-session';

/**
 * What the next tap will store besides its topic, always in sight beside the grid even when the
 * chips are scrolled away: "Deutsch · persönlich · Bürger*in". A value that differs from the
 * default stands out, and one click brings all back. One line of fixed height: it never moves the grid.
 */
export const CurrentChoices = memo(function CurrentChoices({
  draft,
  defaults,
  labels,
  onReset,
}: {
  draft: Draft;
  defaults: Draft;
  labels: CatalogLabels;
  onReset(): void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const values = [
    { key: 'language', text: labels.language(draft.languageId), changed: draft.languageId !== defaults.languageId },
    { key: 'channel', text: t(`channel.${draft.channel}`), changed: draft.channel !== defaults.channel },
    { key: 'asker', text: t(`asker.${draft.asker}`), changed: draft.asker !== defaults.asker },
    ...(draft.referralIds.length > 0
      ? [{ key: 'referrals', text: t('desk.currentReferrals', { names: draft.referralIds.map(labels.organisation).join(', ') }), changed: true }]
      : []),
  ];
  const anyChanged = values.some((v) => v.changed);
  return (
    <div className={anyChanged ? 'current-choices changed' : 'current-choices'} role="group" aria-labelledby={headingId} data-testid="current-choices">
      <span className="current-choices-label" id={headingId}>
        {t('desk.current')}
      </span>
      <span className="current-choices-values" title={values.map((v) => v.text).join(' · ')}>
        {values.map((v, i) => (
          <span key={v.key}>
            {i > 0 && ' · '}
            <span className={v.changed ? 'choice changed' : 'choice'} data-testid={`current-${v.key}`} data-changed={v.changed}>
              {v.text}
              {v.changed && <span className="visually-hidden"> ({t('desk.currentChanged')})</span>}
            </span>
          </span>
        ))}
      </span>
      <button
        type="button"
        className="reset-choices"
        onClick={onReset}
        disabled={!anyChanged}
        aria-label={t('desk.resetChoicesLabel')}
        title={t('desk.resetChoicesLabel')}
        data-testid="reset-choices"
      >
        {t('desk.resetChoices')}
      </button>
    </div>
  );
});
