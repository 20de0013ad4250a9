import { useId } from 'react';

/** One choice of a few, as radio buttons under a legend (arrow keys move between them, as in any radio group). */
export function RadioGroup<T extends string>({
  legend,
  choices,
  value,
  label,
  onChange,
  testIdPrefix,
  className,
}: {
  legend: string;
  choices: readonly T[];
  value: T;
  label(choice: T): string;
  onChange(choice: T): void;
  /** Each radio's test id is `${testIdPrefix}-${choice}`. */
  testIdPrefix: string;
  className?: string;
}) {
  const name = useId();
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice} className="radio">
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            onChange={() => onChange(choice)}
            data-testid={`${testIdPrefix}-${choice}`}
          />
          {label(choice)}
        </label>
      ))}
    </fieldset>
  );
}
