import { useState } from 'react';

/**
 * The draft of a list panel's inline editor (theme days, closures): null while the form is closed.
 * Problems show only after a first try to save, so a new form does not open full of red.
 */
export function useDraft<D extends object>(onStart: () => void) {
  const [draft, setDraft] = useState<D | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  return {
    draft,
    showProblems,
    set: (patch: Partial<D>) => setDraft((d) => (d ? { ...d, ...patch } : d)),
    /** Opens the form on `d` (new or an existing entry); the panel's last message goes away. */
    start: (d: D) => {
      setDraft(d);
      setShowProblems(false);
      onStart();
    },
    close: () => setDraft(null),
    revealProblems: () => setShowProblems(true),
  };
}
