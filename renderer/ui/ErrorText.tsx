import { useTranslation } from 'react-i18next';
import { errorMessage } from './error-message';

/** A refusal or failure under a form or panel, in words, announced at once; nothing when there is none. */
export function ErrorText({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (error === null) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {errorMessage(t, error)}
    </p>
  );
}
