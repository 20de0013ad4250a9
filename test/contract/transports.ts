import type { Transport } from '../../core/api/client';
import type { Client, Handlers } from '../../core/api/contract';
import { createHttpClient, httpTransport } from '../../server/http-client';
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
  open(handlers: Handlers): Promise<OpenTransport>;
}

/**
 * Every way the renderer reaches the core. Contract suites loop over this list (as Kysely's
 * tests loop over dialects), so a transport added here is tested by all of them.
 */
export const TRANSPORTS: readonly TransportUnderTest[] = [
  {
    name: 'http',
    async open(handlers) {
      const server = await startHttpServer({ handlers, port: 0 });
      return { client: createHttpClient(server.url), transport: httpTransport(server.url), close: () => server.close() };
    },
  },
  {
    name: 'ipc',
    async open(handlers) {
      const ipc = createIpcClient(handlers);
      return { client: ipc.client, transport: ipc.transport, close: async () => ipc.dispose() };
    },
  },
];
