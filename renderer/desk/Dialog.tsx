import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A native modal dialog: the browser traps focus, closes on Escape and restores focus.
 * Its content is a form, so Enter submits.
 */
export function Dialog({
  title,
  onClose,
  onSubmit,
  children,
  testId,
}: {
  title: string;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
  testId: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // Unmounting removes the element, which closes it; no cleanup, so StrictMode's re-run keeps it open.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${testId}-title`} onClose={onClose} data-testid={testId}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2 id={`${testId}-title`}>{title}</h2>
        {children}
      </form>
    </dialog>
  );
}
