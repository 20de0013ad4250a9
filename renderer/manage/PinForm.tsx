import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientError } from '../../core/api/client';
import { PIN_DIGITS } from '../../core/base/limits';
import { errorMessage } from '../ui/error-message';

const PIN_PATTERN = new RegExp(`^[0-9]{${PIN_DIGITS.min},${PIN_DIGITS.max}}$`);
export const isPin = (value: string) => PIN_PATTERN.test(value);

export interface PinFormProps {
  mode: 'set' | 'unlock';
  /** Resolves when the server accepted; rejects with its refusal. */
  submit(pin: string): Promise<void>;
  /** Seconds the server still refuses tries; 0 when a try is possible. */
  retryAfterSeconds: number;
  onRefused(): void;
}

/** One PIN field (two when setting one), digits only, Enter submits; wrong PINs say so and keep nothing typed. */
export function PinForm({ mode, submit, retryAfterSeconds, onRefused }: PinFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isPin(pin)) return setMessage(t('management.format'));
    if (mode === 'set' && pin !== repeat) return setMessage(t('management.mismatch'));
    setBusy(true);
    try {
      await submit(pin);
    } catch (err) {
      setPin('');
      setRepeat('');
      const code = err instanceof ClientError ? err.body.code : null;
      setMessage(code === 'forbidden' ? t('management.wrongPin') : code === 'rate_limited' ? null : errorMessage(t, err));
      onRefused();
    } finally {
      setBusy(false);
    }
  };

  const waiting = retryAfterSeconds > 0;
  return (
    <form className="pin-form" onSubmit={(e) => void onSubmit(e)} data-testid={`pin-form-${mode}`}>
      <label htmlFor={`${id}-pin`}>{t('management.pin')}</label>
      <input
        id={`${id}-pin`}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        autoFocus
        maxLength={PIN_DIGITS.max}
        value={pin}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        data-testid="pin-input"
      />
      {mode === 'set' && (
        <>
          <label htmlFor={`${id}-repeat`}>{t('management.pinRepeat')}</label>
          <input
            id={`${id}-repeat`}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={PIN_DIGITS.max}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value.replace(/\D/g, ''))}
            data-testid="pin-repeat"
          />
        </>
      )}
      <span id={`${id}-hint`} className="hint">
        {t('management.pinHint')}
      </span>
      {(message || waiting) && (
        <p className="form-error" role="alert" data-testid="pin-error">
          {waiting ? t('management.retryIn', { count: retryAfterSeconds }) : message}
        </p>
      )}
      <button type="submit" className="tool-button primary" disabled={busy || waiting} data-testid="pin-submit">
        {mode === 'set' ? t('management.setPin') : t('management.unlock')}
      </button>
    </form>
  );
}
