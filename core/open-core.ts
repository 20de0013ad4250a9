import type { Handlers } from './api/contract';
import type { Api } from './api/dispatch';
import { createCatalogCache } from './catalog/catalog-cache';
import { seedCatalogIfEmpty } from './catalog/seed-catalog';
import type { CoreContext } from './context';
import { openSqlite, type DatabaseHandle } from './db/open-sqlite';
import { createHandlers } from './handlers';
import { createManagementGate } from './management/management-gate';
import { ensureRollupCurrent } from './reports/rollup';

export interface Core {
  /** Called directly by trusted local tools (CLI, benchmarks); bypasses the management gate. */
  handlers: Handlers;
  /** What the transports serve: the handlers behind the management gate. */
  api: Api;
  context: CoreContext;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export interface OpenCoreOptions {
  /** Path of the SQLite file; created with the site's catalog when new. */
  file: string;
  now?: () => number;
}

/** Opens the database, migrates it, seeds a new one, and returns the contract's handlers. */
export async function openCore({ file, now = Date.now }: OpenCoreOptions): Promise<Core> {
  const database = await openSqlite(file);
  try {
    await seedCatalogIfEmpty(database.db);
    await ensureRollupCurrent(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  const catalog = createCatalogCache(database.db);
  const gate = createManagementGate({ now, idleLimitMs: async () => (await catalog.catalog()).settings.autoLockMinutes * 60_000 });
  const context: CoreContext = { db: database.db, catalog, now, gate };
  const handlers = createHandlers(context);
  return { handlers, api: { handlers, gate }, context, database, close: () => database.close() };
}
