import { openCore } from '../../core/open-core';

/**
 * Another process on the SQLite file of a running app (a tool such as `npm run import`): opens a
 * core of its own on the file, does one thing through its handlers, closes, and prints what it did
 * as one JSON line, with the instant its write had committed.
 *   shared-file-writer.ts FILE retire TOPIC_ID
 *   shared-file-writer.ts FILE tap TOPIC_ID
 */
const [file, action, id] = process.argv.slice(2);
if (!file || (action !== 'retire' && action !== 'tap') || !/^\d+$/.test(id ?? '')) throw new Error('usage: shared-file-writer.ts FILE retire|tap TOPIC_ID');
const topicId = Number(id);

const core = await openCore({ file });
try {
  if (action === 'retire') {
    await core.handlers.setCatalogEntryRetired({ kind: 'topic', id: topicId, retired: true });
    console.log(JSON.stringify({ committedAt: Date.now() }));
  } else {
    const catalog = await core.handlers.getCatalog({});
    const languageId = catalog.languages.find((l) => l.code === 'de')!.id;
    const logged = await core.handlers.logContact({ topicIds: [topicId], referralIds: [], languageId, channel: 'phone', asker: 'citizen', count: 1 });
    console.log(JSON.stringify({ committedAt: Date.now(), localDay: logged.contact.localDay, id: logged.contact.id }));
  }
} finally {
  await core.close();
}
