import { memo, useEffect, useId, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { ChipGroup } from './ChipGroup';
import { checkEarlier, clampCount, dateBounds, DEFAULT_ENTRY, defaultEarlier, MAX_COUNT, MIN_COUNT, type EntryOptions } from './entry-options';

/**
 * "Nachtragen / Mehrere": when the next contact happened (now, or an earlier date and time) and how
 * many contacts one tap stands for. One-off choices: the desk session resets them after each tap.
 */
export const EntryOptionsPanel = memo(function EntryOptionsPanel({
  value,
  onChange,
}: {
  value: EntryOptions;
  onChange: Dispatch<SetStateAction<EntryOptions>>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const countLabelId = useId();
  const errorId = useId();
  const countNoteId = useId();
  const now = Date.now();
  const check = value.earlier ? checkEarlier(value.earlier, now) : null;
  const error = check && !check.ok ? check.reason : null;
  const bounds = dateBounds(now);
  // From the latest state, not this render's: two quick taps on + before a re-render must both count.
  const step = (delta: number) => onChange((current) => ({ ...current, count: clampCount(current.count + delta) }));

  // The typed number may be empty for a moment while staff type "25"; the count itself is always 1–50.
  const [text, setText] = useState(String(value.count));
  useEffect(() => setText(String(value.count)), [value.count]);
  // "60" becomes 50, "0" becomes 1: said next to the field, not done silently, until the count changes again
  // (a tap puts back the very DEFAULT_ENTRY object, which ends the note too).
  const [note, setNote] = useState<{ kind: 'countClamped' | 'countRaised'; count: number } | null>(null);
  const adjusted = note && note.count === value.count && value !== DEFAULT_ENTRY ? note.kind : null;

  return (
    <div className="entry-options" role="group" aria-labelledby={headingId} data-testid="entry-options">
      <h3 className="entry-options-heading" id={headingId}>
        {t('entry.heading')}
      </h3>
      <ChipGroup
        testId="chips-when"
        label={t('entry.when')}
        options={[
          { value: 'now', label: t('entry.now') },
          { value: 'earlier', label: t('entry.earlier') },
        ]}
        selected={[value.earlier ? 'earlier' : 'now']}
        onToggle={(choice) => onChange({ ...value, earlier: choice === 'now' ? null : (value.earlier ?? defaultEarlier(Date.now())) })}
      />
      {value.earlier && (
        <div className="earlier-fields" data-testid="earlier-fields">
          <label>
            {t('entry.date')}
            <input
              type="date"
              value={value.earlier.date}
              min={bounds.min}
              max={bounds.max}
              required
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => onChange({ ...value, earlier: { ...value.earlier!, date: e.target.value } })}
              data-testid="earlier-date"
            />
          </label>
          <label>
            {t('entry.time')}
            <input
              type="time"
              value={value.earlier.time}
              required
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => onChange({ ...value, earlier: { ...value.earlier!, time: e.target.value } })}
              data-testid="earlier-time"
            />
          </label>
          {error && (
            <p className="field-error earlier-error" id={errorId} role="alert" data-testid="earlier-error">
              {t(`entry.errors.${error}`)}
            </p>
          )}
        </div>
      )}
      <div className="chip-group" role="group" aria-labelledby={countLabelId} data-testid="batch-count">
        <span className="chip-group-label" id={countLabelId}>
          {t('entry.count')}
        </span>
        <div className="stepper">
          <button
            type="button"
            className="chip stepper-button"
            aria-label={t('entry.fewer')}
            aria-disabled={value.count <= MIN_COUNT}
            onClick={() => step(-1)}
            data-testid="count-minus"
          >
            −
          </button>
          <input
            type="number"
            inputMode="numeric"
            className="stepper-value"
            min={MIN_COUNT}
            max={MAX_COUNT}
            value={text}
            aria-label={t('entry.countValue')}
            aria-describedby={adjusted ? countNoteId : undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value === '') return;
              const typed = Number(e.target.value);
              const count = clampCount(typed);
              setNote(typed > MAX_COUNT ? { kind: 'countClamped', count } : typed < MIN_COUNT ? { kind: 'countRaised', count } : null);
              onChange({ ...value, count });
            }}
            onBlur={() => setText(String(value.count))}
            data-testid="count-value"
          />
          <button
            type="button"
            className="chip stepper-button"
            aria-label={t('entry.more')}
            aria-disabled={value.count >= MAX_COUNT}
            onClick={() => step(1)}
            data-testid="count-plus"
          >
            +
          </button>
          <span className={value.count > 1 ? 'stepper-hint active' : 'stepper-hint'} data-testid="count-hint">
            {value.count > 1 ? t('entry.batch', { count: value.count }) : t('entry.single')}
          </span>
        </div>
        {adjusted && (
          <p className="field-error count-note" id={countNoteId} role="status" data-testid="count-adjusted">
            {t(`entry.${adjusted}`, { max: MAX_COUNT, min: MIN_COUNT })}
          </p>
        )}
      </div>
    </div>
  );
});
