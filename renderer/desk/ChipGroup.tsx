import { useId } from 'react';

export interface ChipOption<V> {
  value: V;
  label: string;
}

interface ChipGroupProps<V> {
  label: string;
  options: ChipOption<V>[];
  selected: readonly V[];
  onToggle(value: V): void;
  /** For multi-select groups: a chip that clears the choice, pressed while nothing is chosen. */
  none?: { label: string; onSelect(): void };
  testId: string;
}

/** A labelled row of toggle chips; pressed state is announced through aria-pressed. */
export function ChipGroup<V extends string | number>({ label, options, selected, onToggle, none, testId }: ChipGroupProps<V>) {
  const headingId = useId();
  return (
    <div className="chip-group" role="group" aria-labelledby={headingId} data-testid={testId}>
      <span className="chip-group-label" id={headingId}>
        {label}
      </span>
      <div className="chips">
        {none && (
          <button type="button" className="chip" aria-pressed={selected.length === 0} onClick={none.onSelect}>
            {none.label}
          </button>
        )}
        {options.map((o) => (
          <button key={o.value} type="button" className="chip" aria-pressed={selected.includes(o.value)} onClick={() => onToggle(o.value)} data-value={o.value}>
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}
