import type { Client, MethodInput, MethodOutput } from './contract';
import type { ApiErrorBody, Envelope } from '../base/errors';
import { methodNames, type MethodName } from '../base/method-names';

/** Sends one call (with the caller's management session, if any) over some transport and returns the envelope the other side produced. */
export type Transport = (method: MethodName, input: unknown, session?: string) => Promise<Envelope<unknown>>;

/** A refused call, as the client sees it. */
export class ClientError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.field ? `${body.field}: ${body.message}` : body.message);
    this.name = 'ClientError';
  }
}

/**
 * The typed client: one async function per contract method, over any transport. `session`
 * reads the management session the caller holds right now (the renderer keeps it per tab).
 */
export function createClient(transport: Transport, session: () => string | undefined = () => undefined): Client {
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const envelope = await transport(method, input, session());
    if (!envelope.ok) throw new ClientError(envelope.error);
    return envelope.value as MethodOutput<M>;
  };
  return Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => call(name, input as never)])) as Client;
}
