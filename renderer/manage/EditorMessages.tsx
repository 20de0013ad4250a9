import { ErrorText } from '../ui/ErrorText';

/** The confirmation and the error line of an editor panel (theme days, closures), each with its test id. */
export function EditorMessages({ notice, error, testIdPrefix }: { notice: string | null; error: unknown; testIdPrefix: string }) {
  return (
    <>
      {notice && (
        <p className="form-ok" role="status" data-testid={`${testIdPrefix}-notice`}>
          {notice}
        </p>
      )}
      <ErrorText error={error} testId={`${testIdPrefix}-error`} />
    </>
  );
}
