import type { TFunction } from 'i18next';
import { ClientError } from '../../core/api/client';

/** A refusal in words staff understand; anything that is not a server answer means the request did not arrive. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ClientError) {
    // The desk may change only today's contacts; an older one is for the management area, not a PIN prompt here.
    if (err.body.code === 'locked' && err.body.field === 'contactId') return t('errors.earlierDay');
    return t(`errors.${err.body.code}`, { field: err.body.field ?? '–', message: err.body.message });
  }
  return t('errors.offline');
}
