import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import type { Change, ChangeOrigin } from '../../core/base/changes';
import { refusal } from '../support/refusal';
import { openSecondCore, type SecondCore } from '../support/second-core';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The connection a process listens on for other PCs' changes breaks (a server restart, a network
 * cut): meanwhile the process must still judge taps by the current catalog, and once it listens
 * again every screen re-reads, since what was said in between was not heard.
 */

let a: TempCore;
let b: SecondCore;

afterEach(async () => {
  await b?.close();
  await a?.dispose();
});

/** Ends B's listening connection from the server side, as a server restart would. */
async function cutListener(core: SecondCore): Promise<number> {
  if (core.database.dialect !== 'postgres') throw new Error('PostgreSQL only');
  const name = core.database.applicationName;
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${name} and query ilike 'listen%'`.execute(
    a.database.db,
  );
  for (const { pid } of rows) await sql`select pg_terminate_backend(${pid})`.execute(a.database.db);
  return rows.length;
}

describe('the listening connection to PostgreSQL', () => {
  it('cut: taps are still judged by the current catalog; back: every screen re-reads, and taps elsewhere are heard again', async () => {
    a = await openTempCore();
    b = await openSecondCore(a);
    const heard: { change: Change; origin: ChangeOrigin }[] = [];
    b.api.changes.subscribe((change, origin) => heard.push({ change, origin }));
    const catalog = await b.client.getCatalog({});
    const work = catalog.topics.find((t) => t.labelDe === 'Arbeit')!.id;
    const german = catalog.languages.find((l) => l.code === 'de')!.id;
    const tap = (topicId: number) => ({ topicIds: [topicId], languageId: german, channel: 'in_person' as const, asker: 'citizen' as const });

    expect(await cutListener(b)).toBe(1);
    await a.client.setCatalogEntryRetired({ kind: 'topic', id: work, retired: true });
    expect((await refusal(b.deskClient.logContact(tap(work)))).body).toMatchObject({ code: 'invalid_input', field: 'topicIds.0' });
    // B's screens see it too, though no notice can reach B now.
    await vi.waitFor(async () => expect((await b.client.getCatalog({})).topics.find((t) => t.id === work)?.retired).toBe(true), {
      timeout: 15_000,
      interval: 100,
    });

    // Listening again (after about a second): everything is announced once, as heard from elsewhere.
    await vi.waitFor(
      () => expect(heard.filter((h) => h.origin === 'remote').map((h) => h.change.kind)).toEqual(expect.arrayContaining(['catalog', 'contacts', 'devices'])),
      {
        timeout: 30_000,
        interval: 100,
      },
    );
    heard.length = 0;
    const other = catalog.topics.find((t) => t.id !== work)!.id;
    const logged = await a.deskClient.logContact(tap(other));
    await vi.waitFor(() => expect(heard).toContainEqual({ change: { kind: 'contacts', days: [logged.contact.localDay] }, origin: 'remote' }), {
      timeout: 15_000,
      interval: 50,
    });
  });
});
