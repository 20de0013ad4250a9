import type { CatalogKind } from './catalog-references';
import type { Desk, Language, Organisation, Topic, TopicGroup } from './catalog-types';

export interface CatalogEntryByKind {
  topic: Topic;
  organisation: Organisation;
  language: Language;
  desk: Desk;
  topicGroup: TopicGroup;
}

/** One entry as stored after a change, tagged with its kind. */
export type SavedCatalogEntry = { [K in CatalogKind]: { kind: K; entry: CatalogEntryByKind[K] } }[CatalogKind];

/** What a merge re-attributes (or would, in a dry run). */
export interface CatalogMerge {
  kind: CatalogKind;
  sourceId: number;
  targetId: number;
  /** Counting (not voided) contacts that carried the source and now carry the target. */
  contacts: number;
  /** Of those, the ones that already carried the target too: they keep it once, so topic mentions (or referrals) drop by this many. */
  alreadyWithTarget: number;
  /** Rows outside the contacts that follow the merge, e.g. theme days of a merged organisation; for a topic group, the topics that join the target. */
  otherRows: number;
  dryRun: boolean;
}
