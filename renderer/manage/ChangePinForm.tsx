import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientError } from '../../core/api/client';
import { client } from '../api/client';
import { setSession } from '../api/management-session';
import { errorMessage } from '../ui/error-message';
import { PIN_DIGITS } from '../../core/base/limits';
import { isPin } from './PinForm';

/** Changing the PIN needs the current one as well; the server then closes every other open session. */
export function ChangePinForm() {
  const { t } = useTranslation();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isPin(next)) return setMessage({ ok: false, text: t('management.format') });
    if (next !== repeat) return setMessage({ ok: false, text: t('management.mismatch') });
    try {
      const { session } = await client.setManagementPin({ pin: next, currentPin: current });
      setSession(session);
      setMessage({ ok: true, text: t('management.pinChanged') });
    } catch (err) {
      const wrong = err instanceof ClientError && err.body.code === 'forbidden';
      setMessage({ ok: false, text: wrong ? t('management.wrongPin') : errorMessage(t, err) });
    }
    setCurrent('');
    setNext('');
    setRepeat('');
  };

  const field = (key: 'currentPin' | 'newPin' | 'pinRepeat', value: string, set: (v: string) => void) => (
    <>
      <label htmlFor={`${id}-${key}`}>{t(`management.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_DIGITS.max}
        value={value}
        onChange={(e) => set(e.target.value.replace(/\D/g, ''))}
        data-testid={`change-${key}`}
      />
    </>
  );

  return (
    <details className="change-pin">
      <summary data-testid="change-pin">{t('management.changePin')}</summary>
      <form className="pin-form" onSubmit={(e) => void onSubmit(e)}>
        {field('currentPin', current, setCurrent)}
        {field('newPin', next, setNext)}
        {field('pinRepeat', repeat, setRepeat)}
        {message && (
          <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="change-pin-message">
            {message.text}
          </p>
        )}
        <button type="submit" className="tool-button" data-testid="change-pin-submit">
          {t('management.changePin')}
        </button>
      </form>
    </details>
  );
}
