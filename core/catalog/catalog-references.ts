import type { TableName } from '../db/tables';

/** The kinds of catalog entry management can edit: four the desk offers, and topic groups (Themencluster) for reports. */
export const CATALOG_KINDS = ['topic', 'organisation', 'language', 'desk', 'topicGroup'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/** The audit trail's name of each kind (core/audit/audit-types.ts), snake_case like its other entities. */
export const CATALOG_AUDIT_ENTITIES = {
  topic: 'topic',
  organisation: 'organisation',
  language: 'language',
  desk: 'desk',
  topicGroup: 'topic_group',
} as const satisfies Record<CatalogKind, string>;

/** The table that holds the entries of each kind. */
export const CATALOG_TABLES = {
  topic: 'topics',
  organisation: 'organisations',
  language: 'languages',
  desk: 'desks',
  topicGroup: 'topic_groups',
} as const satisfies Record<CatalogKind, TableName>;

/**
 * One column that points at a catalog entry. Merging re-points every listed column from the
 * source entry to the target, so history follows the entry it now belongs to.
 */
export interface CatalogReference {
  table: string;
  column: string;
  /**
   * The other columns of the row's unique key, when a row may exist once per key (e.g. a
   * contact's topics: `contact_id`). A row of the source whose key already has a target row is
   * folded into that row instead of being re-pointed, so the key ends with the target once.
   */
  uniqueWith?: readonly string[];
  /** A 0-based position among the rows of one key: the folded row keeps the earlier position and later rows close the gap. */
  ordinal?: string;
  /** A count column: the folded row's count is added to the target row's (aggregate tables). */
  sum?: string;
  /**
   * A record-key column beside `sum` (core/publication/cell-key.ts): the folded row's key is added to
   * the target row's modulo 2^32, so the merged count keeps the cell key of the counts it joins.
   */
  keySum?: string;
}

/**
 * Every place that refers to a catalog entry, per kind: the one list the merge works from. A new
 * table that stores catalog ids (e.g. imported tallies) adds its column here, or merging would
 * leave its rows behind on the retired source. Every table named is one of the registry's (core/db/tables.ts).
 */
export const CATALOG_REFERENCES: Record<CatalogKind, readonly CatalogReference[]> = {
  topic: [
    { table: 'contact_topics', column: 'topic_id', uniqueWith: ['contact_id'], ordinal: 'ordinal' },
    // Imported monthly counts (migration 5): two topics merged in one month add up.
    { table: 'imported_monthly', column: 'topic_id', uniqueWith: ['import_id', 'month'], sum: 'count', keySum: 'record_key' },
  ],
  organisation: [
    { table: 'contact_referrals', column: 'organisation_id', uniqueWith: ['contact_id'] },
    { table: 'theme_days', column: 'organisation_id' },
  ],
  language: [{ table: 'contacts', column: 'language_id' }],
  desk: [{ table: 'contacts', column: 'desk_id' }],
  // A group is referenced by nothing but its members, which a merge moves by the groups' own rule (topic-group-members.ts).
  topicGroup: [],
} satisfies Record<CatalogKind, readonly (CatalogReference & { table: TableName })[]>;
