import type { Handlers } from './api/contract';
import { createCatalogCache } from './catalog/catalog-cache';
import { seedCatalogIfEmpty } from './catalog/seed-catalog';
import type { CoreContext } from './context';
import { openSqlite, type DatabaseHandle } from './db/open-sqlite';
import { createHandlers } from './handlers';
import { ensureRollupCurrent } from './reports/rollup';

export interface Core {
  handlers: Handlers;
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
  const context: CoreContext = { db: database.db, catalog: createCatalogCache(database.db), now };
  return { handlers: createHandlers(context), context, database, close: () => database.close() };
}
