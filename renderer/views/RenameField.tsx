import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VIEW_NAME_MAX } from '../../core/views/view-types';
import { MANAGE_NAMESPACE } from '../i18n/i18n';
import { errorMessage } from '../ui/error-message';

/** A view's name, edited in place: Enter saves, Escape cancels; a refusal shows under the field, tied to it. */
export function RenameField({
  name,
  busy,
  error,
  onSave,
  onCancel,
}: {
  name: string;
  busy: boolean;
  error: unknown;
  onSave(name: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const [draft, setDraft] = useState(name);
  const ref = useRef<HTMLInputElement>(null);
  const hintId = useId();
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <span className="rename-field">
      <input
        ref={ref}
        type="text"
        value={draft}
        maxLength={VIEW_NAME_MAX}
        aria-label={t('savedViews.renameLabel', { name })}
        aria-describedby={hintId}
        aria-invalid={error !== null}
        readOnly={busy}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!busy) onSave(draft);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
        data-testid="saved-view-rename-input"
        autoComplete="off"
      />
      <span id={hintId} className={error !== null ? 'form-error' : 'hint'} role={error !== null ? 'alert' : undefined} data-testid="saved-view-rename-hint">
        {error !== null ? errorMessage(t, error) : t('savedViews.renameHint')}
      </span>
    </span>
  );
}
