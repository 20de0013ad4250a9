import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import type { Catalog } from './catalog-types';
import { loadCatalog } from './load-catalog';

/** Active ids per kind, so validating a tap costs no query. */
export interface ActiveIds {
  topics: Set<number>;
  organisations: Set<number>;
  languages: Set<number>;
  desks: Set<number>;
}

export interface CatalogCache {
  /** Both at once: one await on the tap path. */
  snapshot(): Promise<{ catalog: Catalog; active: ActiveIds }>;
  catalog(): Promise<Catalog>;
  active(): Promise<ActiveIds>;
  /** Call after every catalog or settings write. */
  invalidate(): void;
}

const activeOf = (entries: { id: number; retired: boolean }[]) =>
  new Set(entries.filter((e) => !e.retired).map((e) => e.id));

export function createCatalogCache(db: Kysely<Schema>): CatalogCache {
  let loaded: Promise<{ catalog: Catalog; active: ActiveIds }> | null = null;
  const load = () =>
    (loaded ??= loadCatalog(db).then((catalog) => ({
      catalog,
      active: {
        topics: activeOf(catalog.topics),
        organisations: activeOf(catalog.organisations),
        languages: activeOf(catalog.languages),
        desks: activeOf(catalog.desks),
      },
    })));
  return {
    snapshot: load,
    catalog: async () => (await load()).catalog,
    active: async () => (await load()).active,
    invalidate: () => {
      loaded = null;
    },
  };
}
