import type { Handlers, MethodInput } from '../../core/api/contract';

/** A valid one-tap contact built from the live catalog: first topic, first language, in person, a citizen. */
export async function deskTap(handlers: Handlers): Promise<MethodInput<'logContact'>> {
  const catalog = await handlers.getCatalog({});
  const topic = catalog.topics.find((t) => !t.retired);
  const language = catalog.languages.find((l) => !l.retired);
  if (!topic || !language) throw new Error('the seeded catalog has no active topic or language');
  return { topicIds: [topic.id], languageId: language.id, channel: 'in_person', asker: 'citizen' };
}
