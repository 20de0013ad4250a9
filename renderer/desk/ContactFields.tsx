import { memo, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { ASKERS, CHANNELS, type Asker, type Channel } from '../../core/base/enums';
import type { Catalog } from '../../core/catalog/catalog-types';
import { catalogLabels } from './catalog-labels';
import { ChipGroup } from './ChipGroup';

export interface ContactFieldValues {
  languageId: number;
  channel: Channel;
  asker: Asker;
  referralIds: number[];
}

const toggle = (ids: readonly number[], id: number) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);

/**
 * The chips for language, channel, who asked and referrals: the same controls on the desk
 * (for the next tap) and in the edit dialog (for a stored contact).
 */
export const ContactFields = memo(function ContactFields({
  catalog,
  value,
  onChange,
  keep = [],
}: {
  catalog: Catalog;
  value: ContactFieldValues;
  /** Given updates, not values: two chips tapped before a redraw must both apply. */
  onChange: Dispatch<SetStateAction<ContactFieldValues>>;
  /** Retired entries an existing contact already carries stay selectable. */
  keep?: number[];
}) {
  const { t, i18n } = useTranslation();
  const labels = catalogLabels(catalog, i18n.language);
  const shown = <T extends { id: number; retired: boolean }>(entries: T[]) => entries.filter((e) => !e.retired || keep.includes(e.id));
  return (
    <>
      <ChipGroup
        testId="chips-language"
        label={t('desk.language')}
        options={shown(catalog.languages).map((l) => ({ value: l.id, label: labels.language(l.id) }))}
        selected={[value.languageId]}
        onToggle={(languageId) => onChange((current) => ({ ...current, languageId }))}
      />
      <ChipGroup
        testId="chips-channel"
        label={t('desk.channel')}
        options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        selected={[value.channel]}
        onToggle={(channel) => onChange((current) => ({ ...current, channel }))}
      />
      <ChipGroup
        testId="chips-asker"
        label={t('desk.asker')}
        options={ASKERS.map((a) => ({ value: a, label: t(`asker.${a}`) }))}
        selected={[value.asker]}
        onToggle={(asker) => onChange((current) => ({ ...current, asker }))}
      />
      <ChipGroup
        testId="chips-referrals"
        label={t('desk.referrals')}
        options={shown(catalog.organisations).map((o) => ({ value: o.id, label: labels.organisation(o.id) }))}
        selected={value.referralIds}
        onToggle={(id) => onChange((current) => ({ ...current, referralIds: toggle(current.referralIds, id).slice(-5) }))}
        none={{ label: t('desk.noReferral'), onSelect: () => onChange((current) => ({ ...current, referralIds: [] })) }}
      />
    </>
  );
});
