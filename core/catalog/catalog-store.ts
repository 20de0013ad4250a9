import type { Kysely } from 'kysely';
import { ApiError } from '../base/errors';
import type { Schema } from '../db/schema';
import { CATALOG_TABLES, type CatalogKind } from './catalog-references';
import type { CatalogEntryByKind } from './catalog-edit-types';
import { deskOf, languageOf, organisationOf, topicOf } from './catalog-rows';
import { readTopicGroups } from './read-topic-groups';

export type AnyEntry = CatalogEntryByKind[CatalogKind];

/** Every entry of a kind, retired ones included, in list order. */
export async function readEntries<K extends CatalogKind>(db: Kysely<Schema>, kind: K): Promise<CatalogEntryByKind[K][]> {
  if (kind === 'topicGroup') return (await readTopicGroups(db)) as CatalogEntryByKind[K][];
  const read = async <R, E>(table: Exclude<(typeof CATALOG_TABLES)[CatalogKind], 'topic_groups'>, map: (row: R) => E) =>
    ((await db.selectFrom(table).selectAll().orderBy('position').orderBy('id').execute()) as R[]).map(map);
  const entries =
    kind === 'topic'
      ? await read('topics', topicOf)
      : kind === 'organisation'
        ? await read('organisations', organisationOf)
        : kind === 'language'
          ? await read('languages', languageOf)
          : await read('desks', deskOf);
  return entries as CatalogEntryByKind[K][];
}

/** The entry of a kind with this id, or a not_found refusal naming `field`. */
export function findEntry<E extends { id: number }>(entries: E[], id: number, kind: CatalogKind, field: string): E {
  const entry = entries.find((e) => e.id === id);
  if (!entry) throw new ApiError('not_found', `no ${kind} with id ${id}`, field);
  return entry;
}

/** The fields management edits, per kind, as the API names them: what the audit compares. */
export const EDITABLE_FIELDS = {
  topic: ['labelDe', 'labelEn', 'color', 'hotkey', 'sdgs'],
  organisation: ['name'],
  language: ['code', 'labelDe', 'labelEn'],
  desk: ['name'],
  topicGroup: ['labelDe', 'labelEn', 'topicIds'],
} as const satisfies { [K in CatalogKind]: readonly (keyof CatalogEntryByKind[K])[] };

/** The fields that name an entry: no two active entries of a kind may share one, ignoring case. */
export const NAME_FIELDS = {
  topic: ['labelDe', 'labelEn'],
  organisation: ['name'],
  language: ['code', 'labelDe', 'labelEn'],
  desk: ['name'],
  topicGroup: ['labelDe', 'labelEn'],
} as const satisfies { [K in CatalogKind]: readonly (keyof CatalogEntryByKind[K])[] };

/** Fields the database keeps unique over all entries, retired ones included (migration 0001). */
export const STORED_UNIQUE_FIELDS: { [K in CatalogKind]: readonly (keyof CatalogEntryByKind[K])[] } = {
  topic: [],
  organisation: ['name'],
  language: ['code'],
  desk: ['name'],
  topicGroup: [],
};

export const sameName = (a: string, b: string) => a.localeCompare(b, 'de', { sensitivity: 'accent' }) === 0;

/** How an entry is called in a message. */
export const entryName = (entry: AnyEntry): string => ('name' in entry ? entry.name : entry.labelDe);

const fieldOf = (entry: object, field: string) => (entry as Record<string, unknown>)[field];

/**
 * The first active entry of a kind (other than `exceptId`) that shares a name with `entry`, and
 * the field they share; checked when saving and when reactivating.
 */
export function nameClash(kind: CatalogKind, entries: readonly AnyEntry[], entry: object, exceptId?: number): { field: string; other: AnyEntry } | null {
  for (const field of NAME_FIELDS[kind] as readonly string[]) {
    const value = String(fieldOf(entry, field));
    const other = entries.find((e) => e.id !== exceptId && !e.retired && sameName(String(fieldOf(e, field)), value));
    if (other) return { field, other };
  }
  return null;
}

/** A field of an entry or an input by its API name. */
export { fieldOf };
