import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { readChangeMarker } from '../live/change-marker';
import type { Catalog } from './catalog-types';
import { loadCatalog } from './load-catalog';

/** Active ids per kind, so validating a tap costs no query. */
export interface ActiveIds {
  topics: Set<number>;
  organisations: Set<number>;
  languages: Set<number>;
  desks: Set<number>;
}

export interface CatalogSnapshot {
  catalog: Catalog;
  active: ActiveIds;
  /** The change marker read before the catalog (core/live/change-marker.ts). */
  version: number;
}

export interface CatalogCache {
  /** Catalog and active ids at once: one await on the tap path, and no query unless another process may have written. */
  snapshot(): Promise<CatalogSnapshot>;
  catalog(): Promise<Catalog>;
  active(): Promise<ActiveIds>;
  /**
   * The catalog as `db` (a write transaction, or the database) sees it now: `seen` itself when the
   * change marker still says so (one single-row read), else read afresh through `db`. What a tap is
   * judged by inside its own transaction, where no other writer can change the catalog meanwhile.
   */
  current(db: Kysely<Schema>, seen: CatalogSnapshot): Promise<CatalogSnapshot>;
  /** Call after every catalog or settings write of this process. */
  invalidate(): void;
}

/**
 * Says, without a query, whether another process may have changed the database since it was last
 * asked (SQLite: `PRAGMA data_version`; PostgreSQL: a notification, or no listener): then the
 * cache compares the change marker before it trusts what it holds.
 */
export type ForeignWriteHint = () => boolean;

const activeOf = (entries: { id: number; retired: boolean }[]) => new Set(entries.filter((e) => !e.retired).map((e) => e.id));

async function readSnapshot(db: Kysely<Schema>): Promise<CatalogSnapshot> {
  // The marker first: a write committed between the two reads makes the next look read again, never less.
  const version = await readChangeMarker(db);
  const catalog = await loadCatalog(db);
  return {
    version,
    catalog,
    active: {
      topics: activeOf(catalog.topics),
      organisations: activeOf(catalog.organisations),
      languages: activeOf(catalog.languages),
      desks: activeOf(catalog.desks),
    },
  };
}

export function createCatalogCache(db: Kysely<Schema>, foreignWrites: ForeignWriteHint = () => false): CatalogCache {
  let loaded: Promise<CatalogSnapshot> | null = null;
  const load = () => {
    const loading = readSnapshot(db);
    loaded = loading;
    // A failed read (a server away for a moment) is not kept: the next call tries again.
    loading.catch(() => {
      if (loaded === loading) loaded = null;
    });
    return loading;
  };
  const snapshot = async () => {
    const held = loaded;
    if (held && foreignWrites()) {
      const [had, version] = await Promise.all([held, readChangeMarker(db)]);
      if (had.version !== version && loaded === held) loaded = null;
    }
    return loaded ?? load();
  };
  return {
    snapshot,
    catalog: async () => (await snapshot()).catalog,
    active: async () => (await snapshot()).active,
    async current(from, seen) {
      if ((await readChangeMarker(from)) === seen.version) return seen;
      const fresh = await readSnapshot(from);
      loaded = Promise.resolve(fresh);
      return fresh;
    },
    invalidate: () => {
      loaded = null;
    },
  };
}
