import { useEffect } from 'react';
import type { Topic } from '../../core/catalog/catalog-types';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Topic hotkeys on the desk screen; silent while a dialog is open or a field takes typing. */
export function useTopicHotkeys(topics: Topic[], onTopic: (id: number) => void) {
  useEffect(() => {
    const byKey = new Map(topics.filter((t) => t.hotkey).map((t) => [t.hotkey!.toLowerCase(), t.id]));
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      if (document.querySelector('dialog[open]')) return;
      const id = byKey.get(e.key.toLowerCase());
      if (id === undefined) return;
      e.preventDefault();
      onTopic(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [topics, onTopic]);
}
