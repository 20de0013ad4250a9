import type { Transport } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import type { Api } from '../../core/api/dispatch';
import { createHttpClient, httpTransport } from '../../renderer/api/http-transport';
import { startHttpServer } from '../../server/http-server';
import { createIpcClient } from '../support/ipc-client';

/** One transport, bound to a core's handlers: the typed client and the raw transport under it. */
export interface OpenTransport {
  client: Client;
  transport: Transport;
  close(): Promise<void>;
}

export interface TransportUnderTest {
  name: 'http' | 'ipc';
  /** `session`: what the client sends as its management session. */
  open(api: Api, session?: () => string | undefined): Promise<OpenTransport>;
}

/**
 * Every way the renderer reaches the core. Contract suites loop over this list (as Kysely's
 * tests loop over dialects), so a transport added here is tested by all of them.
 */
export const TRANSPORTS: readonly TransportUnderTest[] = [
  {
    name: 'http',
    async open(api, session) {
      const server = await startHttpServer({ api, port: 0 });
      return { client: createHttpClient(server.url, session), transport: httpTransport(server.url), close: () => server.close() };
    },
  },
  {
    name: 'ipc',
    async open(api, session) {
      const ipc = createIpcClient(api, { session });
      return { client: ipc.client, transport: ipc.transport, close: async () => ipc.dispose() };
    },
  },
];
