import { useTranslation } from 'react-i18next';
import { errorMessage } from '../desk/error-message';

/** The confirmation and the error line of an editor panel (theme days, closures), each with its test id. */
export function EditorMessages({ notice, error, testIdPrefix }: { notice: string | null; error: unknown; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      {notice && (
        <p className="form-ok" role="status" data-testid={`${testIdPrefix}-notice`}>
          {notice}
        </p>
      )}
      {error !== null && (
        <p className="form-error" role="alert" data-testid={`${testIdPrefix}-error`}>
          {errorMessage(t, error)}
        </p>
      )}
    </>
  );
}
