import { useId, type ReactNode } from 'react';

/**
 * A labelled control with its hint below, the panels' one form row. The hint is tied to the control
 * (`aria-describedby`), so a screen reader reads what a field expects or what is wrong with it.
 */
export function Field({ label, hint, className, children }: { label: string; hint: ReactNode; className?: string; children(hintId: string): ReactNode }) {
  const hintId = useId();
  return (
    <label className={className}>
      <span>{label}</span>
      {children(hintId)}
      <span id={hintId} className="hint">
        {hint}
      </span>
    </label>
  );
}
