import { openCore, type Core } from '../../core/open-core';
import { clientsOf, type TempCore } from './temp-core';
import type { Client } from '../../core/api/contract';

/** Another process's core on the same database: what a second PC is, minus the network. */
export interface SecondCore extends Core {
  client: Client;
  deskClient: Client;
  session: string;
}

/**
 * Opens a second core on `first`'s database (its SQLite file, or its PostgreSQL database) with the
 * same test clock: two processes' worth of caches, gates and change feeds over one set of data.
 * Closed by the caller (before `first.dispose()`, which drops a PostgreSQL database).
 */
export async function openSecondCore(first: TempCore): Promise<SecondCore> {
  const core = await openCore({ ...first.location, now: () => first.clock.now });
  return { ...core, ...(await clientsOf(core)) };
}
