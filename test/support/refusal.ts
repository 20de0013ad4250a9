import { expect } from 'vitest';
import { ClientError } from '../../core/api/client';

/** The refusal a call must end in: fails the test if the call succeeded or threw anything but a ClientError. */
export async function refusal(promise: Promise<unknown>): Promise<ClientError> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ClientError);
  return outcome as ClientError;
}
