import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { ClientError } from '../../../core/api/client';
import type { Catalog } from '../../../core/catalog/catalog-types';
import { client } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { errorMessage } from '../../ui/error-message';
import { useAction } from '../../ui/use-action';
import { entryInput, LABEL_MAX, problems, SDG_GOALS, type Draft, type Entry, type Problem } from './catalog-helpers';
import { GroupMembersField } from './GroupMembersField';
import { TopicPreview } from './TopicPreview';

export function problemText(t: TFunction, p: Problem): string {
  const field = t(`catalog.fields.${p.field}`);
  switch (p.reason) {
    case 'duplicate':
      return t('catalog.problems.duplicate', { field, value: p.value });
    case 'taken':
      return t('catalog.problems.hotkeyTaken', { key: p.key, name: p.topic.labelDe });
    case 'inGroup':
      return t('catalog.problems.inGroup', { topic: p.topic.labelDe, group: p.group.labelDe });
    default:
      if (p.field === 'topicIds') return t('catalog.problems.noTopics');
      return t(`catalog.problems.${p.field === 'hotkey' || p.field === 'code' || p.field === 'color' ? p.field : p.reason}`, { field });
  }
}

/** A server refusal in words: a field the form knows is named, anything else gets the general message. */
function refusalText(t: TFunction, err: unknown): string {
  // A group's topic is refused by its place in the list (`topicIds.2`): the field is the list.
  const field = err instanceof ClientError ? err.body.field?.replace(/^topicIds\.\d+$/, 'topicIds') : undefined;
  if (field === 'topicIds') return t('catalog.problems.refused', { field: t('catalog.fields.topicIds') });
  if (err instanceof ClientError && field && ['name', 'labelDe', 'labelEn', 'code', 'hotkey', 'color'].includes(field)) {
    return t(err.body.code === 'conflict' ? 'catalog.problems.retiredHasName' : 'catalog.problems.refused', { field: t(`catalog.fields.${field}`) });
  }
  return errorMessage(t, err);
}

/** Add or edit one catalog entry: the fields of its kind, checked before sending. */
export function EntryDialog({
  draft: initial,
  catalog,
  onClose,
  onSaved,
}: {
  draft: Draft;
  catalog: Catalog;
  onClose(): void;
  onSaved(entry: Entry): Promise<void>;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [showProblems, setShowProblems] = useState(false);
  const { busy, error, run } = useAction();
  const found = problems(draft, catalog);
  const invalid = (field: Problem['field']) => showProblems && found.some((p) => p.field === field);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async () => {
    if (found.length > 0) return setShowProblems(true);
    await run(async () => {
      const saved = await client.saveCatalogEntry(entryInput(draft));
      await onSaved(saved.entry);
    });
  };

  const text = (field: 'name' | 'labelDe' | 'labelEn', testId: string) => (
    <label>
      <span>{t(`catalog.fields.${field}`)}</span>
      <input
        type="text"
        value={draft[field]}
        maxLength={LABEL_MAX}
        onChange={(e) => set({ [field]: e.target.value })}
        aria-invalid={invalid(field)}
        data-testid={testId}
        autoComplete="off"
      />
    </label>
  );

  const title = draft.id === undefined ? t(`catalog.add.${draft.kind}`) : t(`catalog.editHeading.${draft.kind}`);

  return (
    <Dialog testId="catalog-entry-dialog" title={title} onClose={onClose} onSubmit={() => void save()}>
      <div className="catalog-dialog-body">
        <div className="form-grid catalog-form">
          {(draft.kind === 'organisation' || draft.kind === 'desk') && text('name', 'catalog-field-name')}
          {draft.kind === 'language' && (
            <label>
              <span>{t('catalog.fields.code')}</span>
              <input
                type="text"
                value={draft.code}
                maxLength={3}
                onChange={(e) => set({ code: e.target.value.toLowerCase() })}
                aria-invalid={invalid('code')}
                aria-describedby={`${id}-code-hint`}
                data-testid="catalog-field-code"
                autoComplete="off"
              />
              <span className="hint" id={`${id}-code-hint`}>
                {t('catalog.fields.codeHint')}
              </span>
            </label>
          )}
          {(draft.kind === 'topic' || draft.kind === 'language' || draft.kind === 'topicGroup') && (
            <>
              {text('labelDe', 'catalog-field-label-de')}
              {text('labelEn', 'catalog-field-label-en')}
            </>
          )}
          {draft.kind === 'topic' && (
            <>
              <label>
                <span>{t('catalog.fields.color')}</span>
                <span className="color-field">
                  <input
                    type="color"
                    value={draft.color}
                    onChange={(e) => set({ color: e.target.value })}
                    aria-invalid={invalid('color')}
                    data-testid="catalog-field-color"
                  />
                  <code>{draft.color}</code>
                </span>
              </label>
              <TopicPreview color={draft.color} labelDe={draft.labelDe} labelEn={draft.labelEn} hotkey={draft.retired ? '' : draft.hotkey} />
              <label>
                <span>{t('catalog.fields.hotkey')}</span>
                <input
                  type="text"
                  className="hotkey-input"
                  value={draft.hotkey}
                  maxLength={1}
                  disabled={draft.retired}
                  onChange={(e) => set({ hotkey: e.target.value.toUpperCase() })}
                  aria-invalid={invalid('hotkey')}
                  aria-describedby={`${id}-hotkey-hint`}
                  data-testid="catalog-field-hotkey"
                  autoComplete="off"
                />
                <span className="hint" id={`${id}-hotkey-hint`}>
                  {draft.retired ? t('catalog.fields.hotkeyRetired') : t('catalog.fields.hotkeyHint')}
                </span>
              </label>
            </>
          )}
        </div>
        {draft.kind === 'topic' && (
          <fieldset className="sdg-field" data-testid="catalog-field-sdgs">
            <legend>{t('catalog.fields.sdgs')}</legend>
            <div className="sdg-grid">
              {SDG_GOALS.map((goal) => (
                <label key={goal} className="sdg-option">
                  <input
                    type="checkbox"
                    checked={draft.sdgs.includes(goal)}
                    onChange={(e) => set({ sdgs: e.target.checked ? [...draft.sdgs, goal] : draft.sdgs.filter((g) => g !== goal) })}
                    data-testid={`catalog-sdg-${goal}`}
                  />
                  <span className="sdg-number">{goal}</span>
                  <span>{t(`catalog.sdg.g${goal}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {draft.kind === 'topicGroup' && (
          <GroupMembersField draft={draft} catalog={catalog} invalid={invalid('topicIds')} onChange={(topicIds) => set({ topicIds })} />
        )}
        {showProblems && found.length > 0 && (
          <ul className="form-error" role="alert" data-testid="catalog-problems">
            {found.map((p) => (
              <li key={`${p.field}-${p.reason}-${p.reason === 'inGroup' ? p.topic.id : ''}`}>{problemText(t, p)}</li>
            ))}
          </ul>
        )}
        {error !== null && (
          <p className="form-error" role="alert" data-testid="catalog-entry-error">
            {refusalText(t, error)}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('edit.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="catalog-entry-save">
          {t('catalog.save')}
        </button>
      </div>
    </Dialog>
  );
}
