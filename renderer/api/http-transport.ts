import { createClient, type Transport } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import type { Envelope } from '../../core/base/errors';

/** Who is calling, as every request to the server says it: the tab's management session and a paired device's token, if any. */
export const identityHeaders = (session: string | undefined, token: string | undefined): Record<string, string> => ({
  ...(session === undefined ? {} : { 'X-Kontaktdesk-Session': session }),
  ...(token === undefined ? {} : { 'X-Kontaktdesk-Device': token }),
});

/**
 * The HTTP transport: used by the renderer in browser mode, and by tests and benchmarks from Node.
 * `device` reads the token of a paired device on the local network, sent with every call.
 */
export function httpTransport(baseUrl: string, fetchImpl: typeof fetch = fetch, device: () => string | undefined = () => undefined): Transport {
  return async (method, input, session) => {
    const token = device();
    const res = await fetchImpl(new URL(`api/${method}`, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...identityHeaders(session, token) },
      // Sent as given: turning null into {} would let a malformed call pass validation over HTTP only.
      body: JSON.stringify(input === undefined ? null : input),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `HTTP ${res.status}: ${text.slice(0, 200)}` } };
    }
  };
}

export const createHttpClient = (baseUrl: string, session?: () => string | undefined, device?: () => string | undefined): Client =>
  createClient(httpTransport(baseUrl, fetch, device), session);
