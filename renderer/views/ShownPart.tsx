import type { ReactNode } from 'react';
import { usePartShown } from './sections';

/** A part of the report screen that a saved view can leave out (the headline); rendered only when shown. */
export function ShownPart({ part, children }: { part: string; children: ReactNode }) {
  return usePartShown(part) ? children : null;
}
