import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientError } from '../../core/api/client';
import { client } from '../api/client';
import { errorMessage } from '../ui/error-message';
import { useAction } from '../ui/use-action';
import { setDeviceToken } from './device-token';

/**
 * What a browser on another device sees until it is paired: the code from the management area and
 * a name for the device. The token it gets is kept in this browser only; then the desk opens.
 */
export function PairingPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const paired = await client.pairDevice({ code, name });
      setDeviceToken(paired.token);
    });
  };

  const refusal = (err: unknown) => {
    if (err instanceof ClientError && err.body.code === 'forbidden' && err.body.field === 'code') return t('pairing.wrongCode');
    if (err instanceof ClientError && err.body.code === 'forbidden') return t('pairing.sharingOff');
    if (err instanceof ClientError && err.body.code === 'rate_limited') return t('pairing.tooMany', { message: err.body.message });
    if (err instanceof ClientError && err.body.code === 'invalid_input' && err.body.field === 'code') return t('pairing.codeShape');
    if (err instanceof ClientError && err.body.code === 'invalid_input' && err.body.field === 'name') return t('pairing.nameShape');
    return errorMessage(t, err);
  };

  return (
    <main className="pairing" data-testid="pairing-page">
      <form className="pairing-card" onSubmit={(e) => void submit(e)}>
        <h2>{t('pairing.heading')}</h2>
        <p>{t('pairing.explain')}</p>
        <label>
          <span>{t('pairing.code')}</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            className="pairing-code-input"
            data-testid="pairing-code"
          />
        </label>
        <label>
          <span>{t('pairing.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={40}
            required
            placeholder={t('pairing.namePlaceholder')}
            data-testid="pairing-name"
          />
        </label>
        {error !== null && (
          <p className="form-error" role="alert" data-testid="pairing-error">
            {refusal(error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="pairing-submit">
          {t('pairing.submit')}
        </button>
        <p className="hint">{t('pairing.privacy')}</p>
      </form>
    </main>
  );
}
