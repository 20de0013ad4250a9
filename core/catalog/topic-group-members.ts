import type { Kysely } from 'kysely';
import { ApiError, invalidField } from '../base/errors';
import type { AuditEntry } from '../audit/write-audit';
import type { Schema } from '../db/schema';
import type { Topic, TopicGroup } from './catalog-types';
import { readTopicGroups } from './read-topic-groups';

/**
 * The members of topic groups (Themencluster). The one rule: a topic is in at most one active
 * group, so the groups of a report never count a contact twice. Retired groups keep their members
 * (they may be reactivated, if their topics are still free then); retired topics may stay members,
 * so a report over a past period still groups their history; a merged topic is never a member.
 */

const byCatalogOrder = (topics: readonly Topic[]) => {
  const rank = new Map(topics.map((t, i) => [t.id, i]));
  return (ids: readonly number[]) => [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
};

/** The active group other than `exceptId` that holds the topic, if any. */
const activeGroupOf = (groups: readonly TopicGroup[], topicId: number, exceptId?: number) =>
  groups.find((g) => g.id !== exceptId && !g.retired && g.topicIds.includes(topicId));

/**
 * A group's members as they will be stored, in topic catalog order. Refused, naming the position in
 * `topicIds`: an unknown or merged topic; for an active group, a topic another active group holds.
 * A topic the group already has stays, whatever became of it since.
 */
export function checkedMembers(
  topicIds: readonly number[],
  group: { id?: number; retired: boolean },
  topics: readonly Topic[],
  groups: readonly TopicGroup[],
): number[] {
  const had = new Set(groups.find((g) => g.id === group.id)?.topicIds ?? []);
  for (const [i, id] of topicIds.entries()) {
    const topic = topics.find((t) => t.id === id);
    if (!topic) throw new ApiError('not_found', `no topic with id ${id}`, `topicIds.${i}`);
    if (topic.mergedInto !== null && !had.has(id))
      throw invalidField(`topicIds.${i}`, `the topic "${topic.labelDe}" was merged into #${topic.mergedInto}; choose that one`);
    const holder = group.retired ? undefined : activeGroupOf(groups, id, group.id);
    if (holder) throw invalidField(`topicIds.${i}`, `the topic "${topic.labelDe}" is already in the topic group "${holder.labelDe}"; take it out there first`);
  }
  return byCatalogOrder(topics)(topicIds);
}

/** Reactivating a group: refused while one of its topics is in another active group meanwhile. */
export function assertMembersFree(group: TopicGroup, topics: readonly Topic[], groups: readonly TopicGroup[]): void {
  for (const id of group.topicIds) {
    const holder = activeGroupOf(groups, id, group.id);
    if (holder) {
      const label = topics.find((t) => t.id === id)?.labelDe ?? `#${id}`;
      throw new ApiError('conflict', `the topic "${label}" is now in the active topic group "${holder.labelDe}"; take it out there first`, 'id');
    }
  }
}

/** Stores a group's members: rows of topics that left go, rows of topics that joined come. */
export async function writeMembers(db: Kysely<Schema>, groupId: number, before: readonly number[], after: readonly number[]): Promise<void> {
  const left = before.filter((id) => !after.includes(id));
  const joined = after.filter((id) => !before.includes(id));
  if (left.length > 0) await db.deleteFrom('topic_group_members').where('group_id', '=', groupId).where('topic_id', 'in', left).execute();
  if (joined.length > 0)
    await db
      .insertInto('topic_group_members')
      .values(joined.map((topic_id) => ({ group_id: groupId, topic_id })))
      .execute();
}

/**
 * The topics a merge of `source` into `target` adds to the target: the source's, except those the
 * target has and those another active group holds (possible only when the source was retired).
 */
export function joiningMembers(source: TopicGroup, target: TopicGroup, groups: readonly TopicGroup[]): number[] {
  return source.topicIds.filter((id) => !target.topicIds.includes(id) && !activeGroupOf(groups, id, source.id));
}

/** Merges one group's members into another: the joining topics move, the source keeps none. Audited on the target. */
export async function mergeGroupMembers(
  db: Kysely<Schema>,
  source: TopicGroup,
  target: TopicGroup,
  groups: readonly TopicGroup[],
  audit: AuditEntry[],
): Promise<void> {
  const joining = joiningMembers(source, target, groups);
  await db.deleteFrom('topic_group_members').where('group_id', '=', source.id).execute();
  await writeMembers(db, target.id, target.topicIds, [...target.topicIds, ...joining]);
  const after = (await readTopicGroups(db)).find((g) => g.id === target.id)!.topicIds;
  if (joining.length > 0)
    audit.push({ action: 'amend', entity: 'topic_group', entityId: target.id, field: 'topicIds', oldValue: target.topicIds, newValue: after });
  if (source.topicIds.length > 0)
    audit.push({ action: 'amend', entity: 'topic_group', entityId: source.id, field: 'topicIds', oldValue: source.topicIds, newValue: [] });
}

/**
 * After a topic merge: the source topic's memberships go to the target topic. Where the target is
 * already in that group the source simply leaves it; from an active group it also simply leaves
 * when the target is in another active group (one active group per topic). Audited per group.
 */
export async function moveTopicMemberships(db: Kysely<Schema>, sourceId: number, targetId: number, audit: AuditEntry[]): Promise<void> {
  const groups = await readTopicGroups(db);
  const targetActive = groups.find((g) => !g.retired && g.topicIds.includes(targetId));
  const changed: TopicGroup[] = [];
  for (const group of groups) {
    if (!group.topicIds.includes(sourceId)) continue;
    await db.deleteFrom('topic_group_members').where('group_id', '=', group.id).where('topic_id', '=', sourceId).execute();
    const keepsTarget = group.topicIds.includes(targetId) || (!group.retired && targetActive !== undefined && targetActive.id !== group.id);
    if (!keepsTarget) await db.insertInto('topic_group_members').values({ group_id: group.id, topic_id: targetId }).execute();
    changed.push(group);
  }
  if (changed.length === 0) return;
  const after = new Map((await readTopicGroups(db)).map((g) => [g.id, g.topicIds]));
  for (const group of changed) {
    audit.push({
      action: 'amend',
      entity: 'topic_group',
      entityId: group.id,
      field: 'topicIds',
      oldValue: group.topicIds,
      newValue: after.get(group.id) ?? [],
    });
  }
}
