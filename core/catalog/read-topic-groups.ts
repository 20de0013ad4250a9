import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import type { TopicGroup } from './catalog-types';
import { topicGroupOf } from './catalog-rows';

/** Every topic group, retired and merged ones included, in list order; each with its topics in topic catalog order. */
export async function readTopicGroups(db: Kysely<Schema>): Promise<TopicGroup[]> {
  const [groups, members] = await Promise.all([
    db.selectFrom('topic_groups').selectAll().orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('topic_group_members as m')
      .innerJoin('topics as t', 't.id', 'm.topic_id')
      .select(['m.group_id', 'm.topic_id'])
      .orderBy('t.position')
      .orderBy('t.id')
      .execute(),
  ]);
  const topicIds = new Map<number, number[]>();
  for (const m of members) {
    const list = topicIds.get(Number(m.group_id));
    if (list) list.push(Number(m.topic_id));
    else topicIds.set(Number(m.group_id), [Number(m.topic_id)]);
  }
  return groups.map((g) => topicGroupOf(g, topicIds.get(g.id) ?? []));
}
