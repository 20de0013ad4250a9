import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { CatalogKind } from '../../../core/catalog/catalog-references';
import type { CatalogMerge } from '../../../core/catalog/catalog-edit-types';
import { client } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useAction } from '../../ui/use-action';
import { entryName, listOrder, type Entry } from './catalog-helpers';

/**
 * Merging in two steps: choose the target, see what the merge will re-attribute (a dry run),
 * then confirm. Changing the target goes back to the first step.
 */
export function MergeDialog({
  kind,
  source,
  entries,
  onClose,
  onMerged,
}: {
  kind: CatalogKind;
  source: Entry;
  entries: Entry[];
  onClose(): void;
  onMerged(merge: CatalogMerge, target: Entry): Promise<void>;
}) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const targets = listOrder(entries).filter((e) => !e.retired && e.id !== source.id);
  const [targetId, setTargetId] = useState<number | null>(null);
  const [preview, setPreview] = useState<CatalogMerge | null>(null);
  const { busy, error, run } = useAction();
  const target = targets.find((e) => e.id === targetId) ?? null;
  const name = (e: Entry) => entryName(e, i18n.language);

  const submit = async () => {
    if (!target) return;
    await run(async () => {
      if (!preview) {
        setPreview(await client.mergeCatalogEntries({ kind, sourceId: source.id, targetId: target.id, dryRun: true }));
      } else {
        const merge = await client.mergeCatalogEntries({ kind, sourceId: source.id, targetId: target.id, dryRun: false });
        await onMerged(merge, target);
      }
    });
  };

  // A topic group carries no contacts: what moves are its topics.
  const group = kind === 'topicGroup';
  const countText = (m: CatalogMerge, targetName: string) =>
    group ? t('catalog.mergeTopics', { count: m.otherRows, target: targetName }) : t('catalog.mergeCount', { count: m.contacts, target: targetName });
  const explain = () => {
    const names = { source: name(source), ...(target && { target: name(target) }) };
    if (group) return target ? t('catalog.mergeGroupExplain', names) : t('catalog.mergeGroupIntro', names);
    return target ? t('catalog.mergeExplain', names) : t('catalog.mergeIntro', names);
  };

  return (
    <Dialog testId="catalog-merge-dialog" title={t('catalog.mergeHeading', { name: name(source) })} onClose={onClose} onSubmit={() => void submit()}>
      {targets.length === 0 ? (
        <p>{t('catalog.noTargets')}</p>
      ) : (
        <label className="merge-target">
          <span>{t('catalog.mergeTarget')}</span>
          <select
            value={targetId ?? ''}
            onChange={(e) => {
              setTargetId(e.target.value ? Number(e.target.value) : null);
              setPreview(null);
            }}
            data-testid="catalog-merge-target"
            aria-describedby={`${id}-explain`}
          >
            <option value="">{t('catalog.mergeChoose')}</option>
            {targets.map((e) => (
              <option key={e.id} value={e.id}>
                {name(e)}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="note" id={`${id}-explain`}>
        {explain()}
      </p>
      {preview && target && (
        <div className="merge-preview" role="status" data-testid="catalog-merge-preview">
          <p className="merge-count">{countText(preview, name(target))}</p>
          {preview.alreadyWithTarget > 0 && <p>{t('catalog.mergeBoth', { count: preview.alreadyWithTarget, target: name(target) })}</p>}
          {!group && preview.otherRows > 0 && <p>{t('catalog.mergeOther', { count: preview.otherRows })}</p>}
        </div>
      )}
      <ErrorText error={error} testId="catalog-merge-error" />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('edit.cancel')}
        </button>
        <button
          type="submit"
          className={preview ? 'danger' : 'primary'}
          disabled={busy || !target}
          data-testid={preview ? 'catalog-merge-confirm' : 'catalog-merge-check'}
        >
          {preview ? t('catalog.mergeConfirm') : t('catalog.mergeCheck')}
        </button>
      </div>
    </Dialog>
  );
}
