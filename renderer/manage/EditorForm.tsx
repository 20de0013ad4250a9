import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../i18n/i18n';

/** The inline add/edit form of a list panel (theme days, closures): its heading, its fields, then cancel and save. */
export function EditorForm({
  heading,
  testId,
  saveLabel,
  saveTestId,
  busy,
  noValidate,
  onSubmit,
  onCancel,
  children,
}: {
  heading: string;
  testId: string;
  saveLabel: string;
  saveTestId: string;
  busy: boolean;
  /** The panel checks the fields itself and names every problem at once. */
  noValidate?: boolean;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const headingId = useId();
  return (
    <form
      className="editor-form"
      aria-labelledby={headingId}
      data-testid={testId}
      noValidate={noValidate}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={headingId}>{heading}</h3>
      {children}
      <div className="form-actions">
        <button type="button" className="tool-button" onClick={onCancel} disabled={busy}>
          {t('edit.cancel')}
        </button>
        <button type="submit" className="tool-button primary" disabled={busy} data-testid={saveTestId}>
          {saveLabel}
        </button>
      </div>
    </form>
  );
}
