import type { Kysely } from 'kysely';
import type { CatalogCache } from './catalog/catalog-cache';
import type { Schema } from './db/schema';

/** What every capability module receives: the database, the cached catalog and the clock. */
export interface CoreContext {
  db: Kysely<Schema>;
  catalog: CatalogCache;
  /** Epoch ms; injected so tests can move time. */
  now: () => number;
}
