import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A native modal dialog: the browser traps focus, closes on Escape and restores focus.
 * Its content is a form; Enter submits it from any control, Escape cancels.
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
        onKeyDown={(e) => {
          // Enter confirms from anywhere in the dialog; Space still toggles a focused chip.
          const target = e.target as HTMLElement;
          if (e.key === 'Enter' && !target.closest('.dialog-actions')) {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
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
